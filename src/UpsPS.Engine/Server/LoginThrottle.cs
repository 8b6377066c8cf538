using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Server
{
    /// <summary>
    /// Slows down password guessing per client address: after <see cref="FreeFailures"/> failed logins within
    /// <see cref="Window"/>, every privileged reply to that address (success or failure, so that a guesser cannot hang
    /// up early to learn the outcome) waits, doubling from <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>.
    /// Addresses without failures are never delayed; a correct login clears the address. Caller holds the server lock.
    /// </summary>
    public sealed class LoginThrottle
    {
        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);

        public int FreeFailures { get; set; } = 3;
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(8);
        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>Records a failed login; returns the number of failures of this address within the window.</summary>
        public int RecordFailure(string address, DateTime now)
        {
            if (!_entries.TryGetValue(address, out var e) || now - e.Last > Window)
                _entries[address] = e = new Entry();
            e.Failures++;
            e.Last = now;
            if (_entries.Count > 10000) Purge(now);
            return e.Failures;
        }

        public void RecordSuccess(string address) => _entries.Remove(address);

        /// <summary>How long a privileged reply to <paramref name="address"/> waits now.</summary>
        public TimeSpan DelayFor(string address, DateTime now)
        {
            if (!_entries.TryGetValue(address, out var e) || now - e.Last > Window) return TimeSpan.Zero;
            var excess = e.Failures - FreeFailures;
            if (excess <= 0) return TimeSpan.Zero;
            var ticks = BaseDelay.Ticks * Math.Pow(2, Math.Min(excess - 1, 20));
            return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
        }

        private void Purge(DateTime now)
        {
            var old = new List<string>();
            foreach (var kv in _entries) if (now - kv.Value.Last > Window) old.Add(kv.Key);
            foreach (var k in old) _entries.Remove(k);
        }

        private sealed class Entry
        {
            public int Failures;
            public DateTime Last;
        }
    }
}
