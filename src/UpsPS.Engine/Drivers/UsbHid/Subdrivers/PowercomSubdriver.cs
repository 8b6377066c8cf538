using System;
using System.Collections.Generic;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>
    /// Powercom (0d9f), spec §9.8: its own table (PresentStatus directly under UPS, a vendor "PowercomUPS" tree on page 2),
    /// delays in odd encodings, and beeper values opposite to the PDC convention.
    /// </summary>
    public sealed class PowercomSubdriver : HidSubdriver
    {
        public override string Name => "powercom";
        public override string Version => "PowerCOM HID 0.71";

        private static readonly HidUsageTable Names = HidUsageTable.FromPairs(HidUsageTable.Generic,
            0x00020004, "PowercomUPS", 0x00020010, "PowercomBatterySystem", 0x00020016, "PowercomPowerConverter",
            0x0002001a, "PowercomInput", 0x0002001c, "PowercomOutput", 0x00020030, "PowercomVoltage",
            0x00020032, "PowercomFrequency", 0x00020035, "PowercomPercentLoad", 0x00020036, "PowercomTemperature",
            0x00020056, "PowercomDelayBeforeStartup", 0x00020057, "PowercomDelayBeforeShutdown", 0x00020058, "PowercomTest",
            0x00020068, "PowercomShutdownRequested", 0x00020081, "PowercomInternalChargeController",
            0x00020082, "PowercomPrimaryBatterySupport", 0x00020083, "PowercomDesignCapacity",
            0x00020084, "PowercomSpecificationInfo", 0x00020085, "PowercomManufacturerDate", 0x00020086, "PowercomSerialNumber",
            0x00020087, "PowercomManufacturerName", 0x0084002f, "POWERCOM1", 0xff860060, "POWERCOM2", 0xff860080, "POWERCOM3",
            0x00ff0056, "PCMDelayBeforeStartup", 0x00ff0057, "PCMDelayBeforeShutdown");

        public override HidUsageTable Usages => Names;

        /// <summary>The table's ups.delay.start default is 60 s (whole minutes on the wire).</summary>
        public override int DefaultOnDelay => 60;

        protected override IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices { get; } =
            new[] { ((ushort)0x0d9f, P(0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x0004, 0x0001)) };

        private static readonly HidLookupConverter Beeper = new HidLookupConverter((1, "enabled"), (2, "disabled"));

        private static HidConverter Bit(int mask, string set, string clear) =>
            new HidFunctionConverter((v, c) => ((long)v & mask) != 0 ? set : clear);

        private static HidConverter Masked(int mask, int value, string flag) =>
            new HidFunctionConverter((v, c) => ((long)v & mask) == value ? flag : "!" + flag);

        public override IReadOnlyList<HidMappingRow> Table { get; } = BuildTable();

        private static IReadOnlyList<HidMappingRow> BuildTable()
        {
            var rows = new List<HidMappingRow>();
            foreach (var ps in new[] { "UPS.PowerSummary.PresentStatus", "UPS.PresentStatus" })
            {
                rows.Add(B(ps + ".ACPresent", HidConverters.Online));
                rows.Add(B(ps + ".BatteryPresent", HidConverters.InvertedFlag("nobattery")));
                rows.Add(B(ps + ".BelowRemainingCapacityLimit", HidConverters.Flag("lowbatt")));
                if (ps == "UPS.PresentStatus")
                {
                    rows.Add(B(ps + ".Boost", HidConverters.Flag("boost")));
                    rows.Add(B(ps + ".Buck", HidConverters.Flag("trim")));
                }
                rows.Add(B(ps + ".Charging", HidConverters.Flag("chrg")));
                rows.Add(B(ps + ".CommunicationLost", HidConverters.Flag("commfault")));
                rows.Add(B(ps + ".Discharging", HidConverters.Flag("dischrg")));
                rows.Add(B(ps + ".NeedReplacement", HidConverters.Flag("replacebatt")));
                rows.Add(B(ps + ".Overload", HidConverters.Flag("overload")));
                rows.Add(B(ps + ".RemainingTimeLimitExpired", HidConverters.Flag("timelimitexp")));
                rows.Add(B(ps + ".ShutdownImminent", HidConverters.Flag("shutdownimm")));
            }
            rows.AddRange(new[]
            {
                V("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
                V("battery.charge", "UPS.Battery.RemainingCapacity"),
                V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit"),
                V("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit"),
                V("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
                V("battery.date", "UPS.Battery.ManufacturerDate", "%s", HidRowFlags.Static, HidConverters.Date),
                V("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", converter: Beeper),
                V("ups.beeper.status", "UPS.AudibleAlarmControl", "%s", converter: Beeper),
                V("ups.load", "UPS.Output.PercentLoad"),
                V("ups.date", "UPS.PowerSummary.ManufacturerDate", "%s", HidRowFlags.Static, HidConverters.Date),
                V("ups.test.result", "UPS.Battery.Test", "%s", converter: HidConverters.TestResult),
                Delay("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "60"),
                V("ups.timer.start", "UPS.PowerSummary.DelayBeforeStartup"),
                Delay("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "20"),
                V("ups.timer.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", flags: HidRowFlags.QuickPoll),
                Delay("ups.delay.shutdown", "UPS.PowerSummary.PCMDelayBeforeShutdown", "20"),
                V("ups.timer.shutdown", "UPS.PowerSummary.PCMDelayBeforeShutdown", flags: HidRowFlags.QuickPoll),
                V("input.voltage", "UPS.Input.Voltage", "%.1f"),
                V("input.voltage.nominal", "UPS.Input.ConfigVoltage", flags: HidRowFlags.Static),
                V("input.frequency", "UPS.Input.Frequency", "%.1f"),
                V("output.voltage", "UPS.Output.Voltage", "%.1f"),
                V("output.voltage.nominal", "UPS.Output.ConfigVoltage", flags: HidRowFlags.Static),
                V("output.frequency", "UPS.Output.Frequency", "%.1f"),

                C("beeper.toggle", "UPS.PowerSummary.AudibleAlarmControl", 1),
                C("beeper.enable", "UPS.PowerSummary.AudibleAlarmControl", 1),
                C("beeper.disable", "UPS.PowerSummary.AudibleAlarmControl", 0),
                C("test.battery.start.quick", "UPS.Battery.Test", 1),
                C("load.on.delay", "UPS.PowerSummary.DelayBeforeStartup", 60, "ups.delay.start"),
                C("shutdown.return", "UPS.PowerSummary.DelayBeforeShutdown", 20, "ups.delay.shutdown"),
                C("shutdown.stayoff", "UPS.PowerSummary.DelayBeforeShutdown", 20, "ups.delay.shutdown"),
                C("load.on", "UPS.PowerSummary.PCMDelayBeforeStartup", 0),
                C("load.off", "UPS.PowerSummary.PCMDelayBeforeShutdown", 0),
                C("shutdown.return", "UPS.PowerSummary.PCMDelayBeforeShutdown", 20, "ups.delay.shutdown"),
                C("shutdown.stayoff", "UPS.PowerSummary.PCMDelayBeforeShutdown", 20, "ups.delay.shutdown"),

                // The vendor tree of older units: charge is named "Voltage", line voltages come divided by 4.
                V("ups.serial", "PowercomUPS.PowercomSerialNumber", "%s", converter: HidConverters.StringId),
                V("ups.mfr", "PowercomUPS.PowercomManufacturerName", "%s", converter: HidConverters.StringId),
                V("ups.mfr.date", "PowercomUPS.PowercomManufacturerDate", "%s", converter: HidConverters.Date),
                V("battery.temperature", "PowercomUPS.PowercomBatterySystem.PowercomTemperature"),
                V("battery.temperature", "UPS.Battery.Temperature", "%.1f"),
                V("battery.charge", "PowercomUPS.PowercomBatterySystem.PowercomVoltage"),
                V("input.frequency", "PowercomUPS.PowercomPowerConverter.PowercomInput.PowercomFrequency"),
                V("input.voltage", "PowercomUPS.PowercomPowerConverter.PowercomInput.PowercomVoltage", "%s", converter: Times4),
                V("output.voltage", "PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomVoltage", "%s", converter: Times4),
                V("ups.load", "PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPercentLoad"),
                B(StatusByte, Bit(0x01, "fanfail", "!fanfail")),
                B(StatusByte, Bit(0x02, "replacebatt", "!replacebatt")),
                B(StatusByte, Bit(0x04, "cal", "!cal")),
                B(StatusByte, Bit(0x10, "shutdownimm", "!shutdownimm")),
                B(PowerByte, Bit(0x01, "!online", "online")),
                B(PowerByte, Bit(0x02, "lowbatt", "!lowbatt")),
                B(PowerByte, Masked(0x18, 0x08, "trim")),
                B(PowerByte, Masked(0x18, 0x18, "boost")),
                B(PowerByte, Bit(0x20, "overload", "!overload")),
                V("output.frequency", "PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomFrequency"),
                V("ups.test.result", "PowercomUPS.PowercomPowerConverter.PowercomTest", "%s", converter: HidConverters.TestResult),
                V("ups.delay.shutdown", "PowercomUPS.PowercomPowerConverter.PowercomDelayBeforeShutdown"),
                V("ups.delay.start", "PowercomUPS.PowercomPowerConverter.PowercomDelayBeforeStartup"),
                C("load.off", "PowercomUPS.PowercomPowerConverter.PowercomDelayBeforeShutdown", 0),
            });
            return rows;
        }

        private const string StatusByte = "PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController";
        private const string PowerByte = "PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport";

        private static readonly HidConverter Times4 = new HidFunctionConverter((v, c) => HidConverters.Format("%.0f", v * 4));

        private static bool IsPcmStartup(HidMappingRow row) => row.Path.EndsWith("DelayBeforeStartup", StringComparison.Ordinal)
                                                               && row.Path.StartsWith("UPS.PowerSummary.", StringComparison.Ordinal);

        private static bool IsPcmShutdown(HidMappingRow row) => row.Path.EndsWith("DelayBeforeShutdown", StringComparison.Ordinal)
                                                                && row.Path.StartsWith("UPS.PowerSummary.", StringComparison.Ordinal);

        /// <summary>Seconds from the commands (or ups.delay.*) into the words the firmware expects.</summary>
        public override double EncodeCommand(HidMappingRow row, double value, HidSubdriverContext context)
        {
            var discrete = context.Flag("powercom_sdcmd_discrete_delay");
            var fallback = !UseCorrectedByteOrder(context);
            var seconds = (int)Math.Max(0, Math.Min(value, ushort.MaxValue));
            if (IsPcmStartup(row)) return EncodeStartupDelay(seconds, discrete);
            if (!IsPcmShutdown(row)) return value;
            var stayOff = row.Name == "shutdown.stayoff" || row.Name == "load.off";
            if (discrete && !stayOff) return DiscreteDelayIndex(seconds);
            return EncodeShutdownDelay(seconds, stayOff, fallback);
        }

        /// <summary>UpsPS extension option selecting later NUT's corrected DelayBeforeShutdown byte order.</summary>
        public const string CorrectedByteOrderOption = "upsps_powercom_sdcmd_corrected_order";

        /// <summary>
        /// NUT 2.8.0's byte order is the default. The corrected order of later NUT is an UpsPS extension; later NUT's own
        /// <c>powercom_sdcmd_byte_order_fallback</c> asks for 2.8.0's order and so wins over it.
        /// </summary>
        public static bool UseCorrectedByteOrder(HidSubdriverContext context) =>
            context.Flag(CorrectedByteOrderOption) && !context.Flag("powercom_sdcmd_byte_order_fallback");

        /// <summary>The timers read back in seconds (the same encodings decoded).</summary>
        public override double AdjustValue(HidMappingRow row, double value, HidSubdriverContext context)
        {
            var raw = (int)value & 0xFFFF;
            if (row.Name == "ups.timer.start")
                return context.Flag("powercom_sdcmd_discrete_delay") ? 60.0 * (long)value : 60.0 * (((raw & 0xFF) << 8) | (raw >> 8));
            if (row.Name == "ups.timer.shutdown")
                return UseCorrectedByteOrder(context) ? 60 * (raw >> 8) + (raw & 0xFF) : 60 * (raw & 0xFF) + (raw >> 8);
            return value;
        }

        /// <summary>DelayBeforeStartup: whole minutes, the two bytes of the 16-bit word swapped (discrete firmwares: plain minutes).</summary>
        public static int EncodeStartupDelay(int seconds, bool discrete = false)
        {
            var minutes = seconds / 60;
            if (discrete) return minutes;
            minutes &= 0xFFFF;
            return ((minutes << 8) & 0xFF00) | (minutes >> 8);
        }

        /// <summary>
        /// DelayBeforeShutdown: <paramref name="byteOrderFallback"/> (the driver's default) gives NUT 2.8.0's order,
        /// (seconds &lt;&lt; 8) | minutes with 0x4000 "restart when power returns" or 0x8000 "stay off"; otherwise later NUT's
        /// corrected order, (minutes &lt;&lt; 8) | seconds with 0x0040 / 0x0080.
        /// 0 is sent as 1 because 0 means the longest delay.
        /// </summary>
        public static int EncodeShutdownDelay(int seconds, bool stayOff, bool byteOrderFallback = false)
        {
            if (seconds <= 0) seconds = 1;
            if (byteOrderFallback)
                return (((seconds % 60) << 8) + seconds / 60) | (stayOff ? 0x8000 : 0x4000);
            return (((seconds / 60) << 8) + seconds % 60) | (stayOff ? 0x0080 : 0x0040);
        }

        private static readonly int[] DiscreteDelays = { 12, 18, 24, 30, 36, 42, 48, 54, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600 };

        /// <summary>Raptor / Smart KING Pro: the index (1..18) of the smallest listed delay not below the request.</summary>
        public static int DiscreteDelayIndex(int seconds)
        {
            for (var i = 0; i < DiscreteDelays.Length; i++) if (DiscreteDelays[i] >= seconds) return i + 1;
            return DiscreteDelays.Length;
        }
    }
}
