using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>
    /// Eaton ePDU, EATON-EPDU-MIB "marlin" (mibs=eaton_epdu, sysOID .534.6.6.7). Tables are indexed by daisy-chained
    /// unit first; the first unit is read. The EMP002 sensor templates (ambient.N.*) are not mapped.
    /// </summary>
    public static class EatonEpduMapping
    {
        private const string U = "1.3.6.1.4.1.534.6.6.7.";

        private static readonly IReadOnlyDictionary<long, string> Threshold =
            L((0, "good"), (1, "warning-low"), (2, "critical-low"), (3, "warning-high"), (4, "critical-high"));

        private static IReadOnlyDictionary<long, string> Alarms(string what) => L((0, ""), (1, $"low {what} warning!"),
            (2, $"low {what} critical!"), (3, $"high {what} warning!"), (4, $"high {what} critical!"));

        private static readonly IReadOnlyDictionary<long, string> VoltageAlarms = Alarms("voltage");
        private static readonly IReadOnlyDictionary<long, string> CurrentAlarms = Alarms("current");

        /// <summary>Value, status, alarm and the four RW thresholds of one voltage or current measurement.</summary>
        private static IEnumerable<SnmpMappingRow> Measured(string name, string alarmName, string table, string index, double scale,
            IReadOnlyDictionary<long, string> alarms, int thresholdColumn, params (string Name, string Column)[] extra)
        {
            yield return Num(name, U + table + "3.%i." + index, scale);
            foreach (var (n, column) in extra) yield return Num(name + n, U + table + column + ".%i." + index, scale);
            yield return Str(name + ".status", U + table + (thresholdColumn - 1) + ".%i." + index, F.None, null, Threshold);
            yield return Str(alarmName, U + table + (thresholdColumn - 1) + ".%i." + index, F.None, null, alarms);
            foreach (var row in Thresholds(name, c => U + table + c + ".%i." + index, thresholdColumn, scale)) yield return row;
        }

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Fixed("device.mfr", "EATON");
            yield return Str("device.model", U + "1.2.1.2.%i", F.Static, "Eaton Powerware ePDU");
            yield return Str("device.serial", U + "1.2.1.4.%i", F.Static, "");
            yield return Fixed("device.type", "pdu");
            yield return Str("device.part", U + "1.2.1.3.%i", F.Static, "");
            yield return Str("device.macaddr", "1.3.6.1.2.1.2.2.1.6.2", F.Static, "");
            // snmp-ups' daisy-chain set-up publishes the unit count; a single unit is what this mapping reads.
            yield return Fixed("device.count", "1");
            yield return Fixed("ups.mfr", "EATON");
            yield return Str("ups.model", U + "1.2.1.2.%i", F.Static, "Eaton Powerware ePDU");
            yield return Str("ups.serial", U + "1.2.1.4.%i", F.Static, "");
            yield return Str("ups.firmware", U + "1.2.1.5.%i", F.None, "");
            yield return Fixed("ups.type", "pdu");

            // Input: phases from the input type (split phase counts 2, delta and wye 3).
            yield return Num("input.phases", U + "3.1.1.2.%i.1", 1, F.Static, L((1, "1"), (2, "2"), (3, "3"), (4, "3")));
            yield return Num("input.frequency", U + "3.1.1.3.%i.1", 0.1);
            yield return Str("input.frequency.status", U + "3.1.1.4.%i.1", F.None, null, L((0, "good"), (1, "out-of-range")));
            yield return Str("ups.alarm", U + "3.1.1.4.%i.1", F.None, null, L((0, ""), (1, "frequency out of range!")));
            yield return Num("input.load", U + "3.3.1.11.%i.1.1", 1, F.NegInvalid);
            for (var p = 1; p <= 3; p++) yield return Num($"input.L{p}.load", U + $"3.3.1.11.%i.1.{p}", 1, F.NegInvalid);

            foreach (var r in Measured("input.voltage", "ups.alarm", "3.2.1.", "1.1", 0.001, VoltageAlarms, 5)) yield return r;
            for (var p = 1; p <= 3; p++)
                foreach (var r in Measured($"input.L{p}.voltage", $"L{p}.alarm", "3.2.1.", $"1.{p}", 0.001, VoltageAlarms, 5)) yield return r;

            foreach (var r in CurrentRows("input.current", "ups.alarm", "1.1", "3.3.1.4.%i.1.1")) yield return r;
            // The L1 current row of 2.8.0 reads unit 0 literally, whatever the unit index.
            foreach (var r in CurrentRows("input.L1.current", "L1.alarm", "1.1", "3.3.1.4.0.1.1")) yield return r;
            for (var p = 2; p <= 3; p++)
                foreach (var r in CurrentRows($"input.L{p}.current", $"L{p}.alarm", $"1.{p}", $"3.3.1.4.%i.1.{p}")) yield return r;

            yield return Num("input.realpower", U + "3.5.1.4.%i.1", 1, F.NegInvalid | F.Unique);
            yield return Num("input.realpower", U + "3.4.1.4.%i.1.4", 1, F.NegInvalid | F.Unique);
            yield return Num("input.realpower", U + "3.4.1.4.%i.1.2", 1, F.NegInvalid);
            for (var p = 1; p <= 3; p++) yield return Num($"input.L{p}.realpower", U + $"3.4.1.4.%i.1.{p}", 1, F.NegInvalid);
            yield return Num("input.power", U + "3.5.1.3.%i.1", 1, F.NegInvalid | F.Unique);
            yield return Num("input.power", U + "3.4.1.3.%i.1.4", 1, F.NegInvalid | F.Unique);
            yield return Num("input.power", U + "3.4.1.3.%i.1.2", 1, F.NegInvalid);
            for (var p = 1; p <= 3; p++) yield return Num($"input.L{p}.power", U + $"3.4.1.3.%i.1.{p}", 1, F.NegInvalid);
            yield return Str("input.feed.desc", U + "3.1.1.10.%i.1", F.ReadWrite | F.SemiStatic);
            yield return Num("input.feed.color", U + "3.1.1.9.%i.1", 1, F.SemiStatic);
            yield return Num("input.realpower.nominal", U + "3.5.1.9.%i.1", 1, F.NegInvalid);

            // The unit's own sensor (older ePDUs; EMP002 sensors are the unmapped ambient.N templates).
            yield return Str("ambient.present", U + "7.1.1.3.%i.1", F.None, null, L((-1, "unknown"), (0, "no"), (1, "yes")));
            yield return Str("ambient.temperature.status", U + "7.1.1.5.%i.1", F.None, null, Threshold);
            yield return Str("ups.alarm", U + "7.1.1.5.%i.1", F.None, null, Alarms("temperature"));
            yield return Num("ambient.temperature", U + "7.1.1.4.%i.1", 0.1);
            foreach (var (n, c) in new[] { ("low", 7), ("low.critical", 7), ("low.warning", 6), ("high", 9), ("high.warning", 8), ("high.critical", 9) })
                yield return Num("ambient.temperature." + n, U + $"7.1.1.{c}.%i.1", 0.1, F.ReadWrite | F.NegInvalid);
            yield return Str("ambient.humidity.status", U + "7.2.1.5.%i.1", F.None, null, Threshold);
            yield return Str("ups.alarm", U + "7.2.1.5.%i.1", F.None, null, Alarms("humidity"));
            yield return Num("ambient.humidity", U + "7.2.1.4.%i.1", 0.1);
            foreach (var (n, c) in new[] { ("low", 7), ("low.warning", 6), ("low.critical", 7), ("high", 9), ("high.warning", 8), ("high.critical", 9) })
                yield return Num("ambient.humidity." + n, U + $"7.2.1.{c}.%i.1", 0.1, F.ReadWrite | F.NegInvalid);
            var contacts = L((-1, "unknown"), (0, "opened"), (1, "closed"));
            yield return Str("ambient.contacts.1.status", U + "7.3.1.4.%i.1", F.None, null, contacts);
            yield return Str("ambient.contacts.2.status", U + "7.3.1.4.%i.2", F.None, null, contacts);

            // EMP002 external sensors, read on the first unit only.
            foreach (var r in EmpSensorRows.Rows(parentSerial: true)) yield return r;

            // Whole-unit outlet summary.
            yield return Num("outlet.count", U + "1.2.1.22.%i", 1, F.Static);
            yield return new SnmpMappingRow("outlet.id", F.Absent | F.Static, 1, null, "0", null);
            yield return Fixed("outlet.desc", "All outlets");
            yield return Str("outlet.switchable", U + "1.2.1.10.%i", F.Static | F.Unique, "no", L((0, "no"), (1, "yes"), (2, "no"), (3, "yes"), (4, "no")));
            yield return Str("outlet.switchable", U + "6.6.1.3.%i.1", F.Static | F.Unique, "no", L((-1, "yes"), (0, "yes")));
            yield return Num("outlet.frequency", U + "3.1.1.3.%i.1", 0.1);
            yield return Num("outlet.voltage", U + "3.2.1.3.%i.1.1", 0.001);
            yield return Num("outlet.current", U + "3.3.1.4.%i.1.1", 0.01);
            yield return Num("outlet.realpower", U + "3.4.1.4.%i.1.4");
            yield return Num("outlet.power", U + "3.4.1.3.%i.1.4");

            // Outlets: unit, then outlet number.
            const F O = F.Outlet;
            yield return Str("outlet.%i.desc", U + "6.1.1.3.%i.%i", F.ReadWrite | F.SemiStatic | O);
            yield return Str("outlet.%i.status", U + "6.6.1.2.%i.%i", O, null, L((0, "off"), (1, "on"), (2, "pendingOff"), (3, "pendingOn")));
            yield return Num("outlet.%i.id", U + "6.6.1.7.%i.%i", 1, F.Static | O);
            yield return Str("outlet.%i.name", U + "6.1.1.2.%i.%i", F.Static | F.Unique | O);
            yield return Str("outlet.%i.name", U + "6.1.1.6.%i.%i", F.Static | F.Unique | O);
            for (var g = 1; g <= 6; g++) yield return Str("outlet.%i.groupid", U + $"6.2.1.3.%i.%i.{g}", F.Static | F.Unique | O);
            yield return Num("outlet.%i.current", U + "6.4.1.3.%i.%i", 0.001, O);
            yield return Str("outlet.%i.current.status", U + "6.4.1.4.%i.%i", O, null, Threshold);
            yield return Str("outlet.%i.alarm", U + "6.4.1.4.%i.%i", O, null, CurrentAlarms);
            foreach (var row in Thresholds("outlet.%i.current", c => U + $"6.4.1.{c}.%i.%i", 5, 0.001, O)) yield return row;
            yield return Num("outlet.%i.realpower", U + "6.5.1.3.%i.%i", 1, O);
            yield return Num("outlet.%i.voltage", U + "6.3.1.2.%i.%i", 0.001, O);
            yield return Str("outlet.%i.voltage.status", U + "6.3.1.3.%i.%i", O, null, Threshold);
            yield return Str("outlet.%i.alarm", U + "6.3.1.3.%i.%i", O, null, VoltageAlarms);
            foreach (var row in Thresholds("outlet.%i.voltage", c => U + $"6.3.1.{c}.%i.%i", 4, 0.001, O)) yield return row;
            yield return Num("outlet.%i.power", U + "6.5.1.2.%i.%i", 1, O);
            yield return Str("outlet.%i.switchable", U + "6.6.1.9.%i.%i", F.Unique | O, "no", L((1, "yes"), (2, "no")));
            yield return Str("outlet.%i.switchable", U + "6.6.1.3.%i.%i", F.Static | F.Unique | O, "no", L((-1, "yes"), (0, "yes")));
            yield return Str("outlet.%i.type", U + "6.1.1.5.%i.%i", F.Static | O, "unknown", L((0, "unknown"), (1, "iecC13"), (2, "iecC19"),
                (10, "uk"), (11, "french"), (12, "schuko"), (20, "nema515"), (21, "nema51520"), (22, "nema520"), (23, "nemaL520"),
                (24, "nemaL530"), (25, "nema615"), (26, "nema620"), (27, "nemaL620"), (28, "nemaL630"), (29, "nemaL715"), (30, "rf203p277")));

            // Outlet groups.
            const F G = F.OutletGroup;
            yield return Num("outlet.group.count", U + "1.2.1.21.%i", 1, F.Static);
            yield return Str("outlet.group.%i.id", U + "5.1.1.2.%i.%i", F.Static | G);
            yield return Str("outlet.group.%i.desc", U + "5.1.1.3.%i.%i", F.ReadWrite | F.SemiStatic | G);
            yield return Str("outlet.group.%i.name", U + "5.1.1.8.%i.%i", F.Static | G);
            yield return Str("outlet.group.%i.color", U + "5.1.1.7.%i.%i", F.Static | G);
            yield return Str("outlet.group.%i.type", U + "5.1.1.4.%i.%i", F.Static | G, null, L((0, "unknown"), (1, "breaker1pole"),
                (2, "breaker2pole"), (3, "breaker3pole"), (4, "outlet-section"), (5, "user-defined")));
            yield return Num("outlet.group.%i.phase", U + "5.3.1.2.%i.%i", 1, F.Static | G, L((0, "unknown"), (1, "1"), (2, "1-N"),
                (3, "2-N"), (4, "3-N"), (5, "1-2"), (6, "2-3"), (7, "3-1")));
            yield return Str("outlet.group.%i.status", U + "5.6.1.2.%i.%i", G, null, L((0, "off"), (1, "on"), (2, "rebooting"), (3, "mixed")));
            yield return Num("outlet.group.%i.count", U + "5.1.1.6.%i.%i", 1, G);
            yield return Num("outlet.group.%i.voltage", U + "5.3.1.3.%i.%i", 0.001, G);
            yield return Str("outlet.group.%i.voltage.status", U + "5.3.1.4.%i.%i", G, null, Threshold);
            yield return Str("outlet.group.%i.alarm", U + "5.3.1.4.%i.%i", G, null, VoltageAlarms);
            foreach (var row in Thresholds("outlet.group.%i.voltage", c => U + $"5.3.1.{c}.%i.%i", 5, 0.001, G)) yield return row;
            yield return Num("outlet.group.%i.current", U + "5.4.1.3.%i.%i", 0.001, G);
            yield return Num("outlet.group.%i.current.nominal", U + "5.4.1.2.%i.%i", 0.001, G);
            yield return Str("outlet.group.%i.current.status", U + "5.4.1.4.%i.%i", G, null, Threshold);
            yield return Str("outlet.group.%i.alarm", U + "5.4.1.4.%i.%i", G, null, CurrentAlarms);
            yield return Num("outlet.group.%i.load", U + "5.4.1.10.%i.%i", 1, F.NegInvalid | G);
            foreach (var row in Thresholds("outlet.group.%i.current", c => U + $"5.4.1.{c}.%i.%i", 5, 0.001, G)) yield return row;
            yield return Num("outlet.group.%i.realpower", U + "5.5.1.3.%i.%i", 1, F.NegInvalid | G);
            yield return Num("outlet.group.%i.power", U + "5.5.1.2.%i.%i", 1, F.NegInvalid | G);
            yield return Num("outlet.group.%i.input", U + "5.1.1.9.%i.%i", 1, F.NegInvalid | G);

            // Commands: the value sent is the delay in seconds (0 = now).
            foreach (var (cmd, c) in new[] { ("load.off", 3), ("load.on", 4), ("load.cycle", 5) })
                yield return new SnmpMappingRow("outlet.%i." + cmd, F.Command | O, 1, U + $"6.6.1.{c}.%i.%i", "0", null);
            yield return Num("outlet.%i.delay.shutdown", U + "6.6.1.10.%i.%i", 1, F.ReadWrite | F.NegInvalid | O);
            yield return Num("outlet.%i.delay.start", U + "6.6.1.7.%i.%i", 1, F.ReadWrite | F.NegInvalid | O);
            foreach (var (cmd, c) in new[] { ("load.off.delay", 3), ("load.on.delay", 4), ("load.cycle.delay", 5) })
                yield return new SnmpMappingRow("outlet.%i." + cmd, F.Command | O, 1, U + $"6.6.1.{c}.%i.%i", null, null);
            yield return Num("outlet.%i.timer.shutdown", U + "6.6.1.3.%i.%i", 1, O);
            yield return Num("outlet.%i.timer.start", U + "6.6.1.4.%i.%i", 1, O);
            foreach (var (cmd, c) in new[] { ("load.off", 3), ("load.on", 4), ("load.cycle", 5) })
                yield return new SnmpMappingRow("outlet.group.%i." + cmd, F.Command | G, 1, U + $"5.6.1.{c}.%i.%i", "0", null);
            foreach (var (cmd, c) in new[] { ("load.off.delay", 3), ("load.on.delay", 4), ("load.cycle.delay", 5) })
                yield return new SnmpMappingRow("outlet.group.%i." + cmd, F.Command | G, 1, U + $"5.6.1.{c}.%i.%i", null, null);
        }

        private static IEnumerable<SnmpMappingRow> CurrentRows(string name, string alarmName, string index, string valueOid)
        {
            yield return Num(name, U + valueOid, 0.001);
            yield return Num(name + ".nominal", U + "3.3.1.3.%i." + index, 0.001);
            yield return Str(name + ".status", U + "3.3.1.5.%i." + index, F.None, null, Threshold);
            yield return Str(alarmName, U + "3.3.1.5.%i." + index, F.None, null, CurrentAlarms);
            foreach (var row in Thresholds(name, c => U + $"3.3.1.{c}.%i." + index, 6, 0.001)) yield return row;
        }

        public static readonly SnmpMapping Marlin = new SnmpMapping("eaton_epdu", "0.69", U + "1.2.1.2.0", new[] { "1.3.6.1.4.1.534.6.6.7" },
            Rows().ToList(), daisyChain: true);
    }
}
