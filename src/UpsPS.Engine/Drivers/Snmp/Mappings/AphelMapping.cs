using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>
    /// Older Eaton (Aphel) ePDUs: the managed Revelation line (mibs=aphel_revelation, sysOID .534.6.6.6) and the monitored
    /// Genesis II line (mibs=aphel_genesisII, sysOID .17373).
    /// </summary>
    public static class AphelMapping
    {
        private const string R = "1.3.6.1.4.1.534.6.6.6.";
        private const string RevelationModel = R + "1.1.12.0";
        private const string G = "1.3.6.1.4.1.17373.3.";
        private const string GenesisModel = G + "1.1.0";

        private static IEnumerable<SnmpMappingRow> Common()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Fixed("device.mfr", "EATON | Powerware");
        }

        private static IEnumerable<SnmpMappingRow> RevelationRows()
        {
            foreach (var row in Common()) yield return row;
            yield return Str("device.model", RevelationModel, F.Static, "Eaton Powerware ePDU Managed");
            yield return Str("device.serial", R + "1.1.2.0", F.Static, "");
            yield return Fixed("device.type", "pdu");
            yield return Str("device.macaddr", R + "1.1.6.0", F.Static, "");
            yield return Str("device.revision", R + "1.1.7.0", F.Static, "");
            yield return Fixed("ups.mfr", "EATON | Powerware");
            yield return Str("ups.model", RevelationModel, F.Static, "Generic SNMP PDU");
            yield return Str("ups.id", R + "1.1.13.0", F.Static, "unknown");
            yield return Str("ups.serial", R + "1.1.2.0", F.Static, "");
            yield return Str("ups.firmware", R + "1.1.1.0", F.Static, "");
            yield return Fixed("ups.type", "pdu");
            yield return Num("ups.temperature", R + "1.3.1.5.0");
            yield return new SnmpMappingRow("outlet.id", F.Absent | F.Static, 1, null, "0", null);
            yield return new SnmpMappingRow("outlet.desc", F.String | F.ReadWrite | F.Absent | F.Static, 1, null, "All outlets", null);
            yield return Num("outlet.count", R + "1.2.1.0");
            yield return Num("outlet.current", R + "1.3.1.1.0", 0.001);
            yield return Num("outlet.voltage", R + "1.3.1.2.0", 0.001);
            yield return Num("outlet.realpower", R + "1.3.1.3.0");
            yield return Num("outlet.power", R + "1.3.1.4.0");
            const F O = F.Outlet;
            const string T = R + "1.2.2.1.";
            yield return Num("outlet.%i.switchable", T + "3.%i", 1, F.Static | O, L((-1, "yes"), (0, "yes"), (1, "yes"), (2, "yes")));
            yield return new SnmpMappingRow("outlet.%i.id", F.Absent | F.Static | O, 1, null, "%i", null);
            yield return Str("outlet.%i.desc", T + "2.%i", F.ReadWrite | O);
            yield return Str("outlet.%i.status", T + "3.%i", O, null, L((-1, "error"), (0, "off"), (1, "on"), (2, "cycling")));
            yield return Num("outlet.%i.current", T + "4.%i", 0.001, O);
            yield return Num("outlet.%i.current.maximum", T + "5.%i", 0.001, O);
            yield return Num("outlet.%i.realpower", T + "7.%i", 1, O);
            yield return Num("outlet.%i.voltage", T + "6.%i", 1, O);
            yield return Num("outlet.%i.powerfactor", T + "9.%i", 0.01, O);
            yield return Num("outlet.%i.power", T + "8.%i", 1, O);
            yield return Num("ambient.temperature", R + "2.2.1.3.0");
            yield return Num("ambient.temperature.low", R + "2.2.1.6.0");
            yield return Num("ambient.temperature.high", R + "2.2.1.7.0");
            yield return Num("ambient.humidity", R + "2.4.1.3.0");
            yield return Num("ambient.humidity.low", R + "2.4.1.6.0");
            yield return Num("ambient.humidity.high", R + "2.4.1.7.0");
            yield return new SnmpMappingRow("outlet.%i.load.off", F.Command | O, 1, T + "3.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.on", F.Command | O, 1, T + "3.%i", "1", null);
            yield return new SnmpMappingRow("outlet.%i.load.cycle", F.Command | O, 1, T + "3.%i", "2", null);
        }

        private static IEnumerable<SnmpMappingRow> GenesisRows()
        {
            foreach (var row in Common()) yield return row;
            yield return Str("device.model", GenesisModel, F.Static, "Eaton Powerware ePDU Monitored");
            yield return Fixed("device.type", "pdu");
            yield return Str("device.macaddr", G + "1.4.0", F.None, "unknown");
            yield return Fixed("ups.mfr", "EATON | Powerware");
            yield return Str("ups.model", GenesisModel, F.Static, "Generic SNMP PDU");
            yield return Str("ups.id", G + "1.3.0", F.Static, "unknown");
            yield return Str("ups.firmware", G + "1.2.0", F.Static, "");
            yield return Fixed("ups.type", "pdu");
            for (var n = 1; n <= 8; n++) yield return Num($"outlet.{n}.current", G + $"2.{n}.0", 0.1, F.NegInvalid);
        }

        public static readonly SnmpMapping Revelation = new SnmpMapping("aphel_revelation", "0.52", RevelationModel, new[] { "1.3.6.1.4.1.534.6.6.6" }, RevelationRows().ToList());
        public static readonly SnmpMapping GenesisII = new SnmpMapping("aphel_genesisII", "0.52", GenesisModel, new[] { "1.3.6.1.4.1.17373" }, GenesisRows().ToList());
    }
}
