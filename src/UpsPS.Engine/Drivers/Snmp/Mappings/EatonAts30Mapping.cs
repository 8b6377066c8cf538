using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>Eaton ATS 30, EATON-ATS-MIB (mibs=eaton_ats30, sysOID .534.10.1).</summary>
    public static class EatonAts30Mapping
    {
        private const string P = "1.3.6.1.4.1.534.10.1.";
        private const string ModelOid = P + "2.1.0";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Fixed("device.type", "ats");
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Str("device.mfr", P + "1.1.0", F.Static);
            yield return Str("device.model", ModelOid, F.Static);
            yield return Str("ups.firmware", P + "2.2.0");
            yield return Str("device.serial", P + "2.4.0");
            for (var i = 1; i <= 2; i++) yield return Num($"input.{i}.id", P + $"3.1.1.1.{i}");
            for (var i = 1; i <= 2; i++) yield return Num($"input.{i}.voltage", P + $"3.1.1.2.{i}", 0.1);
            for (var i = 1; i <= 2; i++) yield return Num($"input.{i}.frequency", P + $"3.1.1.3.{i}", 0.1);
            yield return Num("output.voltage", P + "3.2.1.0", 0.1);
            yield return Num("output.current", P + "3.2.2.0", 0.1);
            yield return Num("ups.temperature", P + "3.3.0");
            yield return Num("device.uptime", P + "3.5.0");
            yield return Num("input.source", P + "3.7.0", 1, F.None,
                L((1, "init"), (2, "diagnosis"), (3, "off"), (4, "1"), (5, "2"), (6, "safe"), (7, "fault")));
            // atsFailureIndicator bitmap: 1 switch fault, 2 no output, 4 output overcurrent, 8 over temperature.
            var status = Enumerable.Range(0, 16).Select(b => ((long)b, ((b & 2) != 0 ? "OFF" : "OL") + ((b & 4) != 0 ? " OVER" : ""))).ToArray();
            yield return Status(P + "4.5.0", L(status));
            yield return Num("input.source.preferred", P + "6.5.0", 1, F.ReadWrite);
            yield return Num("input.sensitivity", P + "6.6.0", 1, F.ReadWrite, L((1, "high"), (2, "low")));
        }

        public static readonly SnmpMapping Ats30 = new SnmpMapping("eaton_ats30", "0.03", ModelOid, new[] { "1.3.6.1.4.1.534.10.1" }, Rows().ToList());
    }
}
