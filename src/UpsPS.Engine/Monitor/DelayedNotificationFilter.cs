using System;
using UpsPS.Engine.Timing;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Monitor
{
    /// <summary>A notification held back by <see cref="DelayedNotificationFilter"/>.</summary>
    public sealed class DelayedNotification
    {
        internal DelayedNotification(UpsNotification notification, DateTimeOffset due)
        {
            Notification = notification;
            Due = due;
        }

        public UpsNotification Notification { get; }
        public DateTimeOffset Due { get; }
    }

    /// <summary>
    /// The PowerShell form of dampening: a per-type delay; the opposite event for the same UPS (ONLINE vs ONBATT,
    /// COMMOK vs COMMBAD, NOTx vs x …) cancels the held event. By default the cancelling event is swallowed too,
    /// so a blip shorter than the delay produces nothing. Sits in front of another sink.
    /// </summary>
    public sealed class DelayedNotificationFilter : INotificationSink
    {
        private static readonly Dictionary<NotifyType, NotifyType[]> DefaultOpposites = BuildOpposites();

        private readonly INotificationSink _inner;
        private readonly IClock _clock;
        private readonly List<DelayedNotification> _pending = new List<DelayedNotification>();
        private readonly object _gate = new object();

        public DelayedNotificationFilter(INotificationSink inner, IClock clock)
        {
            _inner = inner;
            _clock = clock;
        }

        /// <summary>Hold-back time per type; types not listed pass through at once.</summary>
        public Dictionary<NotifyType, TimeSpan> Delays { get; } = new Dictionary<NotifyType, TimeSpan>();

        /// <summary>Whether the event that cancelled a held one is itself dropped (default true).</summary>
        public bool SuppressCancellingEvent { get; set; } = true;

        public IReadOnlyList<DelayedNotification> Pending
        {
            get { lock (_gate) return _pending.ToList(); }
        }

        /// <summary>Types that a notification of <paramref name="type"/> cancels.</summary>
        public static IReadOnlyList<NotifyType> OppositesOf(NotifyType type) =>
            DefaultOpposites.TryGetValue(type, out var o) ? o : Array.Empty<NotifyType>();

        public void Notify(UpsNotification n)
        {
            lock (_gate)
            {
                var cancels = OppositesOf(n.Type);
                var removed = _pending.Where(p => p.Notification.UpsName == n.UpsName && cancels.Contains(p.Notification.Type)).ToList();
                foreach (var r in removed) _pending.Remove(r);
                // Swallow e.g. ONLINE only when its ONBATT never reached the user (not for a held LOWBATT alone).
                if (SuppressCancellingEvent && removed.Any(r => r.Notification.Type == cancels[0])) return;
                if (Delays.TryGetValue(n.Type, out var delay) && delay > TimeSpan.Zero)
                {
                    _pending.Add(new DelayedNotification(n, _clock.UtcNow + delay));
                    return;
                }
            }
            _inner.Notify(n);
        }

        public void Announce(string message) => _inner.Announce(message);

        /// <summary>Releases every held notification that is due (in arrival order). Returns how many.</summary>
        public int Tick()
        {
            var now = _clock.UtcNow;
            List<DelayedNotification> due;
            lock (_gate)
            {
                due = _pending.Where(p => now >= p.Due).ToList();
                foreach (var d in due) _pending.Remove(d);
            }
            foreach (var d in due) _inner.Notify(d.Notification);
            return due.Count;
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try { await _clock.DelayAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                Tick();
            }
        }

        private static Dictionary<NotifyType, NotifyType[]> BuildOpposites()
        {
            var d = new Dictionary<NotifyType, List<NotifyType>>();
            void Pair(NotifyType a, NotifyType b)
            {
                if (!d.TryGetValue(a, out var la)) d[a] = la = new List<NotifyType>();
                if (!d.TryGetValue(b, out var lb)) d[b] = lb = new List<NotifyType>();
                la.Add(b);
                lb.Add(a);
            }
            Pair(NotifyType.ONBATT, NotifyType.ONLINE);
            d[NotifyType.ONLINE].Add(NotifyType.LOWBATT);
            Pair(NotifyType.COMMBAD, NotifyType.COMMOK);
            d[NotifyType.COMMOK].Add(NotifyType.NOCOMM);
            Pair(NotifyType.CAL, NotifyType.NOTCAL);
            Pair(NotifyType.OFF, NotifyType.NOTOFF);
            Pair(NotifyType.BYPASS, NotifyType.NOTBYPASS);
            Pair(NotifyType.ECO, NotifyType.NOTECO);
            Pair(NotifyType.ALARM, NotifyType.NOTALARM);
            Pair(NotifyType.OVER, NotifyType.NOTOVER);
            Pair(NotifyType.TRIM, NotifyType.NOTTRIM);
            Pair(NotifyType.BOOST, NotifyType.NOTBOOST);
            Pair(NotifyType.OTHER, NotifyType.NOTOTHER);
            Pair(NotifyType.SUSPEND_STARTING, NotifyType.SUSPEND_FINISHED);
            return d.ToDictionary(k => k.Key, v => v.Value.ToArray());
        }
    }
}
