using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>Best Power (Ferrups) cards, BESTPOWER-MIB (mibs=bestpower; its "sysOID" is the model OID, so only the classic pass finds it).</summary>
    public static class BestpowerMapping
    {
        private const string P = "1.3.6.1.4.1.2947.1.";
        private const string ModelOid = P + "1.2.0";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Fixed("device.type", "ups");
            yield return Fixed("ups.mfr", "EATON");
            yield return Str("ups.model", ModelOid, F.Static, "Best Ferrups");
            yield return Str("ups.serial", P + "1.5.0", F.Static, "");
            yield return Str("ups.firmware", P + "1.7.0", F.Static, "");
            yield return Num("ups.power", P + "1.3.0");
            yield return Str("ups.mfr.date", P + "1.8.0", F.None, "");
            yield return Status(P + "2.1.0", L((1, "OL"), (2, "OB")));
            // Minutes on the card.
            yield return Num("battery.runtime", P + "2.3.0", 60);
            yield return Num("battery.runtime.elapsed", P + "2.2.0");
            yield return Num("battery.voltage", P + "2.4.0", 0.1);
            yield return Num("battery.current", P + "2.5.0", 0.1);
        }

        public static readonly SnmpMapping Bestpower = new SnmpMapping("bestpower", "0.4", ModelOid, new[] { ModelOid }, Rows().ToList());
    }
}
