using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Snmp
{
    public class SnmpDriverVsNutTests
    {
        private readonly ITestOutputHelper _output;
        public SnmpDriverVsNutTests(ITestOutputHelper output) { _output = output; }

        /// <summary>Differences from NUT 2.8.0 we keep on purpose (docs/snmp-differences-from-nut.md).</summary>
        private static readonly Dictionary<string, string[]> KnownDifferences = new Dictionary<string, string[]>
        {
            // 2.8.0's cyberpower table: empty ups.status for upsBaseOutputStatus=2 (onLine), no transfer reason,
            // an extra ups.delay.reboot from an OID outside the spec's table.
            ["librenms_cyberpower"] = new[] { "ups.status", "input.transfer.reason", "ups.delay.reboot" },
        };

        /// <summary>Walks on which real NUT 2.8.0 snmp-ups detects no supported device (trimmed LibreNMS recordings).</summary>
        private static readonly string[] NotDetectedByNut =
        {
            "librenms_eatonups/auto", "librenms_netagent2/auto", "librenms_netmanplus_204/auto", "snmpsimdata_tripplite-poweralert/auto",
            // Forcing the mapping does not help either: 2.8.0 tests the model OID and says it "did not match this device".
            "librenms_eatonups/pw", "librenms_netagent2/xppc", "librenms_netmanplus_204/ietf",
            "snmpsimdata_tripplite-poweralert/tripplite", "snmpsimdata_tripplite-poweralert/ietf",
        };

        [SkippableTheory]
        [InlineData("librenms_apc_smt750x-nmc2", "auto")]
        [InlineData("librenms_apc_smtl1000-nmc3", "auto")]
        [InlineData("librenms_apc_smx750i", "auto")]
        [InlineData("librenms_apc_sua1500rmi2u", "auto")]
        [InlineData("librenms_apc_symmetralx", "auto")]
        [InlineData("librenms_cyberpower", "auto")]
        [InlineData("librenms_eaton-mgeups_5px", "auto")]
        [InlineData("snmpsimdata_eaton-93e-80", "auto")]
        [InlineData("librenms_generex-ups_cs141", "auto")]
        [InlineData("snmpsimdata_eastpower-istars-swv053", "auto")]
        [InlineData("snmpsimdata_ingrasys-power-switch", "auto")]
        [InlineData("librenms_deltaups", "auto")]
        [InlineData("librenms_netmanplus_204", "auto")]
        [InlineData("snmpsimdata_tripplite-poweralert", "auto")]
        [InlineData("librenms_eatonups", "auto")]
        [InlineData("librenms_netagent2", "auto")]
        [InlineData("librenms_eatonups", "pw")]
        [InlineData("librenms_netagent2", "xppc")]
        [InlineData("librenms_netmanplus_204", "ietf")]
        [InlineData("snmpsimdata_tripplite-poweralert", "tripplite")]
        [InlineData("snmpsimdata_tripplite-poweralert", "ietf")]
        [InlineData("librenms_deltaups", "delta_ups")]
        public async Task PublishesWhatRealSnmpUpsPublishes(string walk, string mibs)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpdAgent.HasWalk(walk), SnmpdAgent.MissingWalk(walk));
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            using var agent = await SnmpdAgent.StartAsync(walk);
            var (nut, log) = await SnmpDriverRunner.RunNutAsync(agent.Address, $" mibs = {mibs}");
            if (nut == null)
            {
                // Real snmp-ups claims nothing here: ours must refuse the device the same way.
                _output.WriteLine(log);
                using var refused = SnmpDriverRunner.CreateHost(agent.Address, $" mibs = {mibs}");
                var e = await Assert.ThrowsAnyAsync<Exception>(() => refused.StartAsync());
                Assert.Contains("No supported device detected", e.ToString());
                Assert.Contains(walk + "/" + mibs, NotDetectedByNut);
                return;
            }
            Assert.DoesNotContain(walk + "/" + mibs, NotDetectedByNut);
            _output.WriteLine("NUT: " + string.Join(" | ", nut.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)));
            var (ours, host) = await SnmpDriverRunner.RunOursAsync(agent.Address, $" mibs = {mibs}");
            using (host)
            {
                var known = KnownDifferences.TryGetValue(walk, out var k) ? k : Array.Empty<string>();
                var diff = SnmpDriverRunner.Diff(ours, nut);
                _output.WriteLine(diff);
                var unexpected = diff.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Where(line => !known.Contains(line.Substring(0, line.IndexOf(':')))).ToList();
                Assert.True(unexpected.Count == 0, walk + "\n" + string.Join("\n", unexpected));
                // The Delta recording is trimmed to the ident group: 10 variables is all either driver can publish.
                var minimum = walk == "librenms_deltaups" ? 10 : 15;
                Assert.True(nut.Count - known.Length >= minimum, $"too few variables compared: {nut.Count}");
            }
        }
    }
}
