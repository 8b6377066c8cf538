using System;
using UpsPS.Engine.Timing;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Monitor;
using Xunit;

namespace UpsPS.Tests.Unit.Monitor
{
    /// <summary>Deterministic clock: Delay advances time at once; scheduled callbacks run when time passes them.</summary>
    internal sealed class FakeClock : IClock
    {
        public static readonly DateTimeOffset Start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private readonly List<(double At, Action Action)> _scheduled = new List<(double, Action)>();

        public DateTimeOffset UtcNow { get; set; } = Start;
        public double T => (UtcNow - Start).TotalSeconds;
        public double? StopAt { get; set; }
        public CancellationTokenSource Stop { get; } = new CancellationTokenSource();

        /// <summary>Extra seconds added to the next delay (simulates a suspended machine).</summary>
        public double NextJump { get; set; }

        public void At(double t, Action action) => _scheduled.Add((t, action));

        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            UtcNow += delay + TimeSpan.FromSeconds(NextJump);
            NextJump = 0;
            foreach (var s in _scheduled.Where(s => s.At <= T).ToList())
            {
                _scheduled.Remove(s);
                s.Action();
            }
            if (StopAt.HasValue && T >= StopAt.Value) Stop.Cancel();
            return Task.CompletedTask;
        }
    }

    /// <summary>The upsd side of one UPS as the monitor sees it.</summary>
    internal sealed class FakeUpsServer
    {
        private readonly FakeClock _clock;

        public FakeUpsServer(FakeClock clock, Func<double, string?> status)
        {
            _clock = clock;
            Status = status;
        }

        /// <summary>t → ups.status; null → ERR DATA-STALE.</summary>
        public Func<double, string?> Status { get; set; }
        public Func<double, bool> Reachable { get; set; } = _ => true;
        public Func<double, int> NumLogins { get; set; } = _ => 1;
        public string? LoginError { get; set; }
        public string? PrimaryError { get; set; }
        public string? FsdError { get; set; }
        public Func<double, string?> Alarm { get; set; } = _ => null;
        public Func<double, string?> Buzzwords { get; set; } = _ => null;
        public bool FsdLatched { get; set; }
        public List<double> FsdSetAt { get; } = new List<double>();
        public int Logins { get; set; }
        public int Logouts { get; set; }
        public int Connects { get; set; }
        public List<double> Polls { get; } = new List<double>();
        public double Now => _clock.T;
    }

    internal sealed class FakeConnection : IUpsConnection
    {
        private readonly FakeUpsServer _server;
        private bool _connected;

        public FakeConnection(FakeUpsServer server) { _server = server; }

        public bool IsConnected => _connected && _server.Reachable(_server.Now);

        public Task ConnectAsync(CancellationToken ct)
        {
            if (!_server.Reachable(_server.Now)) throw new System.IO.IOException("Connection refused");
            _connected = true;
            _server.Connects++;
            return Task.CompletedTask;
        }

        public Task LoginAsync(string username, string password, string upsName, CancellationToken ct)
        {
            Check();
            if (_server.LoginError != null) throw new UpsCommandException(_server.LoginError);
            _server.Logins++;
            return Task.CompletedTask;
        }

        public Task PrimaryAsync(string upsName, CancellationToken ct)
        {
            Check();
            if (_server.PrimaryError != null) throw new UpsCommandException(_server.PrimaryError);
            return Task.CompletedTask;
        }

        public Task<string> GetVariableAsync(string upsName, string variableName, CancellationToken ct)
        {
            Check();
            string? value = variableName switch
            {
                "ups.status" => _server.Status(_server.Now),
                "ups.alarm" => _server.Alarm(_server.Now),
                "ups.mode.buzzwords" => _server.Buzzwords(_server.Now),
                _ => null,
            };
            if (variableName == "ups.status")
            {
                _server.Polls.Add(_server.Now);
                if (value == null) throw new UpsCommandException("DATA-STALE");
                if (_server.FsdLatched) value = "FSD " + value;
                return Task.FromResult(value);
            }
            if (value == null) throw new UpsCommandException("VAR-NOT-SUPPORTED");
            return Task.FromResult(value);
        }

        public Task SetForcedShutdownAsync(string upsName, CancellationToken ct)
        {
            Check();
            if (_server.FsdError != null) throw new UpsCommandException(_server.FsdError);
            _server.FsdLatched = true;
            _server.FsdSetAt.Add(_server.Now);
            return Task.CompletedTask;
        }

        public Task<int> GetNumLoginsAsync(string upsName, CancellationToken ct)
        {
            Check();
            return Task.FromResult(_server.NumLogins(_server.Now));
        }

        public Task LogoutAsync(CancellationToken ct)
        {
            Check();
            _server.Logouts++;
            return Task.CompletedTask;
        }

        public void Dispose() { _connected = false; }

        private void Check()
        {
            if (!IsConnected) throw new System.IO.IOException("Connection reset");
        }
    }

    internal sealed class FakeConnectionFactory : IUpsConnectionFactory
    {
        public Dictionary<string, FakeUpsServer> Servers { get; } = new Dictionary<string, FakeUpsServer>();
        public IUpsConnection Create(UpsSystemName system, MonitorConfig config) => new FakeConnection(Servers[system.Text]);
    }

    internal sealed class RecordingSink : INotificationSink
    {
        private readonly FakeClock _clock;
        public RecordingSink(FakeClock clock) { _clock = clock; }
        public List<(double T, UpsNotification N)> Events { get; } = new List<(double, UpsNotification)>();
        public List<string> Announcements { get; } = new List<string>();
        public void Notify(UpsNotification notification) => Events.Add((_clock.T, notification));
        public void Announce(string message) => Announcements.Add(message);

        public List<double> TimesOf(NotifyType type, string? ups = null) =>
            Events.Where(e => e.N.Type == type && (ups == null || e.N.UpsName == ups)).Select(e => e.T).ToList();

        public List<NotifyType> Types => Events.Select(e => e.N.Type).ToList();
    }

    internal sealed class CapturingShutdownAction : IShutdownAction
    {
        private readonly FakeClock _clock;
        public CapturingShutdownAction(FakeClock clock) { _clock = clock; }
        public List<double> Calls { get; } = new List<double>();
        public List<ShutdownDecision> Decisions { get; } = new List<ShutdownDecision>();
        public Action? OnExecute { get; set; }

        public Task ExecuteAsync(ShutdownDecision decision, CancellationToken cancellationToken)
        {
            Calls.Add(_clock.T);
            Decisions.Add(decision);
            OnExecute?.Invoke();
            return Task.CompletedTask;
        }
    }

    internal sealed class RecordingLog : IMonitorLog
    {
        public List<(MonitorLogLevel Level, string Message)> Entries { get; } = new List<(MonitorLogLevel, string)>();
        public void Log(MonitorLogLevel level, string message) { lock (Entries) Entries.Add((level, message)); }
        public bool Contains(string text) { lock (Entries) return Entries.Any(e => e.Message.Contains(text)); }
    }

    /// <summary>One monitor against fake servers on a fake clock.</summary>
    internal sealed class MonitorHarness
    {
        public MonitorHarness(MonitorConfig? config = null)
        {
            Config = config ?? new MonitorConfig();
            Sink = new RecordingSink(Clock);
            Shutdown = new CapturingShutdownAction(Clock);
        }

        public FakeClock Clock { get; } = new FakeClock();
        public FakeConnectionFactory Factory { get; } = new FakeConnectionFactory();
        public RecordingSink Sink { get; }
        public CapturingShutdownAction Shutdown { get; }
        public RecordingLog Log { get; } = new RecordingLog();
        public MonitorConfig Config { get; }
        public UpsMonitor? Monitor { get; private set; }

        public FakeUpsServer Ups(string system, int pv, MonitorRole role, Func<double, string?> status)
        {
            Config.Monitors.Add(new MonitoredUps(system, pv, "mon", "secret", role));
            var server = new FakeUpsServer(Clock, status);
            Factory.Servers[system] = server;
            return server;
        }

        public UpsMonitor Create()
        {
            Monitor = new UpsMonitor(Config, new MonitorDependencies
            {
                ConnectionFactory = Factory,
                Clock = Clock,
                Notifications = Sink,
                ShutdownAction = Shutdown,
                Log = Log,
            });
            return Monitor;
        }

        public MonitorExitReason Run(double until = 300)
        {
            var m = Monitor ?? Create();
            Clock.StopAt = until;
            var task = m.RunAsync(Clock.Stop.Token);
            Assert.True(task.Wait(TimeSpan.FromSeconds(20)), "monitor did not finish");
            return task.Result;
        }
    }
}
