using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>MGE UPS SYSTEMS MIB, Eaton 705 tree (mibs=mge, spec 5.1).</summary>
    public static class MgeMapping
    {
        private const string P = "1.3.6.1.4.1.705.1.";
        private const string Ietf = "1.3.6.1.2.1.33.1.";


        private static IEnumerable<SnmpMappingRow> Rows()
        {
            foreach (var r in IetfMapping.SystemRows()) yield return r;
            yield return Fixed("ups.mfr", "Eaton");
            yield return Fixed("outlet.desc", "Main Outlet");
            yield return Fixed("outlet.id", "0");
            yield return Str("ups.model", P + "1.1.0", F.Static, "Generic SNMP UPS");
            yield return Str("ups.serial", P + "1.7.0", F.Static);
            yield return Str("ups.firmware", P + "1.4.0", F.Static);
            yield return Str("ups.firmware.aux", P + "12.12.0", F.Static);
            yield return Num("input.phases", P + "6.1.0", 1, F.SemiStatic);
            yield return Num("output.phases", P + "7.1.0", 1, F.SemiStatic);
            yield return Num("ups.load", P + "7.2.1.4.1", 1, F.Output1);
            foreach (var r in Phases("ups.L{0}.load", P + "7.2.1.4", 1, F.Output3)) yield return r;
            yield return Status(P + "5.11.0", L((1, "RB"), (2, "")));
            yield return Status(P + "5.14.0", L((1, "LB"), (2, "")));
            yield return Status(P + "5.16.0", L((1, "LB"), (2, "")));
            yield return Status(P + "7.3.0", L((1, "OB"), (2, "OL")));
            yield return Status(P + "7.4.0", L((1, "BYPASS")));
            yield return Status(P + "7.7.0", L((1, "OFF")));
            yield return Status(P + "7.8.0", L((1, "BOOST")));
            yield return Status(P + "7.10.0", L((1, "OVER")));
            yield return Status(P + "7.12.0", L((1, "TRIM")));
            // 2.8.0 maps upsOutputSource normal(3) to nothing here: OL comes from .7.3.0 only.
            yield return Status(Ietf + "4.1.0", L((1, ""), (2, "OFF"), (4, "BYPASS"), (5, "OB"), (6, "BOOST"), (7, "TRIM")));
            yield return Num("input.voltage", P + "6.2.1.2.1", 0.1, F.Input1);
            foreach (var r in Phases("input.L{0}-N.voltage", P + "6.2.1.2", 0.1, F.Input3)) yield return r;
            yield return Num("input.frequency", P + "6.2.1.3.1", 0.1, F.Input1);
            foreach (var r in Phases("input.L{0}.frequency", P + "6.2.1.3", 0.1, F.Input3)) yield return r;
            yield return Num("input.voltage.minimum", P + "6.2.1.4.1", 0.1, F.Input1);
            yield return Num("input.voltage.maximum", P + "6.2.1.5.1", 0.1, F.Input1);
            yield return Num("input.current", P + "6.2.1.6.1", 0.1, F.Input1);
            foreach (var r in Phases("input.L{0}.current", P + "6.2.1.6", 0.1, F.Input3)) yield return r;
            yield return Str("input.transfer.reason", P + "6.4.0", F.None, null, L((1, ""), (2, "input voltage out of range"),
                (3, "input frequency out of range"), (4, "utility off")));
            yield return Num("output.voltage", P + "7.2.1.2.1", 0.1, F.Output1);
            foreach (var r in Phases("output.L{0}-N.voltage", P + "7.2.1.2", 0.1, F.Output3)) yield return r;
            yield return Num("output.frequency", P + "7.2.1.3.1", 0.1, F.Output1);
            foreach (var r in Phases("output.L{0}.frequency", P + "7.2.1.3", 0.1, F.Output3)) yield return r;
            yield return Num("output.current", P + "7.2.1.5.1", 0.1, F.Output1);
            foreach (var r in Phases("output.L{0}.current", P + "7.2.1.5", 0.1, F.Output3)) yield return r;
            yield return Num("battery.charge", P + "5.2.0");
            yield return Num("battery.runtime", P + "5.1.0");
            yield return Num("battery.runtime.low", P + "4.7.0");
            yield return Str("battery.charge.low", P + "4.8.0", F.ReadWrite);
            yield return Num("battery.voltage", P + "5.5.0", 0.1);
            yield return Num("ambient.temperature", P + "8.1.0", 0.1);
            yield return Num("ambient.humidity", P + "8.2.0", 0.1);
            yield return Str("ambient.contacts.1.status", P + "8.7.1.9.1", F.None, null, L((-1, "unknown"), (1, "closed"), (2, "opened")));
            yield return Str("ambient.contacts.2.status", P + "8.7.1.10.1", F.None, null, L((-1, "unknown"), (1, "closed"), (2, "opened")));
            yield return Str("ups.beeper.status", Ietf + "9.8.0", F.None, null, IetfMapping.Beeper);
            yield return Str("ups.test.result", Ietf + "7.3.0", F.None, null, IetfMapping.TestResults);
            yield return Num("ups.timer.shutdown", Ietf + "8.2.0");
            yield return Num("ups.timer.start", Ietf + "8.3.0");
            yield return Num("ups.timer.reboot", Ietf + "8.4.0");
            yield return Str("ups.start.auto", Ietf + "8.5.0", F.ReadWrite, null, L((1, "yes"), (2, "no")));
            yield return new SnmpMappingRow("ups.delay.shutdown", F.String | F.ReadWrite | F.Absent, 1, null, "20", null);
            yield return new SnmpMappingRow("ups.delay.start", F.String | F.ReadWrite | F.Absent, 1, null, "30", null);

            yield return Cmd("test.battery.start", P + "10.4.0", 2);
            yield return Cmd("beeper.disable", Ietf + "9.8.0", 1);
            yield return Cmd("beeper.enable", Ietf + "9.8.0", 2);
            yield return Cmd("beeper.mute", Ietf + "9.8.0", 3);
            yield return Cmd("load.off", Ietf + "8.2.0", 20);
            yield return Cmd("load.on", Ietf + "8.3.0", 30);
        }
    
        // Declared last: static fields initialise in order and the rows use the lookups above.
        public static readonly SnmpMapping Mge = new SnmpMapping("mge", "0.55", P + "1.1.0", new[] { "1.3.6.1.4.1.705.1" }, Rows().ToList());
    }
}
