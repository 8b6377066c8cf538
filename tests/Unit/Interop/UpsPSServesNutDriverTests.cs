using System;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Interop
{
    /// <summary>UpsPS's server fronting a real NUT 2.8.0 dummy-ups process over NUT's driver socket, as upsd does.</summary>
    public sealed class UpsPSServesNutDriverTests
    {
        private static bool Available => NutProcesses.HasUpsd && NutProcesses.HasDummyUps;

        [SkippableFact]
        public async Task UpscThroughUpsPSShowsWhatRealUpsdShowsForTheSameDriver()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            using var config = new NutConfigDirectory();
            config.WriteUpsConf("[real]\n  driver = dummy-ups\n  port = real.dev\n  desc = \"NUT driver\"\n");
            config.WriteFile("real.dev", "ups.status: OB DISCHRG\nbattery.charge: 41\nups.model: Via Socket\ninput.voltage: 0.0\n");
            using var driver = await NutProcesses.StartDummyUpsAsync(config, "real");

            using var upsdConfig = new NutConfigDirectory();
            upsdConfig.WriteUpsConf("[real]\n  driver = dummy-ups\n  port = real.dev\n  desc = \"NUT driver\"\n");
            upsdConfig.WriteUpsdConf($"STATEPATH {config.StatePath}");

            await using var ours = await UpsPSServer.StartAsync(config, o => o.StartDrivers = false);
            var viaUs = await NutProcesses.WaitForDataAsync(config.Target("real"), TimeSpan.FromSeconds(15));
            await Poll.UntilAsync(async () => (await NutProcesses.UpscAsync(config.Target("real"), "input.voltage")).ExitCode == 0,
                TimeSpan.FromSeconds(15), () => "the whole file never arrived");
            viaUs = await NutProcesses.UpscAsync(config.Target("real"));

            using var upsd = await NutProcesses.StartUpsdAsync(upsdConfig);
            await NutProcesses.WaitForDataAsync(upsdConfig.Target("real"), TimeSpan.FromSeconds(15));
            var viaUpsd = await NutProcesses.UpscAsync(upsdConfig.Target("real"));

            Assert.Equal(viaUpsd.StdOut, viaUs.StdOut);
            Assert.Contains("ups.status: OB DISCHRG", viaUs.StdOut);
            Assert.Contains("driver.version: 2.8.0", viaUs.StdOut);
        }

        [SkippableFact]
        public async Task ADriverThatDiesIsReportedAndPickedUpAgainWhenItReturns()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            using var config = new NutConfigDirectory();
            config.WriteUpsConf("[real]\n  driver = dummy-ups\n  port = real.dev\n");
            config.WriteFile("real.dev", "ups.status: OL\nbattery.charge: 77\n");
            var driver = await NutProcesses.StartDummyUpsAsync(config, "real");
            await using var ours = await UpsPSServer.StartAsync(config, o =>
            {
                o.StartDrivers = false;
                o.Server.LoopInterval = TimeSpan.FromMilliseconds(200);
            });
            await NutProcesses.WaitForDataAsync(config.Target("real"), TimeSpan.FromSeconds(15));

            driver.Dispose();
            await Poll.UntilAsync(async () => (await NutProcesses.UpscAsync(config.Target("real"), "ups.status")).StdErr.Contains("Driver not connected"),
                TimeSpan.FromSeconds(10), () => "DRIVER-NOT-CONNECTED never reported");

            using var again = await NutProcesses.StartDummyUpsAsync(config, "real");
            var back = await NutProcesses.WaitForDataAsync(config.Target("real"), TimeSpan.FromSeconds(15));
            Assert.Contains("ups.status: OL", back.StdOut);
            Assert.Equal(1, ours.Host.Server.GetDevices().Count(d => d.Connected));
        }
    }
}
