using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Drivers.UsbHid.Transport.Linux
{
    /// <summary>
    /// Linux /dev/hidrawN through libc: sysfs for enumeration and the USB strings, HIDIOCGFEATURE/HIDIOCSFEATURE
    /// for feature reports, poll+read for Input reports. Shares the device with the kernel's HID driver (no detach).
    /// <c>port = auto</c> scans all hidraw nodes; <c>port = /dev/hidrawN</c> uses that node only.
    /// </summary>
    public sealed class HidrawDeviceProvider : IHidDeviceProvider
    {
        public const string UdevHint =
            "add a udev rule such as SUBSYSTEM==\"hidraw\", ATTRS{idVendor}==\"{0}\", MODE=\"0660\", GROUP=\"nut\" " +
            "(e.g. /etc/udev/rules.d/62-upsps-hidraw.rules, then `udevadm control --reload && udevadm trigger`) " +
            "and run UpsPS as a member of that group";

        private readonly string _port;

        public HidrawDeviceProvider(string port) => _port = port;

        public string Name => "hidraw";

        public IHidDevice Open(Func<HidDeviceInfo, bool> accept)
        {
            var nodes = _port.StartsWith("/dev/hidraw", StringComparison.Ordinal)
                ? new[] { Path.GetFileName(_port) }
                : (Directory.Exists("/sys/class/hidraw") ? Directory.GetDirectories("/sys/class/hidraw").Select(Path.GetFileName).ToArray() : new string[0]);
            HidTransportException? denied = null;
            foreach (var node in nodes.OrderBy(n => n, StringComparer.Ordinal))
            {
                var info = Describe(node!);
                if (info == null || !accept(info)) continue;
                var fd = Native.open(info.Path, Native.O_RDWR | Native.O_CLOEXEC);
                if (fd < 0)
                {
                    var errno = Marshal.GetLastWin32Error();
                    if (errno == Native.EACCES || errno == Native.EPERM)
                    {
                        denied = new HidTransportException(HidFault.AccessDenied,
                            $"Permission denied opening {info.Path} ({info}); " + UdevHint.Replace("{0}", info.VendorIdText));
                        continue;
                    }
                    throw new HidTransportException(HidFault.Io, $"cannot open {info.Path}: errno {errno}");
                }
                return new HidrawDevice(fd, info, node!);
            }
            throw denied ?? new HidTransportException(HidFault.NotFound, "no matching USB HID UPS found among /dev/hidraw*");
        }

        /// <summary>Identity of a hidraw node from sysfs (the USB device is an ancestor of the HID device).</summary>
        public static HidDeviceInfo? Describe(string node)
        {
            var device = $"/sys/class/hidraw/{node}/device";
            var uevent = ReadText(Path.Combine(device, "uevent"));
            if (uevent == null) return null;
            var hidId = uevent.Split('\n').FirstOrDefault(l => l.StartsWith("HID_ID=", StringComparison.Ordinal));
            if (hidId == null) return null;
            var parts = hidId.Substring(7).Split(':');
            if (parts.Length != 3 || parts[0] != "0003") return null;          // USB bus only
            var info = new HidDeviceInfo
            {
                VendorId = (ushort)uint.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ProductId = (ushort)uint.Parse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                Path = "/dev/" + node,
            };
            string? usb = null;
            try
            {
                var dir = new DirectoryInfo(device).FullName;
                var resolved = Native.RealPath(dir) ?? dir;
                for (var d = new DirectoryInfo(resolved); d != null; d = d.Parent)
                    if (File.Exists(Path.Combine(d.FullName, "idVendor"))) { usb = d.FullName; break; }
            }
            catch (IOException) { }
            if (usb != null)
            {
                info.Manufacturer = ReadText(Path.Combine(usb, "manufacturer"))?.TrimEnd('\n');
                info.Product = ReadText(Path.Combine(usb, "product"))?.TrimEnd('\n');
                info.Serial = ReadText(Path.Combine(usb, "serial"))?.TrimEnd('\n');
                info.Bus = ReadText(Path.Combine(usb, "busnum"))?.Trim().PadLeft(3, '0');
                info.Device = ReadText(Path.Combine(usb, "devnum"))?.Trim().PadLeft(3, '0');
                info.BusPort = Path.GetFileName(usb);
                if (ushort.TryParse(ReadText(Path.Combine(usb, "bcdDevice"))?.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bcd))
                    info.BcdDevice = bcd;
            }
            return info;
        }

        private static string? ReadText(string path)
        {
            try { return File.Exists(path) ? File.ReadAllText(path) : null; }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return null; }
        }
    }

    internal sealed class HidrawDevice : IHidDevice
    {
        private int _fd;
        private readonly string _node;

        public HidrawDevice(int fd, HidDeviceInfo info, string node)
        {
            _fd = fd;
            Info = info;
            _node = node;
        }

        public HidDeviceInfo Info { get; }

        public byte[] GetReportDescriptor()
        {
            var size = new byte[4];
            Check(Native.ioctl(_fd, Native.HIDIOCGRDESCSIZE, size), "HIDIOCGRDESCSIZE");
            var length = BitConverter.ToInt32(size, 0);
            var desc = new byte[4 + Native.HID_MAX_DESCRIPTOR_SIZE];
            BitConverter.GetBytes(length).CopyTo(desc, 0);
            Check(Native.ioctl(_fd, Native.HIDIOCGRDESC, desc), "HIDIOCGRDESC");
            return desc.Skip(4).Take(length).ToArray();
        }

        public int GetFeatureReport(byte reportId, byte[] buffer)
        {
            buffer[0] = reportId;
            var n = Native.ioctl(_fd, Native.Ioc(3, 0x07, buffer.Length), buffer);
            Check(n, $"HIDIOCGFEATURE(0x{reportId:x2})");
            return n;
        }

        public void SetFeatureReport(byte[] report) =>
            Check(Native.ioctl(_fd, Native.Ioc(3, 0x06, report.Length), report), $"HIDIOCSFEATURE(0x{report[0]:x2})");

        public Task<byte[]?> ReadInputReportAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.Run(() =>
        {
            var fds = new[] { new Native.PollFd { fd = _fd, events = Native.POLLIN } };
            var ready = Native.poll(fds, 1, (int)timeout.TotalMilliseconds);
            if (ready < 0) Check(-1, "poll");
            if (ready == 0) return null;
            if ((fds[0].revents & (Native.POLLERR | Native.POLLHUP)) != 0)
                throw new HidTransportException(HidFault.Disconnected, $"{Info.Path} hung up");
            var buffer = new byte[4096];
            var n = (int)Native.read(_fd, buffer, (UIntPtr)buffer.Length);
            Check(n, "read");
            return (byte[]?)buffer.Take(n).ToArray();
        }, cancellationToken);

        /// <summary>hidraw reaches only the three standard strings (from sysfs); other indexes are unavailable.</summary>
        public string? GetString(int index) => null;

        private void Check(int result, string what)
        {
            if (result >= 0) return;
            var errno = Marshal.GetLastWin32Error();
            if (errno == Native.ENODEV || errno == Native.ENOENT || errno == Native.ESHUTDOWN)
                throw new HidTransportException(HidFault.Disconnected, $"{what} on {Info.Path}: device gone (errno {errno})");
            if (errno == Native.EACCES || errno == Native.EPERM)
                throw new HidTransportException(HidFault.AccessDenied, $"{what} on {Info.Path}: permission denied");
            throw new HidTransportException(HidFault.Io, $"{what} on {Info.Path} failed (errno {errno})");
        }

        public void Dispose()
        {
            var fd = Interlocked.Exchange(ref _fd, -1);
            if (fd >= 0) Native.close(fd);
        }
    }

    internal static class Native
    {
        public const int O_RDWR = 2, O_CLOEXEC = 0x80000;
        public const int EPERM = 1, ENOENT = 2, EACCES = 13, ENODEV = 19, ESHUTDOWN = 108;
        public const short POLLIN = 1, POLLERR = 8, POLLHUP = 16;
        public const int HID_MAX_DESCRIPTOR_SIZE = 4096;
        public static readonly UIntPtr HIDIOCGRDESCSIZE = (UIntPtr)0x80044801u;
        public static readonly UIntPtr HIDIOCGRDESC = (UIntPtr)0x90044802u;

        /// <summary>_IOC(dir, 'H', nr, size); dir 3 = read|write.</summary>
        public static UIntPtr Ioc(uint dir, uint nr, int size) => (UIntPtr)(dir << 30 | (uint)size << 16 | 0x48u << 8 | nr);

        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd { public int fd; public short events; public short revents; }

        [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags);
        [DllImport("libc", SetLastError = true)] public static extern int close(int fd);
        [DllImport("libc", SetLastError = true)] public static extern int ioctl(int fd, UIntPtr request, byte[] data);
        [DllImport("libc", SetLastError = true)] public static extern IntPtr read(int fd, byte[] buffer, UIntPtr count);
        [DllImport("libc", SetLastError = true)] public static extern int poll([In, Out] PollFd[] fds, ulong nfds, int timeout);
        [DllImport("libc", SetLastError = true)] private static extern IntPtr realpath(string path, IntPtr resolved);
        [DllImport("libc")] private static extern void free(IntPtr p);

        public static string? RealPath(string path)
        {
            var p = realpath(path, IntPtr.Zero);
            if (p == IntPtr.Zero) return null;
            try { return Marshal.PtrToStringAnsi(p); } finally { free(p); }
        }
    }
}
