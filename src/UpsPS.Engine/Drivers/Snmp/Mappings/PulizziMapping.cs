using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>
    /// Eaton (Pulizzi) switched ePDUs (mibs=pulizzi_switched1, sysOID .20677.1; pulizzi_switched2, sysOID .20677.2),
    /// one table under two names.
    /// </summary>
    public static class PulizziMapping
    {
        private const string P = "1.3.6.1.4.1.20677.2.";
        private const string ModelOid = P + "1.1.0";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Fixed("device.mfr", "EATON | Powerware");
            yield return Str("device.model", ModelOid, F.Static, "Switched ePDU");
            yield return Fixed("device.type", "pdu");
            yield return Str("device.macaddr", P + "2.6.0", F.None, "unknown");
            yield return Fixed("ups.mfr", "EATON");
            yield return Str("ups.model", ModelOid, F.Static, "Switched ePDU");
            yield return Str("ups.date", P + "1.4.0", F.Static, "");
            yield return Str("ups.time", P + "1.3.0", F.Static, "");
            yield return new SnmpMappingRow("outlet.id", F.Absent | F.Static, 1, null, "0", null);
            yield return new SnmpMappingRow("outlet.desc", F.String | F.ReadWrite | F.Absent | F.Static, 1, null, "All outlets", null);
            yield return Num("outlet.current", P + "8.6.4.2.0");
            yield return Num("outlet.voltage", P + "8.6.4.1.0");
            yield return Num("outlet.power", P + "8.6.4.3.0");
            const F O = F.Outlet;
            yield return Str("outlet.%i.desc", P + "6.1.%i.1.0", F.ReadWrite | F.Static | O);
            yield return Str("outlet.%i.status", P + "6.3.%i.0", O, null, L((1, "on"), (2, "off")));
            yield return new SnmpMappingRow("outlet.%i.id", F.Absent | F.Static | O, 1, null, "%i", null);
            yield return Str("outlet.%i.switchable", P + "6.3.%i.0", F.Static | O, "yes", L((1, "yes"), (2, "yes")));
            yield return Num("outlet.%i.delay.reboot", P + "6.1.%i.5.0", 1, F.ReadWrite | O);
            yield return Num("outlet.%i.delay.start", P + "6.1.%i.4.0", 1, F.ReadWrite | O);
            yield return Cmd("load.on", P + "6.2.1.0", 1);
            yield return Cmd("load.off", P + "6.2.1.0", 2);
            yield return Cmd("load.on.delay", P + "6.2.1.0", 3);
            yield return Cmd("load.off.delay", P + "6.2.1.0", 4);
            // The command table is offset by one from the data tables: outlet N is controlled at index N + 1.
            yield return new SnmpMappingRow("outlet.%i.load.on", F.Command | F.CommandOffset | O, 1, P + "6.2.%i.0", "1", null);
            yield return new SnmpMappingRow("outlet.%i.load.off", F.Command | F.CommandOffset | O, 1, P + "6.2.%i.0", "2", null);
            yield return new SnmpMappingRow("outlet.%i.load.cycle", F.Command | F.CommandOffset | O, 1, P + "6.2.%i.0", "3", null);
        }

        private static readonly IReadOnlyList<SnmpMappingRow> Table = Rows().ToList();

        public static readonly SnmpMapping Switched1 = new SnmpMapping("pulizzi_switched1", "0.5", ModelOid, new[] { "1.3.6.1.4.1.20677.1" }, Table);
        public static readonly SnmpMapping Switched2 = new SnmpMapping("pulizzi_switched2", "0.5", ModelOid, new[] { "1.3.6.1.4.1.20677.2" }, Table);
    }
}
