using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Cmdlets.Jobs;
using UpsPS.Engine.Monitor;

namespace UpsPS.Cmdlets.Monitor
{
    /// <summary>
    /// One running Start-UpsMonitor: the decision core plus its notification plumbing (dampening filter,
    /// dispatcher, upssched engine, script-block handlers, PowerShell event queue). Registered process-wide so
    /// Get-UpsMonitorStatus / Stop-UpsMonitor / Register-UpsNotification find it by name or id.
    /// </summary>
    public sealed class UpsMonitorSession
    {
        private static readonly ConcurrentDictionary<int, UpsMonitorSession> Sessions = new ConcurrentDictionary<int, UpsMonitorSession>();
        private static int _nextId;
        private static int _nextHandlerId;

        private readonly List<UpsNotificationHandler> _handlers = new List<UpsNotificationHandler>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        internal UpsMonitorSession(string name, UpsMonitor monitor, NotificationDispatcher dispatcher, IScriptInvoker invoker)
        {
            Id = Interlocked.Increment(ref _nextId);
            Name = name;
            Monitor = monitor;
            Dispatcher = dispatcher;
            Invoker = invoker;
            StartTime = DateTimeOffset.Now;
            dispatcher.AddExecHandler("script blocks", RunHandlersAsync);
        }

        public int Id { get; }
        public string Name { get; }
        public DateTimeOffset StartTime { get; }
        public UpsMonitor Monitor { get; }
        public NotificationDispatcher Dispatcher { get; }
        internal IScriptInvoker Invoker { get; }
        public UpsschedEngine? Upssched { get; internal set; }
        public DelayedNotificationFilter? DelayFilter { get; internal set; }
        public UpsBackgroundJob? Job { get; internal set; }
        public Task<MonitorExitReason>? Completion { get; internal set; }
        public CancellationToken StopToken => _stop.Token;

        public string State
        {
            get
            {
                var c = Completion;
                if (c == null || !c.IsCompleted) return Monitor.ShutdownDecision != null ? "ShuttingDown" : "Running";
                if (c.IsFaulted) return "Failed";
                return c.Result.ToString();
            }
        }

        public IReadOnlyList<UpsNotificationHandler> Handlers
        {
            get { lock (_handlers) return _handlers.ToList(); }
        }

        public static IReadOnlyList<UpsMonitorSession> All => Sessions.Values.OrderBy(s => s.Id).ToList();

        internal void Register() => Sessions[Id] = this;

        internal static void Forget(UpsMonitorSession session) => Sessions.TryRemove(session.Id, out _);

        public UpsNotificationHandler AddHandler(string type, ScriptBlock action, string? name)
        {
            var handler = new UpsNotificationHandler(Interlocked.Increment(ref _nextHandlerId), this, type, action, name);
            lock (_handlers) _handlers.Add(handler);
            return handler;
        }

        public bool RemoveHandler(UpsNotificationHandler handler)
        {
            lock (_handlers) return _handlers.Remove(handler);
        }

        /// <summary>Stops monitoring (LOGOUT), waits a bounded time for the loop to end.</summary>
        public void Stop(TimeSpan wait)
        {
            _stop.Cancel();
            try { Completion?.Wait(wait); }
            catch (AggregateException) { }
        }

        private async Task RunHandlersAsync(UpsNotification n, CancellationToken ct)
        {
            UpsNotificationHandler[] matching;
            lock (_handlers) matching = _handlers.Where(h => h.Matches(n.Type)).ToArray();
            var runs = matching.Select(async h =>
            {
                string? error = await Invoker.InvokeAsync(h.Action, n).ConfigureAwait(false);
                h.RecordRun(error);
                if (error != null) throw new InvalidOperationException($"handler {h.Id} ({h.Type}) failed: {error}");
            });
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
    }

    /// <summary>A script block registered for one notify type ('*' = all) on a running monitor.</summary>
    public sealed class UpsNotificationHandler
    {
        private int _runs;
        private int _failures;

        internal UpsNotificationHandler(int id, UpsMonitorSession session, string type, ScriptBlock action, string? name)
        {
            Id = id;
            Session = session;
            Type = type;
            Action = action;
            Name = name ?? $"{type} handler {id}";
        }

        public int Id { get; }
        public string Name { get; }
        public string Type { get; }
        public ScriptBlock Action { get; }
        public string MonitorName => Session.Name;
        public int MonitorId => Session.Id;
        public int Runs => Volatile.Read(ref _runs);
        public int Failures => Volatile.Read(ref _failures);
        public string? LastError { get; private set; }
        internal UpsMonitorSession Session { get; }

        internal bool Matches(NotifyType type) => Type == "*" || string.Equals(Type, type.ToString(), StringComparison.OrdinalIgnoreCase);

        internal void RecordRun(string? error)
        {
            Interlocked.Increment(ref _runs);
            if (error == null) return;
            Interlocked.Increment(ref _failures);
            LastError = error;
        }
    }
}
