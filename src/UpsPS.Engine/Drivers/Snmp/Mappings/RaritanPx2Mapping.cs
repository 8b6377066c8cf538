using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>Raritan PX2 PDUs, PDU2-MIB (mibs=raritan-px2, sysOID .13742.6), first PDU of the unit table.</summary>
    public static class RaritanPx2Mapping
    {
        private const string P = "1.3.6.1.4.1.13742.6.";
        private const string ModelOid = P + "3.2.1.1.3.1";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Str("device.mfr", P + "3.2.1.1.2.1", F.Static, "Raritan");
            yield return Str("device.model", ModelOid, F.Static, "Raritan PX2 SNMP PDU device");
            yield return Str("device.serial", P + "3.2.1.1.4.1", F.Static);
            yield return Fixed("device.type", "pdu");
            yield return Str("device.macaddr", P + "3.2.2.1.11.1", F.Static);
            yield return Str("device.revision", P + "3.2.3.1.4.1.1.1", F.Static, "");
            yield return Str("ups.firmware", P + "3.2.3.1.6.1.1.1", F.Static, "");
            yield return Str("ups.id", P + "3.2.2.1.13.1", F.Static, "");
            yield return Str("ups.model", ModelOid, F.Static, "Raritan PX2 SNMP PDU device");
            // Inlet 1 sensors by type: 1 current, 4 voltage, 5 active power, 6 apparent power, 7 power factor.
            const string Inlet = P + "5.2.3.1.4.1.1.";
            yield return Num("input.load", Inlet + "1", 0.1);
            yield return Num("input.voltage", Inlet + "4");
            yield return Num("input.realpower", Inlet + "5");
            yield return Num("input.power", Inlet + "6");
            yield return Num("input.powerfactor", Inlet + "7", 0.01);
            yield return Num("outlet.count", P + "3.2.2.1.4.1", 1, F.Static);
            const F O = F.Outlet;
            yield return Str("outlet.%i.desc", P + "3.5.3.1.3.1.%i", F.ReadWrite | O);
            yield return Str("outlet.%i.status", P + "4.1.2.1.3.1.%i", O, null, L((-1, "unavailable"), (0, "open"), (1, "closed"),
                (2, "belowLowerCritical"), (3, "belowLowerWarning"), (4, "normal"), (5, "aboveUpperWarning"), (6, "aboveUpperCritical"),
                (7, "on"), (8, "off"), (9, "detected"), (10, "notDetected"), (11, "alarmed"), (12, "ok"), (13, "marginal"), (14, "fail"),
                (15, "yes"), (16, "no"), (17, "standby"), (18, "one"), (19, "two"), (20, "inSync"), (21, "outOfSync")));
            yield return new SnmpMappingRow("outlet.%i.id", F.Static | O, 1, P + "3.5.3.1.2.1.%i", "%i", null);
            const string Sensor = P + "5.4.3.1.4.1.%i.";
            yield return Num("outlet.%i.current", Sensor + "1", 0.1, O);
            yield return Num("outlet.%i.voltage", Sensor + "4", 1, O);
            yield return Num("outlet.%i.power", Sensor + "5", 1, O);
            yield return Num("outlet.%i.realpower", Sensor + "6", 1, O);
            yield return Num("outlet.%i.powerfactor", Sensor + "7", 1, O);
            yield return Str("outlet.%i.switchable", P + "3.5.3.1.28.1.%i", F.Static | O, "no", L((-1, "yes"), (1, "yes"), (2, "no")));
            yield return new SnmpMappingRow("outlet.%i.load.off", F.Command | O, 1, P + "4.1.2.1.2.1.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.on", F.Command | O, 1, P + "4.1.2.1.2.1.%i", "1", null);
            yield return new SnmpMappingRow("outlet.%i.load.cycle", F.Command | O, 1, P + "4.1.2.1.2.1.%i", "2", null);
        }

        public static readonly SnmpMapping Px2 = new SnmpMapping("raritan-px2", "0.4", ModelOid, new[] { "1.3.6.1.4.1.13742.6" }, Rows().ToList());
    }
}
