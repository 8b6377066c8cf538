using System;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Simulation
{
    public sealed class UpsSimulationTests
    {
        private readonly ITestOutputHelper _out;
        public UpsSimulationTests(ITestOutputHelper output) { _out = output; }

        private const string Outage = "ups.status: OL\nbattery.charge: 100\nTIMER 5\nups.status: OB DISCHRG\nTIMER 10\nups.status: OB LB DISCHRG\nbattery.charge: 8\n";
        private const string Fast = "POLLFREQ 2\nPOLLFREQALERT 1\nDEADTIME 6\nFINALDELAY 1\nHOSTSYNC 10\n";

        private static SimulatedHost Host(string name, string upsmonConf) =>
            new SimulatedHost(name, UpsmonConfReader.Parse(upsmonConf, name + "/upsmon.conf").GetConfigOrThrow());

        private async Task<SimulationResult> RunAsync(SimulationTopology t)
        {
            var r = await UpsSimulation.RunAsync(t);
            _out.WriteLine(r.ToString());
            _out.WriteLine(r.FormatTimeline());
            foreach (var l in r.Log) _out.WriteLine(l.ToString());
            return r;
        }

        [Fact]
        public async Task Primary_and_secondary_shut_down_secondary_first()
        {
            var t = new SimulationTopology { TimeScale = 10, Duration = TimeSpan.FromSeconds(90) };
            t.Ups.Add(new SimulatedUps("ups1") { Content = Outage });
            t.Hosts.Add(Host("primary", "MONITOR ups1@nas 1 mon p1 primary\nMINSUPPLIES 1\n" + Fast));
            t.Hosts.Add(Host("secondary", "MONITOR ups1@nas 1 monsec s1 secondary\nMINSUPPLIES 1\n" + Fast));

            var r = await RunAsync(t);

            Assert.Equal(SimulationEndReason.AllShutDown, r.EndReason);
            Assert.Equal(new[] { "secondary", "primary" }, r.ShutdownOrder);
            Assert.Contains("ONBATT", r.NotificationsOf("primary"));
            Assert.Contains("FSD", r.NotificationsOf("secondary"));
            Assert.InRange(r.LastShutdownSeconds!.Value, 15, 60);
            var driverOb = r.Timeline.First(e => e.Kind == SimulationEventKind.Driver && e.Type == "OB DISCHRG").Seconds;
            var onbatt = r.Timeline.First(e => e.Kind == SimulationEventKind.Notify && e.Type == "ONBATT" && e.Host == "primary").Seconds;
            Assert.InRange(onbatt - driverOb, 0, 8); // POLLFREQ 2 plus slack for a loaded machine
        }

        [Fact]
        public async Task A_vanished_online_ups_gives_commbad_and_no_shutdown()
        {
            var t = new SimulationTopology { TimeScale = 10, Duration = TimeSpan.FromSeconds(40) };
            t.Ups.Add(new SimulatedUps("ups1") { Content = "ups.status: OL\n" });
            t.Hosts.Add(Host("solo", "MONITOR ups1 1 mon p1 primary\nNOCOMMWARNTIME 10\n" + Fast));
            t.Actions.Add(new SimulationAction { AtSeconds = 5, Kind = SimulationActionKind.KillDriver, Target = "ups1" });

            var r = await RunAsync(t);

            Assert.Equal(SimulationEndReason.DurationElapsed, r.EndReason);
            Assert.Empty(r.Shutdowns);
            var types = r.NotificationsOf("solo");
            Assert.Equal("COMMBAD", types.First());
            Assert.Contains("NOCOMM", types);
            Assert.DoesNotContain("SHUTDOWN", types);
        }
    }
}
