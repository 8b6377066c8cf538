using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Client;
using UpsPS.Engine.Monitor;
using UpsPS.Engine.Monitor.Net;
using UpsPS.Tests.Unit.Client;
using Xunit;

namespace UpsPS.Tests.Unit.Monitor
{
    /// <summary>The NutClient adapter and the whole monitor against the real NUT 2.8.0 upsd + dummy-ups.</summary>
    public class NutUpsConnectionInteropTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

        private const string OutageDev =
            "ups.status: OL\nbattery.charge: 100\nups.mfr: Fake Corp\ninput.voltage: 230.0\n" +
            "TIMER 2\nups.status: OB DISCHRG\nbattery.charge: 50\n" +
            "TIMER 2\nups.status: OB LB DISCHRG\nbattery.charge: 5\n";

        private const string OnBatteryDev = "ups.status: OB DISCHRG\nbattery.charge: 80\ninput.voltage: 0.0\n";

        private static string SystemOf(RealNutServer s) => $"{RealNutServer.UpsName}@127.0.0.1:{s.Port}";

        private static IUpsConnection Connect(RealNutServer s) =>
            new NutUpsConnectionFactory { NetworkTimeout = TimeSpan.FromSeconds(3) }.Create(UpsSystemName.Parse(SystemOf(s)), new MonitorConfig());

        [SkippableFact]
        public async Task Adapter_speaks_the_upsmon_dialogue_and_maps_errors()
        {
            Skip.IfNot(RealNutServer.Available, RealNutServer.SkipReason);
            await using var server = await RealNutServer.StartAsync();
            using var conn = Connect(server);
            var ct = CancellationToken.None;
            Assert.False(conn.IsConnected);
            await conn.ConnectAsync(ct);
            Assert.True(conn.IsConnected);
            await conn.LoginAsync(RealNutServer.AdminUser, RealNutServer.AdminPassword, RealNutServer.UpsName, ct);
            await conn.PrimaryAsync(RealNutServer.UpsName, ct);
            Assert.Equal("OL", await conn.GetVariableAsync(RealNutServer.UpsName, "ups.status", ct));
            Assert.Equal(1, await conn.GetNumLoginsAsync(RealNutServer.UpsName, ct));

            var err = await Assert.ThrowsAsync<UpsCommandException>(() => conn.GetVariableAsync(RealNutServer.UpsName, "ups.mode.buzzwords", ct));
            Assert.Equal("VAR-NOT-SUPPORTED", err.ErrorCode);
            Assert.True(conn.IsConnected); // an ERR keeps the session usable
            var unknown = await Assert.ThrowsAsync<UpsCommandException>(() => conn.GetVariableAsync("nosuch", "ups.status", ct));
            Assert.Equal("UNKNOWN-UPS", unknown.ErrorCode);

            await conn.SetForcedShutdownAsync(RealNutServer.UpsName, ct);
            await RealNutServer.WaitUntilAsync(async () => (await conn.GetVariableAsync(RealNutServer.UpsName, "ups.status", ct)).Contains("FSD"), Wait, "FSD in ups.status");

            await server.StopUpsdAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => conn.GetVariableAsync(RealNutServer.UpsName, "ups.status", ct));
            Assert.False(conn.IsConnected);
        }

        [SkippableFact]
        public async Task Adapter_reports_a_wrong_password_as_ACCESS_DENIED_and_stays_connected()
        {
            Skip.IfNot(RealNutServer.Available, RealNutServer.SkipReason);
            await using var server = await RealNutServer.StartAsync();
            using var conn = Connect(server);
            await conn.ConnectAsync(CancellationToken.None);
            var ex = await Assert.ThrowsAsync<UpsCommandException>(() => conn.LoginAsync(RealNutServer.MonitorUser, "wrong", RealNutServer.UpsName, CancellationToken.None));
            Assert.Equal("ACCESS-DENIED", ex.ErrorCode);
            Assert.True(conn.IsConnected);
            Assert.DoesNotContain("wrong", ex.Message);
        }

        [SkippableFact]
        public async Task Adapter_connect_to_a_closed_port_fails_and_is_not_connected()
        {
            using var conn = new NutUpsConnectionFactory { NetworkTimeout = TimeSpan.FromSeconds(2) }
                .Create(UpsSystemName.Parse("ups@127.0.0.1:" + ClosedPort()), new MonitorConfig());
            await Assert.ThrowsAnyAsync<Exception>(() => conn.ConnectAsync(CancellationToken.None));
            Assert.False(conn.IsConnected);
        }

        [SkippableFact]
        public async Task Outage_OL_OB_OBLB_shuts_down_exactly_once_with_the_explanation()
        {
            Skip.IfNot(RealNutServer.Available, RealNutServer.SkipReason);
            await using var server = await RealNutServer.StartAsync(OutageDev, "pollinterval = 1");
            var run = new RealMonitorRun(SystemOf(server), MonitorRole.Primary, RealNutServer.AdminUser, RealNutServer.AdminPassword);
            var exit = run.StartAsync();
            Assert.Same(exit, await Task.WhenAny(exit, Task.Delay(Wait)));
            Assert.Equal(MonitorExitReason.Shutdown, await exit);

            Assert.Equal(1, run.Shutdown.Calls);
            var d = run.Shutdown.Decision!;
            Assert.Equal(ShutdownTrigger.PowerBelowMinimum, d.Trigger);
            Assert.Equal(0, d.PowerValueTotal);
            Assert.Contains("power value 0 < MINSUPPLIES 1", d.Explanation);
            Assert.Contains("[OB LB DISCHRG]", d.Explanation);
            Assert.Equal("OK", d.FsdResults[SystemOf(server)]);
            Assert.NotNull(d.HostSyncOutcome);
            var types = run.Sink.Types;
            Assert.True(types.IndexOf(NotifyType.ONBATT) < types.IndexOf(NotifyType.LOWBATT), string.Join(",", types));
            Assert.Equal(1, run.Sink.Count(NotifyType.ONBATT));
            Assert.Equal(1, run.Sink.Count(NotifyType.FSD));
            Assert.Equal(1, run.Sink.Count(NotifyType.SHUTDOWN));
            Assert.Equal(0, run.Sink.Count(NotifyType.COMMBAD));

            // The primary really set FSD on upsd.
            await using var check = server.CreateClient();
            Assert.Contains("FSD", await check.GetVariableAsync(RealNutServer.UpsName, "ups.status"));
        }

        [SkippableFact]
        public async Task Wrong_password_logs_the_failure_keeps_polling_and_never_shuts_down()
        {
            Skip.IfNot(RealNutServer.Available, RealNutServer.SkipReason);
            await using var server = await RealNutServer.StartAsync(OnBatteryDev, "pollinterval = 1");
            var run = new RealMonitorRun(SystemOf(server), MonitorRole.Secondary, RealNutServer.MonitorUser, "wrong password");
            var exit = run.StartAsync();
            await run.Sink.WaitForAsync(NotifyType.ONBATT, Wait);
            await run.WaitCyclesAsync(3, Wait);
            run.Stop.Cancel();
            Assert.Equal(MonitorExitReason.Stopped, await exit);
            Assert.Equal(0, run.Shutdown.Calls);
            Assert.Equal(0, run.Sink.Count(NotifyType.COMMBAD));
            Assert.True(run.Log.Contains($"Login on UPS [{SystemOf(server)}] failed - got [ERR ACCESS-DENIED]"), run.Log.ToString());
            Assert.DoesNotContain("wrong password", run.Log.ToString());
        }

        [SkippableFact]
        public async Task Unreachable_server_gives_COMMBAD_then_NOCOMM_without_shutdown()
        {
            var run = new RealMonitorRun("ups@127.0.0.1:" + ClosedPort(), MonitorRole.Secondary, "u", "p");
            var exit = run.StartAsync();
            var commbad = await run.Sink.WaitForAsync(NotifyType.COMMBAD, Wait);
            Assert.Contains("Communications with UPS ups@127.0.0.1:", commbad.Message);
            await run.Sink.WaitForAsync(NotifyType.NOCOMM, Wait);
            run.Stop.Cancel();
            Assert.Equal(MonitorExitReason.Stopped, await exit);
            Assert.Equal(0, run.Shutdown.Calls);
            Assert.Equal(1, run.Sink.Count(NotifyType.COMMBAD));
            Assert.Null(run.Monitor!.ShutdownDecision);
        }

        [SkippableFact]
        public async Task Upsd_restart_mid_outage_is_COMMBAD_then_COMMOK_and_no_shutdown()
        {
            Skip.IfNot(RealNutServer.Available, RealNutServer.SkipReason);
            await using var server = await RealNutServer.StartAsync(OnBatteryDev, "pollinterval = 1");
            var run = new RealMonitorRun(SystemOf(server), MonitorRole.Secondary, RealNutServer.MonitorUser, RealNutServer.MonitorPassword, deadTime: 60);
            var exit = run.StartAsync();
            await run.Sink.WaitForAsync(NotifyType.ONBATT, Wait);
            await server.StopUpsdAsync();
            await run.Sink.WaitForAsync(NotifyType.COMMBAD, Wait);
            await server.StartUpsdAsync();
            await run.Sink.WaitForAsync(NotifyType.COMMOK, Wait);
            int cycles = run.Monitor!.Snapshot.Cycles;
            await run.WaitCyclesAsync(cycles + 1, Wait);
            var ups = run.Monitor.Snapshot.Ups.Single();
            run.Stop.Cancel();
            Assert.Equal(MonitorExitReason.Stopped, await exit);
            Assert.Equal(0, run.Shutdown.Calls);
            Assert.Equal(1, run.Sink.Count(NotifyType.ONBATT)); // no repeated ONBATT after the reconnect
            Assert.Equal(0, run.Sink.Count(NotifyType.ONLINE));
            Assert.True(ups.LoggedIn);
            Assert.Equal("OB DISCHRG", ups.Status);
        }

        [SkippableFact]
        public async Task Server_lost_while_on_battery_beyond_DEADTIME_is_a_dead_UPS_and_shuts_down()
        {
            Skip.IfNot(RealNutServer.Available, RealNutServer.SkipReason);
            await using var server = await RealNutServer.StartAsync(OnBatteryDev, "pollinterval = 1");
            var run = new RealMonitorRun(SystemOf(server), MonitorRole.Secondary, RealNutServer.MonitorUser, RealNutServer.MonitorPassword, deadTime: 2);
            var exit = run.StartAsync();
            await run.Sink.WaitForAsync(NotifyType.ONBATT, Wait);
            await server.StopUpsdAsync();
            Assert.Same(exit, await Task.WhenAny(exit, Task.Delay(Wait)));
            Assert.Equal(MonitorExitReason.Shutdown, await exit);
            Assert.Equal(1, run.Shutdown.Calls);
            Assert.True(run.Shutdown.Decision!.Ups.Single().IsCritical);
        }

        private static int ClosedPort()
        {
            var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            l.Start();
            int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }
    }
}
