using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// Routes notifications by their NOTIFYFLAG (monitor.md §5.3): IGNORE → nothing; SYSLOG → the log at NOTICE,
    /// synchronously; then detached: WALL, then EXEC (NOTIFYCMD and every registered handler). Handlers run
    /// concurrently, each isolated and time-bounded; monitoring never waits for them.
    /// </summary>
    public sealed class NotificationDispatcher : INotificationSink
    {
        private readonly IMonitorLog _log;
        private readonly IWallSink? _wall;
        private readonly Func<IReadOnlyList<string>> _notifyCommand;
        private readonly NotifyCommandLauncher _launcher;
        private readonly ConcurrentDictionary<int, Task> _pending = new ConcurrentDictionary<int, Task>();
        private readonly List<KeyValuePair<string, Func<UpsNotification, CancellationToken, Task>>> _handlers = new List<KeyValuePair<string, Func<UpsNotification, CancellationToken, Task>>>();
        private readonly List<Action<UpsNotification>> _observers = new List<Action<UpsNotification>>();
        private int _nextId;

        /// <param name="notifyCommand">Current NOTIFYCMD tokens (empty = none).</param>
        public NotificationDispatcher(IMonitorLog log, IWallSink? wall, Func<IReadOnlyList<string>> notifyCommand)
        {
            _log = log;
            _wall = wall;
            _notifyCommand = notifyCommand;
            _launcher = new NotifyCommandLauncher(log);
        }

        /// <summary>Upper bound for one handler or NOTIFYCMD run.</summary>
        public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Adds an EXEC handler (a script block adapter, upssched, a mail sender…).</summary>
        public void AddExecHandler(string name, Func<UpsNotification, CancellationToken, Task> handler)
        {
            lock (_handlers) _handlers.Add(new KeyValuePair<string, Func<UpsNotification, CancellationToken, Task>>(name, handler));
        }

        /// <summary>Synchronous observer of every non-IGNORE notification regardless of flags (e.g. PowerShell's event queue). Must be fast.</summary>
        public void AddObserver(Action<UpsNotification> observer)
        {
            lock (_observers) _observers.Add(observer);
        }

        public void Notify(UpsNotification n)
        {
            if ((n.Flags & NotifyFlags.Ignore) != 0) return;
            Action<UpsNotification>[] observers;
            lock (_observers) observers = _observers.ToArray();
            foreach (var o in observers)
            {
                try { o(n); }
                catch (Exception ex) { _log.Log(MonitorLogLevel.Error, $"Notification observer failed for {n.Type}: {ex.Message}"); }
            }
            if ((n.Flags & NotifyFlags.Syslog) != 0) _log.Log(MonitorLogLevel.Notice, n.Message);
            bool wall = (n.Flags & NotifyFlags.Wall) != 0 && _wall != null;
            bool exec = (n.Flags & NotifyFlags.Exec) != 0;
            if (!wall && !exec) return;
            Track(Task.Run(() => DeliverDetachedAsync(n, wall, exec)));
        }

        public void Announce(string message)
        {
            if (_wall == null) return;
            Track(Task.Run(() => IsolatedHandlerRunner.RunAsync("wall", _ => { _wall.Broadcast(message); return Task.CompletedTask; }, HandlerTimeout, _log)));
        }

        /// <summary>Completes when every detached delivery started so far has finished or timed out.</summary>
        public async Task WhenIdleAsync()
        {
            while (true)
            {
                var tasks = _pending.Values.ToArray();
                if (tasks.Length == 0) return;
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
        }

        private void Track(Task task)
        {
            int id = Interlocked.Increment(ref _nextId);
            _pending[id] = task;
            task.ContinueWith(_ => _pending.TryRemove(id, out Task _), TaskScheduler.Default);
        }

        private async Task DeliverDetachedAsync(UpsNotification n, bool wall, bool exec)
        {
            if (wall)
                await IsolatedHandlerRunner.RunAsync($"WALL for {n.Type}", _ => { _wall!.Broadcast(n.Message); return Task.CompletedTask; }, HandlerTimeout, _log).ConfigureAwait(false);
            if (!exec) return;
            var runs = new List<Task>();
            var command = _notifyCommand();
            if (command != null && command.Count > 0)
                runs.Add(IsolatedHandlerRunner.RunAsync($"NOTIFYCMD for {n.Type}", ct => _launcher.RunAsync(command, n, HandlerTimeout, ct), HandlerTimeout + TimeSpan.FromSeconds(1), _log));
            KeyValuePair<string, Func<UpsNotification, CancellationToken, Task>>[] handlers;
            lock (_handlers) handlers = _handlers.ToArray();
            foreach (var h in handlers)
                runs.Add(IsolatedHandlerRunner.RunAsync($"Notification handler {h.Key} for {n.Type}", ct => h.Value(n, ct), HandlerTimeout, _log));
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
    }
}
