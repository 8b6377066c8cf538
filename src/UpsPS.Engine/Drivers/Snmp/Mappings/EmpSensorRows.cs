using System.Collections.Generic;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>
    /// Eaton EMP002 external sensors (EATON-SENSOR-MIB, sensors numbered from 1): the "ambient.N.*" templates that
    /// 2.8.0's eaton_epdu and pw tables share.
    /// </summary>
    internal static class EmpSensorRows
    {
        private static IReadOnlyDictionary<long, string> Alarms(string what) => L((0, ""), (1, $"low {what} warning!"),
            (2, $"low {what} critical!"), (3, $"high {what} warning!"), (4, $"high {what} critical!"));

        public static IEnumerable<SnmpMappingRow> Rows(bool parentSerial)
        {
            const string E = "1.3.6.1.4.1.534.6.8.1.";
            const F A = F.Ambient;
            yield return Num("ambient.count", E + "1.1.0", 1, F.ReadWrite);
            yield return Str("ambient.%i.present", E + "1.4.1.1.%i", A, null, L((0, "unknown"), (2, "yes"), (3, "no")));
            yield return Str("ambient.%i.name", E + "1.3.1.1.%i", A, "");
            yield return Str("ambient.%i.mfr", E + "1.2.1.6.%i", A, "");
            yield return Str("ambient.%i.model", E + "1.2.1.7.%i", A, "");
            yield return Str("ambient.%i.serial", E + "1.2.1.9.%i", A, "");
            yield return Str("ambient.%i.id", E + "1.2.1.2.%i", A, "");
            yield return Num("ambient.%i.address", E + "1.2.1.4.%i", 1, A);
            if (parentSerial) yield return Str("ambient.%i.parent.serial", E + "1.2.1.5.%i", A, "");
            yield return Str("ambient.%i.firmware", E + "1.2.1.10.%i", A, "");
            // One unit OID for all sensors; it must come before the temperatures (see SnmpUpsDriver.SensorTemperature).
            yield return Num("ambient.%i.temperature.unit", E + "2.5.0", 1, A);
            yield return Num("ambient.%i.temperature", E + "2.3.1.3.%i.1", 0.1, A);
            var sensorStatus = L((0, "good"), (1, "warning-low"), (2, "critical-low"), (3, "warning-high"), (4, "critical-high"));
            yield return Str("ambient.%i.temperature.status", E + "2.3.1.1.%i.1", A, null, sensorStatus);
            yield return Str("ups.alarm", E + "2.3.1.1.%i.1", A, null, Alarms("temperature"));
            yield return Num("ambient.%i.temperature.low.critical", E + "2.2.1.6.%i.1", 0.1, F.ReadWrite | A);
            yield return Num("ambient.%i.temperature.low.warning", E + "2.2.1.5.%i.1", 0.1, F.ReadWrite | A);
            yield return Num("ambient.%i.temperature.high.warning", E + "2.2.1.7.%i.1", 0.1, F.ReadWrite | A);
            yield return Num("ambient.%i.temperature.high.critical", E + "2.2.1.8.%i.1", 0.1, F.ReadWrite | A);
            yield return Num("ambient.%i.humidity", E + "3.3.1.3.%i.1", 0.1, A);
            yield return Str("ambient.%i.humidity.status", E + "3.3.1.1.%i.1", A, null, sensorStatus);
            yield return Str("ups.alarm", E + "3.3.1.1.%i.1", A, null, Alarms("humidity"));
            yield return Num("ambient.%i.humidity.low.critical", E + "3.2.1.6.%i.1", 0.1, F.ReadWrite | A);
            yield return Num("ambient.%i.humidity.low.warning", E + "3.2.1.5.%i.1", 0.1, F.ReadWrite | A);
            yield return Num("ambient.%i.humidity.high.warning", E + "3.2.1.7.%i.1", 0.1, F.ReadWrite | A);
            yield return Num("ambient.%i.humidity.high.critical", E + "3.2.1.8.%i.1", 0.1, F.ReadWrite | A);
            yield return Str("ambient.%i.contacts.1.name", E + "4.2.1.1.%i.1", A, "");
            yield return Str("ambient.%i.contacts.2.name", E + "4.2.1.1.%i.2", A, "");
            var polarity = L((0, "normal-opened"), (1, "normal-closed"));
            yield return Str("ambient.%i.contacts.1.config", E + "4.2.1.3.%i.1", F.ReadWrite | A, "", polarity);
            yield return Str("ambient.%i.contacts.2.config", E + "4.2.1.3.%i.2", F.ReadWrite | A, "", polarity);
            var state = L((0, "inactive"), (1, "active"));
            yield return Str("ambient.%i.contacts.1.status", E + "4.3.1.3.%i.1", A, "", state);
            yield return Str("ambient.%i.contacts.2.status", E + "4.3.1.3.%i.2", A, "", state);
        }
    }
}
