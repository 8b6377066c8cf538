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
            // 2.8.0 publishes the 3-phase bypass voltages although input.bypass.phases reads 1.
            ["librenms_generex-ups_cs141"] = new[] { "input.bypass.L1-N.voltage", "input.bypass.L2-N.voltage", "input.bypass.L3-N.voltage" },
            // 2.8.0's cyberpower table: empty ups.status for upsBaseOutputStatus=2 (onLine), no transfer reason,
            // an extra ups.delay.reboot from an OID outside the spec's table.
            ["librenms_cyberpower"] = new[] { "ups.status", "input.transfer.reason", "ups.delay.reboot" },
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
        public async Task PublishesWhatRealSnmpUpsPublishes(string walk, string mibs)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpdAgent.HasWalk(walk), SnmpdAgent.MissingWalk(walk));
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            using var agent = await SnmpdAgent.StartAsync(walk);
            var (ours, host) = await SnmpDriverRunner.RunOursAsync(agent.Address, $" mibs = {mibs}");
            using (host)
            {
                var (nut, log) = await SnmpDriverRunner.RunNutAsync(agent.Address, $" mibs = {mibs}");
                Assert.NotNull(nut);
                var known = KnownDifferences.TryGetValue(walk, out var k) ? k : Array.Empty<string>();
                var diff = SnmpDriverRunner.Diff(ours, nut!);
                _output.WriteLine(diff);
                var unexpected = diff.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Where(line => !known.Contains(line.Substring(0, line.IndexOf(':')))).ToList();
                Assert.True(unexpected.Count == 0, walk + "\n" + string.Join("\n", unexpected));
                Assert.True(nut!.Count - known.Length >= 15, $"too few variables compared: {nut.Count}");
            }
        }
    }
}
