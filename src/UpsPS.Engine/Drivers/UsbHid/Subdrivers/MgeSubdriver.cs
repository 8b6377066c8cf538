using System;
using System.Collections.Generic;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>MGE / Eaton and OEMs (spec §9.4).</summary>
    public sealed class MgeSubdriver : HidSubdriver
    {
        public override string Name => "mge";
        public override string Version => "MGE HID 1.46";

        private static readonly HidUsageTable Names = HidUsageTable.FromPairs(HidUsageTable.Generic,
            0xffff0001, "STS", 0xffff0002, "Environment", 0xffff0003, "Statistic", 0xffff0004, "StatisticSystem",
            0xffff0005, "USB", 0xffff0010, "Phase", 0xffff0012, "Chopper", 0xffff0014, "Inverter", 0xffff0016, "Rectifier",
            0xffff0018, "LCMSystem", 0xffff001a, "LCMAlarm", 0xffff001c, "HistorySystem", 0xffff001e, "Event",
            0xffff0020, "CircuitBreaker", 0xffff0021, "TransferForbidden", 0xffff0022, "OverallAlarm", 0xffff0023, "Dephasing",
            0xffff0024, "BypassBreaker", 0xffff0025, "PowerModule", 0xffff0026, "PowerRate", 0xffff0027, "PowerSource",
            0xffff0028, "CurrentPowerSource", 0xffff0029, "RedundancyLevel", 0xffff002a, "RedundancyLost",
            0xffff002b, "NotificationStatus", 0xffff002c, "ProtectionLost", 0xffff002d, "ConfigurationFailure",
            0xffff002e, "CompatibilityFailure", 0xffff0040, "SwitchType", 0xffff0041, "ConverterType",
            0xffff0042, "FrequencyConverterMode", 0xffff0043, "AutomaticRestart", 0xffff0044, "ForcedReboot",
            0xffff0045, "TestPeriod", 0xffff0046, "EnergySaving", 0xffff0047, "StartOnBattery", 0xffff0048, "Schedule",
            0xffff0049, "DeepDischargeProtection", 0xffff004a, "ShortCircuit", 0xffff004b, "ExtendedVoltageMode",
            0xffff004c, "SensitivityMode", 0xffff004d, "RemainingCapacityLimitSetting", 0xffff004e, "ExtendedFrequencyMode",
            0xffff004f, "FrequencyConverterModeSetting", 0xffff0050, "LowVoltageBoostTransfer",
            0xffff0051, "HighVoltageBoostTransfer", 0xffff0052, "LowVoltageBuckTransfer", 0xffff0053, "HighVoltageBuckTransfer",
            0xffff0054, "OverloadTransferEnable", 0xffff0055, "OutOfToleranceTransferEnable", 0xffff0056, "ForcedTransferEnable",
            0xffff005c, "iModel", 0xffff0082, "ABMEnable");

        public override HidUsageTable Usages => Names;

        protected override IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices { get; } = new[]
        {
            ((ushort)0x0463, P(0x0001, 0xffff)), ((ushort)0x047c, P(0xffff)), ((ushort)0x0592, P(0x0004)),
            ((ushort)0x03f0, P(0x1fe5, 0x1fe6, 0x1fe7, 0x1fe8)), ((ushort)0x2b2d, P(0xffff)), ((ushort)0x06da, P(0xffff)),
            ((ushort)0x04b3, P(0x0001)), ((ushort)0x09d6, P(0x0001)),
        };

        /// <summary>06da:ffff is AEG only when the manufacturer string says so; otherwise liebert takes it.</summary>
        public override HidClaim Claim(HidDeviceInfo info, bool productIdGiven)
        {
            if (info.VendorId == 0x06da)
                return info.Manufacturer != null && info.Manufacturer.IndexOf("AEG", StringComparison.OrdinalIgnoreCase) >= 0
                    ? base.Claim(info, productIdGiven) : HidClaim.No;
            return base.Claim(info, productIdGiven);
        }

        private static readonly HidLookupConverter Sensitivity = new HidLookupConverter((0, "normal"), (1, "high"), (2, "low"));
        private static readonly HidLookupConverter Topology = new HidLookupConverter((0, "offline / line interactive"), (1, "online"), (2, "online - double conversion"));

        public override IReadOnlyList<HidMappingRow> Table { get; } = BuildTable();

        private static IReadOnlyList<HidMappingRow> BuildTable()
        {
            const HidRowFlags RW = HidRowFlags.ReadWrite;
            var rows = new List<HidMappingRow>
            {
                V("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
                V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimitSetting", flags: RW),
                V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit"),
                V("battery.charge.restart", "UPS.PowerSummary.RestartLevel", flags: RW),
                V("battery.capacity", "UPS.BatterySystem.Battery.DesignCapacity", converter: new HidFunctionConverter((v, c) => HidConverters.Format("%.1f", v / 3600))),
                V("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
                V("battery.runtime.low", "UPS.PowerSummary.RemainingTimeLimit", flags: RW),
                V("battery.runtime.elapsed", "UPS.StatisticSystem.Input.[1].Statistic.[1].Time"),
                V("battery.temperature", "UPS.BatterySystem.Battery.Temperature", "%s", converter: HidConverters.KelvinToCelsius),
                V("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("battery.voltage", "UPS.BatterySystem.Voltage", "%.1f"),
                V("battery.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
                V("battery.voltage.nominal", "UPS.BatterySystem.ConfigVoltage", flags: HidRowFlags.Static),
                V("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", flags: HidRowFlags.Static),
                V("ups.firmware", "UPS.PowerSummary.iVersion", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("ups.load", "UPS.PowerSummary.PercentLoad"),
                V("ups.load.high", "UPS.Flow.[4].ConfigPercentLoad", flags: RW),
                Delay("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "30"),
                Delay("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "20"),
                V("ups.timer.start", "UPS.PowerSummary.DelayBeforeStartup", flags: HidRowFlags.QuickPoll),
                V("ups.timer.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", flags: HidRowFlags.QuickPoll),
                V("ups.timer.reboot", "UPS.PowerSummary.DelayBeforeReboot", flags: HidRowFlags.QuickPoll),
                V("ups.test.result", "UPS.BatterySystem.Battery.Test", "%s", converter: HidConverters.TestResult),
                V("ups.test.interval", "UPS.BatterySystem.Battery.TestPeriod", flags: RW),
                V("ups.beeper.status", "UPS.BatterySystem.Battery.AudibleAlarmControl", "%s", converter: HidConverters.Beeper),
                V("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", converter: HidConverters.Beeper),
                V("ups.beeper.status", "UPS.AudibleAlarmControl", "%s", converter: HidConverters.Beeper),
                V("ups.temperature", "UPS.PowerSummary.Temperature", "%s", converter: HidConverters.KelvinToCelsius),
                V("ups.power", "UPS.PowerConverter.Output.ApparentPower"),
                V("ups.power.nominal", "UPS.Flow.[4].ConfigApparentPower", flags: HidRowFlags.Static),
                V("ups.realpower", "UPS.PowerConverter.Output.ActivePower"),
                V("ups.realpower.nominal", "UPS.Flow.[4].ConfigActivePower", flags: HidRowFlags.Static),
                V("ups.start.auto", "UPS.PowerConverter.Input.[1].AutomaticRestart", "%s", RW | HidRowFlags.String, HidConverters.YesNo),
                V("ups.start.battery", "UPS.PowerConverter.Input.[3].StartOnBattery", "%s", RW | HidRowFlags.String, HidConverters.YesNo),
                V("ups.type", "UPS.PowerConverter.ConverterType", "%s", HidRowFlags.Static, Topology),
                V("input.voltage", "UPS.PowerConverter.Input.[1].Voltage", "%.1f"),
                V("input.current", "UPS.PowerConverter.Input.[1].Current", "%.2f"),
                V("input.frequency", "UPS.PowerConverter.Input.[1].Frequency", "%.1f"),
                V("input.voltage.nominal", "UPS.Flow.[1].ConfigVoltage", flags: HidRowFlags.Static),
                V("input.current.nominal", "UPS.Flow.[1].ConfigCurrent", "%.2f", HidRowFlags.Static),
                V("input.frequency.nominal", "UPS.Flow.[1].ConfigFrequency", flags: HidRowFlags.Static),
                V("input.transfer.low", "UPS.PowerConverter.Output.LowVoltageTransfer", flags: RW),
                V("input.transfer.high", "UPS.PowerConverter.Output.HighVoltageTransfer", flags: RW),
                V("input.transfer.boost.low", "UPS.PowerConverter.Output.LowVoltageBoostTransfer", flags: RW),
                V("input.transfer.boost.high", "UPS.PowerConverter.Output.HighVoltageBoostTransfer", flags: RW),
                V("input.transfer.trim.low", "UPS.PowerConverter.Output.LowVoltageBuckTransfer", flags: RW),
                V("input.transfer.trim.high", "UPS.PowerConverter.Output.HighVoltageBuckTransfer", flags: RW),
                V("input.sensitivity", "UPS.PowerConverter.Output.SensitivityMode", "%s", RW | HidRowFlags.String, Sensitivity),
                V("input.bypass.voltage", "UPS.PowerConverter.Input.[2].Voltage", "%.1f"),
                V("input.bypass.frequency", "UPS.PowerConverter.Input.[2].Frequency", "%.1f"),
                V("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f"),
                V("output.current", "UPS.PowerConverter.Output.Current", "%.2f"),
                V("output.frequency", "UPS.PowerConverter.Output.Frequency", "%.1f"),
                V("output.voltage.nominal", "UPS.Flow.[4].ConfigVoltage", flags: HidRowFlags.Static),
                V("output.frequency.nominal", "UPS.Flow.[4].ConfigFrequency", flags: HidRowFlags.Static),
            };
            var ps = "UPS.PowerSummary.PresentStatus";
            foreach (var (usage, converter) in new (string, HidConverter)[]
            {
                ("ACPresent", HidConverters.Online), ("Discharging", HidConverters.Flag("dischrg")), ("Charging", HidConverters.Flag("chrg")),
                ("BelowRemainingCapacityLimit", HidConverters.Flag("lowbatt")), ("Overload", HidConverters.Flag("overload")),
                ("NeedReplacement", HidConverters.Flag("replacebatt")), ("Good", HidConverters.InvertedFlag("off")),
                ("FanFailure", HidConverters.Flag("fanfail")), ("InternalFailure", HidConverters.Flag("commfault")),
                ("OverTemperature", HidConverters.Flag("overheat")), ("ShutdownImminent", HidConverters.Flag("shutdownimm")),
            }) rows.Add(B($"{ps}.{usage}", converter));
            rows.Add(B("UPS.PowerConverter.Input.[3].PresentStatus.Used", new HidLookupConverter((0, "!offline"), (1, "offline"))));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.Used", new HidLookupConverter((0, "!online"), (1, "online"))));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.Buck", HidConverters.Flag("trim")));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.Boost", HidConverters.Flag("boost")));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.VoltageOutOfRange", HidConverters.Flag("vrange")));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.FrequencyOutOfRange", HidConverters.Flag("frange")));
            rows.Add(B("UPS.PowerConverter.Input.[2].PresentStatus.Used", HidConverters.Flag("bypassauto")));
            rows.Add(B("UPS.PowerConverter.Input.[4].PresentStatus.Used", HidConverters.Flag("bypassman")));
            rows.Add(B("UPS.PowerConverter.Input.[5].PresentStatus.Used", HidConverters.Flag("ecomode")));
            rows.Add(B("UPS.BatterySystem.Battery.PresentStatus.Present", HidConverters.InvertedFlag("nobattery")));
            rows.Add(B("UPS.BatterySystem.Charger.PresentStatus.InternalFailure", HidConverters.Flag("chargerfail")));
            rows.Add(B("UPS.BatterySystem.Charger.PresentStatus.VoltageTooHigh", HidConverters.Flag("battvolthi")));
            rows.Add(B("UPS.BatterySystem.Charger.PresentStatus.VoltageTooLow", HidConverters.Flag("battvoltlo")));
            rows.Add(B("UPS.PowerConverter.Output.Overload.[1].PresentStatus.OverThreshold", HidConverters.Flag("overload")));
            rows.Add(B("UPS.PowerConverter.Output.Overload.[2].PresentStatus.OverThreshold", HidConverters.Flag("overload")));
            rows.Add(B("UPS.LCMSystem.LCMAlarm.[2].PresentStatus.TimerExpired", HidConverters.Flag("replacebatt")));

            rows.AddRange(StandardCommands("UPS.PowerSummary", "UPS.BatterySystem.Battery.Test", null));
            foreach (var beeper in new[] { "UPS.BatterySystem.Battery.AudibleAlarmControl", "UPS.PowerSummary.AudibleAlarmControl", "UPS.AudibleAlarmControl" })
            {
                rows.Add(C("beeper.disable", beeper, 1));
                rows.Add(C("beeper.enable", beeper, 2));
                rows.Add(C("beeper.mute", beeper, 3));
            }
            for (var n = 1; n <= 3; n++)
            {
                rows.Add(C($"outlet.{n}.load.off", $"UPS.OutletSystem.Outlet.[{n + 1}].DelayBeforeShutdown", 0));
                rows.Add(C($"outlet.{n}.load.on", $"UPS.OutletSystem.Outlet.[{n + 1}].DelayBeforeStartup", 0));
            }
            rows.Add(C("bypass.start", "UPS.PowerConverter.Input.[2].SwitchOnControl", 1));
            rows.Add(C("bypass.stop", "UPS.PowerConverter.Input.[2].SwitchOffControl", 1));
            return rows;
        }

        public override string? FormatManufacturer(string? manufacturer, HidDeviceInfo info) =>
            string.IsNullOrEmpty(manufacturer) ? "Eaton" : manufacturer;

        /// <summary>iProduct + " " + iModel string (or the nominal VA); Dell keeps iProduct.</summary>
        public override string? FormatModel(string? product, HidDeviceInfo info, Func<string, string?> variable)
        {
            if (info.VendorId == 0x047c || product == null) return product;
            var extra = variable("ups.power.nominal");
            return extra != null && product.IndexOf(extra, StringComparison.Ordinal) < 0 ? product + " " + extra : product;
        }
    }
}
