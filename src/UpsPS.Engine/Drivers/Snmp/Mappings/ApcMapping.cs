using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>APC PowerNet MIB (mibs=apcc, spec section 4).</summary>
    public static class ApcMapping
    {
        private const string P = "1.3.6.1.4.1.318.1.1.1.";

        // NUT uses the model OID as the "sysOID", so the sysOID pass never matches and the classic pass finds APC cards.

        private static readonly IReadOnlyDictionary<long, string> OutputStatus = L((1, ""), (2, "OL"), (3, "OB"), (4, "OL BOOST"),
            (5, "OFF"), (6, "OFF"), (7, "OFF"), (8, ""), (9, "BYPASS"), (10, "BYPASS"), (11, "OFF"), (12, "OL TRIM"), (13, "OL ECO"),
            (14, "OL"), (15, "OL"), (16, "BYPASS"), (17, "BYPASS"), (18, ""), (19, "OL"), (20, "OL ECO"), (21, "OL"), (22, "OL"),
            (23, ""), (24, "OL"), (25, "OL"), (26, ""), (27, ""), (28, "OL"));

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            foreach (var r in IetfMapping.SystemRows()) yield return r;
            yield return Fixed("ups.mfr", "APC");
            yield return Str("ups.model", P + "1.1.1.0", F.Static, "Generic Powernet SNMP device");
            yield return Str("ups.id", P + "1.1.2.0", F.ReadWrite | F.Static);
            yield return Str("ups.firmware", P + "1.2.1.0", F.Static);
            yield return Str("ups.mfr.date", P + "1.2.2.0", F.Static);
            yield return Str("ups.serial", P + "1.2.3.0", F.Static);
            yield return Num("input.voltage", P + "3.3.1.0", 0.1, F.Unique | F.NegInvalid);
            yield return Num("input.voltage", P + "3.2.1.0");
            yield return Num("input.voltage.maximum", P + "3.3.2.0", 0.1, F.Unique);
            yield return Num("input.voltage.maximum", P + "3.2.2.0");
            yield return Num("input.voltage.minimum", P + "3.3.3.0", 0.1, F.Unique);
            yield return Num("input.voltage.minimum", P + "3.2.3.0");
            yield return Num("input.frequency", P + "9.2.2.1.4.1", 0.1, F.Unique);
            yield return Num("input.frequency", P + "3.3.4.0", 0.1, F.Unique);
            yield return Num("input.frequency", P + "3.2.4.0");
            yield return Str("input.phases", P + "9.2.2.1.2.1");
            yield return Num("input.L1-L2.voltage", P + "9.2.3.1.3.1.1.1");
            yield return Num("input.L2-L3.voltage", P + "9.2.3.1.3.1.1.2");
            yield return Num("input.L3-L1.voltage", P + "9.2.3.1.3.1.1.3");
            yield return Num("input.L1.current", P + "9.2.3.1.6.1.1.1", 0.1);
            yield return Num("input.L2.current", P + "9.2.3.1.6.1.1.2", 0.1);
            yield return Num("input.L3.current", P + "9.2.3.1.6.1.1.3", 0.1);
            yield return Str("input.transfer.low", P + "5.2.3.0", F.ReadWrite);
            yield return Str("input.transfer.high", P + "5.2.2.0", F.ReadWrite);
            yield return Str("input.transfer.reason", P + "3.2.5.0", F.None, null, L((1, "noTransfer"), (2, "highLineVoltage"),
                (3, "brownout"), (4, "blackout"), (5, "smallMomentarySag"), (6, "deepMomentarySag"), (7, "smallMomentarySpike"),
                (8, "largeMomentarySpike"), (9, "selfTest"), (10, "rateOfVoltageChange")));
            yield return Str("input.sensitivity", P + "5.2.7.0", F.ReadWrite, null, L((1, "auto"), (2, "low"), (3, "medium"), (4, "high")));
            yield return Num("ups.power", P + "4.2.9.0");
            yield return Num("ups.realpower", P + "4.2.8.0");
            yield return Status(P + "4.1.1.0", OutputStatus);
            yield return Status(P + "2.1.1.0", L((1, ""), (2, ""), (3, "LB"), (4, "LB"), (5, "LB")));
            yield return Status(P + "7.2.6.0", L((1, ""), (2, ""), (3, "CAL")));
            yield return Status(P + "2.2.4.0", L((1, ""), (2, "RB")));
            yield return Num("ups.temperature", P + "2.3.2.0", 0.1, F.Unique);
            yield return Num("ups.temperature", P + "2.2.2.0");
            yield return Num("ups.load", P + "4.3.3.0", 0.1, F.Unique | F.NegInvalid);
            yield return Num("ups.load", P + "4.2.3.0");
            yield return Num("ups.delay.shutdown", P + "5.2.10.0", 1, F.ReadWrite | F.Time);
            yield return Num("ups.delay.start", P + "5.2.9.0", 1, F.ReadWrite | F.Time);
            yield return Num("battery.charge", P + "2.3.1.0", 0.1, F.Unique);
            yield return Num("battery.charge", P + "2.2.1.0");
            yield return Str("battery.charge.restart", P + "5.2.6.0", F.ReadWrite);
            yield return Num("battery.runtime", P + "2.2.3.0");
            yield return Str("battery.runtime.low", P + "5.2.8.0", F.ReadWrite);
            yield return Num("battery.voltage", P + "2.3.4.0", 0.1, F.Unique);
            yield return Num("battery.voltage", P + "2.2.8.0");
            yield return Num("battery.voltage.nominal", P + "2.2.7.0");
            yield return Num("battery.current", P + "2.3.5.0", 0.1, F.Unique);
            yield return Num("battery.current", P + "2.2.9.0");
            yield return Num("battery.current.total", P + "2.3.6.0", 0.1);
            yield return Num("battery.packs", P + "2.2.5.0");
            yield return Num("battery.packs.bad", P + "2.2.6.0");
            yield return Str("battery.date", P + "2.1.3.0", F.ReadWrite | F.Static);
            yield return Str("ups.test.result", P + "7.2.3.0", F.None, null, L((1, "Ok"), (2, "Failed"), (3, "InvalidTest"), (4, "TestInProgress")));
            yield return Str("ups.test.date", P + "7.2.4.0", F.ReadWrite | F.SemiStatic);
            yield return Num("output.voltage", P + "4.3.1.0", 0.1, F.Unique);
            yield return Num("output.voltage", P + "4.2.1.0");
            yield return Num("output.frequency", P + "9.3.2.1.4.1", 0.1, F.Unique);
            yield return Num("output.frequency", P + "4.3.2.0", 0.1, F.Unique);
            yield return Num("output.frequency", P + "4.2.2.0");
            yield return Num("output.current", P + "4.3.4.0", 0.1, F.Unique);
            yield return Num("output.current", P + "4.2.4.0");
            yield return Str("output.phases", P + "9.3.2.1.2.1");
            yield return Str("output.voltage.nominal", P + "5.2.1.0", F.ReadWrite);
            yield return Num("ambient.temperature", "1.3.6.1.4.1.318.1.1.2.1.1.0", 1, F.Unique);
            yield return Num("ambient.humidity", "1.3.6.1.4.1.318.1.1.2.1.2.0", 1, F.Unique);
            // Integrated environmental monitor, first probe (iemStatusProbeCurrentTemp / -Humid).
            yield return Num("ambient.temperature", "1.3.6.1.4.1.318.1.1.10.2.3.2.1.4.1");
            yield return Num("ambient.humidity", "1.3.6.1.4.1.318.1.1.10.2.3.2.1.6.1");

            yield return Cmd("load.off", P + "6.2.1.0", 2);
            yield return Cmd("shutdown.stayoff", P + "6.2.1.0", 3);
            yield return Cmd("load.on", P + "6.2.6.0", 2);
            yield return Cmd("shutdown.return", P + "6.1.1.0", 2);
            yield return Cmd("test.failure.start", P + "6.2.4.0", 2);
            yield return Cmd("test.panel.start", P + "6.2.5.0", 2);
            yield return Cmd("bypass.start", P + "6.2.7.0", 2);
            yield return Cmd("bypass.stop", P + "6.2.7.0", 3);
            yield return Cmd("test.battery.start", P + "7.2.2.0", 2);
            yield return Cmd("calibrate.start", P + "7.2.5.0", 2);
            yield return Cmd("calibrate.stop", P + "7.2.5.0", 3);
            yield return Cmd("reset.input.minmax", P + "9.1.1.0", 2);
        }
    
        // Declared last: static fields initialise in order and the rows use the lookups above.
        public static readonly SnmpMapping Apcc = new SnmpMapping("apcc", "1.6", P + "1.1.1.0", new[] { P + "1.1.1.0" }, Rows().ToList());
    }
}
