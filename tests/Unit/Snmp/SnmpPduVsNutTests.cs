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
    /// PDU and ATS mappings with their outlet / outlet group templates. No recording of such a device exists in the test
    /// data, so the walks are composed here (values invented, typed as the MIBs define them); the real snmpd serves each
    /// to our driver and to the real NUT 2.8.0 snmp-ups, and both must publish the same variables.
    /// </summary>
    public sealed class SnmpPduVsNutTests
    {
        private readonly ITestOutputHelper _output;
        public SnmpPduVsNutTests(ITestOutputHelper output) { _output = output; }

        private static IEnumerable<string> System(string sysOid, string descr) => new[]
        {
            "1.3.6.1.2.1.1.1.0|4|" + descr, "1.3.6.1.2.1.1.2.0|6|" + sysOid, "1.3.6.1.2.1.1.3.0|67|8640000",
            "1.3.6.1.2.1.1.4.0|4|noc@example.org", "1.3.6.1.2.1.1.5.0|4|pdu-r12", "1.3.6.1.2.1.1.6.0|4|Row 12",
        };

        private static IEnumerable<string> ApcAts(int output, int bank2State)
        {
            const string p = "1.3.6.1.4.1.318.1.1.8.";
            var rows = System("1.3.6.1.4.1.318.1.3.11", "APC Web/SNMP Management Card (MB:v3.9.2 PF:v6.4.0)").Concat(new[]
            {
                p + "1.1.0|4|v3.1.0", p + "1.2.0|4|v6.4.0", p + "1.4.0|4|05/21/2014", p + "1.5.0|4|AP4423", p + "1.6.0|4|5A1421E01234",
                p + "1.7.0|2|230", p + "1.8.0|2|50", p + "4.1.0|4|ATS-R12", p + "4.2.0|2|1", p + "4.4.0|2|2",
                p + "5.1.2.0|2|1", p + "5.1.15.0|2|" + output, p + "5.3.1.0|2|2",
                p + "5.3.2.1.4.1|2|50", p + "5.3.2.1.4.2|2|49", p + "5.3.3.1.3.1.1.1|2|231", p + "5.3.3.1.3.2.1.1|2|229",
                p + "5.4.2.1.4.1|2|50", p + "5.4.4.0|2|3",
            }).ToList();
            for (var b = 1; b <= 3; b++)
            {
                rows.Add($"{p}5.4.5.1.1.{b}|2|{b}");
                rows.Add($"{p}5.4.5.1.3.{b}|2|{b}");
                rows.Add($"{p}5.4.5.1.4.{b}|66|{(b == 1 ? 63 : 30 + b)}");
                rows.Add($"{p}5.4.5.1.5.{b}|2|{(b == 3 ? bank2State : 1)}");
                rows.Add($"{p}5.4.5.1.6.{b}|2|230");
                rows.Add($"{p}5.4.5.1.15.{b}|2|{(b == 2 ? -1 : 700 * b)}");
            }
            return rows;
        }

        private static IEnumerable<string> ApcPdu(string sysOid, int outlets, bool countRow, bool firstAtZero)
        {
            const string s = "1.3.6.1.4.1.318.1.1.4.";
            const string r = "1.3.6.1.4.1.318.1.1.12.";
            var rows = System(sysOid, "APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.5.6)").Concat(new[]
            {
                s + "1.1.0|4|B2", s + "1.2.0|4|v6.5.6", s + "1.3.0|4|08/13/2012", s + "1.4.0|4|AP7921", s + "1.5.0|4|5A1234E00874",
                r + "1.9.0|2|1", r + "1.15.0|2|230", r + "1.16.0|2|412", r + "2.3.1.1.2.1|66|23",
            }).ToList();
            if (countRow) rows.Add($"{s}4.1.0|2|{outlets}");
            var first = firstAtZero ? 0 : 1;
            for (var o = first; o < first + outlets; o++)
            {
                rows.Add($"{s}4.2.1.1.{o}|2|{o}");
                rows.Add($"{s}4.2.1.3.{o}|2|{(o % 3 == 0 ? 2 : 1)}");
                rows.Add($"{s}4.2.1.4.{o}|4|Server {o}");
            }
            return rows;
        }

        private static IEnumerable<string> EatonEpdu(int unit, int voltageStatus, int temperatureStatus, int outletCurrentStatus)
        {
            var u = "1.3.6.1.4.1.534.6.6.7.";
            string I(string column, string rest = "") => $"{u}{column}.{unit}{rest}";
            var rows = System("1.3.6.1.4.1.534.6.6.7", "Eaton ePDU MA 1P IN:C20 16A OUT:8xC13").Concat(new[]
            {
                "1.3.6.1.2.1.2.2.1.6.2|4x|002085aabbcc",
                I("1.2.1.2") + "|4|EPDU MI 38U-A IN: L6-30P 24A 1P OUT: 20xC13:4xC19", I("1.2.1.3") + "|4|EMIH28",
                I("1.2.1.4") + "|4|G116J23016", I("1.2.1.5") + "|4|04.01.0002", I("1.2.1.10") + "|2|3",
                I("1.2.1.21") + "|2|2", I("1.2.1.22") + "|2|4",
                I("3.1.1.2", ".1") + "|2|1", I("3.1.1.3", ".1") + "|2|600", I("3.1.1.4", ".1") + "|2|0", I("3.3.1.11", ".1.1") + "|2|35",
                I("3.2.1.3", ".1.1") + "|2|230123", I("3.2.1.4", ".1.1") + "|2|" + voltageStatus,
                I("3.2.1.5", ".1.1") + "|2|200000", I("3.2.1.6", ".1.1") + "|2|190000", I("3.2.1.7", ".1.1") + "|2|250000", I("3.2.1.8", ".1.1") + "|2|260000",
                I("3.3.1.3", ".1.1") + "|2|24000", I("3.3.1.4", ".1.1") + "|2|8350", I("3.3.1.5", ".1.1") + "|2|0",
                I("3.3.1.6", ".1.1") + "|2|-1", I("3.3.1.7", ".1.1") + "|2|1000", I("3.3.1.8", ".1.1") + "|2|20000", I("3.3.1.9", ".1.1") + "|2|22000",
                I("3.5.1.4", ".1") + "|2|1890", I("3.5.1.3", ".1") + "|2|1920", I("3.4.1.4", ".1.1") + "|2|1890", I("3.4.1.3", ".1.1") + "|2|1920",
                I("3.1.1.10", ".1") + "|4|Feed A", I("3.1.1.9", ".1") + "|2|0", I("3.5.1.9", ".1") + "|2|5760",
                I("7.1.1.3", ".1") + "|2|1", I("7.1.1.4", ".1") + "|2|245", I("7.1.1.5", ".1") + "|2|" + temperatureStatus,
                I("7.1.1.6", ".1") + "|2|100", I("7.1.1.7", ".1") + "|2|50", I("7.1.1.8", ".1") + "|2|350", I("7.1.1.9", ".1") + "|2|400",
                I("7.2.1.4", ".1") + "|2|455", I("7.2.1.5", ".1") + "|2|0", I("7.2.1.6", ".1") + "|2|200", I("7.2.1.7", ".1") + "|2|100",
                I("7.2.1.8", ".1") + "|2|800", I("7.2.1.9", ".1") + "|2|900",
                I("7.3.1.4", ".1") + "|2|0", I("7.3.1.4", ".2") + "|2|-1",
            }).ToList();
            for (var n = 1; n <= 4; n++)
            {
                string O(string column) => $"{u}{column}.{unit}.{n}";
                rows.AddRange(new[]
                {
                    O("6.1.1.2") + $"|4|Outlet A{n}", O("6.1.1.3") + $"|4|srv{n}", O("6.1.1.5") + $"|2|{(n == 4 ? 2 : 1)}",
                    O("6.2.1.3") + $".{(n <= 2 ? 1 : 2)}|4|{(n <= 2 ? 1 : 2)}",
                    // Outlet 1 answers only the second UNIQUE name column, two group columns (between template rows UNIQUE
                    // does nothing in 2.8.0: the last answering row wins) and no description (that template then stops
                    // being refreshed).
                    n == 1 ? O("6.1.1.6") + "|4|Alternate name" : O("6.1.1.2") + $"|4|Outlet A{n}",
                    n == 1 ? O("6.2.1.3") + ".3|4|3" : O("6.1.1.3") + $"|4|srv{n}",
                    O("6.3.1.2") + $"|2|{230000 + n}", O("6.3.1.3") + "|2|0", O("6.3.1.4") + "|2|200000", O("6.3.1.5") + "|2|190000",
                    O("6.3.1.6") + "|2|250000", O("6.3.1.7") + "|2|260000",
                    O("6.4.1.3") + $"|2|{1200 * n}", O("6.4.1.4") + $"|2|{(n == 3 ? outletCurrentStatus : 0)}", O("6.4.1.5") + "|2|-1",
                    O("6.4.1.6") + "|2|-1", O("6.4.1.7") + "|2|8000", O("6.4.1.8") + "|2|10000",
                    O("6.5.1.2") + $"|2|{280 * n}", O("6.5.1.3") + $"|2|{270 * n}",
                    O("6.6.1.2") + $"|2|{(n == 2 ? 0 : 1)}", O("6.6.1.3") + "|2|-1", O("6.6.1.4") + "|2|-1", O("6.6.1.5") + "|2|-1",
                    O("6.6.1.7") + "|2|0", O("6.6.1.9") + "|2|1", O("6.6.1.10") + "|2|120",
                });
            }
            for (var g = 1; g <= 2; g++)
            {
                string G(string column) => $"{u}{column}.{unit}.{g}";
                rows.AddRange(new[]
                {
                    G("5.1.1.2") + $"|4|{g}", G("5.1.1.3") + $"|4|Section {g}", G("5.1.1.4") + "|2|4", G("5.1.1.6") + "|2|2",
                    G("5.1.1.7") + "|4|16051527", G("5.1.1.8") + $"|4|Group {g}", G("5.1.1.9") + "|2|1",
                    G("5.3.1.2") + $"|2|{g + 1}", G("5.3.1.3") + "|2|230100", G("5.3.1.4") + "|2|0",
                    G("5.3.1.5") + "|2|200000", G("5.3.1.6") + "|2|190000", G("5.3.1.7") + "|2|250000", G("5.3.1.8") + "|2|260000",
                    G("5.4.1.2") + "|2|16000", G("5.4.1.3") + $"|2|{3000 * g}", G("5.4.1.4") + "|2|0", G("5.4.1.10") + $"|2|{19 * g}",
                    G("5.4.1.5") + "|2|-1", G("5.4.1.6") + "|2|-1", G("5.4.1.7") + "|2|12800", G("5.4.1.8") + "|2|16000",
                    G("5.5.1.2") + $"|2|{700 * g}", G("5.5.1.3") + $"|2|{690 * g}",
                    G("5.6.1.2") + "|2|1", G("5.6.1.3") + "|2|-1", G("5.6.1.4") + "|2|-1", G("5.6.1.5") + "|2|-1",
                });
            }
            return rows;
        }

        private static IEnumerable<string> EatonAts16(string sysOid, int output, int source)
        {
            const string p = "1.3.6.1.4.1.534.10.2.";
            return System(sysOid, "Eaton ATS 16A").Concat(new[]
            {
                p + "1.1.0|4|EATON", p + "1.2.0|4|Eaton ATS 16", p + "1.3.0|4|01.12.13", p + "1.4.0|4|02.00.07", p + "1.5.0|4|GA04F23021",
                p + "1.6.0|4|EATS16N", p + "1.7.0|4|3.0.5",
                p + "2.1.1.0|2|3", p + "2.2.1.1.1|2|1", p + "2.2.1.1.2|2|2", p + "2.2.1.2.1|2|2301", p + "2.2.1.2.2|2|2287",
                p + "2.2.1.3.1|2|500", p + "2.2.1.3.2|2|499", p + "2.3.1.0|2|2301", p + "2.3.2.0|2|57", p + "2.4.0|2|" + source,
                p + "3.2.1.2.1|2|1", p + "3.2.1.2.2|2|2", p + "3.2.1.5.1|2|1", p + "3.2.1.5.2|2|3", p + "3.3.2.0|2|" + output,
                p + "4.4.0|2|230", p + "4.5.0|2|1", p + "4.6.0|2|2", p + "4.8.0|2|6",
                p + "5.1.0|2|235", p + "5.2.0|2|41", p + "5.5.0|2|5", p + "5.6.0|2|40", p + "5.7.0|2|10", p + "5.8.0|2|80",
                p + "5.4.1.3.1|2|2", p + "5.4.1.3.2|2|3",
            });
        }

        private static IEnumerable<string> Raritan(int outlets)
        {
            const string p = "1.3.6.1.4.1.13742.1.";
            var rows = System("1.3.6.1.4.1.13742", "Dominion PX").Concat(new[]
            {
                p + "1.1.0|4|01.05.09", p + "1.2.0|4|AEI7A00022", p + "1.6.0|4x|000d5d0a1b2c", p + "1.12.0|4|DPXR8-15",
                p + "1.13.0|4|px-r12", p + "2.1.0|2|" + outlets, p + "3.1.1.0|2|4350", p + "3.1.2.0|2|121000",
                p + "3.1.3.0|2|512", p + "3.1.4.0|2|530", p + "3.1.5.0|2|31",
            }).ToList();
            for (var o = 1; o <= outlets; o++)
            {
                rows.Add($"{p}2.2.1.1.{o}|2|{o}");
                rows.Add($"{p}2.2.1.2.{o}|4|Outlet {o}");
                rows.Add($"{p}2.2.1.3.{o}|2|{(o == 2 ? 0 : 1)}");
                rows.Add($"{p}2.2.1.4.{o}|2|{500 * o}");
                rows.Add($"{p}2.2.1.5.{o}|2|{700 * o}");
                rows.Add($"{p}2.2.1.6.{o}|2|121");
                rows.Add($"{p}2.2.1.7.{o}|2|{60 * o}");
                rows.Add($"{p}2.2.1.8.{o}|2|{62 * o}");
                rows.Add($"{p}2.2.1.9.{o}|2|{96 + o % 3}");
            }
            return rows;
        }

        internal static IEnumerable<string> Walk(string name) => name switch
        {
            "raritan-8" => Raritan(8),
            "eaton-ats16-nmc" => EatonAts16("1.3.6.1.4.1.705.1", 2, 4),
            "eaton-ats16-nm2-off" => EatonAts16("1.3.6.1.4.1.534.10.2", 1, 7),
            "eaton-epdu-ok" => EatonEpdu(0, 0, 0, 0),
            "eaton-epdu-alarms" => EatonEpdu(0, 3, 4, 3),
            "eaton-epdu-unit1" => EatonEpdu(1, 0, 1, 0),
            "apc-ats-online" => ApcAts(2, 1),
            "apc-ats-output-fail-overload" => ApcAts(1, 4),
            "apc-rpdu2-8" => ApcPdu("1.3.6.1.4.1.318.1.3.4.5", 8, countRow: true, firstAtZero: false),
            "apc-rpdu-24-no-count" => ApcPdu("1.3.6.1.4.1.318.1.3.4.4", 24, countRow: false, firstAtZero: false),
            "apc-msp-from-zero" => ApcPdu("1.3.6.1.4.1.318.1.3.4.6", 4, countRow: false, firstAtZero: true),
            "apc-rpdu-70-no-count" => ApcPdu("1.3.6.1.4.1.318.1.3.4.4", 70, countRow: false, firstAtZero: false),
            _ => throw new ArgumentException(name),
        };

        [SkippableTheory]
        [InlineData("apc-ats-online", "auto", "apc_ats", "outlet.group.count", "3")]
        [InlineData("apc-ats-output-fail-overload", "apc_ats", "apc_ats", "outlet.group.3.status", "OVER")]
        [InlineData("apc-rpdu2-8", "auto", "apc_pdu", "outlet.count", "8")]
        [InlineData("apc-rpdu-24-no-count", "auto", "apc_pdu", "outlet.count", "24")]
        [InlineData("apc-msp-from-zero", "apc_pdu", "apc_pdu", "outlet.0.desc", "Server 0")]
        [InlineData("apc-rpdu-70-no-count", "auto", "apc_pdu", "outlet.70.desc", "Server 70")]
        [InlineData("eaton-ats16-nmc", "auto", "eaton_ats16_nmc", "ambient.temperature", "23.5")]
        [InlineData("eaton-ats16-nm2-off", "auto", "eaton_ats16_nm2", "ups.status", "OFF")]
        [InlineData("raritan-8", "auto", "raritan", "outlet.8.powerfactor", "0.98")]
        [InlineData("eaton-epdu-ok", "auto", "eaton_epdu", "outlet.3.groupid", "2")]
        [InlineData("eaton-epdu-ok", "eaton_epdu", "eaton_epdu", "outlet.1.groupid", "3")]
        [InlineData("eaton-epdu-ok", "eaton_epdu", "eaton_epdu", "outlet.1.name", "Alternate name")]
        [InlineData("eaton-epdu-alarms", "eaton_epdu", "eaton_epdu", "ups.alarm",
            "high voltage warning! phase L1 high voltage warning! high temperature critical! outlet 3 high current warning!")]
        public async Task PublishesWhatRealSnmpUpsPublishes(string walk, string mibs, string mapping, string variable, string expected)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            using var run = await WalkComparison.RunAsync(walk, Walk(walk), mibs, _output);
            Assert.Equal(expected, run.Ours[variable]);
            Assert.StartsWith(mapping + " MIB", run.Host.GetInfo("driver.version.data") ?? "");
            if (run.Ours.ContainsKey("ups.alarm") && mapping == "eaton_epdu")
            {
                // 2.8.0 commits a daisy-chain MIB's alarms after its status: ALARM appears from the second poll on.
                await run.Host.PollOnceAsync();
                Assert.Equal("", run.Host.GetInfo("ups.status"));
                await run.Host.PollOnceAsync();
                Assert.Equal("ALARM ", run.Host.GetInfo("ups.status"));
            }
        }

        /// <summary>2.8.0 finds an ePDU only through unit 0's model OID: a chain whose first unit is numbered 1 is refused by both.</summary>
        [SkippableTheory]
        [InlineData("eaton-epdu-unit1", "auto")]
        [InlineData("eaton-epdu-unit1", "eaton_epdu")]
        public async Task BothRefuseAnEpduWithoutUnitZero(string walk, string mibs)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            var file = Path.Combine(Path.GetTempPath(), $"upsps-walk-{walk}-{Guid.NewGuid():N}.snmprec");
            File.WriteAllLines(file, Walk(walk));
            try
            {
                using var agent = await SnmpdAgent.StartFromFileAsync(file);
                var (nut, log) = await SnmpDriverRunner.RunNutAsync(agent.Address, $" mibs = {mibs}");
                Assert.Null(nut);
                using var host = SnmpDriverRunner.CreateHost(agent.Address, $" mibs = {mibs}");
                var e = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
                Assert.Contains("No supported device detected", e.ToString());
            }
            finally { File.Delete(file); }
        }

        /// <summary>PDUs and wall time, ours vs real snmp-ups, on the composed PDU walks (outlet tables included).</summary>
        [SkippableFact]
        public async Task BenchmarkOutletTablesAgainstRealSnmpUps()
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            // v1 only: over v2c 2.8.0 never finishes starting on outlet tables (see OverV2cReadsWhatNutReadsOverV1).
            foreach (var (walk, version) in new[] { ("eaton-epdu-ok", "v1"), ("apc-rpdu-24-no-count", "v1"), ("apc-rpdu2-8", "v1"), ("apc-ats-online", "v1") })
            {
                var file = Path.Combine(Path.GetTempPath(), $"upsps-walk-{walk}-{Guid.NewGuid():N}.snmprec");
                File.WriteAllLines(file, Walk(walk));
                try
                {
                    using var agent = await SnmpdAgent.StartFromFileAsync(file);
                    using var relay = new UdpCountingRelay(agent.Port);
                    var watch = global::System.Diagnostics.Stopwatch.StartNew();
                    var (_, host) = await SnmpDriverRunner.RunOursAsync(relay.Address, $" snmp_version = {version}");
                    var start = (relay.Requests, watch.Elapsed);
                    relay.Reset();
                    watch.Restart();
                    using (host) await host.PollOnceAsync();
                    var update = (relay.Requests, watch.Elapsed);
                    relay.Reset();
                    watch.Restart();
                    var (nut, _) = await SnmpDriverRunner.RunNutAsync(relay.Address, $" snmp_version = {version}");
                    var nutRun = (relay.Requests, watch.Elapsed);
                    Assert.NotNull(nut);
                    _output.WriteLine($"{walk} {version}: ours start {start.Requests} PDUs {start.Elapsed.TotalMilliseconds:0} ms, " +
                                      $"update {update.Requests} PDUs {update.Elapsed.TotalMilliseconds:0} ms; " +
                                      $"NUT snmp-ups start+1 update {nutRun.Requests} PDUs {nutRun.Elapsed.TotalMilliseconds:0} ms");
                    Assert.True(start.Requests + update.Requests < nutRun.Requests, $"{walk} {version}: ours {start.Requests}+{update.Requests}, NUT {nutRun.Requests}");
                }
                finally { File.Delete(file); }
            }
        }

        /// <summary>
        /// Over v2c, 2.8.0 never finishes starting on these walks (it takes a v2c noSuchInstance answer to an index
        /// probe for success and keeps counting); ours reads them over v2c and publishes what 2.8.0 publishes over v1.
        /// </summary>
        [SkippableTheory]
        [InlineData("eaton-epdu-alarms", "outlet.count", "4")]
        [InlineData("apc-rpdu-24-no-count", "outlet.count", "24")]
        public async Task OverV2cReadsWhatNutReadsOverV1(string walk, string variable, string expected)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            var file = Path.Combine(Path.GetTempPath(), $"upsps-walk-{walk}-{Guid.NewGuid():N}.snmprec");
            File.WriteAllLines(file, Walk(walk));
            try
            {
                using var agent = await SnmpdAgent.StartFromFileAsync(file);
                var (nut, log) = await SnmpDriverRunner.RunNutAsync(agent.Address, " snmp_version = v1");
                Assert.True(nut != null, log);
                var (ours, host) = await SnmpDriverRunner.RunOursAsync(agent.Address, " snmp_version = v2c");
                using (host)
                {
                    var diff = SnmpDriverRunner.Diff(ours, nut!);
                    Assert.True(diff.Length == 0, diff);
                    Assert.Equal(expected, ours[variable]);
                }
            }
            finally { File.Delete(file); }
        }
    }
}
