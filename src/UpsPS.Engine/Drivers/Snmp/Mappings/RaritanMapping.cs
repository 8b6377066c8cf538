using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>Raritan Dominion PX PDUs, PDU-MIB (mibs=raritan, sysOID .13742).</summary>
    public static class RaritanMapping
    {
        private const string P = "1.3.6.1.4.1.13742.1.";
        private const string ModelOid = P + "1.12.0";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Fixed("device.mfr", "Raritan");
            yield return Str("device.model", ModelOid, F.Static, "Generic SNMP PDU");
            yield return Str("device.serial", P + "1.2.0", F.Static, "");
            yield return Fixed("device.type", "pdu");
            yield return Str("device.macaddr", P + "1.6.0", F.Static, "");
            yield return Fixed("ups.mfr", "Raritan");
            yield return Str("ups.model", ModelOid, F.Static, "Generic SNMP PDU");
            yield return Str("ups.id", P + "1.13.0", F.Static, "unknown");
            yield return Str("ups.serial", P + "1.2.0", F.Static, "");
            yield return Str("ups.firmware", P + "1.1.0", F.Static, "");
            yield return Fixed("ups.type", "pdu");
            yield return Num("ups.temperature", P + "3.1.5.0");
            yield return new SnmpMappingRow("outlet.id", F.Absent | F.Static, 1, null, "0", null);
            yield return Fixed("outlet.desc", "All outlets");
            yield return Num("outlet.count", P + "2.1.0");
            yield return Num("outlet.current", P + "3.1.1.0", 0.001);
            yield return Num("outlet.voltage", P + "3.1.2.0", 0.001);
            yield return Num("outlet.realpower", P + "3.1.3.0");
            yield return Num("outlet.power", P + "3.1.4.0");
            const F O = F.Outlet;
            // The table's index column: its presence says "switchable"; 2.8.0 publishes the number it reads.
            yield return new SnmpMappingRow("outlet.%i.switchable", F.Static | O, 1, P + "2.2.1.1.%i", "yes", null);
            yield return new SnmpMappingRow("outlet.%i.id", F.Absent | F.Static | O, 1, null, "%i", null);
            yield return Str("outlet.%i.desc", P + "2.2.1.2.%i", F.ReadWrite | O);
            yield return Str("outlet.%i.status", P + "2.2.1.3.%i", O, null, L((-1, "error"), (0, "off"), (1, "on"), (2, "cycling")));
            yield return Num("outlet.%i.current", P + "2.2.1.4.%i", 0.001, O);
            yield return Num("outlet.%i.current.maximum", P + "2.2.1.5.%i", 0.001, O);
            yield return Num("outlet.%i.realpower", P + "2.2.1.7.%i", 1, O);
            yield return Num("outlet.%i.voltage", P + "2.2.1.6.%i", 1, O);
            yield return Num("outlet.%i.powerfactor", P + "2.2.1.9.%i", 0.01, O);
            yield return Num("outlet.%i.power", P + "2.2.1.8.%i", 1, O);
            yield return new SnmpMappingRow("outlet.%i.load.off", F.Command | O, 1, P + "2.2.1.3.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.on", F.Command | O, 1, P + "2.2.1.3.%i", "1", null);
            yield return new SnmpMappingRow("outlet.%i.load.cycle", F.Command | O, 1, P + "2.2.1.3.%i", "2", null);
        }

        public static readonly SnmpMapping Raritan = new SnmpMapping("raritan", "0.8", ModelOid, new[] { "1.3.6.1.4.1.13742" }, Rows().ToList());
    }
}
