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

        private static readonly HidUsageTable Names = HidUsageTable.FromPairs(HidUsageTable.Generic, VendorNames());

        /// <summary>Vendor page 0xFFFF as MGE/Eaton name it (id = position in the list below, starting at 0xffff0001).</summary>
        private static object[] VendorNames()
        {
            var pairs = new List<object>();
            void Add(uint id, string list)
            {
                foreach (var name in list.Split(new[] { ' ', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (name != "-") { pairs.Add(0xffff0000u | id); pairs.Add(name); }
                    id++;
                }
            }
            Add(0x01, "STS Environment Statistic StatisticSystem USB");
            Add(0x10, "Phase - Chopper - Inverter - Rectifier - LCMSystem - LCMAlarm - HistorySystem - Event - CircuitBreaker " +
                      "TransferForbidden OverallAlarm Dephasing BypassBreaker PowerModule PowerRate PowerSource CurrentPowerSource " +
                      "RedundancyLevel RedundancyLost NotificationStatus ProtectionLost ConfigurationFailure CompatibilityFailure");
            Add(0x40, "SwitchType ConverterType FrequencyConverterMode AutomaticRestart ForcedReboot TestPeriod EnergySaving " +
                      "StartOnBattery Schedule DeepDischargeProtection ShortCircuit ExtendedVoltageMode SensitivityMode " +
                      "RemainingCapacityLimitSetting ExtendedFrequencyMode FrequencyConverterModeSetting LowVoltageBoostTransfer " +
                      "HighVoltageBoostTransfer LowVoltageBuckTransfer HighVoltageBuckTransfer OverloadTransferEnable " +
                      "OutOfToleranceTransferEnable ForcedTransferEnable LowVoltageBypassTransfer HighVoltageBypassTransfer " +
                      "FrequencyRangeBypassTransfer LowVoltageEcoTransfer HighVoltageEcoTransfer FrequencyRangeEcoTransfer " +
                      "ShutdownTimer StartupTimer RestartLevel PhaseOutOfRange CurrentLimitation ThermalOverload SynchroSource " +
                      "FuseFault ExternalProtectedTransfert ExternalForcedTransfert Compensation EmergencyStop PowerFactor PeakFactor " +
                      "ChargerType HighPositiveDCBusVoltage LowPositiveDCBusVoltage HighNegativeDCBusVoltage LowNegativeDCBusVoltage " +
                      "FrequencyRangeTransfer WiringFaultDetection ControlStandby ShortCircuitTolerance VoltageTooHigh VoltageTooLow " +
                      "DCBusUnbalanced FanFailure WiringFault Floating OverCurrent RemainingActivePower Energy Threshold OverThreshold");
            Add(0x80, "Sensor LowHumidity HighHumidity LowTemperature HighTemperature ECOControl Efficiency ABMEnable " +
                      "NegativeCurrent AutomaticStart");
            Add(0x90, "Count Timer Interval TimerExpired Mode Country State Time Code DataValid ToggleTimer BypassTransferDelay " +
                      "HysteresysVoltageTransfer SlewRate");
            Add(0xa0, "PDU Breaker BreakerID OverVoltage Tripped OverEnergy OverHumidity ConfigurationReset Level PDUType " +
                      "ReactivePower Pole PoleID Reset WatchdogReset");
            Add(0xe0, "COPIBridge");
            Add(0xf0, "iModel iVersion iTechnicalLevel iPartNumber iReferenceNumber iGang");
            return pairs.ToArray();
        }

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
        private static readonly HidLookupConverter Topology = new HidLookupConverter(
            (1, "offline / line interactive"), (2, "online"), (3, "online - unitary/parallel"),
            (4, "online - parallel with hot standy"), (5, "online - hot standby redundancy"));
        private static readonly HidLookupConverter EnableDisable = new HidLookupConverter((0, "disabled"), (1, "enabled"));
        private static readonly HidLookupConverter AbmStatus = new HidLookupConverter(
            (1, "charging"), (2, "discharging"), (3, "floating"), (4, "resting"), (6, "off"));

        /// <summary>ABM (advanced battery monitoring) as last read from UPS.BatterySystem.Charger.ABMEnable; null = never reported.</summary>
        public bool? AbmEnabled { get; private set; }

        private HidSubdriverContext? _context;
        private string? _iModel;
        private readonly IReadOnlyList<HidMappingRow> _table;

        public MgeSubdriver() => _table = BuildTable();

        public override HidSubdriver Fresh() => new MgeSubdriver();

        public override void Attach(HidSubdriverContext context) => _context = context;

        public override IReadOnlyList<HidMappingRow> Table => _table;

        private bool AbmOn => AbmEnabled == true;

        /// <summary>
        /// PresentStatus.Charging / .Discharging: the flag when ABM is off or unknown (NUT 2.8.0 clears them when
        /// ABMEnable is absent; later NUT and the spec do not); with ABM on, Charger.Mode decides instead.
        /// </summary>
        private HidConverter AbmAwareFlag(string flag) =>
            new HidFunctionConverter((v, c) => !AbmOn && v == 1 ? flag : "!" + flag);

        /// <summary>Charger.Mode with ABM on: 1 charging / 3 floating → chrg, 2 → dischrg, 4 resting / 6 off → neither.</summary>
        private HidConverter AbmModeFlags() => new HidFunctionConverter((v, c) =>
        {
            if (!AbmOn) return null;
            return (long)v switch
            {
                1 or 3 => "chrg !dischrg",
                2 => "dischrg !chrg",
                4 or 6 => "!chrg !dischrg",
                _ => null,
            };
        });

        private HidConverter AbmChargerStatus() => new HidFunctionConverter((v, c) =>
        {
            if (AbmEnabled == false)
            {
                _context?.DeleteVariable("battery.charger.status");
                return null;
            }
            return AbmStatus.ToText(v, c);
        });

        private HidConverter AbmEnable() => new HidFunctionConverter((v, c) =>
        {
            AbmEnabled = v == 1;
            return null;
        });

        /// <summary>Input.[1] (normal AC) in use means online, but only while the UPS is not off (so after the Good row).</summary>
        private HidConverter ConverterOnline() => new HidFunctionConverter((v, c) =>
            _context != null && _context.StatusFlag("off") ? null : v == 0 ? "!online" : "online");

        /// <summary>UPS.PowerSummary.Voltage / ConfigVoltage are trusted only on Evolution, Pulsar M and 5P/5PX.</summary>
        private HidConverter ModelRestricted(string format) => new HidFunctionConverter((v, c) =>
        {
            var product = _context?.Info.Product ?? "";
            var model = _context?.Variable("ups.model") ?? "";
            bool Known(string s) => s.IndexOf("Evolution", StringComparison.OrdinalIgnoreCase) >= 0
                                    || s.IndexOf("Pulsar M", StringComparison.OrdinalIgnoreCase) >= 0
                                    || s.IndexOf("5P", StringComparison.Ordinal) >= 0;
            return Known(product) || Known(model) ? HidConverters.Format(format, v) : null;
        });

        /// <summary>UPS.PowerSummary.Time: seconds since the epoch, shown in local time like NUT's localtime().</summary>
        public static readonly HidConverter UpsDate = new HidFunctionConverter((v, c) =>
            DateTimeOffset.FromUnixTimeSeconds((long)v).ToLocalTime().ToString("yyyy'/'MM'/'dd", System.Globalization.CultureInfo.InvariantCulture));

        public static readonly HidConverter UpsTime = new HidFunctionConverter((v, c) =>
            DateTimeOffset.FromUnixTimeSeconds((long)v).ToLocalTime().ToString("HH':'mm':'ss", System.Globalization.CultureInfo.InvariantCulture));

        private IReadOnlyList<HidMappingRow> BuildTable()
        {
            const HidRowFlags RW = HidRowFlags.ReadWrite;
            const HidRowFlags RWS = HidRowFlags.ReadWrite | HidRowFlags.String;
            var rows = new List<HidMappingRow>
            {
                V("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
                V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimitSetting", flags: RW),
                V("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit"),
                V("battery.charge.restart", "UPS.PowerSummary.RestartLevel", flags: RW),
                V("battery.capacity", "UPS.BatterySystem.Battery.DesignCapacity", flags: HidRowFlags.Static,
                    converter: new HidFunctionConverter((v, c) => HidConverters.Format("%.2f", v / 3600))),
                V("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
                V("battery.runtime.low", "UPS.PowerSummary.RemainingTimeLimit", flags: RW),
                V("battery.runtime.elapsed", "UPS.StatisticSystem.Input.[1].Statistic.[1].Time"),
                V("battery.temperature", "UPS.BatterySystem.Battery.Temperature", "%s", converter: HidConverters.KelvinToCelsius),
                V("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("battery.voltage", "UPS.BatterySystem.Voltage", "%.1f"),
                V("battery.voltage", "UPS.PowerSummary.Voltage", "%s", converter: ModelRestricted("%.1f")),
                V("battery.voltage.nominal", "UPS.BatterySystem.ConfigVoltage", flags: HidRowFlags.Static),
                V("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%s", HidRowFlags.Static, ModelRestricted("%.0f")),
                V("battery.protection", "UPS.BatterySystem.Battery.DeepDischargeProtection", "%s", RWS | HidRowFlags.SemiStatic, HidConverters.YesNo),
                V("battery.energysave", "UPS.PowerConverter.Input.[3].EnergySaving", "%s", RWS | HidRowFlags.SemiStatic, HidConverters.YesNo),
                V("battery.energysave.load", "UPS.PowerConverter.Input.[3].ConfigPercentLoad", flags: RW | HidRowFlags.SemiStatic),
                V("battery.energysave.delay", "UPS.PowerConverter.Input.[3].EnergySaving.ShutdownTimer", flags: RW | HidRowFlags.SemiStatic),
                V("battery.energysave.delay", "UPS.PowerConverter.Input.[3].ShutdownTimer", flags: RW | HidRowFlags.SemiStatic),
                V("battery.energysave.realpower", "UPS.PowerConverter.Input.[3].ConfigActivePower", flags: RW | HidRowFlags.SemiStatic),
                // ABM: ABMEnable feeds state only and must come before the status rows.
                V("battery.charger.status", "UPS.BatterySystem.Charger.ABMEnable", "%s", HidRowFlags.QuickPoll | HidRowFlags.Internal, AbmEnable()),
                V("battery.charger.status", "UPS.BatterySystem.Charger.Mode", "%s", HidRowFlags.QuickPoll | HidRowFlags.Internal, AbmChargerStatus()),
                // iModel only feeds ups.model (iProduct + " " + iModel).
                V("ups.model", "UPS.PowerSummary.iModel", "%s", HidRowFlags.Static | HidRowFlags.Internal,
                    new HidFunctionConverter((v, c) => { _iModel = v == 0 ? null : c.GetString((int)v); return null; })),
                V("ups.efficiency", "UPS.PowerConverter.Output.Efficiency"),
                V("ups.firmware", "UPS.PowerSummary.iVersion", "%s", HidRowFlags.Static, HidConverters.StringId),
                V("ups.load", "UPS.PowerSummary.PercentLoad"),
                V("ups.load.high", "UPS.Flow.[4].ConfigPercentLoad", flags: RW | HidRowFlags.SemiStatic),
                Delay("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "30"),
                Delay("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "20"),
                V("ups.timer.start", "UPS.PowerSummary.DelayBeforeStartup", flags: HidRowFlags.QuickPoll),
                V("ups.timer.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", flags: HidRowFlags.QuickPoll),
                V("ups.timer.reboot", "UPS.PowerSummary.DelayBeforeReboot", flags: HidRowFlags.QuickPoll),
                V("ups.test.result", "UPS.BatterySystem.Battery.Test", "%s", converter: HidConverters.TestResult),
                V("ups.test.interval", "UPS.BatterySystem.Battery.TestPeriod", flags: RW | HidRowFlags.SemiStatic),
                V("ups.beeper.status", "UPS.BatterySystem.Battery.AudibleAlarmControl", "%s", HidRowFlags.SemiStatic, HidConverters.Beeper),
                V("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", HidRowFlags.SemiStatic, HidConverters.Beeper),
                V("ups.beeper.status", "UPS.AudibleAlarmControl", "%s", HidRowFlags.SemiStatic, HidConverters.Beeper),
                V("ups.temperature", "UPS.PowerSummary.Temperature", "%s", converter: HidConverters.KelvinToCelsius),
                V("ups.power", "UPS.PowerConverter.Output.ApparentPower"),
                V("ups.power.nominal", "UPS.Flow.[4].ConfigApparentPower", flags: HidRowFlags.Static),
                V("ups.realpower", "UPS.PowerConverter.Output.ActivePower"),
                V("ups.realpower.nominal", "UPS.Flow.[4].ConfigActivePower", flags: HidRowFlags.Static),
                V("ups.start.auto", "UPS.PowerConverter.Input.[1].AutomaticRestart", "%s", RWS | HidRowFlags.SemiStatic, HidConverters.YesNo),
                V("ups.start.battery", "UPS.PowerConverter.Input.[3].StartOnBattery", "%s", RWS | HidRowFlags.SemiStatic, HidConverters.YesNo),
                V("ups.start.reboot", "UPS.PowerConverter.Output.ForcedReboot", "%s", RWS | HidRowFlags.SemiStatic, HidConverters.YesNo),
                V("ups.shutdown", "UPS.PowerSummary.PresentStatus.Switchable", "%s", RWS | HidRowFlags.SemiStatic, EnableDisable),
                V("ups.date", "UPS.PowerSummary.Time", "%s", converter: UpsDate),
                V("ups.time", "UPS.PowerSummary.Time", "%s", converter: UpsTime),
                V("ups.type", "UPS.PowerConverter.ConverterType", "%s", HidRowFlags.Static, Topology),
                V("input.voltage", "UPS.PowerConverter.Input.[1].Voltage", "%.1f"),
                V("input.current", "UPS.PowerConverter.Input.[1].Current", "%.2f"),
                V("input.frequency", "UPS.PowerConverter.Input.[1].Frequency", "%.1f"),
                V("input.voltage.nominal", "UPS.Flow.[1].ConfigVoltage", flags: HidRowFlags.Static),
                V("input.current.nominal", "UPS.Flow.[1].ConfigCurrent", "%.2f", HidRowFlags.Static),
                V("input.frequency.nominal", "UPS.Flow.[1].ConfigFrequency", flags: HidRowFlags.Static),
                V("input.transfer.low", "UPS.PowerConverter.Output.LowVoltageTransfer", flags: RW | HidRowFlags.SemiStatic),
                V("input.transfer.high", "UPS.PowerConverter.Output.HighVoltageTransfer", flags: RW | HidRowFlags.SemiStatic),
                V("input.transfer.boost.low", "UPS.PowerConverter.Output.LowVoltageBoostTransfer", flags: RW | HidRowFlags.SemiStatic),
                V("input.transfer.boost.high", "UPS.PowerConverter.Output.HighVoltageBoostTransfer", flags: RW | HidRowFlags.SemiStatic),
                V("input.transfer.trim.low", "UPS.PowerConverter.Output.LowVoltageBuckTransfer", flags: RW | HidRowFlags.SemiStatic),
                V("input.transfer.trim.high", "UPS.PowerConverter.Output.HighVoltageBuckTransfer", flags: RW | HidRowFlags.SemiStatic),
                V("input.sensitivity", "UPS.PowerConverter.Output.SensitivityMode", "%s", RWS | HidRowFlags.SemiStatic, Sensitivity),
                V("input.voltage.extended", "UPS.PowerConverter.Output.ExtendedVoltageMode", "%s", RWS | HidRowFlags.SemiStatic, HidConverters.YesNo),
                V("input.frequency.extended", "UPS.PowerConverter.Output.ExtendedFrequencyMode", "%s", RWS | HidRowFlags.SemiStatic, HidConverters.YesNo),
                V("input.bypass.voltage", "UPS.PowerConverter.Input.[2].Voltage", "%.1f"),
                V("input.bypass.voltage.nominal", "UPS.Flow.[2].ConfigVoltage", flags: HidRowFlags.Static),
                V("input.bypass.current", "UPS.PowerConverter.Input.[2].Current", "%.2f"),
                V("input.bypass.current.nominal", "UPS.Flow.[2].ConfigCurrent", "%.2f", HidRowFlags.Static),
                V("input.bypass.frequency", "UPS.PowerConverter.Input.[2].Frequency", "%.1f"),
                V("input.bypass.frequency.nominal", "UPS.Flow.[2].ConfigFrequency", flags: HidRowFlags.Static),
                V("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f"),
                V("output.voltage.nominal", "UPS.Flow.[4].ConfigVoltage", flags: HidRowFlags.Static),
                V("output.current", "UPS.PowerConverter.Output.Current", "%.2f"),
                V("output.current.nominal", "UPS.Flow.[4].ConfigCurrent", "%.2f"),
                V("output.frequency", "UPS.PowerConverter.Output.Frequency", "%.1f"),
                V("output.frequency.nominal", "UPS.Flow.[4].ConfigFrequency", flags: HidRowFlags.Static),
                V("output.powerfactor", "UPS.PowerConverter.Output.PowerFactor", "%s",
                    converter: new HidFunctionConverter((v, c) => HidConverters.Format("%.2f", v / 100))),
            };
            // Three-phase values: phases [1]..[3] to neutral, [12]/[23]/[31] between phases.
            foreach (var (node, input, output) in new[] { ("[1]", "L1-N", "L1-N"), ("[2]", "L2-N", "L2-N"), ("[3]", "L3-N", "L3-N"),
                                                          ("[12]", "L1-L2", "L1-L2"), ("[23]", "L2-L3", "L2-L3"), ("[31]", "L3-L1", "L3-L1") })
            {
                rows.Add(V($"input.{input}.voltage", $"UPS.PowerConverter.Input.[1].Phase.{node}.Voltage", "%.1f"));
                rows.Add(V($"input.bypass.{input}.voltage", $"UPS.PowerConverter.Input.[2].Phase.{node}.Voltage", "%.1f"));
                rows.Add(V($"output.{output}.voltage", $"UPS.PowerConverter.Output.Phase.{node}.Voltage", "%.1f"));
            }
            for (var l = 1; l <= 3; l++)
            {
                rows.Add(V($"ups.L{l}.power", $"UPS.PowerConverter.Output.Phase.[{l}].ApparentPower"));
                rows.Add(V($"ups.L{l}.realpower", $"UPS.PowerConverter.Output.Phase.[{l}].ActivePower"));
                rows.Add(V($"input.L{l}.current", $"UPS.PowerConverter.Input.[1].Phase.[{l}].Current", "%.1f"));
                rows.Add(V($"input.bypass.L{l}.current", $"UPS.PowerConverter.Input.[2].Phase.[{l}].Current", "%.1f"));
                rows.Add(V($"output.L{l}.current", $"UPS.PowerConverter.Output.Phase.[{l}].Current", "%.1f"));
            }

            // Outlets: [1] is the main outlet (outlet.*), [2].. are the switchable PowerShare groups outlet.1..outlet.3.
            rows.Add(V("outlet.id", "UPS.OutletSystem.Outlet.[1].OutletID", flags: HidRowFlags.Static));
            rows.Add(new HidMappingRow(HidRowKind.Variable, "outlet.desc", "UPS.OutletSystem.Outlet.[1].OutletID")
                { Flags = HidRowFlags.Absent | RWS, DefaultText = "Main Outlet", MaxLength = 20 });
            rows.Add(V("outlet.switchable", "UPS.OutletSystem.Outlet.[1].PresentStatus.Switchable", "%s", HidRowFlags.Static, HidConverters.YesNo));
            rows.Add(V("outlet.power", "UPS.OutletSystem.Outlet.[1].ApparentPower"));
            rows.Add(V("outlet.realpower", "UPS.OutletSystem.Outlet.[1].ActivePower"));
            rows.Add(V("outlet.current", "UPS.OutletSystem.Outlet.[1].Current", "%.2f"));
            rows.Add(V("outlet.powerfactor", "UPS.OutletSystem.Outlet.[1].PowerFactor", "%.2f"));
            for (var n = 1; n <= 3; n++)
            {
                var o = $"UPS.OutletSystem.Outlet.[{n + 1}]";
                rows.Add(V($"outlet.{n}.id", o + ".OutletID", flags: HidRowFlags.Static));
                rows.Add(new HidMappingRow(HidRowKind.Variable, $"outlet.{n}.desc", o + ".OutletID")
                    { Flags = HidRowFlags.Absent | RWS, DefaultText = $"PowerShare Outlet {n}", MaxLength = 20 });
                rows.Add(V($"outlet.{n}.switchable", o + ".PresentStatus.Switchable", "%s", HidRowFlags.Static, HidConverters.YesNo));
                rows.Add(V($"outlet.{n}.status", o + ".PresentStatus.SwitchOn/Off", "%s", converter: HidConverters.OnOff));
                if (n == 1) rows.Add(V("outlet.1.status", "UPS.PowerSummary.PresentStatus.ACPresent", "%s", converter: HidConverters.OnOff));
                rows.Add(V($"outlet.{n}.autoswitch.charge.low", o + ".RemainingCapacityLimit", flags: RW | HidRowFlags.SemiStatic));
                rows.Add(V($"outlet.{n}.delay.shutdown", o + ".ShutdownTimer", flags: RW | HidRowFlags.SemiStatic));
                rows.Add(V($"outlet.{n}.delay.start", o + ".StartupTimer", flags: RW | HidRowFlags.SemiStatic));
                rows.Add(V($"outlet.{n}.power", o + ".ApparentPower"));
                rows.Add(V($"outlet.{n}.realpower", o + ".ActivePower"));
                rows.Add(V($"outlet.{n}.current", o + ".Current", "%.2f"));
                rows.Add(V($"outlet.{n}.powerfactor", o + ".PowerFactor", "%.2f"));
            }

            // Status, in NUT's order: later rows for the same flag win within one walk.
            var ps = "UPS.PowerSummary.PresentStatus";
            rows.Add(B(ps + ".ACPresent", HidConverters.Online));
            rows.Add(B("UPS.PowerConverter.Input.[3].PresentStatus.Used", new HidLookupConverter((0, "online"), (1, "!online"))));
            rows.Add(B(ps + ".Discharging", AbmAwareFlag("dischrg")));
            rows.Add(B(ps + ".Charging", AbmAwareFlag("chrg")));
            rows.Add(B("UPS.BatterySystem.Charger.Mode", AbmModeFlags()));
            rows.Add(B(ps + ".BelowRemainingCapacityLimit", HidConverters.Flag("lowbatt")));
            rows.Add(B("UPS.PowerConverter.Output.Overload.[1].PresentStatus.OverThreshold", HidConverters.Flag("overload")));
            rows.Add(B("UPS.PowerConverter.Output.Overload.[2].PresentStatus.OverThreshold", HidConverters.Flag("overload")));
            rows.Add(B(ps + ".Overload", HidConverters.Flag("overload")));
            rows.Add(B(ps + ".NeedReplacement", HidConverters.Flag("replacebatt")));
            rows.Add(B("UPS.LCMSystem.LCMAlarm.[2].PresentStatus.TimerExpired", HidConverters.Flag("replacebatt")));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.Buck", HidConverters.Flag("trim")));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.Boost", HidConverters.Flag("boost")));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.VoltageOutOfRange", HidConverters.Flag("vrange")));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.FrequencyOutOfRange", HidConverters.Flag("frange")));
            rows.Add(B(ps + ".Good", HidConverters.InvertedFlag("off")));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.Used", ConverterOnline()));
            rows.Add(B("UPS.PowerConverter.Input.[2].PresentStatus.Used", HidConverters.Flag("bypassauto")));
            rows.Add(B("UPS.PowerConverter.Input.[4].PresentStatus.Used", HidConverters.Flag("bypassman")));
            rows.Add(B("UPS.PowerConverter.Input.[5].PresentStatus.Used", HidConverters.Flag("ecomode")));
            rows.Add(B(ps + ".FanFailure", HidConverters.Flag("fanfail")));
            rows.Add(B("UPS.BatterySystem.Battery.PresentStatus.Present", HidConverters.InvertedFlag("nobattery")));
            rows.Add(B("UPS.BatterySystem.Charger.PresentStatus.InternalFailure", HidConverters.Flag("chargerfail")));
            rows.Add(B("UPS.BatterySystem.Charger.PresentStatus.VoltageTooHigh", HidConverters.Flag("battvolthi")));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.VoltageTooHigh", HidConverters.Flag("battvolthi")));
            rows.Add(B("UPS.BatterySystem.Battery.PresentStatus.VoltageTooHigh", HidConverters.Flag("battvolthi")));
            rows.Add(B("UPS.BatterySystem.Charger.PresentStatus.VoltageTooLow", HidConverters.Flag("battvoltlo")));
            rows.Add(B("UPS.PowerConverter.Input.[1].PresentStatus.VoltageTooLow", new HidLookupConverter((0, "online"), (1, "!online"))));
            rows.Add(B(ps + ".InternalFailure", HidConverters.Flag("commfault")));
            rows.Add(B(ps + ".OverTemperature", HidConverters.Flag("overheat")));
            rows.Add(B(ps + ".ShutdownImminent", HidConverters.Flag("shutdownimm")));
            // Vendor alarms: extra ups.alarm texts.
            foreach (var (path, text) in new[]
            {
                (ps + ".EmergencyStop", "Emergency stop!"), ("UPS.PowerConverter.Input.[1].PresentStatus.WiringFault", "Wiring fault!"),
                (ps + ".ConfigurationFailure", "Fatal EEPROM fault!"), ("UPS.PowerConverter.Inverter.PresentStatus.VoltageTooHigh", "Inverter AC voltage too high!"),
                ("UPS.PowerConverter.Inverter.PresentStatus.VoltageTooLow", "Inverter AC voltage too low!"), ("UPS.PowerConverter.Output.PresentStatus.ShortCircuit", "Output short circuit!"),
            }) rows.Add(B(path, HidStatusComposer.AlarmSource(text)));

            rows.AddRange(StandardCommands("UPS.PowerSummary", "UPS.BatterySystem.Battery.Test", null));
            rows.Add(C("beeper.off", "UPS.PowerSummary.AudibleAlarmControl", 1));   // advertised legacy names
            rows.Add(C("beeper.on", "UPS.PowerSummary.AudibleAlarmControl", 2));
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
            // ECO / ESS (later NUT; not in 2.8.0): 0 off, 1 ECO, 2 ESS.
            rows.Add(C("experimental.ecomode.start", "UPS.PowerConverter.Input.[5].Switchable", 1));
            rows.Add(C("experimental.ecomode.stop", "UPS.PowerConverter.Input.[5].Switchable", 0));
            rows.Add(C("experimental.essmode.start", "UPS.PowerConverter.Input.[5].Switchable", 2));
            rows.Add(C("experimental.essmode.stop", "UPS.PowerConverter.Input.[5].Switchable", 0));
            foreach (var row in rows) if (OnlyInLaterNut(row.Name)) row.Flags |= HidRowFlags.LaterNut;
            return rows;
        }

        /// <summary>Rows NUT 2.8.0's mge-hid table lacks: outlet.3, bypass and ECO/ESS commands.</summary>
        private static bool OnlyInLaterNut(string name) =>
            name.StartsWith("outlet.3.", StringComparison.Ordinal) || name.StartsWith("bypass.", StringComparison.Ordinal)
            || name.StartsWith("experimental.", StringComparison.Ordinal);

        public override string? FormatManufacturer(string? manufacturer, HidDeviceInfo info) =>
            string.IsNullOrEmpty(manufacturer) ? "Eaton" : manufacturer;

        /// <summary>iProduct + " " + iModel string (or the nominal VA); Dell keeps iProduct.</summary>
        public override string? FormatModel(string? product, HidDeviceInfo info, Func<string, string?> variable)
        {
            if (info.VendorId == 0x047c || product == null) return product;
            var extra = string.IsNullOrWhiteSpace(_iModel) ? variable("ups.power.nominal") : _iModel!.Trim();
            return extra != null && product.IndexOf(extra, StringComparison.Ordinal) < 0 ? product + " " + extra : product;
        }
    }
}
