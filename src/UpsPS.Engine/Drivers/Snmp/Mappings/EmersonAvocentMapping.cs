using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>
    /// Emerson / Avocent PM PDUs, PM-MIB (mibs=emerson_avocent_pdu, sysOID .10418.17.1.7). A daisy-chain MIB: tables are
    /// indexed by PDU first; the first PDU is read.
    /// </summary>
    public static class EmersonAvocentMapping
    {
        private const string P = "1.3.6.1.4.1.10418.17.2.";
        private const string ModelOid = P + "1.2.0";
        // 2.8.0 confirms the mapping with the device.model row at PDU index 0.
        private const string DetectionOid = P + "5.3.1.5.1.0";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Fixed("device.mfr", "Avocent");
            // Flagged absent in 2.8.0: only its OID's index decides where the PDU table starts.
            yield return new SnmpMappingRow("device.model", F.String | F.Absent | F.Static | F.NaInvalid, 1, P + "5.3.1.5.1.%i", "Avocent SNMP PDU", null);
            yield return Str("device.serial", P + "1.4.0", F.Static, "");
            yield return Fixed("device.type", "pdu");
            yield return Num("device.count", P + "5.2.1.4.1", 1, F.Static);
            yield return Fixed("ups.mfr", "Avocent");
            yield return Str("ups.model", ModelOid, F.Static, "Avocent SNMP PDU");
            yield return Str("ups.id", P + "1.1.0", F.Static, "unknown");
            yield return Str("ups.serial", P + "1.4.0", F.Static, "");
            yield return Str("ups.firmware", P + "1.7.0", F.Static, "");
            yield return Fixed("ups.type", "pdu");
            yield return Str("ups.macaddr", "1.3.6.1.2.1.2.2.1.6.1", F.Static, "");
            yield return new SnmpMappingRow("outlet.id", F.Absent | F.Static, 1, null, "0", null);
            yield return new SnmpMappingRow("outlet.desc", F.String | F.ReadWrite | F.Absent | F.Static, 1, null, "All outlets", null);
            yield return Num("outlet.count", P + "5.3.1.8.1.%i", 1, F.Static | F.ZeroInvalid);
            const F O = F.Outlet;
            const string T = P + "5.5.1.";
            // Index 0 answers a plain GET on some firmware although the table starts at 1, hence ZEROINVALID on the first template.
            yield return Str("outlet.%i.status", T + "5.1.%i.%i", O | F.ZeroInvalid, null, L((1, "off"), (2, "on")));
            yield return new SnmpMappingRow("outlet.%i.id", F.Absent | F.Static | O, 1, T + "3.1.%i.%i", null, null);
            yield return Str("outlet.%i.desc", T + "4.1.%i.%i", F.ReadWrite | O | F.NaInvalid);
            yield return Num("outlet.%i.current", T + "50.1.%i.%i", 0.1, O);
            yield return Num("outlet.%i.current.high.critical", T + "100.1.%i.%i", 0.1, F.ReadWrite | O);
            yield return Num("outlet.%i.current.high.warning", T + "101.1.%i.%i", 0.1, F.ReadWrite | O);
            yield return Num("outlet.%i.current.low.warning", T + "102.1.%i.%i", 0.1, F.ReadWrite | O);
            yield return Num("outlet.%i.current.low.critical", T + "103.1.%i.%i", 0.1, F.ReadWrite | O);
            yield return Num("outlet.%i.realpower", T + "60.1.%i.%i", 0.1, O);
            yield return Num("outlet.%i.voltage", T + "70.1.%i.%i", 1, O);
            yield return Num("outlet.group.count", P + "5.6.%i", 1, F.Static);
            yield return new SnmpMappingRow("outlet.%i.load.cycle", F.Command | O, 1, T + "6.1.%i.%i", "4", null);
            yield return new SnmpMappingRow("outlet.%i.load.off", F.Command | O, 1, T + "6.1.%i.%i", "3", null);
            yield return new SnmpMappingRow("outlet.%i.load.on", F.Command | O, 1, T + "6.1.%i.%i", "2", null);
        }

        public static readonly SnmpMapping Avocent = new SnmpMapping("emerson_avocent_pdu", "1.3", DetectionOid, new[] { "1.3.6.1.4.1.10418.17.1.7" },
            Rows().ToList(), daisyChain: true);
    }
}
