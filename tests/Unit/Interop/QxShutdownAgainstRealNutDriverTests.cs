using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.Qx;
using UpsPS.SerialSim;
using UpsPS.Tests.Unit.Drivers.Serial;
using UpsPS.Tests.Unit.Support;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Interop
{
    /// <summary>The real NUT 2.8.0 <c>nutdrv_qx -k</c> and our driver.killpower send the same shutdown commands.</summary>
    public class QxShutdownAgainstRealNutDriverTests
    {
        private const string RealDriver = "/lib/nut/nutdrv_qx";
        private readonly ITestOutputHelper _output;

        public QxShutdownAgainstRealNutDriverTests(ITestOutputHelper output) => _output = output;

        [SkippableTheory]
        [InlineData("", false)]
        [InlineData("\n stayoff\n offdelay = 90", false)]
        [InlineData("\n ondelay = 0\n offdelay = 24", false)]
        [InlineData("", true)]
        public async Task SameShutdownCommandsAsRealNutdrvQx(string options, bool echo)
        {
            Skip.IfNot(File.Exists(RealDriver), $"real NUT not installed ({RealDriver})");
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            // The reference run is repeated once when the loaded machine made real nutdrv_qx give up before its
            // shutdown command (it then sends only C): that is a missing measurement, not a difference.
            var real = await RunRealDriverAsync(bed, device, options, echo);
            if (!real.Any(c => c.StartsWith("S", StringComparison.Ordinal))) real = await RunRealDriverAsync(bed, device, options, echo);
            device.EchoInstantCommands = false;
            while (device.Received.TryDequeue(out _)) { }
            device.ShutdownPending = false;
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 3600" + options,
                d => ((QxDriver)d).ReplyTimeout = TimeSpan.FromMilliseconds(500), poll: false);
            device.EchoInstantCommands = echo;
            while (device.Received.TryDequeue(out _)) { }
            await ((QxDriver)host.Driver).ShutdownUpsAsync(default);
            var ours = AfterDetection(device);
            _output.WriteLine($"ours: {string.Join(" ", ours)}");
            Assert.Contains("C", real);
            Assert.Equal(real, ours);
        }

        private async Task<string[]> RunRealDriverAsync(SerialTestBed bed, Q1Device device, string options, bool echo)
        {
            while (device.Received.TryDequeue(out _)) { }
            device.ShutdownPending = false;
            using var config = new NutConfigDirectory();
            config.WriteUpsConf($"[sim]\n driver = nutdrv_qx\n port = {bed.PortPath}\n protocol = megatec{options}\n");
            device.EchoInstantCommands = echo;
            using var driver = NutProcess.Start(RealDriver, new[] { "-a", "sim", "-u", "root", "-k" }, config);
            await Poll.UntilAsync(() => driver.HasExited, TimeSpan.FromSeconds(9), () => "nutdrv_qx -k did not finish:\n" + driver.Output);
            var real = AfterDetection(device);
            _output.WriteLine($"real: {string.Join(" ", real)}\n{driver.Output}");
            return real;
        }

        private static string[] AfterDetection(Q1Device device)
        {
            var all = device.Received.ToArray();
            var first = Array.IndexOf(all, "C");
            return first < 0 ? all : all.Skip(first).ToArray();
        }
    }
}
