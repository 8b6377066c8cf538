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

        [SkippableFact]
        public async Task RepeaterCopiesARealUpsdDevice()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            using var source = new NutConfigDirectory();
            source.WriteUpsConf("[src]\n  driver = dummy-ups\n  port = src.dev\n");
            source.WriteFile("src.dev", "ups.status: OB DISCHRG\nbattery.charge: 63\nups.model: Source Model\n");
            using var dummy = await NutProcesses.StartDummyUpsAsync(source, "src");
            using var upsd = await NutProcesses.StartUpsdAsync(source);
            await Poll.UntilAsync(async () => (await NutProcesses.UpscAsync(source.Target("src"), "ups.model")).StdOut.Trim() == "Source Model",
                TimeSpan.FromSeconds(15), () => "the source never served its file");

            using var config = new NutConfigDirectory();
            config.WriteUpsConf($"[rep]\n  driver = dummy-ups\n  port = src@127.0.0.1:{source.Port}\n");
            await using var ours = await UpsPSServer.StartAsync(config);
            var copy = await NutProcesses.WaitForDataAsync(config.Target("rep"), TimeSpan.FromSeconds(15));
            Assert.Contains("ups.status: OB DISCHRG", copy.StdOut);
            Assert.Contains("battery.charge: 63", copy.StdOut);
            Assert.Contains("driver.parameter.mode: repeater", copy.StdOut);
            Assert.Contains("driver.name: dummy-ups", copy.StdOut);
        }
    }
}
