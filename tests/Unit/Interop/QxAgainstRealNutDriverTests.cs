using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.SerialSim;
using UpsPS.Tests.Unit.Drivers.Serial;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Interop
{
    /// <summary>The real NUT 2.8.0 nutdrv_qx and ours on the same simulated UPS publish the same variables.</summary>
    public class QxAgainstRealNutDriverTests
    {
        private const string RealDriver = "/lib/nut/nutdrv_qx";

        [SkippableFact]
        public async Task SameVariablesAsRealNutdrvQx()
        {
            Skip.IfNot(NutProcesses.HasUpsd && File.Exists(RealDriver), $"real NUT not installed ({RealDriver}, {NutProcesses.UpsdPath})");
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);

            // Real driver first (it holds the port), through a real upsd, read with upsc.
            Dictionary<string, string> real;
            using (var config = new NutConfigDirectory())
            {
                config.WriteUpsConf($"[sim]\n driver = nutdrv_qx\n port = {bed.PortPath}\n protocol = megatec\n pollinterval = 1\n pollfreq = 2\n");
                using var driver = NutProcess.Start(RealDriver, new[] { "-a", "sim", "-u", "root", "-F" }, config);
                using var upsd = await NutProcesses.StartUpsdAsync(config);
                var result = await NutProcesses.WaitForDataAsync(config.Target("sim"), TimeSpan.FromSeconds(30));
                await Poll.UntilAsync(async () => (await NutProcesses.UpscAsync(config.Target("sim"))).StdOut.Contains("ups.firmware"),
                    TimeSpan.FromSeconds(30), () => driver.Output);
                result = await NutProcesses.UpscAsync(config.Target("sim"));
                real = Parse(result.StdOut);
            }

            await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 1");
            await bed.WaitForAsync("ups.status", "OL");
            var ours = bed.DeviceVariables().ToDictionary(p => p.Key, p => p.Value);
            real = real.Where(p => !p.Key.StartsWith("driver.", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);

            Assert.True(real.Count > 20 && real["ups.status"] == "OL", string.Join(", ", real.Keys));
            var onlyReal = real.Keys.Except(ours.Keys).ToList();
            var onlyOurs = ours.Keys.Except(real.Keys).ToList();
            var differ = real.Keys.Intersect(ours.Keys).Where(k => real[k] != ours[k]).Select(k => $"{k}: real '{real[k]}' ours '{ours[k]}'").ToList();
            Assert.True(onlyReal.Count == 0 && onlyOurs.Count == 0 && differ.Count == 0,
                $"only real: {string.Join(", ", onlyReal)}\nonly ours: {string.Join(", ", onlyOurs)}\ndiffer: {string.Join("\n", differ)}");
        }

        private static Dictionary<string, string> Parse(string upsc) =>
            upsc.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(": ", 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1].TrimEnd('\r'));
    }
}
