using System;
using System.Collections.Generic;
using System.Linq;
using UpsPS.Engine.Monitor;

namespace UpsPS.Engine.Simulation
{
    /// <summary>Thread-safe collector of the timeline and log of one simulation.</summary>
    public sealed class TimelineRecorder
    {
        private readonly SimulationClock _clock;
        private readonly object _gate = new object();
        private readonly List<(long Seq, SimulationEvent Event)> _events = new List<(long, SimulationEvent)>();
        private readonly List<SimulationLogEntry> _log = new List<SimulationLogEntry>();
        private long _seq;

        public TimelineRecorder(SimulationClock clock) { _clock = clock; }

        /// <summary>Raised (on the recording thread) for every event as it happens.</summary>
        public event Action<SimulationEvent>? Recorded;

        public SimulationEvent Add(SimulationEventKind kind, string? host, string type, string ups, string message,
            DateTimeOffset? at = null, UpsNotification? notification = null, ShutdownDecision? decision = null)
        {
            var time = at ?? _clock.UtcNow;
            var e = new SimulationEvent
            {
                Seconds = Math.Round(_clock.SecondsAt(time), 3),
                Time = time,
                Kind = kind,
                Host = host,
                Type = type,
                Ups = ups,
                Message = message,
                Notification = notification,
                Decision = decision,
            };
            lock (_gate) _events.Add((_seq++, e));
            try { Recorded?.Invoke(e); } catch { /* an observer never disturbs the simulation */ }
            return e;
        }

        public void Log(string host, string level, string message)
        {
            var entry = new SimulationLogEntry { Seconds = Math.Round(_clock.ElapsedSeconds, 3), Host = host, Level = level, Message = message };
            lock (_gate) _log.Add(entry);
        }

        /// <summary>Events sorted by simulated time (ties keep recording order).</summary>
        public IReadOnlyList<SimulationEvent> Timeline()
        {
            lock (_gate) return _events.OrderBy(x => x.Event.Seconds).ThenBy(x => x.Seq).Select(x => x.Event).ToList();
        }

        public IReadOnlyList<SimulationLogEntry> LogEntries()
        {
            lock (_gate) return _log.ToList();
        }

        /// <summary>What one host's upsmon sees as its notification sink and log.</summary>
        internal sealed class HostChannel : INotificationSink, IMonitorLog
        {
            private readonly TimelineRecorder _recorder;
            private readonly string _host;

            public HostChannel(TimelineRecorder recorder, string host)
            {
                _recorder = recorder;
                _host = host;
            }

            public void Notify(UpsNotification n) =>
                _recorder.Add(SimulationEventKind.Notify, _host, n.TypeName, n.UpsName, n.Message, n.Time, notification: n);

            public void Announce(string message) => _recorder.Log(_host, "WALL", message);

            public void Log(MonitorLogLevel level, string message) => _recorder.Log(_host, level.ToString(), message);
        }
    }
}
