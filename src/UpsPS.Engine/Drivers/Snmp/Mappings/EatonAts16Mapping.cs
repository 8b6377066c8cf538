using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>
    /// Eaton ATS 16, EATON-ATS2-MIB (mibs=eaton_ats16_nmc for the legacy card, sysOID .705.1 like MGE UPS cards;
    /// eaton_ats16_nm2 for Network-M2, sysOID .534.10.2). The two tables differ in ups.firmware.aux and sensor scaling.
    /// </summary>
    public static class EatonAts16Mapping
    {
        private const string P = "1.3.6.1.4.1.534.10.2.";
        private const string ModelOid = P + "1.2.0";

        private static IEnumerable<SnmpMappingRow> Rows(bool nm2)
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Fixed("device.type", "ats");
            yield return Str("device.mfr", P + "1.1.0", F.Static, "Eaton");
            yield return Str("device.model", ModelOid, F.Static, "ATS");
            yield return Str("ups.firmware", P + "1.3.0");
            yield return Str("ups.firmware.aux", P + (nm2 ? "1.7.0" : "1.4.0"));
            yield return Str("device.serial", P + "1.5.0", F.Static);
            yield return Str("device.part", P + "1.6.0", F.Static);
            var voltageStatus = L((1, "good"), (2, "derated-range"), (3, "out-of-range"), (4, "unknown"));
            var frequencyStatus = L((1, "good"), (2, "out-of-range"));
            for (var i = 1; i <= 2; i++) yield return Num($"input.{i}.id", P + $"2.2.1.1.{i}", 1, F.Static);
            for (var i = 1; i <= 2; i++) yield return Num($"input.{i}.voltage", P + $"2.2.1.2.{i}", 0.1);
            for (var i = 1; i <= 2; i++) yield return Str($"input.{i}.voltage.status", P + $"3.2.1.5.{i}", F.None, null, voltageStatus);
            for (var i = 1; i <= 2; i++) yield return Num($"input.{i}.frequency", P + $"2.2.1.3.{i}", 0.1);
            for (var i = 1; i <= 2; i++) yield return Str($"input.{i}.frequency.status", P + $"3.2.1.2.{i}", F.None, null, frequencyStatus);
            yield return Num("input.sensitivity", P + "4.6.0", 1, F.ReadWrite, L((1, "normal"), (2, "high"), (3, "low")));
            yield return Str("input.source", P + "2.4.0", F.None, null,
                L((1, "init"), (2, "diagnosis"), (3, "off"), (4, "1"), (5, "2"), (6, "safe"), (7, "fault")));
            yield return Num("input.source.preferred", P + "4.5.0", 1, F.ReadWrite);
            yield return Num("input.phase.shift", P + "2.1.1.0");
            yield return Num("output.voltage", P + "2.3.1.0", 0.1);
            yield return Num("output.voltage.nominal", P + "4.4.0", 1, F.ReadWrite);
            yield return Num("output.current", P + "2.3.2.0", 0.1);
            yield return Num("ups.test.result", P + "4.8.0", 1, F.None, IetfMapping.TestResults);
            yield return Status(P + "3.3.2.0", L((1, "OFF"), (2, "OL")));
            var sensorScale = nm2 ? 1 : 0.1;
            yield return Num("ambient.temperature", P + "5.1.0", sensorScale);
            yield return Num("ambient.temperature.low", P + "5.5.0", 1, F.ReadWrite);
            yield return Num("ambient.temperature.high", P + "5.6.0", 1, F.ReadWrite);
            yield return Num("ambient.humidity", P + "5.2.0", sensorScale);
            yield return Num("ambient.humidity.low", P + "5.7.0", 1, F.ReadWrite);
            yield return Num("ambient.humidity.high", P + "5.8.0", 1, F.ReadWrite);
            var contacts = L((-1, "unknown"), (1, "opened"), (2, "closed"), (3, "opened"), (4, "closed"));
            yield return Str("ambient.contacts.1.status", P + "5.4.1.3.1", F.None, null, contacts);
            yield return Str("ambient.contacts.2.status", P + "5.4.1.3.2", F.None, null, contacts);
        }

        public static readonly SnmpMapping Nmc = new SnmpMapping("eaton_ats16_nmc", "0.21", ModelOid, new[] { "1.3.6.1.4.1.705.1" }, Rows(nm2: false).ToList());
        public static readonly SnmpMapping Nm2 = new SnmpMapping("eaton_ats16_nm2", "0.22", ModelOid, new[] { "1.3.6.1.4.1.534.10.2" }, Rows(nm2: true).ToList());
    }
}
