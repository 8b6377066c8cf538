using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Client;
using Xunit;

namespace UpsPS.Tests.Unit.Client
{
    /// <summary>
    /// The real NUT 2.8.0 upsd plus a real dummy-ups driver in a private temp directory on a free loopback port.
    /// Tests skip when the binaries are missing.
    /// </summary>
    public sealed class RealNutServer : IAsyncDisposable
    {
        public const string UpsdPath = "/lib/nut/upsd";
        public const string DummyUpsPath = "/lib/nut/dummy-ups";
        public const string UpsName = "dummy";
        public const string AdminUser = "admin";
        public const string AdminPassword = "s3cret pw";
        public const string MonitorUser = "monuser";
        public const string MonitorPassword = "monpass";

        /// <summary>An upsmon primary whose password has no blank: real upsmon 2.8.0 sends PASSWORD unquoted.</summary>
        public const string PrimaryUser = "primon";
        public const string PrimaryPassword = "primpass";

        private Process? _upsd;
        private Process? _driver;

        private RealNutServer(string directory, int port)
        {
            Directory = directory;
            Port = port;
        }

        public string Directory { get; }
        public int Port { get; }

        public static bool Available => File.Exists(UpsdPath) && File.Exists(DummyUpsPath);

        public static string SkipReason => $"real NUT binaries not found ({UpsdPath}, {DummyUpsPath}); install nut-server 2.8.0";

        /// <summary>The dummy-ups data file (rewrite it to change the UPS; dummy-once re-reads on mtime change).</summary>
        public string DevFile => Path.Combine(Directory, "dummy.dev");

        /// <param name="devContent">Replaces the default dummy.dev (e.g. a TIMER outage sequence); the port is then
        /// an absolute path, because 2.8.0 replays a relative dummy-once file a second time.</param>
        /// <param name="upsConfExtra">Extra lines for the [dummy] section (e.g. "pollinterval = 1").</param>
        public static async Task<RealNutServer> StartAsync(string? devContent = null, string upsConfExtra = "")
        {
            var dir = Path.Combine(Path.GetTempPath(), "upsps-nut-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Path.Combine(dir, "state"));
            var server = new RealNutServer(dir, FreePort());
            server.WriteConfig(devContent, upsConfExtra);
            server._driver = server.Launch(DummyUpsPath, $"-a {UpsName} -F", "driver.log");
            await WaitUntil(() => File.Exists(Path.Combine(dir, "state", "dummy-ups-" + UpsName)), TimeSpan.FromSeconds(10), "dummy-ups socket");
            await server.StartUpsdAsync();
            return server;
        }

        public async Task StartUpsdAsync()
        {
            _upsd = Launch(UpsdPath, "-F", "upsd.log");
            // Ready when the device answers with data (driver connected and dumped).
            await WaitUntilAsync(async () =>
            {
                try
                {
                    using var client = new NutClient(new NutClientOptions { Host = "127.0.0.1", Port = Port, RequestTimeout = TimeSpan.FromSeconds(2) });
                    // dummy-ups loads its .dev file over its first update loops: wait for the last line and the command list.
                    await client.GetVariableAsync(UpsName, "input.voltage");
                    return (await client.ListCommandsAsync(UpsName)).Count > 0;
                }
                catch (Exception ex) when (ex is NutConnectionException || ex is NutException || ex is TimeoutException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(15), "upsd answering GET VAR");
        }

        public async Task StopUpsdAsync()
        {
            if (_upsd == null) return;
            Kill(_upsd);
            _upsd = null;
            // Wait until the port is free so a restart can bind it again.
            await WaitUntil(() =>
            {
                try { using var tcp = new TcpClient(); tcp.Connect(IPAddress.Loopback, Port); return false; }
                catch (SocketException) { return true; }
            }, TimeSpan.FromSeconds(10), "upsd to stop");
        }

        public NutClient CreateClient(Action<NutClientOptions>? configure = null)
        {
            var options = new NutClientOptions { Host = "127.0.0.1", Port = Port, RequestTimeout = TimeSpan.FromSeconds(5) };
            configure?.Invoke(options);
            return new NutClient(options);
        }

        public static NutCredential Admin() => new NutCredential(AdminUser, AdminPassword.ToCharArray());

        public string Log(string name)
        {
            var path = Path.Combine(Directory, name);
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }

        public async ValueTask DisposeAsync()
        {
            if (_upsd != null) Kill(_upsd);
            if (_driver != null) Kill(_driver);
            await Task.Yield();
            try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private void WriteConfig(string? devContent, string upsConfExtra)
        {
            Write("nut.conf", "MODE=standalone\n");
            Write("ups.conf", $"[{UpsName}]\n  driver = dummy-ups\n  port = {(devContent != null ? DevFile : "dummy.dev")}\n  desc = \"Dummy UPS for tests\"\n" + (upsConfExtra.Length > 0 ? "  " + upsConfExtra + "\n" : ""));
            Write("dummy.dev", devContent ??
                "ups.status: OL\nbattery.charge: 100\nbattery.runtime: 1800\nups.mfr: Fake Corp\nups.model: Model 1\nups.id: abc\ninput.voltage: 230.0\n");
            Write("upsd.conf", $"LISTEN 127.0.0.1 {Port}\nMAXAGE 30\n");
            Write("upsd.users",
                $"[{AdminUser}]\n  password = \"{AdminPassword}\"\n  actions = SET FSD\n  instcmds = ALL\n  upsmon primary\n" +
                $"[{MonitorUser}]\n  password = {MonitorPassword}\n  upsmon secondary\n" +
                $"[{PrimaryUser}]\n  password = {PrimaryPassword}\n  upsmon primary\n");
        }

        private void Write(string name, string text) => File.WriteAllText(Path.Combine(Directory, name), text);

        private Process Launch(string program, string args, string logName)
        {
            var asRoot = Environment.UserName == "root" ? " -u root" : "";
            var psi = new ProcessStartInfo(program, args + asRoot)
            {
                WorkingDirectory = Directory,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            psi.Environment["NUT_CONFPATH"] = Directory;
            psi.Environment["NUT_STATEPATH"] = Path.Combine(Directory, "state");
            psi.Environment["NUT_ALTPIDPATH"] = Path.Combine(Directory, "state");
            var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + program);
            var log = new StreamWriter(Path.Combine(Directory, logName), append: true) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        private static void Kill(Process p)
        {
            try
            {
                if (!p.HasExited) p.Kill();
                p.WaitForExit(5000);
            }
            catch (InvalidOperationException) { }
            p.Dispose();
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        private static Task WaitUntil(Func<bool> condition, TimeSpan timeout, string what) =>
            WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

        public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
                await Task.Delay(50);
            }
        }
    }
}
