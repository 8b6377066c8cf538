using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Tests.Unit.Support;

namespace UpsPS.Tests.Unit.Drivers
{
    /// <summary>A dummy-ups device in a temp config directory, on a virtual clock, recording what it publishes.</summary>
    public sealed class DummyTestBed : IDisposable
    {
        private readonly List<(double Time, IReadOnlyList<string> Words)> _events = new List<(double, IReadOnlyList<string>)>();

        public DummyTestBed(string fileName, string fileContent, string extraOptions = "", bool useFile = true)
        {
            Directory = Path.Combine(Path.GetTempPath(), "upsps-dummy-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            System.IO.Directory.CreateDirectory(Directory);
            FilePath = Path.Combine(Directory, fileName);
            if (useFile) File.WriteAllText(FilePath, fileContent);
            var conf = UpsConfReader.Parse($"[test]\n driver = dummy-ups\n port = {fileName}\n{extraOptions}\n");
            Section = conf.Sections.Single();
            Host = DriverHost.Create(Section, DriverRegistry.CreateDefault(), new DriverHostOptions { ConfigDirectory = Directory, Clock = Clock });
            Host.StateChanged += (_, e) => { lock (_events) _events.Add((Clock.Elapsed, e.Words)); };
        }

        public string Directory { get; }
        public string FilePath { get; }
        public UpsSection Section { get; }
        public VirtualDriverClock Clock { get; } = new VirtualDriverClock();
        public DriverHost Host { get; }

        public IReadOnlyList<(double Time, IReadOnlyList<string> Words)> Events { get { lock (_events) return _events.ToList(); } }

        /// <summary>(time, value) of every SETINFO of a variable.</summary>
        public IReadOnlyList<(double Time, string Value)> Changes(string variable) =>
            Events.Where(e => e.Words[0] == "SETINFO" && e.Words[1] == variable).Select(e => (e.Time, e.Words[2])).ToList();

        public Task StartAsync() => Host.StartAsync();

        /// <summary>Runs the real poll loop on virtual time until <paramref name="seconds"/>.</summary>
        public async Task RunUntilAsync(double seconds)
        {
            Clock.StopAt = seconds;
            using var cts = new CancellationTokenSource();
            var run = Host.RunAsync(cts.Token);
            await Poll.UntilAsync(() => Clock.Elapsed >= seconds || run.IsCompleted, TimeSpan.FromSeconds(10));
            cts.Cancel();
            await run;
        }

        public void Dispose()
        {
            Host.Dispose();
            try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
        }
    }
}
