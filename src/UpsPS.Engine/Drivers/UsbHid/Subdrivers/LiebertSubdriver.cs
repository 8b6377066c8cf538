using System.Collections.Generic;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>Phoenixtec/Liebert 06da:ffff (spec §9.7; the table as in NUT 2.7.x/2.8.0, which the PowerWalker recording shows).</summary>
    public sealed class LiebertSubdriver : HidSubdriver
    {
        public override string Name => "liebert";
        public override string Version => "Phoenixtec/Liebert HID 0.3";

        protected override IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices { get; } = new[] { ((ushort)0x06da, P(0xffff)) };

        public override IReadOnlyList<HidMappingRow> Table { get; } = new[]
        {
            V("battery.voltage", "UPS.PowerSummary.Voltage"),
            V("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage"),
            V("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
            V("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
            V("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", converter: HidConverters.StringId),
            V("ups.load", "UPS.PowerSummary.PercentLoad"),
            B("UPS.PowerSummary.PresentStatus.ACPresent", HidConverters.Online),
            B("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidConverters.Flag("lowbatt")),
            B("UPS.PowerSummary.PresentStatus.Charging", HidConverters.Flag("chrg")),
            B("UPS.PowerSummary.PresentStatus.Discharging", HidConverters.Flag("dischrg")),
            B("UPS.PowerSummary.PresentStatus.Overload", HidConverters.Flag("overload")),
            B("UPS.PowerSummary.PresentStatus.InternalFailure", HidConverters.Flag("commfault")),
            B("UPS.PowerSummary.PresentStatus.Good", HidConverters.InvertedFlag("off")),
            B("UPS.PowerConverter.Input.[1].PresentStatus.Buck", HidConverters.Flag("trim")),
            B("UPS.PowerConverter.Input.[1].PresentStatus.Boost", HidConverters.Flag("boost")),
        };
    }
}
