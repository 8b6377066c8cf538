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
            yield return Str("ups.mfr", P + "1.1.0", F.Static);
            yield return Str("ups.model", P + "1.2.0", F.Static);
            yield return Str("ups.firmware", P + "1.3.0", F.Static);
            yield return Str("ups.firmware.aux", Ietf + "1.4.0", F.Static);
            yield return Str("ups.serial", Ietf + "1.5.0", F.Static);
            yield return Num("ups.load", P + "4.1.0");
            yield return Num("ups.power", P + "4.4.1.4.1");
            yield return Status(P + "4.5.0", L((1, ""), (2, "OFF"), (3, "OL"), (4, "BYPASS"), (5, "OB"), (6, "OL BOOST"), (7, "OL TRIM"),
                (8, "OL"), (9, "OL"), (10, "OL"), (11, "BYPASS")));
            yield return Status(P + "7.3", L((1, "OB")));
            yield return Status(P + "7.4", L((1, "LB")));
            yield return Status(P + "2.5.0", L((1, "CHRG"), (2, "DISCHRG"), (3, ""), (4, "")));
            yield return Str("battery.charger.status", P + "2.5.0", F.None, null, L((1, "charging"), (2, "discharging"), (3, "floating"),
                (4, "resting"), (5, "unknown"), (6, "disabled")));
            yield return Num("ups.realpower.nominal", P + "10.3.0", 1, F.Static);
            yield return Num("ups.power.nominal", Ietf + "9.5.0", 1, F.Static);
            yield return Num("ups.temperature", P + "6.1.0");
            yield return Str("ups.test.result", P + "8.2.0", F.None, null, L((1, "Unknown"), (2, "Done and passed"), (3, "Done and error"),
                (4, "In progress"), (5, "Not supported"), (6, "Inhibited"), (7, "Scheduled")));
            yield return Str("ups.start.auto", Ietf + "8.5.0", F.ReadWrite, null, L((1, "yes"), (2, "no")));
            yield return Num("battery.charge", P + "2.4.0");
            yield return Num("battery.runtime", P + "2.1.0");
            yield return Num("battery.voltage", P + "2.2.0");
            yield return Num("battery.current", P + "2.3.0", 0.1);
            yield return Num("battery.runtime.low", Ietf + "9.7.0", 60);
            yield return Num("output.frequency", P + "4.2.0", 0.1);
            yield return Num("output.frequency.nominal", P + "10.4.0", 0.1, F.Static);
            yield return Num("output.voltage", P + "4.4.1.2.1");
            yield return Num("output.voltage.nominal", P + "10.1.0", 1, F.Static);
            yield return Num("output.current", P + "4.4.1.3.1");
            yield return Num("output.realpower", P + "4.4.1.4.1");
            yield return Num("input.frequency", P + "3.1.0", 0.1);
            yield return Num("input.voltage", P + "3.4.1.2.1");
            yield return Num("input.voltage.nominal", P + "10.2.0", 1, F.Static);
            yield return Num("input.current", P + "3.4.1.3.0", 0.1);
            yield return Num("input.bypass.frequency", P + "5.1.0", 0.1);
            yield return Num("input.bypass.voltage", P + "5.3.1.2.1");
            yield return Num("ambient.temperature", P + "6.5.0");
            yield return Num("ambient.humidity", P + "6.6.0");

            yield return Cmd("test.battery.start.quick", P + "8.1", 1);
            yield return Cmd("shutdown.stop", P + "9.1.0", 0);
            yield return Cmd("load.off", P + "9.1.0", 1);
            yield return Cmd("load.on", P + "9.2.0", 1);
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
