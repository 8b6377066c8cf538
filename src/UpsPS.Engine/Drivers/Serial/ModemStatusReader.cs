using System;
using System.ComponentModel;
using System.IO;
using System.IO.Ports;
using System.Reflection;
using System.Runtime.InteropServices;

namespace UpsPS.Engine.Drivers.Serial
{
    /// <summary>
    /// Reads all four modem input lines, RI included, straight from the OS (serial.md §3.3): TIOCMGET on Linux and
    /// macOS, GetCommModemStatus on Windows. System.IO.Ports exposes CTS, DCD and DSR but not RI.
    /// </summary>
    public static class ModemStatusReader
    {
        // <termios.h> TIOCM_* bits (the same values on Linux and the BSDs/macOS).
        public const int TiocmCts = 0x020, TiocmCar = 0x040, TiocmRng = 0x080, TiocmDsr = 0x100;

        // <winbase.h> MS_* bits.
        public const uint MsCtsOn = 0x10, MsDsrOn = 0x20, MsRingOn = 0x40, MsRlsdOn = 0x80;

        private const uint LinuxTiocmget = 0x5415, MacTiocmget = 0x4004746a;
        private const int Enotty = 25;

        /// <summary>Input lines from a TIOCMGET result.</summary>
        public static ModemLineState DecodeTiocm(int bits)
        {
            var state = ModemLineState.None;
            if ((bits & TiocmCts) != 0) state |= ModemLineState.Cts;
            if ((bits & TiocmCar) != 0) state |= ModemLineState.Dcd;
            if ((bits & TiocmRng) != 0) state |= ModemLineState.Ring;
            if ((bits & TiocmDsr) != 0) state |= ModemLineState.Dsr;
            return state;
        }

        /// <summary>Input lines from a GetCommModemStatus result.</summary>
        public static ModemLineState DecodeWin32(uint status)
        {
            var state = ModemLineState.None;
            if ((status & MsCtsOn) != 0) state |= ModemLineState.Cts;
            if ((status & MsRlsdOn) != 0) state |= ModemLineState.Dcd;
            if ((status & MsRingOn) != 0) state |= ModemLineState.Ring;
            if ((status & MsDsrOn) != 0) state |= ModemLineState.Dsr;
            return state;
        }

        /// <summary>
        /// The lines of an open <paramref name="port"/>; null when the OS handle cannot be reached (then the caller
        /// falls back to the SerialPort properties). A device without modem lines (a pty) throws <see cref="IOException"/>.
        /// </summary>
        public static ModemLineState? TryRead(SerialPort port)
        {
            var handle = FindHandle(port);
            if (handle == null) return null;
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var raw = handle.DangerousGetHandle();
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    if (!GetCommModemStatus(raw, out var status)) throw new IOException(new Win32Exception(Marshal.GetLastWin32Error()).Message);
                    return DecodeWin32(status);
                }
                var request = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? MacTiocmget : LinuxTiocmget;
                if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && !RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return null;
                var bits = 0;
                if (ioctl(raw.ToInt32(), new UIntPtr(request), ref bits) != 0)
                {
                    var errno = Marshal.GetLastWin32Error();
                    throw new IOException(errno == Enotty ? "TIOCMGET: inappropriate ioctl for device" : $"TIOCMGET failed (errno {errno})");
                }
                return DecodeTiocm(bits);
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException) { return null; }
            finally { if (added) handle.DangerousRelease(); }
        }

        // System.IO.Ports keeps the OS handle in a private field of its stream (SafeHandle on every platform).
        internal static SafeHandle? FindHandle(SerialPort port)
        {
            try
            {
                var stream = port.BaseStream;
                for (var type = stream.GetType(); type != null; type = type.BaseType)
                    foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic))
                        if (typeof(SafeHandle).IsAssignableFrom(field.FieldType) && field.GetValue(stream) is SafeHandle h && !h.IsInvalid && !h.IsClosed)
                            return h;
            }
            catch (Exception e) when (e is InvalidOperationException || e is FieldAccessException || e is TargetException) { }
            return null;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int ioctl(int fd, UIntPtr request, ref int argument);

        [DllImport("kernel32.dll", SetLastError = true)]
        private static extern bool GetCommModemStatus(IntPtr handle, out uint status);
    }
}
