using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.Snmp;
using UpsPS.Engine.Snmp;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Snmp
{
    public class SnmpDriverTests
    {
        private const string Apc = "librenms_apc_smt750x-nmc2";
        private readonly ITestOutputHelper _output;
        public SnmpDriverTests(ITestOutputHelper output) { _output = output; }

        private static void Require(string walk)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpdAgent.HasWalk(walk), SnmpdAgent.MissingWalk(walk));
        }

        [SkippableTheory]
        [InlineData("snmp_version = v3\n secLevel = authPriv\n secName = shaaes\n authPassword = authpass123\n privPassword = privpass123\n authProtocol = SHA\n privProtocol = AES")]
        [InlineData("snmp_version = v3\n secLevel = authNoPriv\n secName = md5user\n authPassword = authpass123\n authProtocol = MD5")]
        [InlineData("snmp_version = v2c\n community = public")]
        public async Task PublishesTheApcCardOverEveryVersion(string options)
        {
            Require(Apc);
            using var agent = await SnmpdAgent.StartAsync(Apc);
            var (vars, host) = await SnmpDriverRunner.RunOursAsync(agent.Address, " " + options);
            using (host)
            {
                Assert.Equal("OL", vars["ups.status"]);
                Assert.Equal("Smart-UPS X 750", vars["ups.model"]);
                Assert.Equal("119.10", vars["input.voltage"]);
                Assert.Equal("109762", vars["battery.runtime"]);
                Assert.Equal("apcc MIB 1.6", host.GetInfo("driver.version.data"));
                Assert.DoesNotContain(host.GetVariables(), v => (v.Value ?? "").Contains("authpass123") || (v.Value ?? "").Contains("privpass123"));
            }
        }

        [SkippableFact]
        public async Task WrongV3PasswordStopsStartupWithAClearError()
        {
            Require(Apc);
            using var agent = await SnmpdAgent.StartAsync(Apc);
            var host = SnmpDriverRunner.CreateHost(agent.Address,
                " snmp_version = v3\n secLevel = authNoPriv\n secName = md5user\n authPassword = wrongpassword\n snmp_retries = 0");
            using (host)
            {
                var e = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
                Assert.Contains("authPassword", e.ToString());
                Assert.DoesNotContain("wrongpassword", e.ToString());
            }
        }

        [SkippableTheory]
        [InlineData("librenms_eatonups", "auto")]
        [InlineData("librenms_netagent2", "xppc")]
        public async Task TrimmedWalksAreNotDetectedLikeNut(string walk, string mibs)
        {
            Require(walk);
            using var agent = await SnmpdAgent.StartAsync(walk);
            using var host = SnmpDriverRunner.CreateHost(agent.Address, $" mibs = {mibs}\n snmp_retries = 0");
            var e = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
            Assert.Contains("No supported device detected", e.ToString());
        }

        [SkippableFact]
        public async Task AgentOutageMakesDataStaleAndRecovers()
        {
            Require(Apc);
            using var agent = await SnmpdAgent.StartAsync(Apc);
            var (_, host) = await SnmpDriverRunner.RunOursAsync(agent.Address, " snmp_version = v2c\n snmp_retries = 0");
            using (host)
            {
                Assert.False(host.IsStale);
                await agent.StopAsync();
                await host.PollOnceAsync();
                Assert.True(host.IsStale);
                await agent.RestartAsync();
                await host.PollOnceAsync();
                Assert.False(host.IsStale);
                Assert.Equal("OL", host.GetInfo("ups.status"));
            }
        }

        [SkippableFact]
        public async Task SetVariableAndInstantCommandReachTheAgent()
        {
            const string walk = "snmpsimdata_ingrasys-power-switch";
            Require(walk);
            using var agent = await SnmpdAgent.StartAsync(walk);
            var (vars, host) = await SnmpDriverRunner.RunOursAsync(agent.Address, " snmp_version = v2c\n community = private");
            using (host)
            {
                Assert.Equal("disabled", vars["ups.beeper.status"]);
                Assert.Contains("beeper.enable", host.GetCommands());
                Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("beeper.enable", null));
                await host.PollOnceAsync();
                Assert.Equal("enabled", host.GetInfo("ups.beeper.status"));
                Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("ups.start.auto", "no"));
                await host.PollOnceAsync();
                Assert.Equal("no", host.GetInfo("ups.start.auto"));
            }
        }

        [SkippableFact]
        public async Task BenchmarkPdusAndTimePerFullUpdateAgainstRealSnmpUps()
        {
            Require(Apc);
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            foreach (var (walk, version) in new[] { (Apc, "v1"), (Apc, "v2c"), ("snmpsimdata_eaton-93e-80", "v1"), ("snmpsimdata_ingrasys-power-switch", "v2c") })
            {
                using var agent = await SnmpdAgent.StartAsync(walk);
                using var relay = new UdpCountingRelay(agent.Port);

                var watch = Stopwatch.StartNew();
                var (_, host) = await SnmpDriverRunner.RunOursAsync(relay.Address, $" snmp_version = {version}");
                var oursStart = (relay.Requests, watch.Elapsed);
                relay.Reset();
                watch.Restart();
                using (host) await host.PollOnceAsync();
                var oursUpdate = (relay.Requests, watch.Elapsed);

                relay.Reset();
                watch.Restart();
                var (nut, _) = await SnmpDriverRunner.RunNutAsync(relay.Address, $" snmp_version = {version}");
                var nutRun = (relay.Requests, watch.Elapsed);
                Assert.NotNull(nut);

                _output.WriteLine($"{walk} {version}: ours start {oursStart.Requests} PDUs {oursStart.Elapsed.TotalMilliseconds:0} ms, " +
                                  $"update {oursUpdate.Requests} PDUs {oursUpdate.Elapsed.TotalMilliseconds:0} ms; " +
                                  $"NUT snmp-ups start+1 update {nutRun.Requests} PDUs {nutRun.Elapsed.TotalMilliseconds:0} ms");
                Assert.True(oursStart.Requests + oursUpdate.Requests < nutRun.Requests && oursUpdate.Requests <= 3,
                    $"{walk}: ours {oursStart.Requests}+{oursUpdate.Requests}, NUT {nutRun.Requests}");
            }
        }
    }
}
