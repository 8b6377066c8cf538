using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Monitor;
using UpsPS.Engine.Monitor.Net;

namespace UpsPS.Tests.Unit.Monitor
{
    /// <summary>Thread-safe notification recorder for monitors on the real clock; awaitable per type.</summary>
    internal sealed class AwaitableSink : INotificationSink
    {
        private readonly List<UpsNotification> _events = new List<UpsNotification>();
        private readonly List<(Func<UpsNotification, bool> Match, TaskCompletionSource<UpsNotification> Tcs)> _waiters = new List<(Func<UpsNotification, bool>, TaskCompletionSource<UpsNotification>)>();

        public List<UpsNotification> Events { get { lock (_events) return _events.ToList(); } }
        public List<NotifyType> Types => Events.Select(e => e.Type).ToList();
        public int Count(NotifyType type) => Events.Count(e => e.Type == type);

        public void Notify(UpsNotification n)
        {
            List<TaskCompletionSource<UpsNotification>> done;
            lock (_events)
            {
                _events.Add(n);
                var hit = _waiters.Where(w => w.Match(n)).ToList();
                foreach (var w in hit) _waiters.Remove(w);
                done = hit.Select(h => h.Tcs).ToList();
            }
            foreach (var tcs in done) tcs.TrySetResult(n);
        }

        public void Announce(string message) { }

        public async Task<UpsNotification> WaitForAsync(NotifyType type, TimeSpan timeout)
        {
            var tcs = new TaskCompletionSource<UpsNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_events)
            {
                var existing = _events.FirstOrDefault(e => e.Type == type);
                if (existing != null) return existing;
                _waiters.Add((n => n.Type == type, tcs));
            }
            var finished = await Task.WhenAny(tcs.Task, Task.Delay(timeout));
            if (finished != tcs.Task) throw new TimeoutException($"no {type} within {timeout.TotalSeconds} s; got: {string.Join(", ", Types)}");
            return await tcs.Task;
        }
    }

    internal sealed class CountingShutdown : IShutdownAction
    {
        private int _calls;
        public int Calls => Volatile.Read(ref _calls);
        public ShutdownDecision? Decision { get; private set; }
        public DateTimeOffset? At { get; private set; }

        public Task ExecuteAsync(ShutdownDecision decision, CancellationToken cancellationToken)
        {
            Decision = decision;
            At = DateTimeOffset.UtcNow;
            Interlocked.Increment(ref _calls);
            return Task.CompletedTask;
        }
    }

    internal sealed class ConcurrentLog : IMonitorLog
    {
        private readonly List<string> _lines = new List<string>();
        public void Log(MonitorLogLevel level, string message) { lock (_lines) _lines.Add(level + ": " + message); }
        public bool Contains(string text) { lock (_lines) return _lines.Any(l => l.Contains(text)); }
        public override string ToString() { lock (_lines) return string.Join("\n", _lines); }
    }

    /// <summary>A real-clock monitor over <see cref="NutUpsConnectionFactory"/>, short timings.</summary>
    internal sealed class RealMonitorRun
    {
        public RealMonitorRun(string system, MonitorRole role, string user, string password, int deadTime = 15, int powerValue = 1)
        {
            Config = new MonitorConfig
            {
                Monitors = { new MonitoredUps(system, powerValue, user, password, role) },
                PollFreq = 1,
                PollFreqAlert = 1,
                DeadTime = deadTime,
                HostSync = 3,
                FinalDelay = 0,
                NoCommWarnTime = 1,
            };
        }

        public MonitorConfig Config { get; }
        public AwaitableSink Sink { get; } = new AwaitableSink();
        public CountingShutdown Shutdown { get; } = new CountingShutdown();
        public ConcurrentLog Log { get; } = new ConcurrentLog();
        public CancellationTokenSource Stop { get; } = new CancellationTokenSource();
        public UpsMonitor? Monitor { get; private set; }

        public Task<MonitorExitReason> StartAsync()
        {
            Monitor = new UpsMonitor(Config, new MonitorDependencies
            {
                ConnectionFactory = new NutUpsConnectionFactory { NetworkTimeout = TimeSpan.FromSeconds(3) },
                Notifications = Sink,
                ShutdownAction = Shutdown,
                Log = Log,
            });
            return Task.Run(() => Monitor.RunAsync(Stop.Token));
        }

        public async Task WaitCyclesAsync(int cycles, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Monitor!.Snapshot.Cycles < cycles)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"monitor did only {Monitor.Snapshot.Cycles} cycles");
                await Task.Delay(50);
            }
        }
    }
}
