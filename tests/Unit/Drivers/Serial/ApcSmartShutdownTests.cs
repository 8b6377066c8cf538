using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.ApcSmart;
using UpsPS.SerialSim;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    /// <summary>apcsmart shutdown methods (serial.md §2.6) on a pty: exact bytes, what the simulated UPS executed.</summary>
    public class ApcSmartShutdownTests
    {
        private static string Bytes(ApcSmartDevice device) =>
            new string(device.Received.Select(b => b < 32 || b > 126 ? '.' : (char)b).ToArray());

        private static void Clear(ApcSmartDevice device)
        {
            while (device.Received.TryDequeue(out _)) { }
            while (device.Shutdowns.TryDequeue(out _)) { }
        }

        [SkippableTheory]
        [InlineData("", UpsPhase.Online, "YQ@000", "@000")]          // sdtype 0 on line: hard hibernate with awd 000
        [InlineData("", UpsPhase.OnBattery, "YQS", "S")]             // sdtype 0 on battery: soft hibernate
        [InlineData("sdtype = 0\n awd = 7", UpsPhase.Online, "YQ@007", "@007")]
        [InlineData("sdtype = 1", UpsPhase.OnBattery, "YQS", "S")]
        [InlineData("sdtype = 1", UpsPhase.Online, "YQ@000", "@000")] // S only tried on battery
        [InlineData("sdtype = 2", UpsPhase.Online, "YQZZ", "Z")]
        [InlineData("sdtype = 3", UpsPhase.Online, "YQKK", "K")]
        [InlineData("sdtype = 4", UpsPhase.Online, "YQUS", "S")]     // CS hack: simulated failure, then S works
        [InlineData("sdtype = 4", UpsPhase.OnBattery, "YQS", "S")]
        [InlineData("sdtype = 5\n awd = 7", UpsPhase.OnBattery, "YQ@007", "@007")]
        [InlineData("advorder = 0\n sdtype = 2", UpsPhase.Online, "YQS", "")]     // advorder wins; S refused on line
        [InlineData("advorder = 02", UpsPhase.Online, "YQSKK", "K")]              // S refused → K
        [InlineData("advorder = 31", UpsPhase.Online, "YQZZ", "Z")]               // Z succeeds (silence is fine)
        [InlineData("advorder = no\n sdtype = 3", UpsPhase.Online, "YQKK", "K")]  // "no" = use sdtype
        public async Task KillpowerFollowsSdtypeAndAdvorder(string options, UpsPhase phase, string bytes, string executed)
        {
            var device = new ApcSmartDevice();
            device.State.Phase = phase;
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 3600\n " + options, d =>
            {
                ApcSmartTests.Fast(d);
                ((ApcSmartDriver)d).CsHackDelay = TimeSpan.FromMilliseconds(100);
            }, poll: false);
            Clear(device);
            var result = await ((ApcSmartDriver)host.Driver).ShutdownUpsAsync(default);
            Assert.Equal(bytes, Bytes(device).Replace("\x1b", ""));
            Assert.Equal(executed, string.Join(",", device.Shutdowns));
            Assert.Equal(executed.Length > 0 ? DriverResult.Handled : DriverResult.Failed, result);
        }

        [SkippableFact]
        public async Task StarRepliesCountAsOkAndTwoDigitHibernateFallsBackWithY()
        {
            var device = new ApcSmartDevice { StarReplies = true };
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 3600\n sdtype = 3", ApcSmartTests.Fast, poll: false);
            var driver = (ApcSmartDriver)host.Driver;
            Assert.Equal(DriverResult.Handled, await driver.ShutdownUpsAsync(default));
            Assert.Equal("K", string.Join(",", device.Shutdowns));

            // An old unit that wants 3 digits gets "@12": no reply, so the driver aborts the sequence with Y.
            device.StarReplies = false;
            await using var bed2 = await SerialTestBed.StartAsync(device);
            var host2 = await bed2.StartDriverAsync("apcsmart", " pollinterval = 3600\n sdtype = 5\n awd = 12", ApcSmartTests.Fast, poll: false);
            Clear(device);
            Assert.Equal(DriverResult.Failed, await ((ApcSmartDriver)host2.Driver).ShutdownUpsAsync(default));
            Assert.Equal("YQ@12Y", Bytes(device).Replace("\x1b", ""));
            Assert.Empty(device.Shutdowns);
        }

        [SkippableFact]
        public async Task ShutdownReturnArgumentsAndNastyWindow()
        {
            var device = new ApcSmartDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 3600", d =>
            {
                ApcSmartTests.Fast(d);
                ((ApcSmartDriver)d).CsHackDelay = TimeSpan.FromMilliseconds(100);
            }, poll: false);
            Assert.Equal(DriverResult.Invalid, await host.InstantCommandAsync("shutdown.return", "at:1234"));
            Assert.Equal(DriverResult.Invalid, await host.InstantCommandAsync("shutdown.return", "later"));
            Assert.Equal(DriverResult.Invalid, await host.InstantCommandAsync("test.panel.start", "x"));

            Clear(device);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("shutdown.return", "at:5")); // arms only
            Assert.Equal("", Bytes(device));
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("shutdown.return", "AT:5"));  // executes
            Assert.Equal("@005", Bytes(device));
            Assert.Equal("@005", string.Join(",", device.Shutdowns));

            Clear(device);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("shutdown.return", "cs"));
            Assert.Equal("US", Bytes(device)); // on line: U (simulated power failure), pause, S

            // A nasty request more than 15 s after the previous one only arms again (one window for all of them).
            var driver = (ApcSmartDriver)host.Driver;
            driver.NastyConfirmAfter = TimeSpan.FromSeconds(3);
            Clear(device);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("load.off", null));
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("load.off", null)); // < 3 s later: re-armed
            Assert.Equal("", Bytes(device));
        }

        [SkippableFact]
        public async Task LoadOnIsSentTwiceWithNoReply()
        {
            var device = new ApcSmartDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 3600", ApcSmartTests.Fast, poll: false);
            Clear(device);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("load.on", null));
            await Poll.UntilAsync(() => device.Received.Count == 2, TimeSpan.FromSeconds(5), () => Bytes(device));
            Assert.Equal(new byte[] { 0x0e, 0x0e }, device.Received.ToArray());
            Assert.Equal("^N", string.Join(",", device.Shutdowns));
        }

        [SkippableFact]
        public async Task DisposeReturnsTheUpsToDumbMode()
        {
            var device = new ApcSmartDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 3600", ApcSmartTests.Fast, poll: false);
            Clear(device);
            ((ApcSmartDriver)host.Driver).Dispose();
            await Poll.UntilAsync(() => device.Received.Contains((byte)'R'), TimeSpan.FromSeconds(5), () => Bytes(device));
            Assert.Equal("R", Bytes(device));
        }
    }
}
