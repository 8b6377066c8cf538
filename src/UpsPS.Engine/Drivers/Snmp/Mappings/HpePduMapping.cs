using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>
    /// HPE intelligent PDUs, CPQPOWER-MIB pdu2 branch (mibs=hpe_epdu, sysOID .232.165.7). A daisy-chain MIB: the first
    /// index of every table is the PDU; the first PDU is read.
    /// </summary>
    public static class HpePduMapping
    {
        private const string P = "1.3.6.1.4.1.232.165.7.";
        private const string ModelOid = P + "1.2.1.3.%i";

        private static readonly IReadOnlyDictionary<long, string> Threshold =
            L((1, "good"), (2, "warning-low"), (3, "critical-low"), (4, "warning-high"), (5, "critical-high"));

        private static IReadOnlyDictionary<long, string> Alarms(string what) => L((1, ""), (2, $"low {what} warning!"),
            (3, $"low {what} critical!"), (4, $"high {what} warning!"), (5, $"high {what} critical!"));

        private static readonly IReadOnlyDictionary<long, string> VoltageAlarms = Alarms("voltage");
        private static readonly IReadOnlyDictionary<long, string> CurrentAlarms = Alarms("current");

        /// <summary>An input phase measurement: value, status, alarm, nominal (current only) and four RW thresholds.</summary>
        private static IEnumerable<SnmpMappingRow> Measured(string name, string alarmName, string alarmPhase, int phase, bool current)
        {
            var t = P + "2.2.1.";
            var (value, status, low) = current ? (11, 12, 13) : (3, 4, 5);
            yield return Num(name, $"{t}{value}.%i.{phase}", 0.001);
            if (current) yield return Num(name + ".nominal", $"{t}10.%i.{phase}", 0.001, F.NegInvalid);
            yield return Str(name + ".status", $"{t}{status}.%i.{phase}", F.None, null, Threshold);
            yield return Str(alarmName, $"{t}{status}.%i.{alarmPhase}", F.None, null, current ? CurrentAlarms : VoltageAlarms);
            foreach (var row in Thresholds(name, c => $"{t}{c}.%i.{phase}", low, 0.001)) yield return row;
        }

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Fixed("device.mfr", "HPE");
            yield return Str("device.model", ModelOid, F.Static, "HPE ePDU");
            yield return Str("device.serial", P + "1.2.1.7.%i", F.Static, "");
            yield return Fixed("device.type", "pdu");
            yield return Str("device.part", P + "1.2.1.6.%i", F.Static, "");
            yield return Str("device.macaddr", "1.3.6.1.2.1.2.2.1.6.2", F.Static, "");
            yield return Num("device.count", P + "1.1.0", 1, F.Static);
            yield return Fixed("ups.mfr", "HPE");
            yield return Str("ups.model", ModelOid, F.Static, "HPE ePDU");
            yield return Str("ups.serial", P + "1.2.1.7.%i", F.Static, "");
            yield return Str("ups.firmware", P + "1.2.1.5.%i", F.None, "");
            yield return Fixed("ups.type", "pdu");

            yield return Num("input.phases", P + "2.1.1.1.%i", 1, F.Static, L((1, "1"), (2, "2"), (3, "3"), (4, "3")));
            yield return Num("input.frequency", P + "2.1.1.2.%i", 0.1);
            yield return Str("input.frequency.status", P + "2.1.1.3.%i", F.None, null, L((1, "good"), (2, "out-of-range")));
            yield return Str("ups.alarm", P + "2.1.1.3.%i", F.None, null, L((1, ""), (2, "frequency out of range!")));
            // Load: an Eaton ePDU OID (never answers on HPE units), then three per-phase rows under one name.
            yield return Num("input.load", "1.3.6.1.4.1.534.6.6.7.3.3.1.11.%i.1.1", 1, F.NegInvalid);
            for (var ph = 1; ph <= 3; ph++) yield return Num("input.L1.load", P + $"2.2.1.18.%i.{ph}", 1, F.NegInvalid);
            // Voltage and current are per phase only: the whole-input names read phase 1.
            foreach (var r in Measured("input.voltage", "ups.alarm", "1", 1, current: false)) yield return r;
            for (var ph = 1; ph <= 3; ph++)
                foreach (var r in Measured($"input.L{ph}.voltage", $"L{ph}.alarm", ph.ToString(), ph, current: false)) yield return r;
            foreach (var r in Measured("input.current", "ups.alarm", "1", 1, current: true)) yield return r;
            // 2.8.0's phase 3 current alarm row repeats phase 2's name and OID.
            for (var ph = 1; ph <= 3; ph++)
                foreach (var r in Measured($"input.L{ph}.current", ph == 3 ? "L2.alarm" : $"L{ph}.alarm", ph == 3 ? "2" : ph.ToString(), ph, current: true)) yield return r;
            yield return Num("input.realpower", P + "2.1.1.5.%i", 1, F.NegInvalid | F.Unique);
            for (var ph = 1; ph <= 3; ph++) yield return Num($"input.L{ph}.realpower", P + $"2.2.1.21.%i.{ph}", 1, F.NegInvalid);
            yield return Num("input.power", P + "2.1.1.4.%i", 1, F.NegInvalid | F.Unique);
            for (var ph = 1; ph <= 3; ph++) yield return Num($"input.L{ph}.power", P + $"2.2.1.20.%i.{ph}", 1, F.NegInvalid);
            yield return Num("input.powerfactor", P + "2.1.1.8.%i", 0.001, F.NegInvalid);

            yield return Str("ambient.present", P + "4.2.1.3.%i.1", F.None, null, L((-1, "unknown"), (1, "no"), (2, "yes")));
            foreach (var (what, table) in new[] { ("temperature", "4.2.1."), ("humidity", "4.3.1.") })
            {
                yield return Str($"ambient.{what}.status", P + table + "5.%i.1", F.None, null, Threshold);
                yield return Str("ups.alarm", P + table + "5.%i.1", F.None, null, Alarms(what));
                yield return Num($"ambient.{what}", P + table + "4.%i.1", 0.1);
                var order = what == "temperature"
                    ? new[] { ("low", 7), ("low.critical", 7), ("low.warning", 6), ("high", 9), ("high.critical", 9), ("high.warning", 8) }
                    : new[] { ("low", 7), ("low.critical", 7), ("low.warning", 6), ("high.warning", 8), ("high", 9), ("high.critical", 9) };
                foreach (var (suffix, column) in order)
                    yield return Num($"ambient.{what}.{suffix}", P + table + column + ".%i.1", 0.1, F.ReadWrite | F.NegInvalid);
            }
            var contacts = L((-1, "unknown"), (0, "unknown"), (1, "open"), (2, "closed"), (3, "bad"));
            yield return Str("ambient.contacts.1.status", P + "4.4.1.4.%i.1", F.None, null, contacts);
            yield return Str("ambient.contacts.2.status", P + "4.4.1.4.%i.2", F.None, null, contacts);

            yield return new SnmpMappingRow("outlet.id", F.Absent | F.Static, 1, null, "0", null);
            yield return new SnmpMappingRow("outlet.desc", F.String | F.ReadWrite | F.Absent | F.Static, 1, null, "All outlets", null);
            yield return Num("outlet.count", P + "1.2.1.12.%i", 1, F.Static);
            const F O = F.Outlet;
            const string Ot = P + "5.1.1.";
            const string Oc = P + "5.2.1.";
            yield return Str("outlet.%i.desc", Ot + "2.%i.%i", F.Static | O);
            yield return Str("outlet.%i.status", Oc + "1.%i.%i", O, null, L((1, "off"), (2, "on"), (3, "pendingOff"), (4, "pendingOn")));
            yield return new SnmpMappingRow("outlet.%i.id", F.Absent | F.Static | O, 1, null, "%i", null);
            yield return Num("outlet.%i.current", Ot + "5.%i.%i", 0.001, O);
            yield return Str("outlet.%i.current.status", Ot + "6.%i.%i", O, null, Threshold);
            yield return Str("outlet.%i.alarm", Ot + "6.%i.%i", O, null, CurrentAlarms);
            foreach (var row in Thresholds("outlet.%i.current", c => Ot + c + ".%i.%i", 7, 0.001, O)) yield return row;
            yield return Num("outlet.%i.realpower", Ot + "14.%i.%i", 1, F.NegInvalid | O);
            yield return Num("outlet.%i.power", Ot + "13.%i.%i", 1, O);
            yield return new SnmpMappingRow("outlet.%i.switchable", F.ReadWrite | F.Static | O, 1, Oc + "8.%i.%i", "no", L((1, "yes"), (2, "no")));
            yield return Str("outlet.%i.type", Ot + "3.%i.%i", F.Static | O, "unknown", L((0, "unknown"), (1, "iecC13"), (2, "iecC19"),
                (10, "uk"), (11, "french"), (12, "schuko"), (20, "nema515"), (21, "nema51520"), (22, "nema520"), (23, "nemaL520"),
                (24, "nemaL530"), (25, "nema615"), (26, "nema620"), (27, "nemaL620"), (28, "nemaL630"), (29, "nemaL715"), (30, "rf203p277")));
            yield return Num("outlet.%i.powerfactor", Ot + "17.%i.%i", 0.001, O);

            yield return Num("outlet.group.count", P + "1.2.1.11.%i", 1, F.Static);
            const F G = F.OutletGroup;
            const string Gt = P + "3.1.1.";
            yield return Str("outlet.group.%i.id", Gt + "1.%i.%i", F.Static | G);
            yield return Str("outlet.group.%i.name", Gt + "2.%i.%i", F.ReadWrite | F.Static | G);
            yield return Str("outlet.group.%i.type", Gt + "3.%i.%i", F.Static | G, null, L((0, "unknown"), (1, "unknown"),
                (2, "breaker1pole"), (3, "breaker2pole"), (4, "breaker3pole"), (5, "outlet-section")));
            yield return Num("outlet.group.%i.phase", Gt + "4.%i.%i", 1, F.Static | G,
                L((1, "L1"), (2, "L1"), (3, "L2"), (4, "L3"), (5, "L1"), (6, "L2"), (7, "L3")));
            yield return Str("outlet.group.%i.status", Gt + "27.%i.%i", F.NaInvalid | G, null, L((1, "N/A"), (2, "on"), (3, "off")));
            yield return Num("outlet.group.%i.count", Gt + "26.%i.%i", 1, G);
            yield return Num("outlet.group.%i.voltage", Gt + "5.%i.%i", 0.001, G);
            yield return Str("outlet.group.%i.voltage.status", Gt + "6.%i.%i", G, null, Threshold);
            yield return Str("outlet.group.%i.alarm", Gt + "6.%i.%i", G, null, VoltageAlarms);
            foreach (var row in Thresholds("outlet.group.%i.voltage", c => Gt + c + ".%i.%i", 7, 0.001, G)) yield return row;
            yield return Num("outlet.group.%i.current", Gt + "12.%i.%i", 0.001, G);
            yield return Num("outlet.group.%i.current.nominal", Gt + "11.%i.%i", 0.001, G);
            yield return Str("outlet.group.%i.current.status", Gt + "13.%i.%i", G, null, Threshold);
            yield return Str("outlet.group.%i.alarm", Gt + "13.%i.%i", G, null, CurrentAlarms);
            foreach (var row in Thresholds("outlet.group.%i.current", c => Gt + c + ".%i.%i", 14, 0.001, G)) yield return row;
            yield return Num("outlet.group.%i.load", Gt + "19.%i.%i", 1, F.NegInvalid | G);
            yield return Num("outlet.group.%i.realpower", Gt + "21.%i.%i", 1, F.NegInvalid | G);
            yield return Num("outlet.group.%i.power", Gt + "20.%i.%i", 1, F.NegInvalid | G);
            // 2.8.0 flags this group row as an outlet row, so it is instantiated per outlet.
            yield return Num("outlet.group.%i.powerfactor", Gt + "24.%i.%i", 0.001, O);

            yield return new SnmpMappingRow("outlet.%i.load.off", F.Command | O, 1, Oc + "2.%i.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.on", F.Command | O, 1, Oc + "3.%i.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.cycle", F.Command | O, 1, Oc + "4.%i.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.off.delay", F.Command | O, 1, Oc + "2.%i.%i", null, null);
            yield return new SnmpMappingRow("outlet.%i.load.on.delay", F.Command | O, 1, Oc + "3.%i.%i", null, null);
            yield return new SnmpMappingRow("outlet.%i.load.cycle.delay", F.Command | O, 1, Oc + "4.%i.%i", null, null);
        }

        public static readonly SnmpMapping HpePdu = new SnmpMapping("hpe_epdu", "0.33", P + "1.2.1.3.0", new[] { "1.3.6.1.4.1.232.165.7" },
            Rows().ToList(), daisyChain: true);
    }
}
