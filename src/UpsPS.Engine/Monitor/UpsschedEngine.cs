using UpsPS.Engine.Protocol;
using UpsPS.Engine.Timing;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;

namespace UpsPS.Engine.Monitor
{
    public enum UpsschedActionKind
    {
        /// <summary><c>AT … EXECUTE cmd</c>: immediate.</summary>
        Execute,

        /// <summary>A START-TIMER timer expired.</summary>
        TimerExpired,

        /// <summary>CANCEL-TIMER found nothing pending and ran its fallback command.</summary>
        CancelFallback,
    }

    /// <summary>One CMDSCRIPT invocation: the name plus the event details behind it.</summary>
    public sealed class UpsschedAction
    {
        public UpsschedAction(UpsschedActionKind kind, string name, DateTimeOffset time, IReadOnlyList<string> upsNames, IReadOnlyList<string> notifyTypes, IReadOnlyList<string> messages)
        {
            Kind = kind;
            Name = name;
            Time = time;
            UpsNames = upsNames;
            NotifyTypes = notifyTypes;
            Messages = messages;
        }

        public UpsschedActionKind Kind { get; }
        public string Name { get; }
        public DateTimeOffset Time { get; }
        public IReadOnlyList<string> UpsNames { get; }
        public IReadOnlyList<string> NotifyTypes { get; }
        public IReadOnlyList<string> Messages { get; }

        /// <summary>2.8.5+ environment values: names and types joined with <c>,</c>, messages with <c>.\t</c>.</summary>
        public string UpsNameValue => string.Join(",", UpsNames);
        public string NotifyTypeValue => string.Join(",", NotifyTypes);
        public string NotifyMessageValue => string.Join(".\t", Messages);

        public override string ToString() => $"{Kind} {Name} [{UpsNameValue}] {NotifyTypeValue}";
    }

    /// <summary>A pending upssched timer (for status displays and <c>upssched -l</c>).</summary>
    public sealed class PendingTimer
    {
        internal PendingTimer(string name, DateTimeOffset due)
        {
            Name = name;
            Due = due;
        }

        public string Name { get; }
        public DateTimeOffset Due { get; }
        internal List<string> UpsNames { get; } = new List<string>();
        internal List<string> NotifyTypes { get; } = new List<string>();
        internal List<string> Messages { get; } = new List<string>();
        public IReadOnlyList<string> UpsNameList => UpsNames;
        public IReadOnlyList<string> NotifyTypeList => NotifyTypes;
        public IReadOnlyList<string> MessageList => Messages;

        internal void AddUnique(string ups, string type, string message)
        {
            if (!UpsNames.Contains(ups)) UpsNames.Add(ups);
            if (!NotifyTypes.Contains(type)) NotifyTypes.Add(type);
            if (!Messages.Contains(message)) Messages.Add(message);
        }
    }

    /// <summary>
    /// upssched as a pure in-memory timer engine (upssched.md): every matching AT rule acts once per event in file
    /// order; timers fire when <c>now ≥ due</c> on <see cref="Tick"/>, in start order, one after another.
    /// Actions are handed to the callback synchronously (it runs CMDSCRIPT or a script block).
    /// </summary>
    public sealed class UpsschedEngine
    {
        private readonly UpsschedConfig _config;
        private readonly IClock _clock;
        private readonly Action<UpsschedAction> _run;
        private readonly IMonitorLog _log;
        private readonly List<PendingTimer> _timers = new List<PendingTimer>();
        private readonly object _gate = new object();

        public UpsschedEngine(UpsschedConfig config, IClock clock, Action<UpsschedAction> run, IMonitorLog? log = null)
        {
            _config = config;
            _clock = clock;
            _run = run;
            _log = log ?? NullMonitorLog.Instance;
        }

        public IReadOnlyList<PendingTimer> PendingTimers
        {
            get { lock (_gate) return _timers.ToList(); }
        }

        public DateTimeOffset? NextDue
        {
            get { lock (_gate) return _timers.Count == 0 ? (DateTimeOffset?)null : _timers.Min(t => t.Due); }
        }

        /// <summary>An EXEC notification reaching upssched (UPSNAME, NOTIFYTYPE, message).</summary>
        public void HandleEvent(UpsNotification n) => HandleEvent(n.TypeName, n.UpsName, n.Message);

        public void HandleEvent(string notifyType, string upsName, string message)
        {
            if (string.IsNullOrEmpty(notifyType))
            {
                _log.Log(MonitorLogLevel.Error, "Error: environment variables UPSNAME and NOTIFYTYPE must be set.");
                return;
            }
            foreach (var rule in _config.Rules)
            {
                if (!rule.Matches(notifyType, upsName)) continue;
                if (rule.MissingPrerequisite != null)
                {
                    _log.Log(MonitorLogLevel.Error, $"{rule.MissingPrerequisite} must be set before any ATs in the config file!");
                    return;
                }
                Apply(rule, notifyType, upsName, message);
            }
        }

        private void Apply(UpsschedRule rule, string type, string ups, string message)
        {
            var now = _clock.UtcNow;
            switch (rule.Command)
            {
                case UpsschedCommand.Execute:
                    if (rule.Name.Length == 0) { _log.Log(MonitorLogLevel.Error, "Empty EXECUTE command argument"); return; }
                    Run(new UpsschedAction(UpsschedActionKind.Execute, rule.Name, now, new[] { ups }, new[] { type }, new[] { message }));
                    return;
                case UpsschedCommand.StartTimer:
                case UpsschedCommand.StartTimerShared:
                    if (rule.Argument == null) { _log.Log(MonitorLogLevel.Error, $"{rule.CommandText} {rule.Name}: missing offset"); return; }
                    int seconds = CNumber.Atoi(rule.Argument);
                    if (seconds < 0) { _log.Log(MonitorLogLevel.Error, $"bogus offset for timer, ignoring"); return; }
                    lock (_gate)
                    {
                        var existing = rule.Command == UpsschedCommand.StartTimerShared ? _timers.FirstOrDefault(t => t.Name == rule.Name) : null;
                        if (existing != null) { existing.AddUnique(ups, type, message); return; }
                        var timer = new PendingTimer(rule.Name, now.AddSeconds(seconds));
                        timer.AddUnique(ups, type, message);
                        _timers.Add(timer);
                    }
                    return;
                case UpsschedCommand.CancelTimer:
                case UpsschedCommand.CancelTimerMatched:
                    int removed;
                    lock (_gate)
                    {
                        removed = _timers.RemoveAll(t => t.Name == rule.Name && (rule.Command == UpsschedCommand.CancelTimer
                            || (t.NotifyTypes.Any(x => string.Equals(x, type, StringComparison.OrdinalIgnoreCase)) && t.UpsNames.Contains(ups))));
                    }
                    if (removed == 0 && !string.IsNullOrEmpty(rule.Argument))
                        Run(new UpsschedAction(UpsschedActionKind.CancelFallback, rule.Argument!, now, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
                    return;
                default:
                    _log.Log(MonitorLogLevel.Error, $"Invalid command: {rule.CommandText}");
                    return;
            }
        }

        /// <summary>Fires every timer with now ≥ due, in queue order. Returns how many fired.</summary>
        public int Tick()
        {
            var now = _clock.UtcNow;
            List<PendingTimer> due;
            lock (_gate)
            {
                due = _timers.Where(t => now >= t.Due).ToList();
                foreach (var t in due) _timers.Remove(t);
            }
            foreach (var t in due)
                Run(new UpsschedAction(UpsschedActionKind.TimerExpired, t.Name, now, t.UpsNames.ToArray(), t.NotifyTypes.ToArray(), t.Messages.ToArray()));
            return due.Count;
        }

        /// <summary>Ticks once a second on the clock (≈1 s resolution like the daemon) until cancelled.</summary>
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try { await _clock.DelayAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                Tick();
            }
        }

        private void Run(UpsschedAction action)
        {
            try
            {
                _run(action);
            }
            catch (Exception ex)
            {
                _log.Log(MonitorLogLevel.Error, $"upssched action {action.Name} failed: {ex.Message}");
            }
        }
    }
}
