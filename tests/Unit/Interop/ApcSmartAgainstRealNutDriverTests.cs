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
    /// <summary>The real NUT 2.8.0 apcsmart and ours on the same simulated Smart-UPS publish the same variables and commands.</summary>
    public class ApcSmartAgainstRealNutDriverTests
    {
        private const string RealDriver = "/lib/nut/apcsmart";

        [SkippableFact]
        public async Task SameVariablesAndCommandsAsRealApcsmart()
        {
            Skip.IfNot(NutProcesses.HasUpsd && File.Exists(RealDriver), $"real NUT not installed ({RealDriver}, {NutProcesses.UpsdPath})");
            var device = new ApcSmartDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            Dictionary<string, string> real;
            string realCommands;
            using (var config = new NutConfigDirectory())
            {
                config.WriteUpsConf($"[sim]\n driver = apcsmart\n port = {bed.PortPath}\n pollinterval = 1\n");
                using var driver = NutProcess.Start(RealDriver, new[] { "-a", "sim", "-u", "root", "-F" }, config);
                using var upsd = await NutProcesses.StartUpsdAsync(config);
                await NutProcesses.WaitForDataAsync(config.Target("sim"), TimeSpan.FromSeconds(30));
                real = Parse((await NutProcesses.UpscAsync(config.Target("sim"))).StdOut);
                realCommands = (await NutProcesses.RunToolAsync(NutProcesses.UpscmdPath, new[] { "-l", config.Target("sim") })).StdOut;
            }
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 1");
            await bed.WaitForAsync("ups.status", "OL");
            var ours = bed.DeviceVariables().ToDictionary(p => p.Key, p => p.Value);
            real = real.Where(p => !p.Key.StartsWith("driver.", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
            Assert.True(real.Count > 30, string.Join(", ", real.Keys));
            var onlyReal = real.Keys.Except(ours.Keys).ToList();
            var onlyOurs = ours.Keys.Except(real.Keys).ToList();
            var differ = real.Keys.Intersect(ours.Keys).Where(k => real[k] != ours[k]).Select(k => $"{k}: real '{real[k]}' ours '{ours[k]}'").ToList();
            Assert.True(onlyReal.Count == 0 && onlyOurs.Count == 0 && differ.Count == 0,
                $"only real: {string.Join(", ", onlyReal)}\nonly ours: {string.Join(", ", onlyOurs)}\ndiffer: {string.Join("\n", differ)}");
            var realCmdNames = realCommands.Split('\n').Where(l => l.Contains(" - ")).Select(l => l.Split(" - ")[0].Trim()).OrderBy(x => x).ToList();
            Assert.Equal(realCmdNames, host.GetCommands().OrderBy(x => x).ToList());
        }

        private static Dictionary<string, string> Parse(string upsc) =>
            upsc.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(": ", 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1].TrimEnd('\r'));
    }
}
