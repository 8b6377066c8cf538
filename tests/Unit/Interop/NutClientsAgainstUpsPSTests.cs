using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Interop
{
    /// <summary>
    /// The real NUT 2.8.0 clients (upsc, upsrw, upscmd, upslog, PyNUT) against UpsPS's server, compared with the
    /// same clients against the real upsd + dummy-ups serving the same files.
    /// </summary>
    public sealed class NutClientsAgainstUpsPSTests : IAsyncLifetime
    {
        private const string Ups = "dummy";
        private const string DevFile =
            "ups.mfr: \"Fake \\\"Q\\\" Corp\"\n" +
            "ups.model: Model X 2000\n" +
            "ups.status: OL CHRG\n" +
            "battery.charge: 95\n" +
            "battery.runtime: 1800\n" +
            "input.voltage: 230.0\n" +
            "ups.id: rack1\n" +
            "input.sensitivity: medium\n" +
            "#@SETFLAGS ups.id RW STRING\n" +
            "#@SETAUX ups.id 8\n" +
            "#@SETFLAGS input.sensitivity RW STRING\n" +
            "#@SETAUX input.sensitivity 6\n" +
            "#@ADDENUM input.sensitivity \"low\"\n" +
            "#@ADDENUM input.sensitivity \"medium\"\n" +
            "#@ADDCMD test.battery.start\n" +
            "#@ADDCMD beeper.toggle\n";

        private readonly NutConfigDirectory _ours = new NutConfigDirectory();
        private readonly NutConfigDirectory _theirs = new NutConfigDirectory();
        private UpsPSServer? _server;
        private NutProcess? _upsd;
        private NutProcess? _dummy;

        public async Task InitializeAsync()
        {
            if (!Available) return;
            foreach (var config in new[] { _ours, _theirs })
            {
                config.WriteUpsConf($"[{Ups}]\n  driver = dummy-ups\n  port = test.dev\n  desc = \"Interop UPS\"\n");
                config.WriteFile("test.dev", DevFile);
                config.WriteFile("upsd.users", $"[{config.AdminUser}]\n  password = {config.AdminPassword}\n  actions = SET FSD\n  instcmds = ALL\n[monitor]\n  password = monpw\n  upsmon secondary\n");
            }
            _server = await UpsPSServer.StartAsync(_ours);
            _dummy = await NutProcesses.StartDummyUpsAsync(_theirs, Ups);
            _upsd = await NutProcesses.StartUpsdAsync(_theirs);
            await NutProcesses.WaitForDataAsync(_ours.Target(Ups), TimeSpan.FromSeconds(15));
            await Poll.UntilAsync(async () => (await NutProcesses.UpscAsync(_theirs.Target(Ups), "ups.id")).StdOut.Trim() == "rack1",
                TimeSpan.FromSeconds(15), () => "real dummy-ups never served its whole file");
        }

        public async Task DisposeAsync()
        {
            if (_server != null) await _server.DisposeAsync();
            _upsd?.Dispose();
            _dummy?.Dispose();
            _ours.Dispose();
            _theirs.Dispose();
        }

        private static bool Available => NutProcesses.HasUpsd && NutProcesses.HasDummyUps;

        private static string Host(NutConfigDirectory c) => $"127.0.0.1:{c.Port}";

        private static async Task<string> Run(string tool, params string[] args)
        {
            var result = await NutProcesses.RunToolAsync(tool, args);
            Assert.True(result.ExitCode == 0, $"{tool} {string.Join(" ", args)} failed: {result}");
            return result.StdOut;
        }

        // Only the driver's own version differs by design (our driver reports UpsPS's version).
        private static IEnumerable<string> Normalized(string upscOutput) =>
            upscOutput.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("driver.version", StringComparison.Ordinal));

        [SkippableFact]
        public async Task UpscListsTheSameUpsNamesAndDescriptions()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            Assert.Equal(await Run("/usr/bin/upsc", "-l", Host(_theirs)), await Run("/usr/bin/upsc", "-l", Host(_ours)));
            var ours = await Run("/usr/bin/upsc", "-L", Host(_ours));
            Assert.Equal("dummy: Interop UPS\n", ours);
            Assert.Equal(await Run("/usr/bin/upsc", "-L", Host(_theirs)), ours);
        }

        [SkippableFact]
        public async Task UpscFullListMatchesRealUpsdServingTheSameFile()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            var ours = Normalized(await Run("/usr/bin/upsc", _ours.Target(Ups))).ToList();
            var theirs = Normalized(await Run("/usr/bin/upsc", _theirs.Target(Ups))).ToList();
            Assert.Equal(theirs, ours);
            Assert.Contains("ups.mfr: Fake \"Q\" Corp", ours);
        }

        [SkippableFact]
        public async Task UpscSingleVariableAndUnknownVariable()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            Assert.Equal("OL CHRG\n", await Run("/usr/bin/upsc", _ours.Target(Ups), "ups.status"));
            var missing = await NutProcesses.RunToolAsync("/usr/bin/upsc", new[] { _ours.Target(Ups), "no.such.var" });
            var missingReal = await NutProcesses.RunToolAsync("/usr/bin/upsc", new[] { _theirs.Target(Ups), "no.such.var" });
            Assert.Equal(missingReal.ExitCode, missing.ExitCode);
            Assert.Contains("Variable not supported by UPS", missing.StdErr);
        }

        [SkippableFact]
        public async Task UpscListsLoggedInClients()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            using var tcp = new TcpClient("127.0.0.1", _ours.Port);
            var stream = tcp.GetStream();
            var request = Encoding.ASCII.GetBytes($"USERNAME monitor\nPASSWORD monpw\nLOGIN {Ups}\n");
            await stream.WriteAsync(request);
            var buffer = new byte[256];
            var seen = "";
            await Poll.UntilAsync(async () => { seen += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer)); return seen.Split('\n').Length > 3; },
                TimeSpan.FromSeconds(5), () => $"LOGIN not answered: {seen}");
            Assert.Equal("OK\nOK\nOK\n", seen);
            Assert.Equal("127.0.0.1\n", await Run("/usr/bin/upsc", "-c", _ours.Target(Ups)));
        }

        [SkippableFact]
        public async Task UpsrwListsWritableVariablesWithTheirLimits()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            var listing = await Run("/usr/bin/upsrw", _ours.Target(Ups));
            Assert.Contains("[input.sensitivity]", listing);
            Assert.Contains("Type: ENUM STRING", listing);
            Assert.Contains("Option: \"medium\" SELECTED", listing);
            Assert.Contains("[ups.id]", listing);
            Assert.Contains("Maximum length: 8", listing);
            Assert.DoesNotContain("[battery.charge]", listing);
        }

        [SkippableFact]
        public async Task UpsrwSetsAVariableAndWaitsForTheDriver()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            var result = await NutProcesses.UpsrwSetAsync(_ours.Target(Ups), _ours.AdminUser, _ours.AdminPassword, "ups.id", "rack2");
            Assert.True(result.ExitCode == 0, result.ToString());
            await Poll.UntilAsync(async () => (await NutProcesses.UpscAsync(_ours.Target(Ups), "ups.id")).StdOut.Trim() == "rack2",
                TimeSpan.FromSeconds(5), () => "ups.id did not change");
            var tooLong = await NutProcesses.UpsrwSetAsync(_ours.Target(Ups), _ours.AdminUser, _ours.AdminPassword, "ups.id", "123456789");
            Assert.NotEqual(0, tooLong.ExitCode);
            Assert.Contains("ERR TOO-LONG", tooLong.StdErr);
        }

        [SkippableFact]
        public async Task UpscmdListsAndInvokesCommands()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            var list = await Run("/usr/bin/upscmd", "-l", _ours.Target(Ups));
            Assert.True(list.Contains("test.battery.start - "), list);
            Assert.Contains("beeper.toggle - ", list);
            var result = await NutProcesses.RunToolAsync("/usr/bin/upscmd",
                new[] { "-u", _ours.AdminUser, "-p", _ours.AdminPassword, _ours.Target(Ups), "beeper.toggle" });
            Assert.True(result.ExitCode == 0, result.ToString());
            var unsupported = await NutProcesses.RunToolAsync("/usr/bin/upscmd",
                new[] { "-u", _ours.AdminUser, "-p", _ours.AdminPassword, _ours.Target(Ups), "no.such.cmd" });
            Assert.NotEqual(0, unsupported.ExitCode);
            Assert.Contains("ERR CMD-NOT-SUPPORTED", unsupported.StdErr);
        }

        [SkippableFact]
        public async Task UpslogWritesOneSample()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/upslog")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in new[] { "-s", _ours.Target(Ups), "-l", "-", "-i", "1", "-f", "%VAR ups.status% %VAR battery.charge% %UPSHOST%" })
                psi.ArgumentList.Add(a);
            using var process = System.Diagnostics.Process.Start(psi)!;
            try
            {
                string? line;
                do line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
                while (line != null && (line.StartsWith("Network UPS Tools upslog", StringComparison.Ordinal) || line.StartsWith("logging status of", StringComparison.Ordinal)));
                Assert.Equal($"OL CHRG 95 {_ours.Target(Ups)}", line);
            }
            finally { process.Kill(); }
        }

        [SkippableFact]
        public async Task PyNutReadsVariablesAndRunsCommands()
        {
            Skip.IfNot(Available, NutProcesses.MissingMessage);
            Skip.IfNot(System.IO.File.Exists("/usr/lib/python3/dist-packages/PyNUT.py"), "python3-nut (PyNUT) is not installed");
            var script =
                "import PyNUT\n" +
                $"c = PyNUT.PyNUTClient(host='127.0.0.1', port={_ours.Port}, login='admin', password='{_ours.AdminPassword}')\n" +
                "print(sorted(c.GetUPSList().keys()))\n" +
                "v = c.GetUPSVars('dummy')\n" +
                "print(v[b'ups.status'] if b'ups.status' in v else v['ups.status'])\n" +
                "print(sorted(c.GetRWVars('dummy').keys()))\n" +
                "print(c.RunUPSCommand('dummy', 'beeper.toggle'))\n";
            var result = await NutProcesses.RunToolAsync("/usr/bin/python3", new[] { "-c", script });
            Assert.True(result.ExitCode == 0, result.ToString());
            var lines = result.StdOut.Split('\n');
            Assert.Contains("dummy", lines[0]);
            Assert.Contains("OL CHRG", lines[1]);
            Assert.Contains("input.sensitivity", lines[2]);
            Assert.Contains("ups.id", lines[2]);
            Assert.Equal("OK", lines[3].Trim());
        }
    }
}
