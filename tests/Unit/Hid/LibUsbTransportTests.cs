using System;
using System.IO;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Drivers.UsbHid.Transport.LibUsb;
using Xunit;

namespace UpsPS.Tests.Unit.Hid
{
    public class LibUsbTransportTests
    {
        /// <summary>
        /// Debian/Ubuntu ship only libusb-1.0.so.0 (no unversioned .so without the -dev package); the transport must still
        /// load it. With no USB device here, opening ends in NotFound or an init error, never "library missing".
        /// </summary>
        [SkippableFact]
        public void LoadsTheVersionedLibusbOfLinuxDistributions()
        {
            Skip.IfNot(OperatingSystem.IsLinux(), "Linux file names");
            Skip.IfNot(File.Exists("/lib/x86_64-linux-gnu/libusb-1.0.so.0") || File.Exists("/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0"),
                "libusb-1.0-0 is not installed (tools/install-deps.sh installs it)");
            var e = Assert.Throws<HidTransportException>(() => new LibUsbDeviceProvider().Open(_ => false));
            Assert.NotEqual(HidFault.Unsupported, e.Fault);
        }
    }
}
