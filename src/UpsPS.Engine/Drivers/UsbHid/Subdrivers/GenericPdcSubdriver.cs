using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>
    /// Vendors whose tables are plain Power Device Class paths (arduino, delta_ups, ecoflow, ever, idowell, legrand,
    /// openups, powervar, salicru) and the explore mode: one generic table, per-vendor device lists and names.
    /// </summary>
    public sealed class GenericPdcSubdriver : HidSubdriver
    {
        private readonly IReadOnlyList<(ushort Vendor, ushort[] Products)> _devices;
        private readonly bool _noInterrupts;
        private readonly System.Func<Transport.HidDeviceInfo, bool>? _accept;

        /// <param name="accept">An extra test a device must pass to be claimed (shared vendor ids).</param>
        public GenericPdcSubdriver(string name, string version, IReadOnlyList<(ushort, ushort[])> devices, bool noInterrupts = false,
            System.Func<Transport.HidDeviceInfo, bool>? accept = null)
        {
            Name = name;
            Version = version;
            _devices = devices;
            _noInterrupts = noInterrupts;
            _accept = accept;
        }

        public override HidClaim Claim(Transport.HidDeviceInfo info, bool productIdGiven) =>
            _accept != null && !_accept(info) ? HidClaim.No : base.Claim(info, productIdGiven);

        public override string Name { get; }
        public override string Version { get; }
        protected override IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices => _devices;
        public override IReadOnlyList<HidMappingRow> Table { get; } = BuildTable();

        public override bool InterruptPipeDisabled(Transport.HidDeviceInfo info) => _noInterrupts;

        internal static IReadOnlyList<HidMappingRow> BuildTable()
        {
            var rows = new List<HidMappingRow>
            {
                V("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
                V("battery.charge", "UPS.BatterySystem.Battery.RemainingCapacity"),
                V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", flags: HidRowFlags.ReadWrite),
                V("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit"),
                V("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
                V("battery.runtime.low", "UPS.PowerSummary.RemainingTimeLimit", flags: HidRowFlags.ReadWrite),
                V("battery.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
                V("battery.voltage", "UPS.BatterySystem.Battery.Voltage", "%.1f"),
                V("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", flags: HidRowFlags.Static),
                V("battery.temperature", "UPS.BatterySystem.Battery.Temperature", "%s", converter: HidConverters.KelvinToCelsius),
                V("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("ups.load", "UPS.PowerSummary.PercentLoad"),
                V("ups.load", "UPS.PowerConverter.Output.PercentLoad"),
                V("ups.test.result", "UPS.BatterySystem.Battery.Test", "%s", converter: HidConverters.TestResult),
                V("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", converter: HidConverters.Beeper),
                V("ups.power.nominal", "UPS.Flow.ConfigApparentPower", flags: HidRowFlags.Static),
                Delay("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "30"),
                Delay("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "20"),
                V("ups.timer.start", "UPS.PowerSummary.DelayBeforeStartup", flags: HidRowFlags.QuickPoll),
                V("ups.timer.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", flags: HidRowFlags.QuickPoll),
                V("input.voltage", "UPS.PowerConverter.Input.Voltage", "%.1f"),
                V("input.frequency", "UPS.PowerConverter.Input.Frequency", "%.1f"),
                V("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f"),
                V("output.frequency", "UPS.PowerConverter.Output.Frequency", "%.1f"),
            };
            rows.AddRange(StandardBools("UPS.PowerSummary.PresentStatus"));
            rows.AddRange(StandardCommands("UPS.PowerSummary", "UPS.BatterySystem.Battery.Test", "UPS.PowerSummary.AudibleAlarmControl"));
            return rows;
        }
    }
}
