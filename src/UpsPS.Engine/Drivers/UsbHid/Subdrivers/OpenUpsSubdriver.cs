using System.Collections.Generic;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>openUPS (04d8:d004 / d005): PowerSummary-only table whose line voltages and currents need a per-model factor.</summary>
    public sealed class OpenUpsSubdriver : HidSubdriver
    {
        public override string Name => "openups";
        public override string Version => "openUPS HID 0.5";

        protected override IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices { get; } = new[] { ((ushort)0x04d8, P(0xd004, 0xd005)) };

        public override string? FormatManufacturer(string? manufacturer, Transport.HidDeviceInfo info) =>
            string.IsNullOrEmpty(manufacturer) ? "openUPS" : manufacturer;

        public override IReadOnlyList<HidMappingRow> Table { get; } = BuildTable();

        private static IReadOnlyList<HidMappingRow> BuildTable()
        {
            var rows = new List<HidMappingRow>
            {
                V("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("battery.mfr.date", "UPS.PowerSummary.iOEMInformation", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("battery.voltage", "UPS.PowerSummary.Voltage", "%.2f", HidRowFlags.QuickPoll),
                V("battery.current", "UPS.PowerSummary.Current", "%.3f", HidRowFlags.QuickPoll),
                V("battery.capacity", "UPS.PowerSummary.DesignCapacity", flags: HidRowFlags.Static),
                V("battery.charge", "UPS.PowerSummary.RemainingCapacity", flags: HidRowFlags.QuickPoll),
                V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", flags: HidRowFlags.QuickPoll),
                V("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit"),
                V("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty", flags: HidRowFlags.QuickPoll),
                V("battery.temperature", "UPS.PowerSummary.Temperature", "%s", HidRowFlags.QuickPoll, HidConverters.KelvinToCelsius),
                V("output.voltage", "UPS.PowerSummary.Output.Voltage", "%.2f", HidRowFlags.QuickPoll),
                V("output.current", "UPS.PowerSummary.Output.Current", "%.3f", HidRowFlags.QuickPoll),
                V("input.voltage", "UPS.PowerSummary.Input.Voltage", "%.2f", HidRowFlags.QuickPoll),
                V("input.current", "UPS.PowerSummary.Input.Current", "%.3f", HidRowFlags.QuickPoll),
            };
            rows.AddRange(StandardBools("UPS.PowerSummary.PresentStatus"));
            return rows;
        }

        /// <summary>(input V, output V, charge A, discharge A) factors: d004 from its resistor dividers, d005 0.1.</summary>
        public static (double Vin, double Vout, double Charge, double Discharge) Scales(ushort productId) => productId switch
        {
            0xd004 => (0.03545 * 100, 0.02571 * 100, 0.8274 / 10, 16.113 / 10),
            0xd005 => (0.1, 0.1, 0.1, 0.1),
            _ => (1, 1, 1, 1),
        };

        public override double AdjustValue(HidMappingRow row, double value, HidSubdriverContext context)
        {
            var s = Scales(context.Info.ProductId);
            return row.Name switch
            {
                "input.voltage" => value * s.Vin,
                "output.voltage" => value * s.Vout,
                "input.current" => value * s.Charge,
                "output.current" => value * s.Discharge,
                _ => value,
            };
        }
    }
}
