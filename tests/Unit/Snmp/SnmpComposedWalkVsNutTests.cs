using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Snmp
{
    /// <summary>
    /// Mappings without a public walk (or with a trimmed one) are checked on walks composed here: the same real snmpd
    /// serves them to our driver and to the real NUT 2.8.0 snmp-ups, and both must publish the same variables.
    /// The values are invented but typed as the MIBs define them.
    /// </summary>
    public class SnmpComposedWalkVsNutTests
    {
        private readonly ITestOutputHelper _output;
        public SnmpComposedWalkVsNutTests(ITestOutputHelper output) { _output = output; }

        private static IEnumerable<string> System(string sysOid, string descr) => new[]
        {
            "1.3.6.1.2.1.1.1.0|4|" + descr, "1.3.6.1.2.1.1.2.0|6|" + sysOid, "1.3.6.1.2.1.1.3.0|67|123456",
            "1.3.6.1.2.1.1.4.0|4|ops@example.org", "1.3.6.1.2.1.1.5.0|4|ups1", "1.3.6.1.2.1.1.6.0|4|Rack 4",
        };

        private static IEnumerable<string> Delta(int source)
        {
            const string p = "1.3.6.1.4.1.2254.2.4.";
            return System("1.3.6.1.4.1.2254.2.4", "UPS SNMP Agent").Concat(new[]
            {
                p + "1.1.0|4|Minuteman", p + "1.2.0|4|E1500RTXL2U", p + "1.3.0|4|03", p + "1.4.0|4|2.0h ",
                p + "1.7.0|2|1500", p + "1.8.0|2|120", p + "1.9.0|2|60", p + "1.10.0|2|120", p + "1.11.0|2|60", p + "1.19.0|2|3",
                p + "4.2.0|2|599", p + "4.3.0|2|1182", p + "5.1.0|2|" + source, p + "5.4.0|2|1201", p + "5.5.0|2|23", p + "5.7.0|2|29",
            });
        }

        private static IEnumerable<string> Netvision(int phases, int battery, int source, int onBattery)
        {
            const string p = "1.3.6.1.4.1.4555.1.1.1.1.";
            var rows = System("1.3.6.1.4.1.4555.1.1.1", "NetVision card").Concat(new[]
            {
                p + "1.1.0|4|NETYS RT 3/1", p + "1.2.0|4|FW 2.31", p + "1.3.0|4|NetVision 5.05", p + "1.4.0|4|SN12345678",
                p + "2.1.0|2|" + battery, p + "2.2.0|2|0", p + "2.3.0|2|42", p + "2.4.0|2|97", p + "2.5.0|2|2731",
                p + "3.1.0|2|" + phases, p + "3.2.0|2|500", p + "4.1.0|2|" + source, p + "4.2.0|2|499", p + "4.3.0|2|" + phases,
                p + "5.1.0|2|501", p + "5.2.0|2|" + phases, p + "6.3.2.0|2|" + onBattery,
            }).ToList();
            for (var n = 1; n <= phases; n++)
            {
                rows.Add($"{p}3.3.1.3.{n}|2|{10 + n}");
                rows.Add($"{p}3.3.1.5.{n}|2|{2300 + n}");
                rows.Add($"{p}4.4.1.2.{n}|2|{2290 + n}");
                rows.Add($"{p}4.4.1.3.{n}|2|{40 + n}");
                rows.Add($"{p}4.4.1.4.{n}|2|{30 + n}");
                rows.Add($"{p}5.3.1.2.{n}|2|{2280 + n}");
                rows.Add($"{p}5.3.1.3.{n}|2|{n}");
            }
            return rows;
        }

        private static IEnumerable<string> Huawei(int supply, int battery)
        {
            const string p = "1.3.6.1.4.1.2011.6.174.1.";
            var rows = System("1.3.6.1.4.1.8072.3.2.10", "Linux SMU 4.4.0").Concat(new[]
            {
                p + "1.1.2.0|4|UPS-Room-2", p + "11.1.0|2|1700000000", p + "2.100.1.2.1|4|UPS5000-E-60K", p + "2.100.1.3.1|4|V100R001C10",
                p + "2.100.1.5.1|4|2102310QNP10K1000123", p + "2.100.1.6.1|2|8", p + "2.101.1.1.1|2|" + supply, p + "2.101.1.3.1|2|" + battery,
                "1.3.6.1.2.1.33.1.7.3.0|2|1", p + "3.100.1.4.1|2|5001", p + "5.100.1.4.1|2|4999", p + "4.100.1.7.1|2|5000",
                p + "4.100.1.17.1|2|5", p + "4.100.1.18.1|2|1",
                p + "6.100.1.1.1|2|4321", p + "6.100.1.2.1|2|-15", p + "6.100.1.3.1|2|88", p + "6.100.1.4.1|2|1800",
            }).ToList();
            for (var c = 1; c <= 21; c++) if (c != 7 && c != 17 && c != 18) rows.Add($"{p}4.100.1.{c}.1|2|{1000 + c}");
            for (var c = 1; c <= 10; c++) if (c != 4) rows.Add($"{p}3.100.1.{c}.1|2|{2200 + c}");
            for (var c = 1; c <= 3; c++) rows.Add($"{p}5.100.1.{c}.1|2|{2210 + c}");
            return rows;
        }

        internal static IEnumerable<string> Walk(string name) => name switch
        {
            "delta-online" => Delta(0),
            "delta-battery" => Delta(1),
            "delta-other" => Delta(6),
            "netvision-1phase" => Netvision(1, 2, 3, 0),
            "netvision-1phase-onbattery-low" => Netvision(1, 3, 5, 1),
            "netvision-3phase-bypass" => Netvision(3, 2, 4, 0),
            "netvision-3phase-discharging" => Netvision(3, 5, 6, 1),
            "huawei-online" => Huawei(3, 4),
            "huawei-battery" => Huawei(4, 6),
            "huawei-eco" => Huawei(6, 5),
            _ => throw new ArgumentException(name),
        };

        [SkippableTheory]
        [InlineData("delta-online", "auto", "OL")]
        [InlineData("delta-battery", "delta_ups", "OB")]
        [InlineData("delta-other", "auto", "")]
        // 2.8.0 joins every answering status row, repeats included (output source and upsAlarmOnBattery both say OL).
        [InlineData("netvision-1phase", "auto", "OL OL")]
        [InlineData("netvision-1phase-onbattery-low", "netvision", "LB OB OB")]
        [InlineData("netvision-3phase-bypass", "auto", "OL BYPASS OL")]
        [InlineData("netvision-3phase-discharging", "auto", "DISCHRG OL BOOST OB")]
        [InlineData("huawei-online", "auto", "OL")]
        [InlineData("huawei-battery", "auto", "OB DISCHRG")]
        [InlineData("huawei-eco", "huawei", "OL ECO CHRG")]
        public async Task PublishesWhatRealSnmpUpsPublishes(string walk, string mibs, string expectedStatus)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            using var run = await WalkComparison.RunAsync(walk, Walk(walk), mibs, _output);
            Assert.Equal(expectedStatus, run.Ours["ups.status"]);
            Assert.StartsWith(walk.Substring(0, walk.IndexOf('-')), run.Host.GetInfo("driver.version.data") ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }
}
