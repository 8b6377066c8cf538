using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Hid
{
    /// <summary>
    /// Usage id (page&lt;&lt;16 | id) ↔ name. A subdriver table is chained in front of the generic Power Device /
    /// Battery System table; vendor tables are never merged globally because vendors reuse the same numbers.
    /// </summary>
    public sealed class HidUsageTable
    {
        private readonly Dictionary<uint, string> _names = new Dictionary<uint, string>();
        private readonly Dictionary<string, uint> _ids = new Dictionary<string, uint>(StringComparer.Ordinal);
        private readonly HidUsageTable? _fallback;

        public HidUsageTable(IEnumerable<KeyValuePair<uint, string>> entries, HidUsageTable? fallback = null)
        {
            _fallback = fallback;
            foreach (var e in entries)
            {
                _names[e.Key] = e.Value;
                if (!_ids.ContainsKey(e.Value)) _ids[e.Value] = e.Key;
            }
        }

        public string? Name(uint usage) => _names.TryGetValue(usage, out var n) ? n : _fallback?.Name(usage);

        public uint? Id(string name) => _ids.TryGetValue(name, out var id) ? id : _fallback?.Id(name);

        /// <summary>Builds a table from (id, name) pairs laid out as a flat array for compact source tables.</summary>
        public static HidUsageTable FromPairs(HidUsageTable? fallback, params object[] pairs)
        {
            var list = new List<KeyValuePair<uint, string>>();
            for (var i = 0; i + 1 < pairs.Length; i += 2)
                list.Add(new KeyValuePair<uint, string>(Convert.ToUInt32(pairs[i]), (string)pairs[i + 1]));
            return new HidUsageTable(list, fallback);
        }

        /// <summary>Generic names of pages 0x84 (Power Device) and 0x85 (Battery System), spec §4.</summary>
        public static HidUsageTable Generic { get; } = CreateGeneric();

        private static HidUsageTable CreateGeneric()
        {
            var entries = new List<KeyValuePair<uint, string>>();
            void Page(uint page, string table)
            {
                foreach (var entry in table.Split(new[] { ' ', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = entry.Split('=');
                    entries.Add(new KeyValuePair<uint, string>(page << 16 | Convert.ToUInt32(parts[0], 16), parts[1]));
                }
            }
            Page(0x84, @"01=iName 02=PresentStatus 03=ChangedStatus 04=UPS 05=PowerSupply 10=BatterySystem
                11=BatterySystemID 12=Battery 13=BatteryID 14=Charger 15=ChargerID 16=PowerConverter
                17=PowerConverterID 18=OutletSystem 19=OutletSystemID 1a=Input 1b=InputID 1c=Output 1d=OutputID
                1e=Flow 1f=FlowID 20=Outlet 21=OutletID 22=Gang 24=PowerSummary 25=PowerSummaryID 30=Voltage
                31=Current 32=Frequency 33=ApparentPower 34=ActivePower 35=PercentLoad 36=Temperature 37=Humidity
                38=BadCount 40=ConfigVoltage 41=ConfigCurrent 42=ConfigFrequency 43=ConfigApparentPower
                44=ConfigActivePower 45=ConfigPercentLoad 46=ConfigTemperature 47=ConfigHumidity 50=SwitchOnControl
                51=SwitchOffControl 52=ToggleControl 53=LowVoltageTransfer 54=HighVoltageTransfer
                55=DelayBeforeReboot 56=DelayBeforeStartup 57=DelayBeforeShutdown 58=Test 59=ModuleReset
                5a=AudibleAlarmControl 60=Present 61=Good 62=InternalFailure 63=VoltageOutOfRange
                64=FrequencyOutOfRange 65=Overload 66=OverCharged 67=OverTemperature 68=ShutdownRequested
                69=ShutdownImminent 6b=SwitchOn/Off 6c=Switchable 6d=Used 6e=Boost 6f=Buck 70=Initialized
                71=Tested 72=AwaitingPower 73=CommunicationLost fd=iManufacturer fe=iProduct ff=iSerialNumber");
            Page(0x85, @"01=SMBBatteryMode 02=SMBBatteryStatus 03=SMBAlarmWarning 04=SMBChargerMode 05=SMBChargerStatus
                29=RemainingCapacityLimit 2a=RemainingTimeLimit 2b=AtRate 2c=CapacityMode 2d=BroadcastToCharger
                2e=PrimaryBattery 2f=ChargeController 40=TerminateCharge 41=TerminateDischarge
                42=BelowRemainingCapacityLimit 43=RemainingTimeLimitExpired 44=Charging 45=Discharging
                46=FullyCharged 47=FullyDischarged 48=ConditioningFlag 49=AtRateOK 4a=SMBErrorCode
                4b=NeedReplacement 60=AtRateTimeToFull 61=AtRateTimeToEmpty 62=AverageCurrent 63=MaxError
                64=RelativeStateOfCharge 65=AbsoluteStateOfCharge 66=RemainingCapacity 67=FullChargeCapacity
                68=RunTimeToEmpty 69=AverageTimeToEmpty 6a=AverageTimeToFull 6b=CycleCount 80=BattPackModelLevel
                81=InternalChargeController 82=PrimaryBatterySupport 83=DesignCapacity 84=SpecificationInfo
                85=ManufacturerDate 86=SerialNumber 87=iManufacturerName 88=iDevicename 89=iDeviceChemistry
                8a=ManufacturerData 8b=Rechargeable 8c=WarningCapacityLimit 8d=CapacityGranularity1
                8e=CapacityGranularity2 8f=iOEMInformation c0=InhibitCharge c1=EnablePolling c2=ResetToZero
                d0=ACPresent d1=BatteryPresent d2=PowerFail d3=AlarmInhibited d4=ThermistorUnderRange
                d5=ThermistorHot d6=ThermistorCold d7=ThermistorOverRange d8=VoltageOutOfRange
                d9=CurrentOutOfRange da=CurrentNotRegulated db=VoltageNotRegulated dc=MasterMode
                f0=ChargerSelectorSupport f1=ChargerSpec f2=Level2 f3=Level3");
            return new HidUsageTable(entries);
        }
    }
}
