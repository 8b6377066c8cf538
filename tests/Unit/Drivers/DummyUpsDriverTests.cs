using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.Dummy;
using UpsPS.Engine.State;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers
{
    public class DummyUpsDriverTests
    {
        private const string SampleDev =
            "ups.status: OL CHRG\nbattery.charge: 95\nups.mfr: \"ACME Corp\"\nups.model: Model   X   2000\ndriver.name: fake\ninput.voltage: 230.0\nfoo.bar: something here\nups.serial: ABC#123\n";

        [Fact]
        public async Task PublishesTheFileLikeNut280()
        {
            using var bed = new DummyTestBed("dev.dev", SampleDev);
            await bed.StartAsync();
            var h = bed.Host;
            Assert.False(h.IsStale);
            Assert.Equal("OL CHRG", h.GetInfo("ups.status"));
            Assert.Equal("ACME Corp", h.GetInfo("ups.mfr"));
            Assert.Equal("ACME Corp", h.GetInfo("device.mfr"));
            Assert.Equal("Model X 2000", h.GetInfo("device.model"));
            Assert.Equal("ABC", h.GetInfo("device.serial"));
            Assert.Equal("ups", h.GetInfo("device.type"));
            Assert.Equal("dummy-ups", h.GetInfo("driver.name"));
            Assert.Equal("dummy-once", h.GetInfo("driver.parameter.mode"));
            Assert.Equal("dev.dev", h.GetInfo("driver.parameter.port"));
            Assert.Equal("2", h.GetInfo("driver.parameter.pollinterval"));
            Assert.Equal("auto", h.GetInfo("driver.parameter.synchronous"));
            Assert.Equal("0.15", h.GetInfo("driver.version.internal"));
            Assert.Equal(new[] { "load.off" }, h.GetCommands());

            Assert.Equal(VariableFlags.ReadWrite | VariableFlags.Number, h.GetVariable("battery.charge")!.Flags);
            Assert.Equal(VariableFlags.ReadWrite | VariableFlags.String, h.GetVariable("foo.bar")!.Flags);
            Assert.Equal(32, h.GetVariable("foo.bar")!.Aux);
            Assert.Equal(32, h.GetVariable("ups.status")!.Aux);
            Assert.Equal(VariableFlags.None, h.GetVariable("device.mfr")!.Flags);
            Assert.False(h.GetVariable("driver.name")!.IsWritable);
        }

        [Fact]
        public async Task InitialValuesWhenTheFileSetsNothing()
        {
            using var bed = new DummyTestBed("empty.dev", "# nothing\n");
            await bed.StartAsync();
            Assert.Equal("Dummy Manufacturer", bed.Host.GetInfo("ups.mfr"));
            Assert.Equal("Dummy UPS", bed.Host.GetInfo("ups.model"));
            Assert.Equal("OL", bed.Host.GetInfo("ups.status"));
            Assert.Equal("Dummy Manufacturer", bed.Host.GetInfo("device.mfr"));
        }

        [Fact]
        public async Task SetVarBehaviour()
        {
            using var bed = new DummyTestBed("dev.dev", SampleDev);
            await bed.StartAsync();
            var h = bed.Host;
            Assert.Equal(DriverResult.Handled, await h.SetVariableAsync("ups.status", "OB  LB LB"));
            Assert.Equal("OB LB", h.GetInfo("ups.status"));
            Assert.Equal(DriverResult.Handled, await h.SetVariableAsync("foo.bar", "x y"));
            Assert.Equal("x y", h.GetInfo("foo.bar"));
            Assert.Equal(DriverResult.Handled, await h.SetVariableAsync("battery.charge", ""));
            Assert.Null(h.GetInfo("battery.charge"));
            Assert.Equal(DriverResult.Unknown, await h.SetVariableAsync("new.var", "1"));
            Assert.Null(h.GetInfo("new.var"));
            Assert.Equal(DriverResult.Invalid, await h.SetVariableAsync("device.mfr", "z"));
            Assert.Equal("ACME Corp", h.GetInfo("device.mfr"));

            // dummy-once: the value holds across updates while the file is unchanged
            await h.PollOnceAsync();
            await h.PollOnceAsync();
            Assert.Equal("OB LB", h.GetInfo("ups.status"));
        }

        [Fact]
        public async Task InstantCommandsAreUnknown()
        {
            using var bed = new DummyTestBed("dev.dev", SampleDev);
            var logs = new List<string>();
            bed.Host.Log += (_, e) => logs.Add(e.Message);
            await bed.StartAsync();
            Assert.Equal(DriverResult.Unknown, await bed.Host.InstantCommandAsync("load.off", null));
            Assert.Contains("instcmd: unknown command [load.off] [(null)]", logs);
        }

        [Fact]
        public async Task KillpowerIsNotSupported()
        {
            using var bed = new DummyTestBed("dev.dev", SampleDev, " allow_killpower");
            var logs = new List<string>();
            bed.Host.Log += (_, e) => logs.Add(e.Message);
            await bed.StartAsync();
            Assert.Equal(DriverResult.Failed, await bed.Host.InstantCommandAsync("driver.killpower", null));
            Assert.Contains("shutdown not supported", logs);
        }

        [Fact]
        public async Task CapabilityLinesDeclareFlagsEnumsRangesAndCommands()
        {
            var dev = "#@ADDENUM input.sensitivity \"low\"\ninput.sensitivity: medium\n#@SETFLAGS input.sensitivity RW STRING\n#@SETAUX input.sensitivity 6\n" +
                      "#@ADDENUM input.sensitivity \"medium\"\ninput.transfer.low: 170\n#@ADDRANGE input.transfer.low 160 180\n#@SETFLAGS input.transfer.low RW NUMBER\n" +
                      "#@ADDCMD test.battery.start\nups.load: 20\n";
            using var bed = new DummyTestBed("caps.dev", dev);
            await bed.StartAsync();
            var h = bed.Host;
            var sens = h.GetVariable("input.sensitivity")!;
            Assert.Equal(VariableFlags.ReadWrite | VariableFlags.String, sens.Flags);
            Assert.Equal(6, sens.Aux);
            Assert.Equal(new[] { "low", "medium" }, sens.Enums);
            Assert.Equal(new VariableRange(160, 180), Assert.Single(h.GetVariable("input.transfer.low")!.Ranges));
            Assert.Equal(new[] { "load.off", "test.battery.start" }, h.GetCommands());

            // the file declares flags: undeclared variables are read-only
            Assert.False(h.GetVariable("ups.load")!.IsWritable);
            Assert.False(h.GetVariable("ups.status")!.IsWritable);
            Assert.Equal(DriverResult.Invalid, await h.SetVariableAsync("ups.load", "30"));
            Assert.Equal(DriverResult.Handled, await h.SetVariableAsync("input.sensitivity", "low"));
            Assert.Equal("low", h.GetInfo("input.sensitivity"));

            var dump = string.Join("\n", h.BuildDump().Select(l => string.Join(" ", l)));
            Assert.Contains("SETINFO input.sensitivity low\nADDENUM input.sensitivity low\nADDENUM input.sensitivity medium\nSETAUX input.sensitivity 6\nSETFLAGS input.sensitivity RW STRING\n", dump);
        }

        [Fact]
        public async Task LoopTimingFollowsThePollGrid()
        {
            using var bed = new DummyTestBed("seq.seq", "ups.status: OL\nTIMER 5\nups.status: OB\nTIMER 5\nups.status: OB LB\nTIMER 5\n");
            await bed.RunUntilAsync(30);
            Assert.Equal("dummy-loop", bed.Host.GetInfo("driver.parameter.mode"));
            var changes = bed.Changes("ups.status").Where(c => c.Time > 0).ToList();
            // 1 s sleep inside each 2 s update: OB at 5, OB LB 6 s later, OL 8 s later (the wrap costs an update)
            Assert.Equal(new[] { (5.0, "OB"), (11.0, "OB LB"), (19.0, "OL"), (25.0, "OB") }, changes.Take(4).ToArray());
        }

        [Fact]
        public async Task OnceModePlaysOnceHoldsAndReplaysWhenTheFileChanges()
        {
            using var bed = new DummyTestBed("outage.dev", "ups.status: OL\nTIMER 10\nups.status: OB DISCHRG\nTIMER 10\nups.status: OB LB DISCHRG\n", " pollinterval = 1");
            await bed.RunUntilAsync(60);
            var changes = bed.Changes("ups.status").Where(c => c.Time > 0).ToArray();
            Assert.Equal(new[] { (10.0, "OB DISCHRG"), (20.0, "OB LB DISCHRG") }, changes);

            bed.Clock.StopAt = null;
            File.SetLastWriteTimeUtc(bed.FilePath, File.GetLastWriteTimeUtc(bed.FilePath).AddSeconds(-30));
            await bed.Host.PollOnceAsync();
            Assert.Equal("OL", bed.Host.GetInfo("ups.status"));
        }

        [Fact]
        public async Task LoopModeOverwritesSetValuesOnTheNextPass()
        {
            using var bed = new DummyTestBed("plain.seq", "ups.status: OL\nbattery.charge: 100\n");
            await bed.StartAsync();
            Assert.Equal(DriverResult.Handled, await bed.Host.SetVariableAsync("battery.charge", "5"));
            Assert.Equal("5", bed.Host.GetInfo("battery.charge"));
            await bed.Host.PollOnceAsync();
            Assert.Equal("100", bed.Host.GetInfo("battery.charge"));
        }

        [Fact]
        public async Task AlarmsAccumulateAndClear()
        {
            using var bed = new DummyTestBed("alarm.dev", "ups.status: OL\nALARM [Replace battery]\nALARM [Fan]\nTIMER 1\nALARM\n", " pollinterval = 1");
            await bed.StartAsync();
            Assert.Equal("ALARM OL", bed.Host.GetInfo("ups.status"));
            Assert.Equal("[Replace battery] [Fan]", bed.Host.GetInfo("ups.alarm"));
            await bed.Host.PollOnceAsync();
            Assert.Equal("OL", bed.Host.GetInfo("ups.status"));
            Assert.Null(bed.Host.GetInfo("ups.alarm"));
        }

        [Fact]
        public async Task UnreadableFileIsFatal()
        {
            using var bed = new DummyTestBed("missing.dev", "", useFile: false);
            var e = await Assert.ThrowsAsync<DriverException>(() => bed.StartAsync());
            Assert.StartsWith("Can't open dummy-ups definition file " + bed.FilePath + ":", e.Message);
        }

        [Fact]
        public void PathsAreRelativeToTheConfigDirectory()
        {
            Assert.Equal(Path.Combine("/etc/nut", "a.dev"), DummyUpsDriver.ResolvePath("a.dev", "/etc/nut"));
            Assert.Equal("/data/a.dev", DummyUpsDriver.ResolvePath("/data/a.dev", "/etc/nut"));
            Assert.Equal(@"C:\nut\a.dev", DummyUpsDriver.ResolvePath(@"C:\nut\a.dev", "/etc/nut"));
        }

        [Theory]
        [InlineData("ups@host", "ups", "host", 3493)]
        [InlineData("ups@localhost:3500", "ups", "localhost", 3500)]
        [InlineData("ups@[::1]:3501", "ups", "::1", 3501)]
        public void RepeaterTargets(string target, string ups, string host, int port)
        {
            Assert.Equal((ups, host, port), DummyRepeaterSource.ParseTarget(target));
        }

        [Fact]
        public async Task RepeaterCopiesVariablesExceptDriverOnes()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var status = "OL";
            var listRequests = 0;
            var server = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                string? line;
                while ((line = await reader.ReadLineAsync()) != null)
                {
                    // Answers like upsd 2.8.0 without TLS; the repeater may probe STARTTLS and the protocol version first.
                    var reply = line switch
                    {
                        "LIST VAR src" => $"BEGIN LIST VAR src\nVAR src battery.charge \"87\"\nVAR src driver.name \"usbhid-ups\"\nVAR src ups.status \"{status}\"\nVAR src ups.model \"Back \\\"UPS\\\"\"\nEND LIST VAR src\n",
                        "STARTTLS" => "ERR FEATURE-NOT-CONFIGURED\n",
                        "PROTVER" or "NETVER" => "1.3\n",
                        _ => "ERR UNKNOWN-COMMAND\n",
                    };
                    if (line == "LIST VAR src") listRequests++;
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(reply));
                }
            });
            try
            {
                using var bed = new DummyTestBed($"src@127.0.0.1:{port}", "", useFile: false);
                await bed.StartAsync();
                Assert.Equal("repeater", bed.Host.GetInfo("driver.parameter.mode"));
                Assert.Equal("87", bed.Host.GetInfo("battery.charge"));
                Assert.Equal("Back \"UPS\"", bed.Host.GetInfo("ups.model"));
                Assert.Equal("dummy-ups", bed.Host.GetInfo("driver.name"));
                status = "OB LB";
                await bed.Host.PollOnceAsync();
                Assert.Equal("OB LB", bed.Host.GetInfo("ups.status"));
                Assert.False(bed.Host.IsStale);
                Assert.Equal(2, listRequests);
            }
            finally { listener.Stop(); }
        }

        [Fact]
        public async Task RepeaterStrictStartFailsWithoutSource()
        {
            var port = NutProcesses.FreeTcpPort();
            using var strict = new DummyTestBed($"src@127.0.0.1:{port}", "", useFile: false);
            var e = await Assert.ThrowsAsync<DriverException>(() => strict.StartAsync());
            Assert.Contains("repeater_disable_strict_start", e.Message);

            using var lenient = new DummyTestBed($"src@127.0.0.1:{port}", "", " repeater_disable_strict_start", useFile: false);
            await lenient.StartAsync();
            Assert.True(lenient.Host.IsStale);
        }
    }
}
