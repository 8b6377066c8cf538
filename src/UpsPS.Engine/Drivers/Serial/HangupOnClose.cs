using System;
using System.IO;
using System.IO.Ports;
using System.Runtime.InteropServices;

namespace UpsPS.Engine.Drivers.Serial
{
    /// <summary>
    /// The termios HUPCL flag of an open port: when set, closing the port drops DTR/RTS. Contact-closure cables draw
    /// their power from those lines, so genericups clears it (serial.md §3.1). Windows has no such flag.
    /// </summary>
    public static class HangupOnClose
    {
        // struct termios: tcflag_t is 4 bytes on Linux (c_cflag at offset 8) and 8 bytes on macOS (offset 16).
        private const int LinuxHupcl = 0x400, MacHupcl = 0x4000;
        private const int TermiosBufferSize = 256;
        private const int Tcsanow = 0;

        /// <summary>True/false on Linux and macOS; null where the flag does not exist or the handle is unreachable.</summary>
        public static bool? IsSet(SerialPort port) =>
            WithTermios(port, (termios, layout) => (ReadCflag(termios, layout) & layout.Hupcl) != 0, write: false);

        /// <summary>Clears HUPCL; false where the flag does not exist. Throws <see cref="IOException"/> when the OS refuses.</summary>
        public static bool Clear(SerialPort port) => Set(port, false);

        /// <summary>Sets or clears HUPCL; false where the flag does not exist.</summary>
        public static bool Set(SerialPort port, bool enabled) =>
            WithTermios(port, (termios, layout) =>
            {
                var cflag = ReadCflag(termios, layout);
                WriteCflag(termios, layout, enabled ? cflag | (long)layout.Hupcl : cflag & ~(long)layout.Hupcl);
                return true;
            }, write: true) ?? false;

        private sealed class Layout
        {
            public Layout(int offset, int size, int hupcl) { Offset = offset; Size = size; Hupcl = hupcl; }
            public int Offset { get; }
            public int Size { get; }
            public int Hupcl { get; }
        }

        private static Layout? CurrentLayout()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return new Layout(8, 4, LinuxHupcl);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return new Layout(16, 8, MacHupcl);
            return null;
        }

        private static long ReadCflag(byte[] termios, Layout layout) =>
            layout.Size == 4 ? BitConverter.ToUInt32(termios, layout.Offset) : BitConverter.ToInt64(termios, layout.Offset);

        private static void WriteCflag(byte[] termios, Layout layout, long value)
        {
            var bytes = layout.Size == 4 ? BitConverter.GetBytes((uint)value) : BitConverter.GetBytes(value);
            Array.Copy(bytes, 0, termios, layout.Offset, bytes.Length);
        }

        private static bool? WithTermios(SerialPort port, Func<byte[], Layout, bool> use, bool write)
        {
            var layout = CurrentLayout();
            if (layout == null) return null;
            var handle = ModemStatusReader.FindHandle(port);
            if (handle == null) return null;
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var fd = handle.DangerousGetHandle().ToInt32();
                var termios = new byte[TermiosBufferSize];
                if (tcgetattr(fd, termios) != 0) throw new IOException($"tcgetattr failed (errno {Marshal.GetLastWin32Error()})");
                var result = use(termios, layout);
                if (write && tcsetattr(fd, Tcsanow, termios) != 0) throw new IOException($"tcsetattr failed (errno {Marshal.GetLastWin32Error()})");
                return result;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException) { return null; }
            finally { if (added) handle.DangerousRelease(); }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int tcgetattr(int fd, byte[] termios);

        [DllImport("libc", SetLastError = true)]
        private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);
    }
}
