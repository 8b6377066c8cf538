using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.ApcSmart;
using UpsPS.SerialSim;
using UpsPS.Tests.Unit.Drivers.Serial;
using UpsPS.Tests.Unit.Support;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Interop
{
    /// <summary>
    /// The real NUT 2.8.0 <c>apcsmart -k</c> and our driver.killpower on the same simulated Smart-UPS: which shutdown
    /// command the UPS ends up executing, per sdtype/advorder.
    /// </summary>
    public class ApcSmartShutdownAgainstRealNutDriverTests
    {
        private const string RealDriver = "/lib/nut/apcsmart";
        private readonly ITestOutputHelper _output;

        public ApcSmartShutdownAgainstRealNutDriverTests(ITestOutputHelper output) => _output = output;

        private static string Bytes(ApcSmartDevice device) =>
            new string(device.Received.Select(b => b < 32 || b > 126 ? '.' : (char)b).ToArray());

        [SkippableTheory]
        [InlineData("sdtype = 2", UpsPhase.Online)]
        [InlineData("sdtype = 3", UpsPhase.Online)]
        [InlineData("sdtype = 5\n awd = 7", UpsPhase.Online)]
        [InlineData("sdtype = 0", UpsPhase.OnBattery)]
        [InlineData("advorder = 02", UpsPhase.Online)]
        [InlineData("sdtype = 1", UpsPhase.Online)]
        public async Task SameShutdownCommandAsRealApcsmart(string options, UpsPhase phase)
        {
            var (real, ours) = await RunBothAsync(options, phase);
            Assert.NotEqual("", real.Executed);
            Assert.Equal(real.Executed, ours.Executed);
        }

        /// <summary>
        /// NUT 2.8.0 bug: upsdrv_shutdown compares the length of the Q reply with 1, so a valid "08" is "status read
        /// failed, assuming LB+OB". On line, sdtype 0 then sends S (refused by the UPS: nothing happens) instead of
        /// @000, and the CS hack skips its U. We follow serial.md (the register decides).
        /// </summary>
        [SkippableTheory]
        [InlineData("sdtype = 0", "YQSR", "", "YQ@000", "@000")]
        [InlineData("sdtype = 4\n cshdelay = 0.5", "YQSR", "", "YQUS", "S")]
        public async Task RealApcsmartAssumesOnBatteryWhenKillingPower(string options, string realBytes, string realExecuted, string ourBytes, string ourExecuted)
        {
            var (real, ours) = await RunBothAsync(options, UpsPhase.Online);
            Assert.Equal((realBytes, realExecuted), (real.Bytes, real.Executed));
            Assert.Equal((ourBytes, ourExecuted), (ours.Bytes, ours.Executed));
        }

        private async Task<((string Bytes, string Executed) Real, (string Bytes, string Executed) Ours)> RunBothAsync(string options, UpsPhase phase)
        {
            Skip.IfNot(File.Exists(RealDriver), $"real NUT not installed ({RealDriver})");
            var device = new ApcSmartDevice();
            device.State.Phase = phase;
            await using var bed = await SerialTestBed.StartAsync(device);
            string realBytes, realExecuted;
            using (var config = new NutConfigDirectory())
            {
                config.WriteUpsConf($"[sim]\n driver = apcsmart\n port = {bed.PortPath}\n {options}\n");
                using var driver = NutProcess.Start(RealDriver, new[] { "-a", "sim", "-u", "root", "-k", "-D" }, config);
                await Poll.UntilAsync(() => driver.HasExited, TimeSpan.FromSeconds(9), () => "apcsmart -k did not finish:\n" + driver.Output);
                realBytes = Bytes(device);
                realExecuted = string.Join(",", device.Shutdowns);
                _output.WriteLine($"real: {realBytes} → {realExecuted}\n{driver.Output}");
            }
            while (device.Received.TryDequeue(out _)) { }
            while (device.Shutdowns.TryDequeue(out _)) { }
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 3600\n " + options, d => ((ApcSmartDriver)d).ReplyTimeout = TimeSpan.FromMilliseconds(800), poll: false);
            while (device.Received.TryDequeue(out _)) { }
            await ((ApcSmartDriver)host.Driver).ShutdownUpsAsync(default);
            var ours = string.Join(",", device.Shutdowns);
            _output.WriteLine($"ours: {Bytes(device)} → {ours}");
            return ((realBytes, realExecuted), (Bytes(device).Replace("\x1b", ""), ours));
        }
    }
}
