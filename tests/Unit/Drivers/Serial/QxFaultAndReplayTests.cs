using System;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.Qx;
using UpsPS.SerialSim;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    public class QxFaultAndReplayTests
    {
        private static void Fast(Engine.Drivers.IUpsDriver d)
        {
            ((QxDriver)d).ReplyTimeout = TimeSpan.FromMilliseconds(300);
            ((QxDriver)d).SettleDelay = TimeSpan.Zero;
        }

        [SkippableTheory]
        [InlineData(DeviceFault.Silent)]
        [InlineData(DeviceFault.Garbage)]
        [InlineData(DeviceFault.Partial)]
        [InlineData(DeviceFault.Late)]
        public async Task FaultMakesStaleWithoutInventingStatusAndRecovers(DeviceFault fault)
        {
            var device = new Q1Device();
            device.State.LateReplyDelay = TimeSpan.FromMilliseconds(600);
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 1\n pollfreq = 0", Fast);
            await bed.WaitForAsync("ups.status", "OL");
            var statuses = new System.Collections.Concurrent.ConcurrentQueue<string>();
            host.StateChanged += (_, e) => { if (e.Words[0] == "SETINFO" && e.Words[1] == "ups.status") statuses.Enqueue(e.Words[2]); };
            device.State.Fault = fault;
            await bed.WaitForStaleAsync(true, 20);
            Assert.Equal("OL", host.GetInfo("ups.status"));
            device.State.Fault = DeviceFault.None;
            await bed.WaitForStaleAsync(false, 20);
            Assert.Equal("OL", host.GetInfo("ups.status"));
            Assert.DoesNotContain(statuses, s => s.Contains("OB") || s.Contains("LB"));
        }

        [SkippableFact]
        public async Task PortVanishingAndComingBack()
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 1\n pollfreq = 0", Fast);
            await bed.WaitForAsync("ups.status", "OL");
            bed.Simulator.Pty.Stop();
            await bed.WaitForStaleAsync(true, 20);
            Assert.Equal("OL", host.GetInfo("ups.status"));
            device.State.Phase = UpsPhase.OnBattery;
            await bed.Simulator.Pty.StartAsync();
            await bed.WaitForStaleAsync(false, 20);
            await bed.WaitForAsync("ups.status", "OB");
        }

        [SkippableFact]
        public async Task MustekCaptureReplayGivesTheRecordedTimeline()
        {
            var capture = CaptureFile.Load(TestData.File("serial/megatec-q1_Mustek-PowerMust_uart-capture.txt"));
            var replies = capture.StatusReplies();
            Assert.Equal("(232.4 232.4 232.4 003 49.9 12.6 25.0 00001000", replies[0]);
            // The PowerMust answers Q1 and F, echoes D and ignores I: auto-detection ends at the plain Q1 protocol.
            var device = new Q1Device { VendorReply = null, RatingReply = "#220.0 003 12.00 50.0", ReplayStatus = replies };
            await using var bed = await SerialTestBed.StartAsync(device);
            var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
            // Polled by hand, one update per recorded reply, so the timeline does not take a second per line.
            var host = await bed.StartDriverAsync("nutdrv_qx", " pollinterval = 3600\n pollfreq = 0", d =>
            {
                Fast(d);
            }, poll: false);
            host.StateChanged += (_, e) => { if (e.Words[0] == "SETINFO" && e.Words[1] == "ups.status") seen.Enqueue(e.Words[2]); };
            Assert.Equal("Q1 0.07", host.GetInfo("driver.version.data"));
            Assert.Equal("220", host.GetInfo("input.voltage.nominal"));
            Assert.Equal("12.0", host.GetInfo("battery.voltage.nominal"));
            for (var i = 0; i < replies.Count + 2 && !(seen.Contains("OL FSD") && seen.Last() == "OL"); i++) await host.PollOnceAsync();
            Assert.True(seen.Contains("OL FSD") && seen.Last() == "OL", string.Join(" | ", seen));
            var order = seen.Distinct().ToList();
            Assert.True(order.IndexOf("OB") < order.IndexOf("OL FSD"), string.Join(" | ", seen));
            Assert.Equal("enabled", host.GetInfo("ups.beeper.status"));
            for (var i = 0; i < replies.Count && host.GetInfo("input.voltage") != "231.6"; i++) await host.PollOnceAsync(); // the last line repeats
            Assert.Equal("231.6", host.GetInfo("input.voltage"));
        }
    }
}
