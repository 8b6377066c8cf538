using System;
using System.Collections.Generic;
using System.Linq;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>APC (051d), spec §9.2.</summary>
    public sealed class ApcSubdriver : HidSubdriver
    {
        public override string Name => "apc";
        public override string Version => "APC HID 0.98";

        private static readonly HidUsageTable Names = HidUsageTable.FromPairs(HidUsageTable.Generic,
            0xff860005, "APCGeneralCollection", 0xff860006, "APCEnvironment", 0xff860007, "APCProbe1",
            0xff860008, "APCProbe2", 0xff860016, "APCBattReplaceDate", 0xff860019, "APCBattCapBeforeStartup",
            0xff860042, "APC_UPS_FirmwareRevision", 0xff860052, "APCLineFailCause", 0xff860060, "APCStatusFlag",
            0xff860061, "APCSensitivity", 0xff860072, "APCPanelTest", 0xff860076, "APC_USB_FirmwareRevision",
            0xff860079, "APCForceShutdown", 0xff86007c, "APCDelayBeforeReboot", 0xff86007d, "APCDelayBeforeShutdown",
            0xff86007e, "APCDelayBeforeStartup");

        public override HidUsageTable Usages => Names;

        protected override IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices { get; } =
            new[] { ((ushort)0x051d, P(0x0000, 0x0002, 0x0003, 0x0004, 0x0005)) };

        public static readonly HidLookupConverter Sensitivity = new HidLookupConverter((0, "low"), (1, "medium"), (2, "high"));
        private static readonly HidLookupConverter StatusFlag = new HidLookupConverter((0, "off"), (8, "!off"), (16, "!off"));
        private static readonly HidLookupConverter LineFailCause = new HidLookupConverter(
            (0, "!vrange !frange"), (1, "vrange !frange"), (2, "vrange !frange"), (4, "vrange !frange"), (8, "vrange !frange"),
            (9, "vrange !frange"), (7, "frange !vrange"));

        public override IReadOnlyList<HidMappingRow> Table { get; } = BuildTable();

        private static IReadOnlyList<HidMappingRow> BuildTable()
        {
            var rows = new List<HidMappingRow>
            {
                V("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
                V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", flags: HidRowFlags.ReadWrite),
                V("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit"),
                V("battery.runtime", "UPS.Battery.RunTimeToEmpty"),
                V("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
                V("battery.runtime.low", "UPS.Battery.RemainingTimeLimit", flags: HidRowFlags.ReadWrite),
                V("battery.runtime.low", "UPS.PowerSummary.RemainingTimeLimit", flags: HidRowFlags.ReadWrite),
                V("battery.voltage", "UPS.Battery.Voltage", "%.1f"),
                V("battery.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
                V("battery.voltage.nominal", "UPS.Battery.ConfigVoltage", "%.1f", HidRowFlags.Static),
                V("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%.1f", HidRowFlags.Static),
                V("battery.temperature", "UPS.Battery.Temperature", "%s", converter: HidConverters.KelvinToCelsius),
                V("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("battery.mfr.date", "UPS.Battery.ManufacturerDate", "%s", HidRowFlags.Static | HidRowFlags.ReadWrite | HidRowFlags.String, HidConverters.Date),
                V("battery.mfr.date", "UPS.PowerSummary.APCBattReplaceDate", "%s", HidRowFlags.Static | HidRowFlags.ReadWrite | HidRowFlags.String, HidConverters.ApcDate),
                V("battery.date", "UPS.Battery.APCBattReplaceDate", "%s", HidRowFlags.Static, HidConverters.ApcDate),
                V("ups.load", "UPS.Output.PercentLoad", "%.1f"),
                V("ups.load", "UPS.PowerConverter.PercentLoad"),
                Delay("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "30"),
                Delay("ups.delay.start", "UPS.Output.DelayBeforeStartup", "30"),
                Delay("ups.delay.start", "UPS.APCGeneralCollection.APCDelayBeforeStartup", "30"),
                Delay("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "20"),
                Delay("ups.delay.shutdown", "UPS.Output.DelayBeforeShutdown", "20"),
                Delay("ups.delay.shutdown", "UPS.APCGeneralCollection.APCDelayBeforeShutdown", "20"),
            };
            foreach (var (name, suffix) in new[] { ("ups.timer.start", "Startup"), ("ups.timer.shutdown", "Shutdown"), ("ups.timer.reboot", "Reboot") })
            {
                rows.Add(V(name, "UPS.PowerSummary.DelayBefore" + suffix, flags: HidRowFlags.QuickPoll));
                rows.Add(V(name, "UPS.Output.DelayBefore" + suffix, flags: HidRowFlags.QuickPoll));
                rows.Add(V(name, "UPS.APCGeneralCollection.APCDelayBefore" + suffix, flags: HidRowFlags.QuickPoll));
            }
            rows.AddRange(new[]
            {
                V("ups.test.result", "UPS.Battery.Test", "%s", converter: HidConverters.TestResult),
                V("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", converter: HidConverters.Beeper),
                V("ups.mfr.date", "UPS.ManufacturerDate", "%s", HidRowFlags.Static, HidConverters.Date),
                V("ups.mfr.date", "UPS.PowerSummary.ManufacturerDate", "%s", HidRowFlags.Static, HidConverters.Date),
                V("ups.realpower.nominal", "UPS.PowerConverter.ConfigActivePower", flags: HidRowFlags.Static),
                V("ups.realpower.nominal", "UPS.Output.ConfigActivePower", flags: HidRowFlags.Static),
                V("input.voltage", "UPS.Input.Voltage", "%.1f"),
                V("input.voltage.nominal", "UPS.Input.ConfigVoltage", flags: HidRowFlags.Static),
                V("input.transfer.low", "UPS.Output.LowVoltageTransfer", flags: HidRowFlags.ReadWrite),
                V("input.transfer.low", "UPS.Input.LowVoltageTransfer", flags: HidRowFlags.ReadWrite),
                V("input.transfer.high", "UPS.Output.HighVoltageTransfer", flags: HidRowFlags.ReadWrite),
                V("input.transfer.high", "UPS.Input.HighVoltageTransfer", flags: HidRowFlags.ReadWrite),
                V("input.sensitivity", "UPS.Input.APCSensitivity", "%s", HidRowFlags.ReadWrite | HidRowFlags.String, Sensitivity),
                V("output.voltage", "UPS.Output.Voltage", "%.1f"),
                V("output.voltage.nominal", "UPS.Output.ConfigVoltage", flags: HidRowFlags.Static),
                V("output.current", "UPS.Output.Current", "%.2f"),
                V("output.frequency", "UPS.Output.Frequency", "%.1f"),
                V("ambient.temperature", "UPS.APCEnvironment.APCProbe1.Temperature", "%s", converter: HidConverters.KelvinToCelsius),
                V("ambient.humidity", "UPS.APCEnvironment.APCProbe1.Humidity"),
                V("ambient.temperature", "UPS.APCEnvironment.APCProbe2.Temperature", "%s", converter: HidConverters.KelvinToCelsius),
                V("ambient.humidity", "UPS.APCEnvironment.APCProbe2.Humidity"),
            });
            foreach (var ps in new[] { "UPS.PowerSummary.PresentStatus", "UPS.PowerSummary" })
            {
                rows.Add(B(ps + ".ACPresent", HidConverters.Online));
                rows.Add(B(ps + ".Discharging", HidConverters.Flag("dischrg")));
                rows.Add(B(ps + ".Charging", HidConverters.Flag("chrg")));
                rows.Add(B(ps + ".ShutdownImminent", HidConverters.Flag("shutdownimm")));
                rows.Add(B(ps + ".BelowRemainingCapacityLimit", HidConverters.Flag("lowbatt")));
            }
            rows.Add(B("UPS.PowerSummary.PresentStatus.Overload", HidConverters.Flag("overload")));
            rows.Add(B("UPS.PowerSummary.PresentStatus.NeedReplacement", HidConverters.Flag("replacebatt")));
            rows.Add(B("UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired", HidConverters.Flag("timelimitexp")));
            rows.Add(B("UPS.PowerSummary.PresentStatus.BatteryPresent", HidConverters.InvertedFlag("nobattery")));
            rows.Add(B("UPS.PowerSummary.APCStatusFlag", StatusFlag));
            rows.Add(B("UPS.Input.APCLineFailCause", LineFailCause));

            rows.Add(C("test.battery.start.quick", "UPS.BatterySystem.Battery.Test", 1));
            rows.Add(C("test.battery.start.deep", "UPS.BatterySystem.Battery.Test", 2));
            rows.Add(C("test.battery.stop", "UPS.BatterySystem.Battery.Test", 3));
            rows.Add(C("test.battery.start.quick", "UPS.Battery.Test", 1));
            rows.Add(C("test.battery.start.deep", "UPS.Battery.Test", 2));
            rows.Add(C("test.battery.stop", "UPS.Battery.Test", 3));
            rows.Add(C("test.panel.start", "UPS.APCPanelTest", 1));
            rows.Add(C("test.panel.stop", "UPS.APCPanelTest", 0));
            rows.Add(C("test.panel.start", "UPS.PowerSummary.APCPanelTest", 1));
            rows.Add(C("test.panel.stop", "UPS.PowerSummary.APCPanelTest", 0));
            foreach (var (collection, prefix) in new[] { ("UPS.PowerSummary", "DelayBefore"), ("UPS.Output", "DelayBefore"), ("UPS.APCGeneralCollection", "APCDelayBefore") })
            {
                rows.Add(C("load.off.delay", $"{collection}.{prefix}Shutdown", 20, "ups.delay.shutdown"));
                rows.Add(C("load.on.delay", $"{collection}.{prefix}Startup", 30, "ups.delay.start"));
                rows.Add(C("shutdown.stop", $"{collection}.{prefix}Shutdown", -1));
                rows.Add(C("shutdown.reboot", $"{collection}.{prefix}Reboot", 10));
            }
            rows.Add(C("shutdown.return", "UPS.Output.APCDelayBeforeReboot", 1));
            rows.Add(C("beeper.enable", "UPS.PowerSummary.AudibleAlarmControl", 2));
            rows.Add(C("beeper.disable", "UPS.PowerSummary.AudibleAlarmControl", 1));
            rows.Add(C("beeper.mute", "UPS.PowerSummary.AudibleAlarmControl", 3));
            return rows;
        }

        /// <summary>5G models (0003, 0004) carry a proprietary protocol on the interrupt pipe.</summary>
        public override bool InterruptPipeDisabled(HidDeviceInfo info) => info.ProductId == 0x0003 || info.ProductId == 0x0004;

        public override bool NeedsMaxReport(HidDeviceInfo info) =>
            info.ProductId == 0x0002 && info.Product != null
            && (info.Product.StartsWith("Back-UPS ES 525", StringComparison.Ordinal) || info.Product.StartsWith("Back-UPS CS", StringComparison.Ordinal));

        /// <summary>051d:0002: input voltage and its nominal limited by bogus LogMax values (below the high transfer point).</summary>
        public override void FixReportDescriptor(HidReportDescriptor descriptor, HidDeviceInfo info)
        {
            if (info.ProductId != 0x0002) return;
            var hvt = FindItem(descriptor, "UPS.Input.HighVoltageTransfer", 0x33);
            if (hvt == null) return;
            foreach (var voltage in FindAll(descriptor, "UPS.Input.Voltage", 0x31))
            {
                if (hvt.LogMax <= voltage.LogMax) continue;
                voltage.LogMin = 0;
                voltage.LogMax = hvt.LogMax * 2;
            }
            foreach (var nominal in FindAll(descriptor, "UPS.Input.ConfigVoltage", 0x30))
                if (hvt.LogMax > nominal.LogMax) nominal.LogMax = 255;
        }

        public override string? FormatManufacturer(string? manufacturer, HidDeviceInfo info) =>
            string.IsNullOrEmpty(manufacturer) ? "APC" : manufacturer;

        public override string? FormatModel(string? product, HidDeviceInfo info, Func<string, string?> variable)
        {
            if (product == null) return null;
            var fw = product.IndexOf(" FW:", StringComparison.Ordinal);
            return fw >= 0 ? product.Substring(0, fw) : product;
        }

        public override IEnumerable<(string Name, string Value)> ExtraIdentity(HidDeviceInfo info)
        {
            var product = info.Product ?? "";
            var usb = product.IndexOf("USB FW:", StringComparison.Ordinal);
            var fw = product.IndexOf("FW:", StringComparison.Ordinal);
            if (fw >= 0 && fw != usb + 4)
            {
                var end = usb > fw ? usb : product.Length;
                yield return ("ups.firmware", product.Substring(fw + 3, end - fw - 3).Trim());
            }
            if (usb >= 0) yield return ("ups.firmware.aux", product.Substring(usb + 7).Trim());
        }
    }
}
