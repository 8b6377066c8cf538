using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>
    /// APC rack PDUs, PowerNet-MIB sPDU / rPDU groups (mibs=apc_pdu). snmp-ups lists the table three times, for the
    /// rPDU, rPDU2 and MasterSwitch Plus sysOIDs, all under the name apc_pdu.
    /// </summary>
    public static class ApcPduMapping
    {
        private const string S = "1.3.6.1.4.1.318.1.1.4.";
        private const string R = "1.3.6.1.4.1.318.1.1.12.";
        private const string ModelOid = S + "1.4.0";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Fixed("device.mfr", "APC");
            yield return Str("device.model", ModelOid, F.Static, "Switched ePDU");
            yield return Fixed("device.type", "pdu");
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0");
            // sysName, not sysDescr, is this table's description.
            yield return Str("device.description", "1.3.6.1.2.1.1.5.0");
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0");
            yield return Num("device.uptime", "1.3.6.1.2.1.1.3.0", 1, F.NegInvalid);
            yield return Str("device.serial", S + "1.5.0", F.Static);
            yield return Str("device.part", ModelOid, F.Static);
            yield return Str("device.version", S + "1.1.0", F.Static);
            yield return Str("ups.firmware", S + "1.2.0");
            yield return Str("ups.date", S + "1.3.0");
            yield return Num("input.realpower", R + "1.16.0");
            yield return Num("input.current", R + "2.3.1.1.2.1", 0.1);
            yield return Num("input.voltage.nominal", R + "1.15.0", 1, F.NegInvalid);
            yield return Num("outlet.count", S + "4.1.0", 1, F.Static);
            yield return new SnmpMappingRow("outlet.%i.id", F.Static | F.Outlet, 1, S + "4.2.1.1.%i", "%i", null);
            yield return Str("outlet.%i.desc", S + "4.2.1.4.%i", F.ReadWrite | F.Outlet);
            yield return Str("outlet.%i.status", S + "4.2.1.3.%i", F.ReadWrite | F.Outlet, null, L((1, "on"), (2, "off")));
            // The control OID's presence says the outlet is switchable.
            yield return Str("outlet.%i.switchable", S + "4.2.1.3.%i", F.Static | F.Outlet, "yes", L((1, "yes"), (2, "yes")));
        }

        private static readonly IReadOnlyList<SnmpMappingRow> Table = Rows().ToList();

        public static readonly SnmpMapping Rpdu = new SnmpMapping("apc_pdu", "0.4", ModelOid, new[] { "1.3.6.1.4.1.318.1.3.4.4" }, Table);
        public static readonly SnmpMapping Rpdu2 = new SnmpMapping("apc_pdu", "0.4", ModelOid, new[] { "1.3.6.1.4.1.318.1.3.4.5" }, Table);
        public static readonly SnmpMapping Msp = new SnmpMapping("apc_pdu", "0.4", ModelOid, new[] { "1.3.6.1.4.1.318.1.3.4.6" }, Table);
    }
}
