using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>Socomec Sicon UPS with a NetVision card (mibs=netvision, sysObjectID .1.3.6.1.4.1.4555.1.1.1).</summary>
    public static class NetvisionMapping
    {
        private const string P = "1.3.6.1.4.1.4555.1.1.1.1.";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            foreach (var r in IetfMapping.SystemRows()) yield return r;
            // The card reports its agent software version where a manufacturer would be; snmp-ups publishes it as ups.mfr.
            yield return Str("ups.mfr", P + "1.3.0", F.Static, "SOCOMEC SICON UPS");
            yield return Str("ups.model", P + "1.1.0", F.Static, "Generic SNMP UPS");
            yield return Str("ups.serial", P + "1.4.0", F.Static, "");
            yield return Str("ups.firmware.aux", P + "1.2.0", F.Static, "");
            yield return Status(P + "2.1.0", L((2, ""), (3, "LB"), (4, "LB"), (5, "DISCHRG"), (6, "RB")));
            yield return Status(P + "4.1.0", L((1, ""), (2, ""), (3, "OL"), (4, "OL BYPASS"), (5, "OB"), (6, "OL BOOST"), (7, "OL TRIM"),
                (8, "OL"), (9, "")));
            // upsAlarmOnBattery
            yield return Status(P + "6.3.2.0", L((0, "OL"), (1, "OB")));

            // The load row is tied to the input phase count, as in snmp-ups' table.
            yield return Num("ups.load", P + "4.4.1.4.1", 1, F.Input1);

            yield return Num("input.phases", P + "3.1.0", 1, F.SemiStatic);
            yield return Num("input.frequency", P + "3.2.0", 0.1);
            yield return Num("input.voltage", P + "3.3.1.5.1", 0.1, F.Input1);
            yield return Num("input.current", P + "3.3.1.3.1", 0.1, F.Input1);
            for (var n = 1; n <= 3; n++)
            {
                yield return Num($"input.L{n}-N.voltage", P + "3.3.1.5." + n, 0.1, F.Input3);
                yield return Num($"input.L{n}.current", P + "3.3.1.3." + n, 0.1, F.Input3);
            }

            yield return Num("output.phases", P + "4.3.0", 1, F.SemiStatic);
            yield return Num("output.frequency", P + "4.2.0", 0.1);
            yield return Num("output.voltage", P + "4.4.1.2.1", 0.1, F.Output1);
            yield return Num("output.current", P + "4.4.1.3.1", 0.1, F.Output1);
            yield return Num("output.load", P + "4.4.1.4.1", 1, F.Output1);
            for (var n = 1; n <= 3; n++)
            {
                yield return Num($"output.L{n}-N.voltage", P + "4.4.1.2." + n, 0.1, F.Output3);
                yield return Num($"output.L{n}.current", P + "4.4.1.3." + n, 0.1, F.Output3);
                yield return Num($"output.L{n}.power.percent", P + "4.4.1.4." + n, 1, F.Output3);
            }

            yield return Num("input.bypass.phases", P + "5.2.0", 1, F.SemiStatic);
            yield return Num("input.bypass.frequency", P + "5.1.0", 0.1);
            yield return Num("input.bypass.voltage", P + "5.3.1.2.1", 0.1, F.Bypass1);
            yield return Num("input.bypass.current", P + "5.3.1.3.1", 0.1, F.Bypass1);
            for (var n = 1; n <= 3; n++)
            {
                yield return Num($"input.bypass.L{n}-N.voltage", P + "5.3.1.2." + n, 0.1, F.Bypass3);
                yield return Num($"input.bypass.L{n}.current", P + "5.3.1.3." + n, 0.1, F.Bypass3);
            }

            yield return Num("battery.charge", P + "2.4.0");
            yield return Num("battery.voltage", P + "2.5.0", 0.1);
            // upsEstimatedMinutesRemaining: minutes.
            yield return Num("battery.runtime", P + "2.3.0", 60);
        }

        public static readonly SnmpMapping Netvision = new SnmpMapping("netvision", "0.44", P + "1.1.0", new[] { "1.3.6.1.4.1.4555.1.1.1" }, Rows().ToList());
    }
}
