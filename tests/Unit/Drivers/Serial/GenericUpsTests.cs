using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.GenericUps;
using UpsPS.Engine.Drivers.Serial;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    public class GenericUpsTests
    {
        private const ModemLineState CTS = ModemLineState.Cts, DCD = ModemLineState.Dcd, RNG = ModemLineState.Ring, DSR = ModemLineState.Dsr;

        private sealed class FakeLines : IModemLines
        {
            public ModemLineState Inputs;
            public readonly List<string> Log = new List<string>();
            public ModemLineState ReadInputs() => Inputs;
            public void SetOutputs(bool dtr, bool rts) => Log.Add($"DTR={(dtr ? 1 : 0)} RTS={(rts ? 1 : 0)}");
            public Task SendBreakAsync(TimeSpan duration, CancellationToken cancellationToken) { Log.Add("BREAK"); return Task.CompletedTask; }
        }

        [Theory]
        [InlineData(0, ModemLineState.None, "OL")]
        [InlineData(0, CTS, "OB")]
        [InlineData(0, CTS | DCD, "LB OB")]
        [InlineData(1, RNG, "OB")]
        [InlineData(2, DCD, "LB OL")]
        [InlineData(4, CTS | DCD, "OL")]
        [InlineData(4, ModemLineState.None, "LB OB")]
        [InlineData(9, DCD | CTS, "LB OB")]
        [InlineData(9, ModemLineState.None, "OL")]
        [InlineData(13, DCD | CTS, "OL")]
        [InlineData(13, DCD, "LB OL")]
        [InlineData(13, ModemLineState.None, "LB OB")]
        [InlineData(18, CTS | DCD, "LB OL")]
        [InlineData(23, CTS | DCD | RNG | DSR, "OL")]
        [InlineData(23, CTS | DCD, "OL RB BYPASS")]
        [InlineData(23, ModemLineState.None, "LB OB RB BYPASS")]
        public void StatusFromLines(int type, ModemLineState lines, string status) =>
            Assert.Equal(status, new GenericUpsLogic(GenericUpsType.All[type]).Status(lines));

        [Fact]
        public void EveryTypeOfTheTableIsPresent()
        {
            Assert.Equal(24, GenericUpsType.All.Count);
            Assert.True(GenericUpsType.All.Select((t, i) => t.Id == i).All(x => x));
            Assert.Null(GenericUpsType.All[8].Shutdown);
            Assert.Equal(ModemLineState.Break, GenericUpsType.All[11].Shutdown);
        }

        private static async Task<(DriverHost Host, FakeLines Lines, GenericUpsDriver Driver)> Start(string options)
        {
            var lines = new FakeLines();
            var section = UpsConfReader.Parse($"[g]\n driver = genericups\n port = /dev/ttyS9\n{options}\n").Sections.Single();
            DriverRegistry.CreateDefault().Validate(section);
            var driver = new GenericUpsDriver(_ => lines);
            var host = new DriverHost(section, driver);
            await host.StartAsync();
            return (host, lines, driver);
        }

        [Fact]
        public async Task CablePowerThenStatusAndKillpowerSequence()
        {
            var (host, lines, driver) = await Start(" upstype = 2");
            Assert.Equal("DTR=0 RTS=1", lines.Log[0]);
            Assert.Equal("OL", host.GetInfo("ups.status"));
            Assert.Equal("APC", host.GetInfo("ups.mfr"));
            Assert.Equal("Back-UPS", host.GetInfo("ups.model"));
            lines.Inputs = CTS | DCD;
            await host.PollOnceAsync();
            Assert.Equal("LB OB", host.GetInfo("ups.status"));
            Assert.True(await driver.ShutdownAsync(default));
            Assert.Equal("DTR=1 RTS=1", lines.Log.Last());
        }

        [Fact]
        public async Task BreakShutdownAndUnknownShutdown()
        {
            var (_, lines, driver) = await Start(" upstype = 11");
            Assert.True(await driver.ShutdownAsync(default));
            Assert.Equal("BREAK", lines.Log.Last());
            var (_, _, unknown) = await Start(" upstype = 8");
            Assert.False(await unknown.ShutdownAsync(default));
            var (_, none, rups) = await Start(" upstype = 4");
            Assert.True(await rups.ShutdownAsync(default));
            Assert.Equal("DTR=0 RTS=0", none.Log.Last());
        }

        [Fact]
        public async Task OverridesReplaceTheTable()
        {
            var (host, lines, driver) = await Start(" upstype = 0\n OL = -DCD\n LB = none\n CP = RTS\n SD = DTR\n mfr = Acme\n serial = X1");
            Assert.Equal("DTR=0 RTS=1", lines.Log[0]);
            Assert.Equal("OL", host.GetInfo("ups.status"));
            lines.Inputs = DCD;
            await host.PollOnceAsync();
            Assert.Equal("OB", host.GetInfo("ups.status"));
            Assert.Equal("Acme", host.GetInfo("ups.mfr"));
            Assert.Equal("X1", host.GetInfo("ups.serial"));
            await driver.ShutdownAsync(default);
            Assert.Equal("DTR=1 RTS=0", lines.Log.Last());
        }

        [SkippableFact]
        public async Task RealPortWhenGiven()
        {
            var port = Environment.GetEnvironmentVariable("UPSPS_GENERICUPS_PORT");
            Skip.If(string.IsNullOrEmpty(port), "set UPSPS_GENERICUPS_PORT to a real serial port with a contact-closure UPS/cable to run this");
            var section = UpsConfReader.Parse($"[g]\n driver = genericups\n port = {port}\n upstype = {Environment.GetEnvironmentVariable("UPSPS_GENERICUPS_TYPE") ?? "0"}\n").Sections.Single();
            var host = DriverHost.Create(section, DriverRegistry.CreateDefault());
            await host.StartAsync();
            Assert.Matches("^(LB )?(OL|OB)", host.GetInfo("ups.status"));
            ((IDisposable)host.Driver).Dispose();
        }

        [SkippableFact]
        public async Task PtyHasNoModemLinesAndSaysSo()
        {
            Skip.IfNot(UpsPS.SerialSim.SocatPty.IsAvailable, SerialTestBed.SkipReason);
            await using var bed = await SerialTestBed.StartAsync(new UpsPS.SerialSim.Q1Device());
            var section = bed.Section("genericups", " upstype = 0");
            var host = DriverHost.Create(section, DriverRegistry.CreateDefault());
            var e = await Assert.ThrowsAsync<DriverException>(() => host.StartAsync());
            Assert.Contains("modem lines", e.Message);
        }
    }
}
