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
        }
    
        // Declared last: static fields initialise in order and the rows use the lookups above.
        public static readonly SnmpMapping Powerware = new SnmpMapping("pw", "0.104", P + "1.2.0", new[] { "1.3.6.1.4.1.534.1" }, Rows().ToList());

        public static readonly SnmpMapping Pxgx = Powerware.WithName("pxgx_ups", new[] { "1.3.6.1.4.1.534.2.12" });
    }
}
