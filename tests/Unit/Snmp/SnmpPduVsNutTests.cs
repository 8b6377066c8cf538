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

        internal static IEnumerable<string> Walk(string name) => name switch
        {
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
        public async Task PublishesWhatRealSnmpUpsPublishes(string walk, string mibs, string mapping, string variable, string expected)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            var file = Path.Combine(Path.GetTempPath(), $"upsps-walk-{walk}-{Guid.NewGuid():N}.snmprec");
            File.WriteAllLines(file, Walk(walk));
            try
            {
                using var agent = await SnmpdAgent.StartFromFileAsync(file);
                var (nut, log) = await SnmpDriverRunner.RunNutAsync(agent.Address, $" mibs = {mibs}");
                Assert.True(nut != null, log);
                _output.WriteLine("NUT: " + string.Join(" | ", nut!.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)));
                var (ours, host) = await SnmpDriverRunner.RunOursAsync(agent.Address, $" mibs = {mibs}");
                using (host)
                {
                    var diff = SnmpDriverRunner.Diff(ours, nut);
                    Assert.True(diff.Length == 0, walk + "\n" + diff);
                    Assert.Equal(expected, ours[variable]);
                    Assert.StartsWith(mapping + " MIB", host.GetInfo("driver.version.data") ?? "");
                }
            }
            finally { File.Delete(file); }
        }
    }
}
