using System;
using System.Collections.Generic;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>Belkin (050d, vendor page 0x0086) and Liebert 10af with broken exponents (spec §9.5).</summary>
    public sealed class BelkinSubdriver : HidSubdriver
    {
        public override string Name => "belkin";
        public override string Version => "Belkin/Liebert HID 0.20";

        private static readonly HidUsageTable Names = HidUsageTable.FromPairs(HidUsageTable.Generic,
            0x0086001a, "BELKINInput", 0x0086001c, "BELKINOutput", 0x00860010, "BELKINBatterySystem",
            0x00860021, "BELKINPowerStatus", 0x00860022, "BELKINBatteryStatus", 0x00860026, "BELKINConfig",
            0x00860027, "BELKINControls", 0x00860028, "BELKINStatus", 0x00860029, "BELKINDevice",
            0x0086002a, "BELKINPowerState", 0x00860030, "BELKINVoltage", 0x00860032, "BELKINFrequency",
            0x00860034, "BELKINPower", 0x00860035, "BELKINPercentLoad", 0x00860036, "BELKINTemperature",
            0x00860039, "BELKINCharge", 0x00860040, "BELKINConfigVoltage", 0x00860042, "BELKINConfigFrequency",
            0x00860043, "BELKINConfigApparentPower", 0x00860044, "BELKINConfigBatteryVoltage",
            0x00860045, "BELKINConfigOverloadTransfer", 0x00860050, "BELKINLoadOn", 0x00860051, "BELKINLoadOff",
            0x00860052, "BELKINLoadToggle", 0x00860053, "BELKINLowVoltageTransfer", 0x00860054, "BELKINHighVoltageTransfer",
            0x00860055, "BELKINDelayBeforeReboot", 0x00860056, "BELKINDelayBeforeStartup", 0x00860057, "BELKINDelayBeforeShutdown",
            0x00860058, "BELKINTest", 0x0086005a, "BELKINAudibleAlarmControl", 0x0086006c, "BELKINRunTimeToEmpty",
            0x00860074, "BELKINVoltageSensitivity", 0x00860075, "BELKINModelString", 0x00860076, "BELKINModelStringOffset",
            0x0086007c, "BELKINUPSType");

        public override HidUsageTable Usages => Names;

        protected override IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices { get; } = new[]
        {
            ((ushort)0x050d, P(0x0980, 0x0900, 0x0910, 0x0912, 0x0551, 0x0750, 0x0751, 0x0375, 0x0f51, 0x1100)),
            ((ushort)0x10af, P(0x0000, 0x0001, 0x0002, 0x0004, 0x0008)),
        };

        private static HidConverter Tenth(string format) => new HidFunctionConverter((v, c) => HidConverters.Format(format, v / 10));
        private static readonly HidLookupConverter Sensitivity = new HidLookupConverter((0, "normal"), (1, "reduced"), (2, "low"));
        private static readonly HidLookupConverter Test = new HidLookupConverter((0, "No test initiated"), (1, "Done and passed"),
            (2, "Done and warning"), (3, "Done and error"), (4, "Aborted"), (5, "In progress"));
        private static readonly HidLookupConverter UpsType = new HidLookupConverter((0, "online"), (1, "offline"), (2, "line-interactive"),
            (3, "simple online"), (4, "simple offline"), (5, "simple line-interactive"));

        /// <summary>Status words as bit fields: each bit maps to a flag (set or cleared), or "whenSet/whenClear" flag texts.</summary>
        public static HidConverter Bits(params (int Bit, string Flag)[] bits) => new HidFunctionConverter((v, c) =>
        {
            var word = (long)v;
            var parts = new List<string>();
            foreach (var (bit, flag) in bits)
            {
                var slash = flag.IndexOf('/');
                if (slash >= 0)
                {
                    parts.Add((word >> bit & 1) != 0 ? flag.Substring(0, slash) : flag.Substring(slash + 1));
                    continue;
                }
                var set = (word >> bit & 1) != 0;
                var negated = flag.StartsWith("!");
                var name = negated ? flag.Substring(1) : flag;
                parts.Add(set != negated ? name : "!" + name);
            }
            return string.Join(" ", parts);
        });

        public override IReadOnlyList<HidMappingRow> Table { get; } = new[]
        {
            V("battery.charge", "UPS.BELKINBatterySystem.BELKINCharge"),
            V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit"),
            V("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
            V("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", HidRowFlags.Static, HidConverters.StringId),
            V("battery.voltage", "UPS.BELKINBatterySystem.BELKINVoltage", converter: Tenth("%.1f")),
            V("battery.voltage.nominal", "UPS.BELKINConfig.BELKINConfigBatteryVoltage", flags: HidRowFlags.Static),
            V("input.voltage", "UPS.BELKINPowerState.BELKINInput.BELKINVoltage", converter: Tenth("%.1f")),
            V("input.frequency", "UPS.BELKINPowerState.BELKINInput.BELKINFrequency", converter: Tenth("%.1f")),
            V("output.voltage", "UPS.BELKINPowerState.BELKINOutput.BELKINVoltage", converter: Tenth("%.1f")),
            V("output.frequency", "UPS.BELKINPowerState.BELKINOutput.BELKINFrequency", converter: Tenth("%.1f")),
            V("ups.load", "UPS.BELKINPowerState.BELKINOutput.BELKINPercentLoad"),
            V("ups.firmware", "UPS.BELKINDevice.BELKINUPSType", converter: new HidFunctionConverter((v, c) => ((long)v >> 4).ToString())),
            V("ups.type", "UPS.BELKINDevice.BELKINUPSType", converter: new HidFunctionConverter((v, c) => UpsType.ToText((long)v & 0x0F, c))),
            V("input.sensitivity", "UPS.BELKINConfig.BELKINVoltageSensitivity", "%s", HidRowFlags.ReadWrite | HidRowFlags.String, Sensitivity),
            V("ups.test.result", "UPS.BELKINControls.BELKINTest", "%s", converter: Test),
            // Liebert PSA (10af) report plain PDC paths, with the exponents repaired in AdjustValue.
            V("battery.charge", "UPS.PowerSummary.RemainingCapacity", flags: HidRowFlags.QuickPoll),
            V("input.frequency", "UPS.Input.Frequency", converter: Tenth("%.1f")),
            V("input.voltage", "UPS.Input.Voltage", "%.1f"),
            V("output.voltage", "UPS.Output.Voltage", "%.1f"),
            V("battery.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
            V("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%.1f", HidRowFlags.Static),
            V("ups.load", "UPS.Output.PercentLoad"),
            B("UPS.PowerSummary.Discharging", HidConverters.Flag("dischrg")),
            B("UPS.PowerSummary.Charging", HidConverters.Flag("chrg")),
            B("UPS.PowerSummary.ShutdownImminent", HidConverters.Flag("shutdownimm")),
            B("UPS.PowerSummary.ACPresent", HidConverters.Online),
            B("UPS.PowerSummary.PresentStatus.Discharging", HidConverters.Flag("dischrg")),
            B("UPS.PowerSummary.PresentStatus.Charging", HidConverters.Flag("chrg")),
            B("UPS.PowerSummary.PresentStatus.ShutdownImminent", HidConverters.Flag("shutdownimm")),
            B("UPS.PowerSummary.PresentStatus.ACPresent", HidConverters.Online),
            B("UPS.PowerSummary.PresentStatus.NeedReplacement", HidConverters.Flag("replacebatt")),
            B("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidConverters.Flag("lowbatt")),
            B("UPS.BELKINStatus.BELKINPowerStatus", Bits((0, "!online/online"), (4, "overload"), (5, "off"), (6, "overheat"), (7, "commfault"), (13, "awaitingpower"))),
            B("UPS.BELKINStatus.BELKINBatteryStatus", Bits((2, "lowbatt"), (6, "depleted"), (7, "replacebatt"))),
            C("test.battery.start.quick", "UPS.BELKINControls.BELKINTest", 1),
            C("test.battery.start.deep", "UPS.BELKINControls.BELKINTest", 2),
            C("test.battery.stop", "UPS.BELKINControls.BELKINTest", 3),
            C("beeper.enable", "UPS.BELKINControls.BELKINAudibleAlarmControl", 2),
            C("beeper.disable", "UPS.BELKINControls.BELKINAudibleAlarmControl", 1),
            C("beeper.mute", "UPS.BELKINControls.BELKINAudibleAlarmControl", 3),
            C("load.off", "UPS.BELKINControls.BELKINDelayBeforeShutdown", 1),
            C("load.on", "UPS.BELKINControls.BELKINDelayBeforeStartup", 1),
            C("shutdown.stop", "UPS.BELKINControls.BELKINDelayBeforeShutdown", -1),
            C("shutdown.reboot", "UPS.BELKINControls.BELKINDelayBeforeReboot", 10),
        };

        public override HidSubdriver Fresh() => new BelkinSubdriver();

        private double _configVoltageScale = 1;
        private double _lineVoltageScale = 1;

        /// <summary>Liebert PSA 10af reports some voltages about 1e-7 times too small (a broken unit exponent).</summary>
        private static bool LooksLikeBrokenExponent(double value) => value < 1 && Math.Abs(value - 1e-7) < 1e-9;

        /// <summary>
        /// NUT 2.8.0's Liebert rule, on every device this subdriver drives: a ConfigVoltage within 1e-9 of 1e-7 sets the
        /// nominal factor to 1e8 and the line factor to 1e7; a line or battery voltage within 1e-9 of 1e-7 sets the line
        /// factor to 1e7. Other values below 1 are left alone. A factor once set applies to every later reading.
        /// </summary>
        public override double AdjustValue(HidMappingRow row, double value, HidSubdriverContext context)
        {
            if (!row.Path.StartsWith("UPS.Input.", StringComparison.Ordinal) && !row.Path.StartsWith("UPS.Output.", StringComparison.Ordinal)
                && !row.Path.StartsWith("UPS.PowerSummary.", StringComparison.Ordinal))
                return value;
            if (row.Name == "battery.voltage.nominal")
            {
                if (LooksLikeBrokenExponent(value)) { _configVoltageScale = 1e8; _lineVoltageScale = 1e7; }
                return value * _configVoltageScale;
            }
            if (row.Name == "input.voltage" || row.Name == "output.voltage" || row.Name == "battery.voltage")
            {
                if (LooksLikeBrokenExponent(value)) _lineVoltageScale = 1e7;
                return value * _lineVoltageScale;
            }
            return value;
        }
    }
}
