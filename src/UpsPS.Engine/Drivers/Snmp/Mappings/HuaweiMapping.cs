using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>
    /// Huawei UPS5000 cards (mibs=huawei). Their sysObjectID is net-snmp's generic Linux one (.8072.3.2.10), so the
    /// sysOID match is only taken when the Huawei model OID answers.
    /// </summary>
    public static class HuaweiMapping
    {
        private const string P = "1.3.6.1.4.1.2011.6.174.1.";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            foreach (var r in IetfMapping.SystemRows()) yield return r;
            yield return Fixed("ups.mfr", "Huawei");
            yield return Str("ups.model", P + "2.100.1.2.1", F.Static, "Generic SNMP UPS");
            yield return Str("ups.id", P + "1.1.2.0", F.Static);
            yield return Num("ups.time", P + "11.1.0");
            yield return Str("ups.firmware", P + "2.100.1.3.1", F.Static);
            yield return Str("ups.serial", P + "2.100.1.5.1", F.Static);
            // Power supply method, then battery state.
            yield return Status(P + "2.101.1.1.1", L((1, ""), (2, "OL BYPASS"), (3, "OL"), (4, "OB"), (5, ""), (6, "OL ECO"), (7, "OB ECO")));
            yield return Status(P + "2.101.1.3.1", L((1, ""), (2, ""), (3, ""), (4, ""), (5, "CHRG"), (6, "DISCHRG")));
            yield return Str("ups.test.result", "1.3.6.1.2.1.33.1.7.3.0", F.None, null, IetfMapping.TestResults);

            // The phase-count rows exist in the MIB but not on the tested cards: snmp-ups publishes its default, 3.
            yield return Fixed("input.phases", "3");
            for (var n = 1; n <= 3; n++) yield return Num($"input.L{n}-N.voltage", P + "3.100.1." + n + ".1", 0.1);
            yield return Num("input.frequency", P + "3.100.1.4.1", 0.01);
            for (var n = 1; n <= 3; n++) yield return Num($"input.L{n}.current", P + "3.100.1." + (4 + n) + ".1", 0.1);
            for (var n = 1; n <= 3; n++) yield return Num($"input.L{n}.powerfactor", P + "3.100.1." + (7 + n) + ".1", 0.01);
            for (var n = 1; n <= 3; n++) yield return Num($"input.bypass.L{n}-N.voltage", P + "5.100.1." + n + ".1", 0.1);
            yield return Num("input.bypass.frequency", P + "5.100.1.4.1", 0.01);

            yield return Fixed("output.phases", "3");
            for (var n = 1; n <= 3; n++) yield return Num($"output.L{n}-N.voltage", P + "4.100.1." + n + ".1", 0.1);
            for (var n = 1; n <= 3; n++) yield return Num($"output.L{n}.current", P + "4.100.1." + (3 + n) + ".1", 0.1);
            yield return Num("output.frequency", P + "4.100.1.7.1", 0.01);
            // snmp-ups' table names all three realpower columns output.L1.realpower (and the L3 power factor L2).
            for (var n = 1; n <= 3; n++) yield return Num("output.L1.realpower", P + "4.100.1." + (7 + n) + ".1", 0.1);
            for (var n = 1; n <= 3; n++) yield return Num($"output.L{n}.power", P + "4.100.1." + (10 + n) + ".1", 0.1);
            for (var n = 1; n <= 3; n++) yield return Num($"output.L{n}.power.percent", P + "4.100.1." + (13 + n) + ".1", 0.1);
            yield return Str("output.voltage.nominal", P + "4.100.1.17.1", F.Static, null,
                L((1, "200"), (2, "208"), (3, "220"), (4, "380"), (5, "400"), (6, "415"), (7, "480"), (8, "600"), (9, "690")));
            yield return Str("output.frequency.nominal", P + "4.100.1.18.1", F.Static, null, L((1, "50"), (2, "60")));
            yield return Str("output.power.nominal", P + "2.100.1.6.1", F.Static, null,
                L((1, "80000"), (2, "100000"), (3, "120000"), (4, "160000"), (5, "200000"), (6, "30000"), (7, "40000"),
                    (8, "60000"), (9, "2400000"), (10, "2500000"), (11, "2800000"), (12, "3000000")));
            yield return Num("output.L1.powerfactor", P + "4.100.1.19.1", 0.01);
            yield return Num("output.L2.powerfactor", P + "4.100.1.20.1", 0.01);
            yield return Num("output.L2.powerfactor", P + "4.100.1.21.1", 0.01);

            yield return Num("battery.voltage", P + "6.100.1.1.1", 0.1);
            yield return Num("battery.current", P + "6.100.1.2.1", 0.1);
            yield return Num("battery.charge", P + "6.100.1.3.1");
            yield return Num("battery.runtime", P + "6.100.1.4.1");
        }

        public static readonly SnmpMapping Huawei = new SnmpMapping("huawei", "0.4", P + "2.100.1.2.1", new[] { "1.3.6.1.4.1.8072.3.2.10" }, Rows().ToList());
    }
}
