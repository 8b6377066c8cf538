using System;
using System.Runtime.InteropServices;
using UpsPS.Engine.Drivers.UsbHid.Transport.LibUsb;
using UpsPS.Engine.Drivers.UsbHid.Transport.Linux;
using UpsPS.Engine.Drivers.UsbHid.Transport.Windows;

namespace UpsPS.Engine.Drivers.UsbHid.Transport
{
    /// <summary>Chooses the native backend: hidraw on Linux, hid.dll on Windows, libusb-1.0 elsewhere (macOS, BSD).</summary>
    public static class HidPlatform
    {
        public static IHidDeviceProvider CreateProvider(string port)
        {
            if (port.StartsWith("libusb:", StringComparison.OrdinalIgnoreCase)) return new LibUsbDeviceProvider();
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return new HidrawDeviceProvider(port);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return new WindowsHidDeviceProvider(port);
            return new LibUsbDeviceProvider();
        }
    }
}
