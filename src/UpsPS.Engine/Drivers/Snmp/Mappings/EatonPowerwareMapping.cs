using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>Eaton/Powerware XUPS-MIB (NUT 2.8.0 names: mibs=pw, pxgx_ups; spec 5.2).</summary>
    public static class EatonPowerwareMapping
    {
        private const string P = "1.3.6.1.4.1.534.1.";
        private const string Ietf = "1.3.6.1.2.1.33.1.";



        private static IEnumerable<SnmpMappingRow> Rows()
        {
            foreach (var r in IetfMapping.SystemRows()) yield return r;
            yield return Str("ups.mfr", P + "1.1.0", F.Static, "");
            yield return Str("ups.model", P + "1.2.0", F.Static, "");
            yield return Str("ups.firmware", P + "1.3.0", F.None, "");
            yield return Str("ups.firmware.aux", Ietf + "1.4.0", F.None, "");
            yield return Str("ups.serial", Ietf + "1.5.0", F.Static, "");
            yield return Num("ups.load", P + "4.1.0");
            yield return Num("ups.power", P + "4.4.1.4.1");
            yield return Num("ups.power", P + "4.4.1.4.1.0");
            // Output source: the classic codes and the newer cards' extended ones (0x10 ... 0xF0).
            yield return Status(P + "4.5.0", L((1, ""), (2, "OFF"), (3, "OL"), (4, "BYPASS"), (5, "OB"), (6, "OL BOOST"), (7, "OL TRIM"),
                (8, "OL"), (9, "OL"), (10, "OL"), (240, "OB"), (100, "BYPASS"), (96, "BYPASS"), (81, "OL"), (80, "OL"), (64, "OL"), (16, "OFF")));
            yield return Status(P + "7.3", L((1, "OB"), (2, "")));
            yield return Status(P + "7.4", L((1, "LB"), (2, "")));
            yield return Status(P + "2.5.0", L((1, "CHRG"), (2, "DISCHRG")));
            yield return Str("experimental.ups.type", P + "4.5.0", F.Static, "", L((1, ""), (2, ""), (3, "normal"), (4, ""), (5, ""), (6, ""),
                (7, ""), (8, "parallel capacity"), (9, "parallel redundancy"), (10, "high efficiency"), (240, ""), (100, ""), (96, ""),
                (81, "high efficiency"), (80, "normal"), (64, ""), (16, "")));
            yield return Str("ups.type", P + "13.1.0", F.Static, "", L((0x00, ""), (0x10, "Off-line switcher, Single Phase"),
                (0x20, "Line-Interactive UPS, Single Phase"), (0x21, "Line-Interactive UPS, Two Phase"), (0x22, "Line-Interactive UPS, Three Phase"),
                (0x30, "Dual AC Input, On-Line UPS, Single Phase"), (0x31, "Dual AC Input, On-Line UPS, Two Phase"),
                (0x32, "Dual AC Input, On-Line UPS, Three Phase"), (0x40, "On-Line UPS, Single Phase"), (0x41, "On-Line UPS, Two Phase"),
                (0x42, "On-Line UPS, Three Phase"), (0x50, "Parallel Redundant On-Line UPS, Single Phase"),
                (0x51, "Parallel Redundant On-Line UPS, Two Phase"), (0x52, "Parallel Redundant On-Line UPS, Three Phase"),
                (0x60, "Parallel for Capacity On-Line UPS, Single Phase"), (0x61, "Parallel for Capacity On-Line UPS, Two Phase"),
                (0x62, "Parallel for Capacity On-Line UPS, Three Phase"), (0x102, "System Bypass Module, Three Phase"),
                (0x122, "Hot-Tie Cabinet, Three Phase"), (0x200, "Outlet Controller, Single Phase"),
                (0x222, "Dual AC Input Static Switch Module, 3 Phase")));
            yield return Num("ups.realpower.nominal", P + "10.3.0");
            yield return Num("ups.power.nominal", Ietf + "9.5.0");
            yield return Num("ups.temperature", P + "6.1.0");
            yield return Num("ups.temperature.low", P + "6.2.0", 1, F.ReadWrite);
            yield return Num("ups.temperature.high", P + "6.3.0", 1, F.ReadWrite);
            yield return Str("ups.test.result", P + "8.2.0", F.None, "", L((1, "Unknown"), (2, "Done and passed"), (3, "Done and error"),
                (4, "In progress"), (5, "Not supported"), (6, "Inhibited"), (7, "Scheduled")));
            yield return Str("ups.start.auto", Ietf + "8.5.0", F.ReadWrite, "", L((1, "yes"), (2, "no")));
            yield return Str("battery.charger.status", P + "2.5.0", F.None, "", L((1, "charging"), (2, "discharging"), (3, "floating"),
                (4, "resting"), (5, "unknown"), (6, "disabled")));
            yield return Num("battery.charge", P + "2.4.0");
            yield return Num("battery.runtime", P + "2.1.0");
            yield return Num("battery.voltage", P + "2.2.0");
            yield return Num("battery.current", P + "2.3.0", 0.1);
            yield return Num("battery.runtime.low", Ietf + "9.7.0", 60);
            yield return Str("battery.date", P + "2.6.0", F.ReadWrite | F.UsDateToIso);
            yield return Num("output.phases", P + "4.3.0");
            yield return Num("output.frequency", P + "4.2.0", 0.1);
            yield return Num("output.frequency.nominal", P + "10.4.0", 0.1);
            yield return Num("output.voltage", P + "4.4.1.2.1", 1, F.Output1);
            yield return Num("output.voltage", P + "4.4.1.2.1.0", 1, F.Output1);
            yield return Num("output.voltage.nominal", P + "10.1.0");
            yield return Num("output.voltage.low", P + "10.6.0");
            yield return Num("output.voltage.high", P + "10.7.0");
            yield return Num("output.current", P + "4.4.1.3.1", 1, F.Output1);
            yield return Num("output.current", P + "4.4.1.3.1.0", 1, F.Output1);
            yield return Num("output.realpower", P + "4.4.1.4.1", 1, F.Output1);
            yield return Num("output.realpower", P + "4.4.1.4.1.0");
            yield return Num("output.realpower.nominal", P + "10.3.0");
            for (var n = 1; n <= 3; n++) yield return Num($"output.L{n}-N.voltage", P + "4.4.1.2." + n, 1, F.Output3);
            for (var n = 1; n <= 3; n++) yield return Num($"output.L{n}.current", P + "4.4.1.3." + n, 1, F.Output3);
            for (var n = 1; n <= 3; n++) yield return Num($"output.L{n}.realpower", P + "4.4.1.4." + n, 1, F.Output3);
            for (var n = 1; n <= 3; n++) yield return Num($"output.L{n}.power.percent", Ietf + "4.4.1.5." + n, 1, F.Output3);
            yield return Num("output.voltage.nominal", P + "10.1.0");
            yield return Num("input.phases", P + "3.3.0");
            yield return Num("input.frequency", P + "3.1.0", 0.1);
            yield return Num("input.voltage", P + "3.4.1.2.0", 1, F.Input1);
            yield return Num("input.voltage", P + "3.4.1.2.1", 1, F.Input1);
            yield return Num("input.voltage.nominal", P + "10.2.0");
            yield return Num("input.current", P + "3.4.1.3.0", 0.1, F.Input1);
            for (var n = 1; n <= 3; n++) yield return Num($"input.L{n}-N.voltage", P + "3.4.1.2." + n, 1, F.Input3);
            for (var n = 1; n <= 3; n++) yield return Num($"input.L{n}.current", P + "3.4.1.3." + n, 1, F.Input3);
            for (var n = 1; n <= 3; n++) yield return Num($"input.L{n}.realpower", P + "3.4.1.4." + n, 1, F.Input3);
            yield return Num("input.quality", P + "3.2.0");
            yield return Num("input.bypass.frequency", P + "5.1.0", 0.1);
            // 2.8.0 gates the bypass rows on the input phase count.
            yield return Num("input.bypass.voltage", P + "5.3.1.2.0", 1, F.Input1);
            yield return Num("input.bypass.voltage", P + "5.3.1.2.1.0", 1, F.Input1);
            for (var n = 1; n <= 3; n++) yield return Num($"input.bypass.L{n}-N.voltage", P + "5.3.1.2." + n, 1, F.Input3);
            yield return new SnmpMappingRow("outlet.id", F.Absent | F.Static, 1, null, "0", null);
            yield return Num("outlet.switchable", P + "9.7.0", 1, F.Static, L((1, "yes"), (2, "no")));
            yield return Num("outlet.count", P + "12.1.0", 1, F.Static);
            const F O = F.Outlet;
            yield return Num("outlet.%i.id", P + "12.2.1.1.%i", 1, F.Static | O);
            yield return Num("outlet.%i.switchable", P + "12.2.1.1.%i", 1, F.Static | O);
            yield return Num("outlet.%i.status", P + "12.2.1.2.%i", 1, O, L((1, "on"), (2, "off"), (3, "on"), (4, "off"), (7, "off"), (8, "on")));
            yield return Num("ambient.temperature", P + "6.5.0");
            yield return Num("ambient.temperature.low", P + "6.9.0", 1, F.ReadWrite);
            yield return Num("ambient.temperature.high", P + "6.10.0", 1, F.ReadWrite);
            yield return Num("ambient.humidity", P + "6.6.0");
            yield return Num("ambient.humidity.low", P + "6.11.0", 1, F.ReadWrite);
            yield return Num("ambient.humidity.high", P + "6.12.0", 1, F.ReadWrite);
            yield return Str("ambient.contacts.1.name", P + "6.8.1.4.1", F.None, "");
            yield return Str("ambient.contacts.2.name", P + "6.8.1.4.2", F.None, "");
            var contacts = L((-1, "unknown"), (1, "opened"), (2, "closed"), (3, "opened"), (4, "closed"));
            yield return Str("ambient.contacts.1.status", P + "6.8.1.3.1", F.None, "", contacts);
            yield return Str("ambient.contacts.2.status", P + "6.8.1.3.2", F.None, "", contacts);
            foreach (var r in EmpSensorRows.Rows(parentSerial: false)) yield return r;

            yield return Cmd("test.battery.start.quick", P + "8.1", 1);
            yield return Cmd("shutdown.return", P + "9.6", 0);
            yield return Cmd("shutdown.stop", P + "9.1.0", 0);
            yield return Cmd("load.off", P + "9.1.0", 1);
            yield return new SnmpMappingRow("load.off.delay", F.Command, 1, P + "9.1.0", null, null);
            yield return Cmd("load.on", P + "9.2.0", 1);
            yield return new SnmpMappingRow("load.on.delay", F.Command, 1, P + "9.2.0", null, null);
            yield return new SnmpMappingRow("outlet.%i.load.off", F.Command | O, 1, P + "12.2.1.3.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.on", F.Command | O, 1, P + "12.2.1.4.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.off.delay", F.Command | O, 1, P + "12.2.1.3.%i", null, null);
            yield return new SnmpMappingRow("outlet.%i.load.on.delay", F.Command | O, 1, P + "12.2.1.4.%i", null, null);
            // xupsAlarms: the number of active alarms; when non-zero the alarm table is walked (see OidAlarms).
            yield return Num(SnmpUpsDriver.OidAlarmsRow, P + "7.1.0");
        }

        private static SnmpOidAlarm A(int arc, string? status, string? alarm) => new SnmpOidAlarm(P + "7." + arc, status, alarm);

        // The alarm each xupsAlarmDescr value (an OID under xupsAlarm) stands for.
        private static readonly IReadOnlyList<SnmpOidAlarm> Alarms = new[]
        {
            A(4, "LB", null), A(7, "OVER", "Output overload!"), A(8, null, "Internal failure!"), A(9, null, "Battery discharged!"),
            A(10, null, "Inverter failure!"), A(11, "BYPASS", "On bypass!"), A(12, null, "Bypass not available!"), A(13, "OFF", "Output off!"),
            A(14, null, "Input failure!"), A(15, null, "Building alarm!"), A(16, null, "Shutdown imminent!"), A(17, null, "On inverter!"),
            A(20, null, "Breaker open!"), A(23, "RB", "Battery bad!"), A(24, "OFF", "Output off as requested!"),
            A(25, null, "Diagnostic test failure!"), A(26, null, "Communication with UPS lost!"), A(27, null, "Shutdown pending!"),
            A(29, null, "Bad ambient temperature!"), A(30, null, "Redundancy lost!"), A(31, null, "Bad temperature!"),
            A(32, null, "Charger failure!"), A(33, null, "Fan failure!"), A(34, null, "Fuse failure!"), A(35, null, "Powerswitch failure!"),
            A(36, null, "Parallel or composite module failure!"), A(37, null, "Using alternative power source!"),
            A(38, null, "Alternative power source unavailable!"), A(40, null, "Bad remote temperature!"), A(41, null, "Bad remote humidity!"),
            A(42, null, "Bad output condition!"), A(43, null, "Awaiting power!"), A(44, "BYPASS", "On maintenance bypass!"),
        };
    
        // Declared last: static fields initialise in order and the rows use the lookups above.
        public static readonly SnmpMapping Powerware = new SnmpMapping("pw", "0.104", P + "1.2.0", new[] { "1.3.6.1.4.1.534.1" }, Rows().ToList(), oidAlarms: Alarms);

        public static readonly SnmpMapping Pxgx = Powerware.WithName("pxgx_ups", new[] { "1.3.6.1.4.1.534.2.12" });
    }
}
