using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>CyberPower CPS-MIB (mibs=cyberpower, spec section 6).</summary>
    public static class CyberPowerMapping
    {
        private const string P = "1.3.6.1.4.1.3808.1.1.1.";


        private static IEnumerable<SnmpMappingRow> Rows()
        {
            foreach (var r in IetfMapping.SystemRows()) yield return r;
            yield return Fixed("ups.mfr", "CYBERPOWER");
            yield return Str("ups.model", P + "1.1.1.0", F.Static);
            yield return Str("ups.id", P + "1.1.2.0", F.ReadWrite | F.Static);
            yield return Str("ups.serial", P + "1.2.3.0", F.Static);
            yield return Str("ups.firmware", P + "1.2.1.0", F.Static);
            yield return Str("ups.mfr.date", P + "1.2.2.0", F.Static);
            yield return Status(P + "4.1.1.0", L((1, "NULL"), (2, "OL"), (3, "OB"), (4, "OL BOOST"), (5, "OFF"), (6, "OFF"), (7, "OL"),
                (8, "OL"), (9, "OL BYPASS"), (10, "OL TRIM"), (11, "OL OVER")));
            yield return Status(P + "2.1.1.0", L((1, ""), (2, ""), (3, "LB")));
            yield return Status(P + "7.2.7.0", L((1, ""), (2, ""), (3, "CAL")));
            yield return Status(P + "2.2.5.0", L((1, ""), (2, "RB")));
            yield return Num("ups.load", P + "4.2.3.0");
            yield return Num("ups.realpower", P + "4.2.5.0");
            yield return Num("ups.temperature", P + "10.2.0");
            yield return Alarm(P + "10.1.0", L((1, ""), (2, "Temperature too high!"), (3, "Internal UPS fault!")));
            yield return Num("battery.runtime", P + "2.2.4.0");
            yield return Num("battery.runtime.elapsed", P + "2.1.2.0");
            yield return Num("battery.voltage", "1.3.6.1.2.1.33.1.2.5.0", 0.1, F.Unique);
            yield return Num("battery.voltage", P + "2.2.2.0", 0.1);
            yield return Num("battery.voltage.nominal", P + "2.2.8.0");
            yield return Num("battery.current", P + "4.2.4.0", 0.1, F.Unique);
            yield return Num("battery.current", P + "2.2.7.0", 0.1);
            yield return Num("battery.charge", P + "2.2.1.0");
            yield return Num("battery.temperature", P + "2.2.3.0");
            yield return Str("battery.date", P + "2.1.3.0", F.Static);
            yield return Num("input.voltage", P + "3.2.1.0", 0.1);
            yield return Num("input.frequency", P + "3.2.4.0", 0.1);
            yield return Str("input.transfer.reason", P + "3.2.5.0", F.None, null, L((1, "noTransfer"), (2, "highLineVoltage"),
                (3, "brownout"), (4, "selfTest")));
            yield return Num("output.voltage", P + "4.2.1.0", 0.1);
            yield return Num("output.frequency", P + "4.2.2.0", 0.1);
            yield return Num("output.current", P + "4.2.4.0", 0.1);
            yield return Num("ups.delay.start", P + "5.2.9.0", 1, F.ReadWrite | F.Time);
            yield return Num("ups.delay.shutdown", P + "5.2.11.0", 1, F.ReadWrite | F.Time);
            yield return Str("ups.test.date", P + "7.2.4.0", F.SemiStatic);
            yield return Str("ups.test.result", P + "7.2.3.0", F.None, null, L((1, "Ok"), (2, "Failed"), (3, "InvalidTest"), (4, "TestInProgress")));

            yield return Cmd("load.off", P + "6.2.1.0", 2);
            yield return Cmd("load.on", P + "6.2.6.0", 2);
            yield return Cmd("shutdown.stayoff", P + "6.2.6.0", 3);
            yield return Cmd("shutdown.return", P + "6.1.1.0", 2);
            yield return Cmd("shutdown.return", P + "6.2.3.0", 3);
            yield return Cmd("test.failure.start", P + "6.2.4.0", 2);
            yield return Cmd("test.panel.start", P + "7.2.5.0", 2);
            yield return Cmd("test.battery.start", P + "7.2.2.0", 2);
            yield return Cmd("calibrate.start", P + "7.2.6.0", 2);
            yield return Cmd("calibrate.stop", P + "7.2.6.0", 3);
        }
    
        // Declared last: static fields initialise in order and the rows use the lookups above.
        public static readonly SnmpMapping CyberPower = new SnmpMapping("cyberpower", "0.51", P + "1.1.1.0",
            new[] { "1.3.6.1.4.1.3808.1.1.1", "1.3.6.1.4.1.3808" }, Rows().ToList());
    }
}
