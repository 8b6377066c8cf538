using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.DriverSocket;
using UpsPS.Engine.State;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers
{
    public class DriverHostTests
    {
        private sealed class FakeDriver : IUpsDriver
        {
            public List<string> Calls { get; } = new List<string>();
            public DriverResult Result { get; set; } = DriverResult.Handled;
            public DriverResult CommandResult { get; set; } = DriverResult.Handled;
            public Action<DriverHost>? OnInit { get; set; }
            public string Name => "fake";
            public TimeSpan PollInterval => TimeSpan.FromSeconds(2);

            public Task InitializeAsync(DriverHost host, CancellationToken ct) { OnInit?.Invoke(host); return Task.CompletedTask; }
            public Task UpdateAsync(CancellationToken ct) { Calls.Add("update"); return Task.CompletedTask; }

            public Task<DriverResult> SetVariableAsync(string name, string value, CancellationToken ct)
            {
                Calls.Add($"set {name}={value}");
                return Task.FromResult(Result);
            }

            public Task<DriverResult> InstantCommandAsync(string command, string? parameter, CancellationToken ct)
            {
                Calls.Add($"cmd {command} {parameter ?? "(null)"}");
                return Task.FromResult(CommandResult);
            }
        }

        private static (DriverHost Host, FakeDriver Driver) Create(string options = "", DriverHostOptions? hostOptions = null)
        {
            var section = UpsConfReader.Parse($"[ups1]\n driver = fake\n port = /dev/null\n{options}\n").Sections.Single();
            var driver = new FakeDriver();
            return (new DriverHost(section, driver, hostOptions ?? new DriverHostOptions { InternalVersion = "9.9" }), driver);
        }

        private static async Task<List<IReadOnlyList<string>>> ReceiveUntilAsync(IDriverChannel channel, string last)
        {
            var lines = new List<IReadOnlyList<string>>();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            while (true)
            {
                var words = await channel.ReceiveAsync(cts.Token);
                Assert.NotNull(words);
                lines.Add(words!);
                if (words![0] == last) return lines;
            }
        }

        private static string Text(IEnumerable<IReadOnlyList<string>> lines) => string.Join("\n", lines.Select(l => string.Join(" ", l)));

        [Fact]
        public async Task PublishesDriverVariablesAndParameters()
        {
            var (host, _) = Create(" pollinterval = 5\n desc = \"x\"\n sdorder = 1\n nolock\n default.battery.charge = 50\n override.ups.mfr = Forced\n");
            await host.StartAsync();
            Assert.Equal("fake", host.GetInfo("driver.name"));
            Assert.Equal("9.9", host.GetInfo("driver.version.internal"));
            Assert.False(string.IsNullOrEmpty(host.GetInfo("driver.version")));
            Assert.Equal("/dev/null", host.GetInfo("driver.parameter.port"));
            Assert.Equal("5", host.GetInfo("driver.parameter.pollinterval"));
            Assert.Equal("auto", host.GetInfo("driver.parameter.synchronous"));
            Assert.Equal("enabled", host.GetInfo("driver.flag.nolock"));
            Assert.Equal("50", host.GetInfo("driver.parameter.default.battery.charge"));
            Assert.Equal("Forced", host.GetInfo("driver.parameter.override.ups.mfr"));
            Assert.Null(host.GetInfo("driver.parameter.desc"));
            Assert.Null(host.GetInfo("driver.parameter.sdorder"));
            Assert.Null(host.GetInfo("driver.parameter.driver"));
            Assert.Equal("50", host.GetInfo("battery.charge"));
            Assert.Equal("Forced", host.GetInfo("ups.mfr"));
            Assert.Equal("Forced", host.GetInfo("device.mfr"));
            Assert.Equal(TimeSpan.FromSeconds(5), host.ConfiguredPollInterval);

            host.SetInfo("ups.mfr", "Device");  // override is immutable
            host.SetInfo("battery.charge", "80"); // default is replaced
            Assert.Equal("Forced", host.GetInfo("ups.mfr"));
            Assert.Equal("80", host.GetInfo("battery.charge"));
        }

        [Fact]
        public async Task DumpAllFollowsTheProtocolOrder()
        {
            var (host, _) = Create();
            await host.StartAsync();
            host.SetInfo("zz.last", "1");
            host.SetInfo("input.sensitivity", "medium");
            host.AddEnum("input.sensitivity", "low");
            host.AddEnum("input.sensitivity", "high");
            host.SetAux("input.sensitivity", 6);
            host.SetFlags("input.sensitivity", VariableFlags.ReadWrite | VariableFlags.String);
            host.SetInfo("input.transfer.low", "170");
            host.AddRange("input.transfer.low", 160, 180);
            host.SetFlags("input.transfer.low", VariableFlags.ReadWrite);
            host.AddCommand("test.battery.start");
            host.AddCommand("load.off");

            var (server, driverEnd) = InProcessDriverChannel.CreatePair();
            _ = host.AttachAsync(driverEnd);
            await server.SendAsync(new[] { "DUMPALL" });
            var stale = await ReceiveUntilAsync(server, "DUMPDONE");
            Assert.Equal("DATASTALE", string.Join(" ", stale[0]));
            Assert.DoesNotContain(stale, l => l[0] == "DATAOK");

            host.DataOk();
            Assert.Equal("DATAOK", string.Join(" ", (await server.ReceiveAsync())!));
            await server.SendAsync(new[] { "DUMPALL" });
            var dump = Text(await ReceiveUntilAsync(server, "DUMPDONE"));
            var expectedTail =
                "SETINFO input.sensitivity medium\nADDENUM input.sensitivity low\nADDENUM input.sensitivity high\nSETAUX input.sensitivity 6\nSETFLAGS input.sensitivity RW STRING\n" +
                "SETINFO input.transfer.low 170\nADDRANGE input.transfer.low 160 180\nSETFLAGS input.transfer.low RW\n" +
                "SETINFO zz.last 1\nADDCMD load.off\nADDCMD test.battery.start\nDATAOK\nDUMPDONE";
            Assert.EndsWith(expectedTail, dump);
            Assert.StartsWith("SETINFO device.type ups\nSETINFO driver.name fake\n", dump);
        }

        [Fact]
        public async Task ChangesArePushedOnlyWhenTheyChange()
        {
            var (host, _) = Create();
            await host.StartAsync();
            var (server, driverEnd) = InProcessDriverChannel.CreatePair();
            _ = host.AttachAsync(driverEnd);

            host.SetInfo("ups.load", "10");
            host.SetInfo("ups.load", "10");      // unchanged: nothing sent
            host.DataStale();                     // already stale: nothing sent
            host.DataOk();
            host.DataOk();
            host.SetInfo("ups.load", "11");
            host.DelInfo("ups.load");
            host.DelInfo("ups.load");
            host.AddCommand("x");
            host.AddCommand("x");
            host.DelCommand("x");
            host.DataStale();
            await server.SendAsync(new[] { "PING" });
            var lines = Text(await ReceiveUntilAsync(server, "PONG"));
            Assert.Equal("SETINFO ups.load 10\nDATAOK\nSETINFO ups.load 11\nDELINFO ups.load\nADDCMD x\nDELCMD x\nDATASTALE\nPONG", lines);
        }

        [Fact]
        public async Task ChangesReachEveryAttachedChannel()
        {
            var (host, _) = Create();
            await host.StartAsync();
            var a = InProcessDriverChannel.CreatePair();
            var b = InProcessDriverChannel.CreatePair();
            _ = host.AttachAsync(a.Second);
            _ = host.AttachAsync(b.Second);
            host.SetInfo("ups.status", "OB");
            Assert.Equal(new[] { "SETINFO", "ups.status", "OB" }, await a.First.ReceiveAsync());
            Assert.Equal(new[] { "SETINFO", "ups.status", "OB" }, await b.First.ReceiveAsync());
        }

        [Fact]
        public async Task SetAndInstCmdAnswerTrackingOnlyWithAnId()
        {
            var (host, driver) = Create();
            await host.StartAsync();
            var (server, driverEnd) = InProcessDriverChannel.CreatePair();
            _ = host.AttachAsync(driverEnd);

            driver.CommandResult = DriverResult.Invalid;
            await server.SendAsync(new[] { "SET", "ups.delay.shutdown", "30" });
            await server.SendAsync(new[] { "SET", "ups.id", "a b", "TRACKING", "id-1" });
            await server.SendAsync(new[] { "INSTCMD", "test.battery.start" });
            await server.SendAsync(new[] { "INSTCMD", "load.off", "TRACKING", "id-2" });
            await server.SendAsync(new[] { "INSTCMD", "load.off.delay", "20", "TRACKING", "id-3" });
            await server.SendAsync(new[] { "PING" });
            var lines = Text(await ReceiveUntilAsync(server, "PONG"));
            Assert.Equal("TRACKING id-1 0\nTRACKING id-2 2\nTRACKING id-3 2\nPONG", lines);
            Assert.Equal(new[] { "set ups.delay.shutdown=30", "set ups.id=a b", "cmd test.battery.start (null)", "cmd load.off (null)", "cmd load.off.delay 20" },
                driver.Calls);
        }

        [Fact]
        public async Task GetPidAndLogout()
        {
            var (host, _) = Create();
            await host.StartAsync();
            var (server, driverEnd) = InProcessDriverChannel.CreatePair();
            var served = host.AttachAsync(driverEnd);
            await server.SendAsync(new[] { "GETPID" });
            var pid = await server.ReceiveAsync();
            Assert.Equal("PID", pid![0]);
            Assert.Equal(Environment.ProcessId.ToString(), pid[1]);
            await server.SendAsync(new[] { "LOGOUT" });
            Assert.Equal(new[] { "OK", "Goodbye" }, await server.ReceiveAsync());
            await served.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(0, host.ConnectionCount);
        }

        [Fact]
        public async Task BuiltInKillpowerNeedsTheFlag()
        {
            var (host, driver) = Create();
            await host.StartAsync();
            Assert.Equal(DriverResult.Invalid, await host.InstantCommandAsync("driver.killpower", null));
            Assert.Empty(driver.Calls);
            Assert.Null(host.GetInfo("driver.flag.allow_killpower"));

            var (allowed, allowedDriver) = Create(" allow_killpower\n");
            await allowed.StartAsync();
            Assert.Equal("1", allowed.GetInfo("driver.flag.allow_killpower"));
            Assert.Equal(DriverResult.Handled, await allowed.InstantCommandAsync("driver.killpower", null));
            Assert.Equal(new[] { "cmd driver.killpower (null)" }, allowedDriver.Calls);

            Assert.Equal(DriverResult.Handled, await allowed.SetVariableAsync("driver.flag.allow_killpower", "0"));
            Assert.Equal("0", allowed.GetInfo("driver.flag.allow_killpower"));
            Assert.Equal(DriverResult.Invalid, await allowed.InstantCommandAsync("driver.killpower", null));
        }

        [Fact]
        public async Task DriverExitStopsTheRunLoopAndReloadIsReported()
        {
            var (host, _) = Create();
            var requests = new List<string>();
            host.ControlRequested += (_, e) => requests.Add(e.Command);
            var run = host.RunAsync();
            await Poll.UntilAsync(() => host.GetInfo("driver.name") != null, TimeSpan.FromSeconds(5));
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("driver.reload", null));
            Assert.False(run.IsCompleted);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("driver.exit", null));
            await run.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(new[] { "driver.reload", "driver.exit" }, requests);
        }

        [Fact]
        public async Task DriverDebugIsWritableAndCoreCommandsListedWhenAsked()
        {
            var (host, _) = Create(hostOptions: new DriverHostOptions { PublishCoreCommands = true });
            await host.StartAsync();
            Assert.Contains("driver.reload", host.GetCommands());
            Assert.Equal("0", host.GetInfo("driver.debug"));
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("driver.debug", "3"));
            Assert.Equal("3", host.GetInfo("driver.debug"));
            Assert.Equal(DriverResult.Invalid, await host.SetVariableAsync("driver.debug", "x"));
            Assert.True(host.GetVariable("driver.debug")!.IsWritable);
        }

        [Fact]
        public async Task IgnoreLbRaisesLbFromThresholdsInstead()
        {
            var (host, _) = Create(" ignorelb\n");
            await host.StartAsync();
            Assert.Equal("enabled", host.GetInfo("driver.flag.ignorelb"));
            host.SetInfo("battery.charge", "50");
            host.SetInfo("battery.charge.low", "20");
            host.SetInfo("ups.status", "OB LB");
            Assert.Equal("OB", host.GetInfo("ups.status"));
            host.SetInfo("battery.charge", "19");
            host.SetInfo("ups.status", "OB DISCHRG");
            Assert.Equal("OB DISCHRG LB", host.GetInfo("ups.status"));
            host.SetInfo("battery.charge", "90");
            host.SetInfo("battery.runtime", "100");
            host.SetInfo("battery.runtime.low", "120");
            host.SetInfo("ups.status", "OB");
            Assert.Equal("OB LB", host.GetInfo("ups.status"));
        }

        [Fact]
        public async Task InProcessConnectorAttachesANewChannelEachTime()
        {
            var (host, _) = Create();
            await host.StartAsync();
            host.DataOk();
            var connector = new InProcessDriverConnector(host);
            Assert.Equal("in-process", connector.Location);
            using var channel = await connector.ConnectAsync();
            await channel.SendAsync(new[] { "DUMPALL" });
            var dump = await ReceiveUntilAsync(channel, "DUMPDONE");
            Assert.Contains(dump, l => l[0] == "SETINFO" && l[1] == "driver.name");
            Assert.Equal("DATAOK", dump[dump.Count - 2][0]);
            channel.Dispose();
            await Poll.UntilAsync(() => host.ConnectionCount == 0, TimeSpan.FromSeconds(5));
        }

        [Fact]
        public async Task RunLoopPollsOnThePollIntervalGrid()
        {
            var clock = new VirtualDriverClock { StopAt = 9 };
            var (host, driver) = Create(hostOptions: new DriverHostOptions { Clock = clock });
            using var cts = new CancellationTokenSource();
            var run = host.RunAsync(cts.Token);
            await Poll.UntilAsync(() => clock.Elapsed >= 9, TimeSpan.FromSeconds(5));
            cts.Cancel();
            await run;
            Assert.Equal(5, driver.Calls.Count(c => c == "update")); // t = 0, 2, 4, 6, 8
        }
    }
}
