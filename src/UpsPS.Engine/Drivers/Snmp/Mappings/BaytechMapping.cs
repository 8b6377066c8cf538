using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>BayTech RPC PDUs, Baytech-MIB-403x (mibs=baytech, sysOID .4779).</summary>
    public static class BaytechMapping
    {
        private const string P = "1.3.6.1.4.1.4779.1.";
        private const string ModelOid = P + "3.5.2.1.24.1";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Str("device.model", ModelOid, F.Static, "Generic SNMP PDU");
            yield return Str("device.serial", P + "1.2.0", F.Static, "");
            yield return Fixed("device.type", "pdu");
            yield return Str("device.macaddr", "1.3.6.1.2.1.2.2.1.6.2", F.Static, "");
            yield return Fixed("ups.mfr", "Baytech");
            // Spelled differently from ups.mfr; 2.8.0 keeps both, so this row comes after ups.mfr (which our host mirrors).
            yield return Fixed("device.mfr", "BayTech");
            yield return Str("ups.model", ModelOid, F.Static, "Generic SNMP PDU");
            yield return Str("ups.id", P + "1.3.0", F.Static, "unknown");
            yield return Str("ups.serial", P + "1.2.0", F.Static, "");
            yield return Str("ups.firmware", P + "1.1.0", F.Static, "");
            yield return Fixed("ups.type", "pdu");
            yield return Num("ups.temperature", P + "3.5.5.1.10.2.1", 0.1);
            yield return new SnmpMappingRow("outlet.id", F.Absent | F.Static, 1, null, "0", null);
            yield return new SnmpMappingRow("outlet.desc", F.String | F.ReadWrite | F.Absent | F.Static, 1, null, "All outlets", null);
            yield return Num("outlet.count", P + "3.5.2.1.15.1");
            yield return Num("outlet.current", P + "3.5.5.1.6.2.1", 0.1);
            yield return Num("outlet.voltage", P + "3.5.5.1.8.2.1", 0.1);
            const F O = F.Outlet;
            yield return Str("outlet.%i.status", P + "3.5.3.1.3.1.%i", O, null, L((-1, "error"), (0, "off"), (1, "on"), (2, "cycling")));
            yield return Str("outlet.%i.desc", P + "3.5.3.1.4.1.%i", F.ReadWrite | O);
            yield return new SnmpMappingRow("outlet.%i.id", F.Absent | F.Static | O, 1, P + "3.5.6.1.3.2.1.%i", "%i", null);
            // The index column's presence says "switchable"; 2.8.0 publishes the number it reads.
            yield return new SnmpMappingRow("outlet.%i.switchable", F.Static | O, 1, P + "3.5.3.1.1.1.%i", "yes", null);
            yield return new SnmpMappingRow("outlet.%i.load.off", F.Command | O, 1, P + "3.5.3.1.3.1.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.on", F.Command | O, 1, P + "3.5.3.1.3.1.%i", "1", null);
        }

        public static readonly SnmpMapping Baytech = new SnmpMapping("baytech", "0.4034", ModelOid, new[] { "1.3.6.1.4.1.4779" }, Rows().ToList());
    }
}
