using System;
using System.Collections.Generic;
using System.Linq;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>CyberPower (0764, 0483:a430), spec §9.3: descriptor fixups and the 0501 battery/frequency scalings.</summary>
    public sealed class CyberPowerSubdriver : HidSubdriver
    {
        public override string Name => "cps";
        public override string Version => "CyberPower HID 0.8";
        public override int DefaultOnDelay => 120;
        public override int DefaultOffDelay => 60;
        public override int DefaultPollFrequency => 12;

        private static readonly HidUsageTable Names = HidUsageTable.FromPairs(HidUsageTable.Generic,
            0xff0100d0, "CPSFirmwareVersion", 0xff010043, "CPSInputSensitivity");

        public override HidUsageTable Usages => Names;

        protected override IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices { get; } =
            new[] { ((ushort)0x0764, P(0x0005, 0x0501, 0x0601)), ((ushort)0x0483, P(0xa430)) };

        private static readonly HidLookupConverter Sensitivity = new HidLookupConverter((0, "low"), (1, "normal"), (2, "high"));

        public override IReadOnlyList<HidMappingRow> Table { get; } = BuildTable();

        private static IReadOnlyList<HidMappingRow> BuildTable()
        {
            var rows = new List<HidMappingRow>
            {
                V("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("battery.mfr.date", "UPS.Battery.ManufacturerDate", "%s", HidRowFlags.ReadWrite | HidRowFlags.String, HidConverters.Date),
                V("battery.mfr.date", "UPS.PowerSummary.iOEMInformation", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit"),
                V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", flags: HidRowFlags.ReadWrite),
                V("battery.charge", "UPS.PowerSummary.RemainingCapacity", converter: new HidFunctionConverter((v, c) => HidConverters.Format("%.0f", Math.Min(v, 100)))),
                V("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
                V("battery.runtime.low", "UPS.PowerSummary.RemainingTimeLimit", flags: HidRowFlags.ReadWrite),
                V("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%.1f"),
                V("battery.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
                V("battery.status", "UPS.PowerSummary.FullChargeCapacity", "%.0f%%"),
                V("ups.load", "UPS.Output.PercentLoad"),
                V("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", converter: HidConverters.Beeper),
                V("ups.test.result", "UPS.Output.Test", "%s", converter: HidConverters.TestResult),
                V("ups.power", "UPS.Output.ApparentPower"),
                V("ups.power.nominal", "UPS.Output.ConfigApparentPower", flags: HidRowFlags.Static),
                V("ups.realpower", "UPS.Output.ActivePower"),
                V("ups.realpower.nominal", "UPS.Output.ConfigActivePower", flags: HidRowFlags.Static),
                Delay("ups.delay.start", "UPS.Output.DelayBeforeStartup", "120"),
                Delay("ups.delay.shutdown", "UPS.Output.DelayBeforeShutdown", "60"),
                V("ups.timer.start", "UPS.Output.DelayBeforeStartup", flags: HidRowFlags.QuickPoll),
                V("ups.timer.shutdown", "UPS.Output.DelayBeforeShutdown", flags: HidRowFlags.QuickPoll),
                V("ups.timer.reboot", "UPS.Output.DelayBeforeReboot", flags: HidRowFlags.QuickPoll),
                V("ups.firmware", "UPS.PowerSummary.CPSFirmwareVersion", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("ups.temperature", "UPS.PowerSummary.Temperature", "%s", converter: HidConverters.KelvinToCelsius),
                V("input.frequency", "UPS.Input.Frequency", "%.1f"),
                V("input.voltage", "UPS.Input.Voltage", "%.1f"),
                V("input.voltage.nominal", "UPS.Input.ConfigVoltage", flags: HidRowFlags.Static),
                V("input.transfer.low", "UPS.Input.LowVoltageTransfer", flags: HidRowFlags.ReadWrite),
                V("input.transfer.low", "UPS.Output.LowVoltageTransfer", flags: HidRowFlags.ReadWrite),
                V("input.transfer.high", "UPS.Input.HighVoltageTransfer", flags: HidRowFlags.ReadWrite),
                V("input.transfer.high", "UPS.Output.HighVoltageTransfer", flags: HidRowFlags.ReadWrite),
                V("input.sensitivity", "UPS.Output.CPSInputSensitivity", "%s", HidRowFlags.ReadWrite | HidRowFlags.String, Sensitivity),
                V("output.frequency", "UPS.Output.Frequency", "%.1f"),
                V("output.voltage", "UPS.Output.Voltage", "%.1f"),
                V("output.voltage.nominal", "UPS.Output.ConfigVoltage", flags: HidRowFlags.Static),
                B("UPS.PowerSummary.PresentStatus.ACPresent", HidConverters.Online),
                B("UPS.PowerSummary.PresentStatus.Charging", HidConverters.Flag("chrg")),
                B("UPS.PowerSummary.PresentStatus.Discharging", HidConverters.Flag("dischrg")),
                B("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidConverters.Flag("lowbatt")),
                B("UPS.PowerSummary.PresentStatus.FullyCharged", HidConverters.Flag("fullycharged")),
                B("UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired", HidConverters.Flag("timelimitexp")),
                B("UPS.PowerSummary.PresentStatus.NeedReplacement", HidConverters.Flag("replacebatt")),
                B("UPS.Output.Boost", HidConverters.Flag("boost")),
                B("UPS.Output.Overload", HidConverters.Flag("overload")),
            };
            rows.AddRange(StandardCommands("UPS.Output", "UPS.Output.Test", "UPS.PowerSummary.AudibleAlarmControl"));
            return rows;
        }

        /// <summary>0501/0601: output/input voltage ranges copied from a transfer limit, signed LogMax, clipped realpower.nominal.</summary>
        public override void FixReportDescriptor(HidReportDescriptor d, HidDeviceInfo info)
        {
            if (info.VendorId != 0x0764 || (info.ProductId != 0x0501 && info.ProductId != 0x0601)) return;
            var hvt = FindItem(d, "UPS.Input.HighVoltageTransfer", 0x10) ?? FindItem(d, "UPS.Output.HighVoltageTransfer", 0x10);
            var output = FindAll(d, "UPS.Output.Voltage", 0x12).ToList();
            var input = FindAll(d, "UPS.Input.Voltage", 0x0f).ToList();
            if (hvt != null && output.Count > 0 && output[0].LogMin == hvt.LogMin && output[0].LogMax == hvt.LogMax)
            {
                foreach (var o in output) { o.LogMin = 0; o.LogMax = 511; }
                if (input.Count > 0 && input[0].LogMin == hvt.LogMin && input[0].LogMax == hvt.LogMax)
                    foreach (var i in input) { i.LogMin = 0; i.LogMax = 511; }
            }
            var assumed = output.Concat(input).Where(i => i.AssumedLogMax).ToList();
            if (assumed.Count > 0)
            {
                foreach (var a in assumed) if (a.LogMax < 511) a.LogMax = 511;
                if (output.Count > 0 && input.Count > 0)
                {
                    var o = output[0]; var i = input[0];
                    var smaller = o.LogMax < i.LogMax ? o : i;
                    var larger = ReferenceEquals(smaller, o) ? i : o;
                    if (smaller.AssumedLogMax)
                        foreach (var s in (ReferenceEquals(smaller, o) ? output : input)) s.LogMax = larger.LogMax;
                }
                foreach (var a in assumed)
                {
                    var cap = a.Size >= 63 ? long.MaxValue : (1L << a.Size) - 1;
                    if (a.LogMax > cap) a.LogMax = cap;
                }
            }
            foreach (var p in FindAll(d, "UPS.Output.ConfigActivePower", 0x18))
                if (p.LogMax < 2048) p.LogMax = 2048;
        }

        public override HidSubdriver Fresh() => new CyberPowerSubdriver();

        private double? _batteryScale;
        private readonly Dictionary<string, double> _frequencyScale = new Dictionary<string, double>();

        public override double AdjustValue(HidMappingRow row, double value, HidSubdriverContext context)
        {
            if (context.Info.VendorId != 0x0764 || context.Info.ProductId != 0x0501) return value;
            if (row.Name == "battery.voltage")
            {
                _batteryScale ??= NominalBatteryVoltage is double nominal && nominal > 0 && value / nominal > 1.4 ? 2.0 / 3 : 1.0;
                return value * _batteryScale.Value;
            }
            if (row.Name == "input.frequency" || row.Name == "output.frequency")
            {
                if (!_frequencyScale.TryGetValue(row.Name, out var scale))
                    _frequencyScale[row.Name] = scale = FrequencyScale(value, null);
                return value * scale;
            }
            if (row.Name == "battery.voltage.nominal") NominalBatteryVoltage = value;
            return value;
        }

        public double? NominalBatteryVoltage { get; set; }

        /// <summary>1.0 when the reading is a plausible frequency, 0.1 when reading/10 is (spec §9.3).</summary>
        public static double FrequencyScale(double reading, double? nominal)
        {
            if (nominal == null)
            {
                if ((reading >= 45 && reading <= 55) || (reading >= 450 && reading <= 550)) nominal = 50;
                else if ((reading > 55 && reading <= 65) || (reading > 550 && reading <= 650)) nominal = 60;
            }
            double low = nominal.HasValue ? nominal.Value * 0.95 : 45, high = nominal.HasValue ? nominal.Value * 1.05 : 65;
            if (reading >= low && reading <= high) return 1.0;
            if (reading / 10 >= low && reading / 10 <= high) return 0.1;
            return 1.0;
        }

        public override string? FormatManufacturer(string? manufacturer, HidDeviceInfo info) => string.IsNullOrEmpty(manufacturer) ? "CPS" : manufacturer;
    }
}
