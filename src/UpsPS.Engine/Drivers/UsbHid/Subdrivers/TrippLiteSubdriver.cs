using System.Collections.Generic;
using System.Linq;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>Tripp Lite (09ae, HP T-series, Delta OEM), spec §9.6: per-product battery and line scalings.</summary>
    public sealed class TrippLiteSubdriver : HidSubdriver
    {
        public override string Name => "tripplite";
        public override string Version => "TrippLite HID 0.85";

        private static readonly HidUsageTable Names = HidUsageTable.FromPairs(HidUsageTable.Generic,
            0xffff0010, "TLCustom", 0xffff0056, "TLDelayBeforeStartup", 0xffff0057, "TLLowVoltageTransferMax",
            0xffff0058, "TLLowVoltageTransferMin", 0xffff0059, "TLHighVoltageTransferMax", 0xffff005a, "TLHighVoltageTransferMin",
            0xffff0092, "TLWatchdog", 0xffff0095, "TLOutletsAvailableMask", 0xffff0096, "TLOutletsStatusMask",
            0x00840044, "TLCharging", 0x00840045, "TLDischarging", 0x0084004b, "TLNeedReplacement", 0x008400d0, "TLACPresent",
            0xffff00c0, "UPSFirmwareVersion");

        public override HidUsageTable Usages => Names;

        private static readonly int[] TenthBattery = { 0x1003, 0x1007, 0x1008, 0x1009, 0x1010, 0x2005, 0x2007, 0x2008, 0x2009, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014 };
        private static readonly int[] UnitBattery = { 0x1330, 0x3008, 0x3009, 0x3010, 0x3011, 0x3012, 0x3013, 0x3014, 0x3015, 0x4001, 0x4002, 0x4003, 0x4004, 0x4005, 0x4006, 0x4007, 0x4008 };
        private static readonly int[] Smart1500 = { 0x3016, 0x3024 };

        protected override IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices { get; } = new[]
        {
            ((ushort)0x09ae, P(TenthBattery.Concat(UnitBattery).Concat(Smart1500).ToArray())),
            ((ushort)0x03f0, P(0x0001, 0x1f06, 0x1f08, 0x1f09, 0x1f0a, 0x1fe0, 0x1fe1, 0x1fe2, 0x1fe3)),
            ((ushort)0x05dd, P(0xa011, 0xa0a0)),
        };

        public override IReadOnlyList<HidMappingRow> Table { get; } = BuildTable();

        private static IReadOnlyList<HidMappingRow> BuildTable()
        {
            var rows = new List<HidMappingRow>
            {
                V("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
                V("battery.charge", "UPS.BatterySystem.Battery.RemainingCapacity"),
                V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", flags: HidRowFlags.ReadWrite),
                V("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
                V("battery.voltage", "UPS.BatterySystem.Battery.Voltage", "%.1f"),
                V("battery.voltage.nominal", "UPS.BatterySystem.Battery.ConfigVoltage", flags: HidRowFlags.Static),
                V("battery.temperature", "UPS.BatterySystem.Temperature", "%s", converter: HidConverters.KelvinToCelsius),
                Delay("ups.delay.start", "UPS.OutletSystem.Outlet.DelayBeforeStartup", "30"),
                Delay("ups.delay.start", "UPS.OutletSystem.Outlet.TLDelayBeforeStartup", "30"),
                Delay("ups.delay.start", "UPS.TLCustom.[1].TLDelayBeforeStartup", "30"),
                Delay("ups.delay.shutdown", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", "20"),
                V("ups.timer.start", "UPS.OutletSystem.Outlet.DelayBeforeStartup", flags: HidRowFlags.QuickPoll),
                V("ups.timer.shutdown", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", flags: HidRowFlags.QuickPoll),
                V("ups.timer.start", "UPS.OutletSystem.Outlet.TLDelayBeforeStartup", flags: HidRowFlags.QuickPoll),
                V("ups.timer.reboot", "UPS.OutletSystem.Outlet.DelayBeforeReboot", flags: HidRowFlags.QuickPoll),
                V("ups.test.result", "UPS.BatterySystem.Test", "%s", converter: HidConverters.TestResult),
                V("ups.power.nominal", "UPS.Flow.ConfigApparentPower", flags: HidRowFlags.Static),
                V("ups.power", "UPS.OutletSystem.Outlet.ActivePower"),
                V("ups.power", "UPS.PowerConverter.Output.ActivePower"),
                V("ups.load", "UPS.OutletSystem.Outlet.PercentLoad"),
                V("ups.firmware", "UPS.TLCustom.[1].UPSFirmwareVersion"),
                V("ups.watchdog.status", "UPS.OutletSystem.Outlet.TLWatchdog"),
                V("input.voltage", "UPS.PowerSummary.Input.Voltage", "%.1f"),
                V("input.voltage", "UPS.PowerConverter.Input.Voltage", "%.1f"),
                V("input.frequency", "UPS.PowerConverter.Input.Frequency", "%.1f"),
                V("input.transfer.low", "UPS.PowerConverter.Output.LowVoltageTransfer", flags: HidRowFlags.ReadWrite),
                V("input.transfer.high", "UPS.PowerConverter.Output.HighVoltageTransfer", flags: HidRowFlags.ReadWrite),
                V("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f"),
                V("output.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
                V("output.current", "UPS.PowerConverter.Output.Current", "%.2f"),
                V("output.frequency", "UPS.PowerConverter.Output.Frequency", "%.1f"),
                V("output.voltage.nominal", "UPS.Flow.ConfigVoltage", flags: HidRowFlags.Static),
                V("output.frequency.nominal", "UPS.Flow.ConfigFrequency", flags: HidRowFlags.Static),
            };
            var ps = "UPS.PowerSummary.PresentStatus";
            rows.AddRange(new[]
            {
                B(ps + ".InternalFailure", HidConverters.Flag("commfault")), B(ps + ".ShutdownImminent", HidConverters.Flag("shutdownimm")),
                B(ps + ".ACPresent", HidConverters.Online), B(ps + ".BelowRemainingCapacityLimit", HidConverters.Flag("lowbatt")),
                B(ps + ".FullyCharged", HidConverters.Flag("fullycharged")), B(ps + ".Charging", HidConverters.Flag("chrg")),
                B(ps + ".Discharging", HidConverters.Flag("dischrg")), B(ps + ".FullyDischarged", HidConverters.Flag("depleted")),
                B(ps + ".NeedReplacement", HidConverters.Flag("replacebatt")), B(ps + ".TLACPresent", HidConverters.Online),
                B(ps + ".TLDischarging", HidConverters.Flag("dischrg")), B(ps + ".TLCharging", HidConverters.Flag("chrg")),
                B(ps + ".TLNeedReplacement", HidConverters.Flag("replacebatt")),
            });
            var pc = "UPS.PowerConverter.PresentStatus";
            rows.AddRange(new[]
            {
                B(pc + ".VoltageOutOfRange", HidConverters.Flag("vrange")), B(pc + ".Buck", HidConverters.Flag("trim")),
                B(pc + ".Boost", HidConverters.Flag("boost")), B(pc + ".Overload", HidConverters.Flag("overload")),
                B(pc + ".OverTemperature", HidConverters.Flag("overheat")), B(pc + ".InternalFailure", HidConverters.Flag("commfault")),
                B(pc + ".AwaitingPower", HidConverters.Flag("awaitingpower")),
            });
            rows.AddRange(StandardCommands("UPS.OutletSystem.Outlet", "UPS.BatterySystem.Test", "UPS.PowerSummary.AudibleAlarmControl"));
            rows.Add(C("load.on.delay", "UPS.OutletSystem.Outlet.TLDelayBeforeStartup", 30, "ups.delay.start"));
            rows.Add(C("shutdown.reboot", "UPS.OutletSystem.Outlet.TLWatchdog", 10));
            // Advertised legacy names (executing them is redirected to beeper.enable / beeper.disable).
            rows.Add(C("beeper.on", "UPS.PowerSummary.AudibleAlarmControl", 2));
            rows.Add(C("beeper.off", "UPS.PowerSummary.AudibleAlarmControl", 3));
            rows.Add(C("reset.watchdog", "UPS.OutletSystem.Outlet.TLWatchdog", 60));
            return rows;
        }

        /// <summary>09ae:1330 (SU3000LCD2UHV): report 0x54 is never read, its firmware answers it wrongly.</summary>
        public override bool SkipItem(HidDataItem item, Transport.HidDeviceInfo info) =>
            info.VendorId == 0x09ae && info.ProductId == 0x1330 && item.ReportId == 0x54;

        /// <summary>Battery-voltage factor by product id: 0.1, 1, or 1e5 for the SMART1500LCDT family.</summary>
        public static double BatteryScale(ushort productId) =>
            TenthBattery.Contains(productId) ? 0.1 : Smart1500.Contains(productId) ? 100000 : 1.0;

        public override double AdjustValue(HidMappingRow row, double value, HidSubdriverContext context)
        {
            if (context.Info.VendorId != 0x09ae) return value;
            var pid = context.Info.ProductId;
            var smart = Smart1500.Contains(pid);
            switch (row.Name)
            {
                case "battery.voltage": return value * BatteryScale(pid);
                case "input.voltage": case "output.voltage": return smart ? value * 100000 : value;
                case "input.frequency": case "output.frequency": case "output.current": return smart ? value * 0.01 : value;
                default: return value;
            }
        }
    }
}
