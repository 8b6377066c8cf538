using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>RFC 1628 UPS-MIB (spec section 3); also published under the name "tripplite".</summary>
    public static class IetfMapping
    {
        private const string P = "1.3.6.1.2.1.33.1.";



        /// <summary>sysDescr/contact/location rows every mapping carries.</summary>
        internal static IEnumerable<SnmpMappingRow> SystemRows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite | F.SemiStatic);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite | F.SemiStatic);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite | F.SemiStatic);
        }

        internal static readonly IReadOnlyDictionary<long, string> TestResults = L((1, "done and passed"), (2, "done and warning"),
            (3, "done and error"), (4, "aborted"), (5, "in progress"), (6, "no test initiated"));

        internal static readonly IReadOnlyDictionary<long, string> Beeper = L((1, "disabled"), (2, "enabled"), (3, "muted"));

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            foreach (var r in SystemRows()) yield return r;
            yield return Str("ups.mfr", P + "1.1.0", F.Static, "Generic");
            yield return Str("ups.model", P + "1.2.0", F.Static, "Generic SNMP UPS");
            yield return Str("ups.firmware", P + "1.3.0", F.Static);
            yield return Str("ups.firmware.aux", P + "1.4.0", F.Static);
            yield return Status(P + "2.1.0", L((1, ""), (2, ""), (3, "LB"), (4, "LB")));
            yield return Num("battery.runtime", P + "2.3.0", 60);
            yield return Num("battery.charge", P + "2.4.0");
            yield return Num("battery.voltage", P + "2.5.0", 0.1);
            yield return Num("battery.current", P + "2.6.0", 0.1, F.NegInvalid);
            yield return Num("battery.temperature", P + "2.7.0");

            yield return Num("input.phases", P + "3.2.0", 1, F.SemiStatic);
            yield return Num("input.frequency", P + "3.3.1.2.1", 0.1, F.Input1);
            foreach (var r in Phases("input.L{0}.frequency", P + "3.3.1.2", 0.1, F.Input3)) yield return r;
            yield return Num("input.voltage", P + "3.3.1.3.1", 1, F.Input1);
            foreach (var r in Phases("input.L{0}-N.voltage", P + "3.3.1.3", 1, F.Input3)) yield return r;
            yield return Num("input.current", P + "3.3.1.4.1", 0.1, F.Input1 | F.NegInvalid);
            foreach (var r in Phases("input.L{0}.current", P + "3.3.1.4", 0.1, F.Input3 | F.NegInvalid)) yield return r;
            yield return Num("input.realpower", P + "3.3.1.5.1", 1, F.Input1 | F.NegInvalid);
            foreach (var r in Phases("input.L{0}.realpower", P + "3.3.1.5", 1, F.Input3 | F.NegInvalid)) yield return r;

            yield return Status(P + "4.1.0", L((1, ""), (2, "OFF"), (3, "OL"), (4, "OL BYPASS"), (5, "OB"), (6, "OL BOOST"), (7, "OL TRIM")));
            yield return Num("output.frequency", P + "4.2.0", 0.1);
            yield return Num("output.phases", P + "4.3.0", 1, F.SemiStatic);
            yield return Num("output.voltage", P + "4.4.1.2.1", 1, F.Output1);
            foreach (var r in Phases("output.L{0}-N.voltage", P + "4.4.1.2", 1, F.Output3)) yield return r;
            yield return Num("output.current", P + "4.4.1.3.1", 0.1, F.Output1 | F.NegInvalid);
            foreach (var r in Phases("output.L{0}.current", P + "4.4.1.3", 0.1, F.Output3 | F.NegInvalid)) yield return r;
            yield return Num("output.realpower", P + "4.4.1.4.1", 1, F.Output1);
            foreach (var r in Phases("output.L{0}.realpower", P + "4.4.1.4", 1, F.Output3)) yield return r;
            yield return Num("ups.load", P + "4.4.1.5.1", 1, F.Output1);
            foreach (var r in Phases("output.L{0}.power.percent", P + "4.4.1.5", 1, F.Output3)) yield return r;

            yield return Num("input.bypass.frequency", P + "5.1.0", 0.1, F.NegInvalid);
            yield return Num("input.bypass.phases", P + "5.2.0", 1, F.SemiStatic);
            yield return Num("input.bypass.voltage", P + "5.3.1.2.1", 1, F.Bypass1);
            foreach (var r in Phases("input.bypass.L{0}-N.voltage", P + "5.3.1.2", 1, F.Bypass3)) yield return r;
            yield return Num("input.bypass.current", P + "5.3.1.3.1", 0.1, F.Bypass1);
            foreach (var r in Phases("input.bypass.L{0}.current", P + "5.3.1.3", 0.1, F.Bypass3)) yield return r;
            yield return Num("input.bypass.realpower", P + "5.3.1.4.1", 1, F.Bypass1);
            foreach (var r in Phases("input.bypass.L{0}.realpower", P + "5.3.1.4", 1, F.Bypass3)) yield return r;

            yield return Status(P + "6.3.8", L((1, "OVER")));
            yield return Status(P + "7.1.0", L((1, ""), (2, ""), (3, "TEST"), (4, "TEST"), (5, "CAL")));
            yield return Str("ups.test.result", P + "7.3.0", F.None, null, TestResults);
            yield return Str("ups.timer.shutdown", P + "8.2.0", F.ReadWrite);
            yield return Str("ups.timer.start", P + "8.3.0", F.ReadWrite);
            yield return Str("ups.timer.reboot", P + "8.4.0", F.ReadWrite);
            yield return Str("ups.start.auto", P + "8.5.0", F.ReadWrite, null, L((1, "yes"), (2, "no")));
            yield return Num("input.voltage.nominal", P + "9.1.0", 1, F.Static);
            yield return Num("input.frequency.nominal", P + "9.2.0", 0.1, F.Static);
            yield return Num("output.voltage.nominal", P + "9.3.0", 1, F.Static);
            yield return Num("output.frequency.nominal", P + "9.4.0", 0.1, F.Static);
            yield return Num("output.power.nominal", P + "9.5.0", 1, F.Static);
            yield return Num("output.realpower.nominal", P + "9.6.0", 1, F.Static);
            yield return Num("battery.runtime.low", P + "9.7.0", 60);
            yield return Str("ups.beeper.status", P + "9.8.0", F.None, null, Beeper);
            yield return Num("input.transfer.low", P + "9.9.0");
            yield return Num("input.transfer.high", P + "9.10.0");

            yield return Cmd("load.off", P + "8.2.0", 0);
            yield return Cmd("load.on", P + "8.3.0", 0);
            yield return Cmd("beeper.disable", P + "9.8.0", 1);
            yield return Cmd("beeper.enable", P + "9.8.0", 2);
            yield return Cmd("beeper.mute", P + "9.8.0", 3);
            yield return Cmd("test.battery.start", P + "7.1.0", 0);
        }
    
        // Declared last: static fields initialise in order and the rows use the lookups above.
        public static readonly SnmpMapping Ietf = new SnmpMapping("ietf", "1.54", P + "1.2.0", new[] { "1.3.6.1.2.1.33" }, Rows().ToList());

        public static readonly SnmpMapping TrippLite = Ietf.WithName("tripplite", new[] { "1.3.6.1.4.1.850.1" });
    }
}
