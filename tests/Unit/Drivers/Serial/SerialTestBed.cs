using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.SerialSim;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    /// <summary>A simulated device on a real pty (socat) and one of our drivers on the other end.</summary>
    public sealed class SerialTestBed : IAsyncDisposable
    {
        private CancellationTokenSource? _run;
        private Task? _loop;

        private SerialTestBed(string directory, PtySimulator simulator)
        {
            Directory = directory;
            Simulator = simulator;
        }

        public string Directory { get; }
        public PtySimulator Simulator { get; }
        public string PortPath => Simulator.PortPath;
        public DriverHost? Host { get; private set; }

        public static string SkipReason => $"socat not installed ({SocatPty.SocatPath}); run tools/install-deps.sh";

        public static async Task<SerialTestBed> StartAsync(ISimulatedDevice device)
        {
            Skip.IfNot(SocatPty.IsAvailable, SkipReason);
            var dir = Path.Combine(Path.GetTempPath(), "upsps-serial-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            System.IO.Directory.CreateDirectory(dir);
            var sim = await PtySimulator.StartAsync(device, Path.Combine(dir, "tty"));
            return new SerialTestBed(dir, sim);
        }

        public UpsSection Section(string driver, string options = "") =>
            UpsConfReader.Parse($"[sim]\n driver = {driver}\n port = {PortPath}\n{options}\n").Sections.Single();

        /// <summary>Creates, initialises and starts polling our driver.</summary>
        public async Task<DriverHost> StartDriverAsync(string driver, string options = "", Action<IUpsDriver>? configure = null, bool poll = true)
        {
            var host = DriverHost.Create(Section(driver, options), DriverRegistry.CreateDefault());
            configure?.Invoke(host.Driver);
            Host = host;
            await host.StartAsync();
            if (!poll) return host;
            _run = new CancellationTokenSource();
            _loop = host.RunAsync(_run.Token);
            return host;
        }

        public Task WaitForAsync(string variable, string value, double seconds = 10) =>
            Poll.UntilAsync(() => Host!.GetInfo(variable) == value, TimeSpan.FromSeconds(seconds),
                () => $"{variable} = '{Host!.GetInfo(variable)}', expected '{value}'");

        public Task WaitForStaleAsync(bool stale, double seconds = 15) =>
            Poll.UntilAsync(() => Host!.IsStale == stale, TimeSpan.FromSeconds(seconds), () => $"stale = {Host!.IsStale}, expected {stale}");

        /// <summary>Our variables as upsc would list them, driver.* aside.</summary>
        public IDictionary<string, string> DeviceVariables() =>
            Host!.GetVariables().Where(v => !v.Name.StartsWith("driver.", StringComparison.Ordinal))
                .ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

        public async ValueTask DisposeAsync()
        {
            _run?.Cancel();
            if (_loop != null) { try { await _loop; } catch (OperationCanceledException) { } }
            if (Host != null)
            {
                (Host.Driver as IDisposable)?.Dispose();
                Host.Dispose();
            }
            await Simulator.DisposeAsync();
            try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
        }
    }

    public static class TestData
    {
        /// <summary>/work/shared/testdata: ../shared/testdata relative to the repository root.</summary>
        public static string Root
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !System.IO.File.Exists(Path.Combine(dir.FullName, "UpsPS.sln"))) dir = dir.Parent;
                var root = dir == null ? "" : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata"));
                return root;
            }
        }

        public static string File(string relative)
        {
            var path = Path.Combine(Root, relative);
            Skip.IfNot(System.IO.File.Exists(path), $"testdata not present: {path} (tests read the shared testdata beside the repository)");
            return path;
        }
    }
}
