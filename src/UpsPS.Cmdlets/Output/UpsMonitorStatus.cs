using System;
using System.Collections.Generic;
using UpsPS.Engine.Monitor;

namespace UpsPS
{
    /// <summary>Get-UpsMonitorStatus: one running (or finished) Start-UpsMonitor.</summary>
    public sealed class UpsMonitorStatus
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
        public string State { get; set; } = "";
        public int? JobId { get; set; }
        public DateTimeOffset StartTime { get; set; }
        public DateTimeOffset SnapshotTime { get; set; }
        public int Cycles { get; set; }
        public int PowerValueTotal { get; set; }
        public int MinSupplies { get; set; }
        public int PollIntervalSeconds { get; set; }
        public IReadOnlyList<UpsStatusSnapshot> Ups { get; set; } = Array.Empty<UpsStatusSnapshot>();

        /// <summary>upssched timers and held (dampened) notifications.</summary>
        public IReadOnlyList<UpsPendingTimer> PendingTimers { get; set; } = Array.Empty<UpsPendingTimer>();

        public int Handlers { get; set; }
        public ShutdownDecision? ShutdownDecision { get; set; }

        /// <summary>Which rule fired with which values (null until a shutdown was decided).</summary>
        public string? Explanation => ShutdownDecision?.Explanation;

        public override string ToString() => $"{Name} [{State}] power value {PowerValueTotal}/{MinSupplies}";
    }

    /// <summary>A pending upssched timer or a dampened notification waiting for its delay.</summary>
    public sealed class UpsPendingTimer
    {
        public string Kind { get; set; } = "";
        public string Name { get; set; } = "";
        public DateTimeOffset Due { get; set; }
        public string UpsName { get; set; } = "";
        public override string ToString() => $"{Kind} {Name} due {Due:u}";
    }
}
