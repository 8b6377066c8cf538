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
    /// <summary>The real NUT 2.8.0 nutdrv_qx and ours on the same simulated Voltronic-family UPS publish the same variables.</summary>
    public class QxVoltronicAgainstRealNutDriverTests
    {
        private const string RealDriver = "/lib/nut/nutdrv_qx";

        public static ISimulatedDevice Device(string protocol) => protocol switch
        {
            "voltronic-qs-hex" => new Q1Device { StatusCommand = "QS", HexModel = 'T', ModelReply = "T", VendorReply = null },
            "voltronic-qflag" => new VoltronicDevice { Flags = "(EpashcDbroegfl" },
            "voltronic-extended" => new VoltronicDevice { ExtendedQueries = true },
            "voltronic-extended-off" => new VoltronicDevice(new UpsPhaseState { Phase = UpsPhase.OutputOff }) { ExtendedQueries = true },
            "voltronic-extended-ob" => new VoltronicDevice(new UpsPhaseState { Phase = UpsPhase.OnBattery }) { ExtendedQueries = true },
            _ => new VoltronicDevice(),
        };

        [SkippableTheory]
        [InlineData("voltronic-qs-hex")]
        [InlineData("voltronic")]
        [InlineData("voltronic-qflag")]
        [InlineData("voltronic-extended")]
        [InlineData("voltronic-extended-ob")]
        [InlineData("voltronic-extended-off")]
        public async Task SameVariablesAsRealNutdrvQx(string protocol)
        {
            Skip.IfNot(NutProcesses.HasUpsd && File.Exists(RealDriver), $"real NUT not installed ({RealDriver}, {NutProcesses.UpsdPath})");
            await using var bed = await SerialTestBed.StartAsync(Device(protocol));
            var status = protocol.EndsWith("-ob", StringComparison.Ordinal) ? "OB" : protocol.EndsWith("-off", StringComparison.Ordinal) ? "OFF FSD" : "OL";
            protocol = protocol.Replace("-qflag", "").Replace("-extended", "").Replace("-ob", "").Replace("-off", "");

            Dictionary<string, string> real;
            string log, realCommands;
            using (var config = new NutConfigDirectory())
            {
                config.WriteUpsConf($"[sim]\n driver = nutdrv_qx\n port = {bed.PortPath}\n protocol = {protocol}\n pollinterval = 1\n pollfreq = 2\n");
                using var driver = NutProcess.Start(RealDriver, new[] { "-a", "sim", "-u", "root", "-F" }, config);
                using var upsd = await NutProcesses.StartUpsdAsync(config);
                await NutProcesses.WaitForDataAsync(config.Target("sim"), TimeSpan.FromSeconds(30));
                await Poll.UntilAsync(async () => (await NutProcesses.UpscAsync(config.Target("sim"))).StdOut.Contains("battery.voltage:"),
                    TimeSpan.FromSeconds(30), () => driver.Output);
                real = Parse((await NutProcesses.UpscAsync(config.Target("sim"))).StdOut);
                realCommands = (await NutProcesses.RunToolAsync(NutProcesses.UpscmdPath, new[] { "-l", config.Target("sim") })).StdOut;
                log = driver.Output;
            }

            var host = await bed.StartDriverAsync("nutdrv_qx", $" protocol = {protocol}\n pollinterval = 1");
            await bed.WaitForAsync("ups.status", real["ups.status"]);
            var ours = bed.DeviceVariables().ToDictionary(p => p.Key, p => p.Value);
            real = real.Where(p => !p.Key.StartsWith("driver.", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);

            var onlyReal = real.Keys.Except(ours.Keys).ToList();
            var onlyOurs = ours.Keys.Except(real.Keys).ToList();
            var differ = real.Keys.Intersect(ours.Keys).Where(k => real[k] != ours[k]).Select(k => $"{k}: real '{real[k]}' ours '{ours[k]}'").ToList();
            Assert.True(onlyReal.Count == 0 && onlyOurs.Count == 0 && differ.Count == 0,
                $"only real: {string.Join(", ", onlyReal.Select(k => k + "=" + real[k]))}\nonly ours: {string.Join(", ", onlyOurs)}\ndiffer: {string.Join("\n", differ)}\nreal log: {log}");
            var realCmdNames = realCommands.Split('\n').Where(l => l.Contains(" - ")).Select(l => l.Split(" - ")[0].Trim()).OrderBy(x => x, StringComparer.Ordinal).ToList();
            var ourCmdNames = host.GetCommands().OrderBy(x => x, StringComparer.Ordinal).ToList();
            Assert.True(realCmdNames.SequenceEqual(ourCmdNames), $"real: {string.Join(" ", realCmdNames)}\nours: {string.Join(" ", ourCmdNames)}");
        }

        private static Dictionary<string, string> Parse(string upsc) =>
            upsc.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(": ", 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1].TrimEnd('\r'));
    }
}
