using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using UpsPS.Engine.Drivers.UsbHid.Transport;

namespace UpsPS.Engine.Drivers.UsbHid
{
    /// <summary>ups.conf device filters (vendorid, productid, vendor, product, serial, bus, device, busport): case-insensitive regexes that must all match the whole value.</summary>
    public sealed class HidDeviceMatcher
    {
        public static readonly string[] Keys = { "vendorid", "productid", "vendor", "product", "serial", "bus", "device", "busport" };

        private readonly List<(string Key, Regex Pattern)> _filters = new List<(string, Regex)>();

        public HidDeviceMatcher(Func<string, string?> option)
        {
            foreach (var key in Keys)
            {
                var value = option(key);
                if (value == null) continue;
                try { _filters.Add((key, new Regex("^(?:" + value + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))); }
                catch (ArgumentException e) { throw new DriverException($"invalid regular expression for {key}: {e.Message}", e); }
            }
        }

        public bool Matches(HidDeviceInfo info)
        {
            foreach (var (key, pattern) in _filters)
            {
                var value = key switch
                {
                    "vendorid" => info.VendorIdText,
                    "productid" => info.ProductIdText,
                    "vendor" => info.Manufacturer,
                    "product" => info.Product,
                    "serial" => info.Serial,
                    "bus" => info.Bus,
                    "device" => info.Device,
                    _ => info.BusPort,
                };
                if (value == null || !pattern.IsMatch(value.Trim())) return false;
            }
            return true;
        }
    }
}
