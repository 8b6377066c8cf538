using System.Globalization;

namespace UpsPS.Engine.Drivers.UsbHid.Transport
{
    /// <summary>What matching and the identity variables need to know about one USB HID device.</summary>
    public sealed class HidDeviceInfo
    {
        public ushort VendorId { get; set; }
        public ushort ProductId { get; set; }
        public ushort BcdDevice { get; set; }
        public string? Manufacturer { get; set; }
        public string? Product { get; set; }
        public string? Serial { get; set; }
        public string? Bus { get; set; }
        public string? Device { get; set; }
        public string? BusPort { get; set; }
        /// <summary>OS path of the device node or interface (/dev/hidraw0, \\?\hid#..., libusb bus:address).</summary>
        public string Path { get; set; } = "";

        public string VendorIdText => VendorId.ToString("x4", CultureInfo.InvariantCulture);
        public string ProductIdText => ProductId.ToString("x4", CultureInfo.InvariantCulture);

        public override string ToString() => $"{VendorIdText}:{ProductIdText} {Manufacturer} {Product} ({Path})";
    }
}
