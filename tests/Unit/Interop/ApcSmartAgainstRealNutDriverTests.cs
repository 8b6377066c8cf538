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
        public Task SameVariablesAndCommandsAsRealApcsmart() => CompareAsync(new ApcSmartDevice(), 30);

        /// <summary>Old firmware answered from the compatibility table (no 'a', no '^Z'): ups.model forced to Smart-UPS.</summary>
        [SkippableFact]
        public Task SameVariablesForCompatibilityTableFirmware()
        {
            var device = new ApcSmartDevice();
            device.SetValue('V', "8QI");
            return CompareAsync(device, 20);
        }

        /// <summary>Replays of the real captures in testdata: same variables as the real driver on the same replies.</summary>
        [SkippableTheory]
        [InlineData("serial/apcsmart_SU420INET_uart-capture.txt", "ups.firmware", "21.3.I")] // b (x.y.z) wins over V "DWI"
        [InlineData("serial/apcsmart_SUVS420I_new-firmware_uart-capture.txt", "ups.firmware", "42.L.I")]
        [InlineData("serial/apcsmart_SUVS420I_old-firmware_uart-capture.txt", "ups.serial", "GS9803130582")]
        public Task SameVariablesForCaptureReplays(string capture, string key, string value)
        {
            var device = new ApcSmartDevice();
            device.LoadCapture(CaptureFile.Load(TestData.File(capture)));
            if (capture.Contains("old-firmware"))
            {
                device.SetValue('V', "NA"); // not in the capture: the unit answers b with 42.J.I and a with ".!$?.3"
                device.SetValue('b', "42.J.I");
            }
            return CompareAsync(device, 5, (key, value));
        }

        /// <summary>A very old unit (no firmware, no 'a'): the short legacy probe list; '/' answering makes it a Matrix-UPS.</summary>
        [SkippableTheory]
        [InlineData(false, true, "SMART-UPS 420   ")]
        [InlineData(false, false, "Smart-UPS")]
        [InlineData(true, false, "Matrix-UPS")]
        [InlineData(true, true, "SMART-UPS 420   ")] // the first full update re-reads ^A over the forced name
        public Task SameVariablesForVeryOldUnits(bool matrix, bool modelLetter, string model)
        {
            var device = new ApcSmartDevice { ProtocolInfo = System.Text.Encoding.Latin1.GetBytes("NA") };
            device.SetValue('V', "NA");
            device.SetValue('b', "NA");
            if (matrix) device.SetValue('/', "01.20");
            if (!modelLetter) device.SetValue('\x01', "NA");
            return CompareAsync(device, 5, ("ups.model", model));
        }

        /// <summary>Packed ambient sensors (Measure-UPS style 'T', 'H', '[', ']', '{', '}') and T as uptime.</summary>
        [SkippableTheory]
        [InlineData("24.50", "ambient.2.humidity", "N/A")]
        [InlineData("24.50", "ambient.1.temperature", "24.50")]
        [InlineData("24.50,23.00", "ambient.1.temperature", null)] // the T pattern covers the whole reply: no instance at all
        [InlineData("123.4", "device.uptime", "442800")]
        public Task SameVariablesForPackedAmbientAndUptime(string t, string key, string? value)
        {
            var device = new ApcSmartDevice();
            device.ProtocolInfo = System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(device.ProtocolInfo) + "TH[]{}");
            device.SetValue('T', t);
            device.SetValue('H', "45.0,,50.0");
            device.SetValue('[', "40.00,40.00");
            device.SetValue(']', "05.00,05.00");
            device.SetValue('{', "90.0,90.0");
            device.SetValue('}', "10.0,10.0");
            return CompareAsync(device, 30, (key, value));
        }

        private static async Task CompareAsync(ApcSmartDevice device, int minimumVariables, (string Key, string? Value)? expect = null)
        {
            Skip.IfNot(NutProcesses.HasUpsd && File.Exists(RealDriver), $"real NUT not installed ({RealDriver}, {NutProcesses.UpsdPath})");
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
            Assert.True(real.Count > minimumVariables, string.Join(", ", real.Keys));
            if (expect is { } e) Assert.Equal(e.Value, real.GetValueOrDefault(e.Key));
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
