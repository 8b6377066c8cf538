using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Drivers.UsbHid.Transport.LibUsb
{
    /// <summary>
    /// libusb-1.0 through P/Invoke (macOS, BSD, or <c>port = libusb:</c>): control transfers for the descriptors
    /// and feature reports (spec §2.2), interrupt IN on endpoint 0x81. Detaches the kernel HID driver like NUT.
    /// </summary>
    public sealed class LibUsbDeviceProvider : IHidDeviceProvider
    {
        public string Name => "libusb";

        public IHidDevice Open(Func<HidDeviceInfo, bool> accept)
        {
            LibUsbNative.RegisterAliases();
            IntPtr context;
            try { Check(LibUsbNative.libusb_init(out context), "libusb_init"); }
            catch (DllNotFoundException e) { throw new HidTransportException(HidFault.Unsupported, "libusb-1.0 is not installed", e); }
            var count = (long)LibUsbNative.libusb_get_device_list(context, out var list);
            HidTransportException? denied = null;
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var dev = Marshal.ReadIntPtr(list, i * IntPtr.Size);
                    var desc = new byte[18];
                    if (LibUsbNative.libusb_get_device_descriptor(dev, desc) != 0) continue;
                    var info = new HidDeviceInfo
                    {
                        VendorId = BitConverter.ToUInt16(desc, 8),
                        ProductId = BitConverter.ToUInt16(desc, 10),
                        BcdDevice = BitConverter.ToUInt16(desc, 12),
                        Bus = LibUsbNative.libusb_get_bus_number(dev).ToString("000"),
                        Device = LibUsbNative.libusb_get_device_address(dev).ToString("000"),
                    };
                    info.Path = $"libusb:{info.Bus}:{info.Device}";
                    var rc = LibUsbNative.libusb_open(dev, out var handle);
                    if (rc == LibUsbNative.LIBUSB_ERROR_ACCESS)
                    {
                        denied = new HidTransportException(HidFault.AccessDenied,
                            $"permission denied opening USB device {info.VendorIdText}:{info.ProductIdText} at bus {info.Bus}; " +
                            $"add a udev rule SUBSYSTEM==\"usb\", ATTR{{idVendor}}==\"{info.VendorIdText}\", MODE=\"0660\", GROUP=\"nut\"");
                        continue;
                    }
                    if (rc != 0) continue;
                    var device = new LibUsbDevice(context, handle, info);
                    info.Manufacturer = device.GetString(desc[14]);
                    info.Product = device.GetString(desc[15]);
                    info.Serial = device.GetString(desc[16]);
                    if (accept(info))
                    {
                        try { device.Claim(); }
                        catch (HidTransportException) { device.CloseHandleOnly(); throw; }
                        context = IntPtr.Zero;   // owned by the device now
                        return device;
                    }
                    device.CloseHandleOnly();
                }
            }
            finally
            {
                LibUsbNative.libusb_free_device_list(list, 1);
                if (context != IntPtr.Zero) LibUsbNative.libusb_exit(context);
            }
            throw denied ?? new HidTransportException(HidFault.NotFound, "no matching USB HID UPS found (libusb)");
        }

        internal static void Check(int rc, string what)
        {
            if (rc >= 0) return;
            var fault = rc == LibUsbNative.LIBUSB_ERROR_NO_DEVICE ? HidFault.Disconnected
                : rc == LibUsbNative.LIBUSB_ERROR_ACCESS ? HidFault.AccessDenied : HidFault.Io;
            throw new HidTransportException(fault, $"{what} failed (libusb error {rc})");
        }
    }

    internal sealed class LibUsbDevice : IHidDevice
    {
        private const int Interface = 0, Timeout = 5000;
        private IntPtr _context, _handle;

        public LibUsbDevice(IntPtr context, IntPtr handle, HidDeviceInfo info) { _context = context; _handle = handle; Info = info; }

        public HidDeviceInfo Info { get; }

        public void Claim()
        {
            if (LibUsbNative.libusb_kernel_driver_active(_handle, Interface) == 1) LibUsbNative.libusb_detach_kernel_driver(_handle, Interface);
            LibUsbDeviceProvider.Check(LibUsbNative.libusb_claim_interface(_handle, Interface), "libusb_claim_interface");
        }

        public void CloseHandleOnly() { LibUsbNative.libusb_close(_handle); _handle = IntPtr.Zero; }

        public byte[] GetReportDescriptor()
        {
            var hid = new byte[9];
            LibUsbDeviceProvider.Check(LibUsbNative.libusb_control_transfer(_handle, 0x81, 0x06, 0x2100, Interface, hid, 9, Timeout), "GET_DESCRIPTOR(HID)");
            var length = BitConverter.ToUInt16(hid, 7);
            var desc = new byte[length];
            var n = LibUsbNative.libusb_control_transfer(_handle, 0x81, 0x06, 0x2200, Interface, desc, length, Timeout);
            LibUsbDeviceProvider.Check(n, "GET_DESCRIPTOR(Report)");
            Array.Resize(ref desc, n);
            return desc;
        }

        public int GetFeatureReport(byte reportId, byte[] buffer)
        {
            var n = LibUsbNative.libusb_control_transfer(_handle, 0xA1, 0x01, (ushort)(0x0300 | reportId), Interface, buffer, (ushort)buffer.Length, Timeout);
            LibUsbDeviceProvider.Check(n, $"GET_REPORT(0x{reportId:x2})");
            return n;
        }

        public void SetFeatureReport(byte[] report) =>
            LibUsbDeviceProvider.Check(LibUsbNative.libusb_control_transfer(_handle, 0x21, 0x09, (ushort)(0x0300 | report[0]), Interface, report, (ushort)report.Length, Timeout), $"SET_REPORT(0x{report[0]:x2})");

        public Task<byte[]?> ReadInputReportAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.Run(() =>
        {
            var buffer = new byte[64];
            var rc = LibUsbNative.libusb_interrupt_transfer(_handle, 0x81, buffer, buffer.Length, out var transferred, (uint)timeout.TotalMilliseconds);
            if (rc == LibUsbNative.LIBUSB_ERROR_TIMEOUT) return null;
            LibUsbDeviceProvider.Check(rc, "interrupt read");
            var result = new byte[transferred];
            Array.Copy(buffer, result, transferred);
            return (byte[]?)result;
        }, cancellationToken);

        public string? GetString(int index)
        {
            if (index <= 0 || _handle == IntPtr.Zero) return null;
            var buffer = new byte[256];
            var n = LibUsbNative.libusb_get_string_descriptor_ascii(_handle, (byte)index, buffer, buffer.Length);
            return n > 0 ? Encoding.ASCII.GetString(buffer, 0, n) : null;
        }

        public void Dispose()
        {
            if (_handle != IntPtr.Zero) { LibUsbNative.libusb_release_interface(_handle, Interface); LibUsbNative.libusb_close(_handle); _handle = IntPtr.Zero; }
            if (_context != IntPtr.Zero) { LibUsbNative.libusb_exit(_context); _context = IntPtr.Zero; }
        }
    }

    internal static class LibUsbNative
    {
        private const string Lib = "libusb-1.0";

        /// <summary>Distribution file names: Linux runtime package, macOS (Homebrew/MacPorts), FreeBSD's libusb 1.0 API.</summary>
        public static void RegisterAliases() =>
            NativeLibraryAliases.Add(Lib, "libusb-1.0.so.0", "libusb-1.0.0.dylib", "libusb-1.0.dylib", "libusb.so.3", "libusb-1.0.dll");
        public const int LIBUSB_ERROR_ACCESS = -3, LIBUSB_ERROR_NO_DEVICE = -4, LIBUSB_ERROR_TIMEOUT = -7;

        [DllImport(Lib)] public static extern int libusb_init(out IntPtr context);
        [DllImport(Lib)] public static extern void libusb_exit(IntPtr context);
        [DllImport(Lib)] public static extern IntPtr libusb_get_device_list(IntPtr context, out IntPtr list);
        [DllImport(Lib)] public static extern void libusb_free_device_list(IntPtr list, int unref);
        [DllImport(Lib)] public static extern int libusb_get_device_descriptor(IntPtr device, byte[] descriptor);
        [DllImport(Lib)] public static extern byte libusb_get_bus_number(IntPtr device);
        [DllImport(Lib)] public static extern byte libusb_get_device_address(IntPtr device);
        [DllImport(Lib)] public static extern int libusb_open(IntPtr device, out IntPtr handle);
        [DllImport(Lib)] public static extern void libusb_close(IntPtr handle);
        [DllImport(Lib)] public static extern int libusb_kernel_driver_active(IntPtr handle, int iface);
        [DllImport(Lib)] public static extern int libusb_detach_kernel_driver(IntPtr handle, int iface);
        [DllImport(Lib)] public static extern int libusb_claim_interface(IntPtr handle, int iface);
        [DllImport(Lib)] public static extern int libusb_release_interface(IntPtr handle, int iface);
        [DllImport(Lib)] public static extern int libusb_control_transfer(IntPtr handle, byte requestType, byte request, ushort value, ushort index, byte[] data, ushort length, uint timeout);
        [DllImport(Lib)] public static extern int libusb_interrupt_transfer(IntPtr handle, byte endpoint, byte[] data, int length, out int transferred, uint timeout);
        [DllImport(Lib)] public static extern int libusb_get_string_descriptor_ascii(IntPtr handle, byte index, byte[] data, int length);
    }
}
