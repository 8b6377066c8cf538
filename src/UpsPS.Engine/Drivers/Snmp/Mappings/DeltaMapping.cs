using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>Delta "UPS SNMP Agent" cards, DeltaUPS MIB v4 (mibs=delta_ups, sysObjectID .1.3.6.1.4.1.2254.2.4).</summary>
    public static class DeltaMapping
    {
        private const string P = "1.3.6.1.4.1.2254.2.4.";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            foreach (var r in IetfMapping.SystemRows()) yield return r;
            // dupsIdent group: the agent software version is the card firmware, the UPS software version the aux one.
            yield return Str("ups.mfr", P + "1.1.0", F.Static);
            yield return Str("ups.model", P + "1.2.0", F.Static);
            yield return Str("ups.firmware", P + "1.4.0", F.Static);
            yield return Str("ups.firmware.aux", P + "1.3.0", F.Static);
            yield return Str("ups.type", P + "1.19.0", F.None, null,
                L((1, "on-line"), (2, "off-line"), (3, "line-interactive"), (4, "3phase"), (5, "splite-phase")));
            yield return Num("ups.load", P + "5.7.0");
            yield return Num("ups.power", P + "1.7.0");
            yield return Num("output.voltage.nominal", P + "1.8.0");
            yield return Num("output.voltage", P + "5.4.0", 0.1);
            yield return Num("output.frequency.nominal", P + "1.9.0");
            yield return Num("output.current", P + "5.5.0", 0.1);
            yield return Num("input.voltage.nominal", P + "1.10.0");
            yield return Num("input.voltage", P + "4.3.0", 0.1);
            yield return Num("input.frequency.nominal", P + "1.11.0");
            yield return Num("input.frequency", P + "4.2.0", 0.1);
            // dupsOutputSource; 6 ("other") has no status word.
            yield return Status(P + "5.1.0", L((0, "OL"), (1, "OB"), (2, "BYPASS"), (3, "TRIM"), (4, "BOOST"), (5, "BYPASS"), (7, "OFF")));
        }

        // The MIB has no separate detection OID: the model row confirms the sysOID match and serves the classic pass.
        public static readonly SnmpMapping Delta = new SnmpMapping("delta_ups", "0.2", P + "1.2.0", new[] { "1.3.6.1.4.1.2254.2.4" }, Rows().ToList());
    }
}
