using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>XPPC / Phoenixtec-derived "NetAgent" cards (mibs=xppc, spec section 7).</summary>
    public static class XppcMapping
    {
        private const string P = "1.3.6.1.4.1.935.1.1.1.";


        private static IEnumerable<SnmpMappingRow> Rows()
        {
            foreach (var r in IetfMapping.SystemRows()) yield return r;
            yield return Fixed("ups.mfr", "Tripp Lite / Phoenixtec");
            yield return Str("ups.model", P + "1.1.1.0", F.Static);
            yield return Str("ups.firmware.aux", P + "1.2.4.0", F.Static);
            yield return Status(P + "2.1.1.0", L((1, ""), (2, ""), (3, "LB")));
            yield return Num("battery.charge", P + "2.2.1.0");
            yield return Num("battery.voltage", P + "2.2.2.0", 0.1);
            yield return Num("ups.temperature", P + "2.2.3.0", 0.1);
            yield return Num("battery.runtime", P + "2.2.4.0");
            yield return Num("input.voltage", P + "3.2.1.0", 0.1);
            yield return Num("input.frequency", P + "3.2.4.0", 0.1);
            yield return Status(P + "4.1.1.0", L((1, ""), (2, "OL"), (3, "OB"), (4, "OL BOOST"), (5, "OFF"), (6, "BYPASS"), (7, ""),
                (8, "OFF"), (9, "OL TRIM")));
            yield return Num("output.voltage", P + "4.2.1.0", 0.1);
            yield return Num("output.frequency", P + "4.2.2.0", 0.1);
            yield return Num("ups.load", P + "4.2.3.0");
            yield return Num("output.voltage.nominal", P + "5.2.1.0", 0.1);
        }
    
        // Declared last: static fields initialise in order and the rows use the lookups above.
        public static readonly SnmpMapping Xppc = new SnmpMapping("xppc", "0.2", P + "1.1.1.0", new[] { "1.3.6.1.4.1.935" }, Rows().ToList());
    }
}
