using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace UpsPS.Engine.Monitor
{
    public enum ShutdownTrigger
    {
        /// <summary>Sum of power values of non-critical UPSes fell below MINSUPPLIES.</summary>
        PowerBelowMinimum,

        /// <summary><c>upsmon -c fsd</c> / <see cref="UpsMonitor.RequestForcedShutdown"/>.</summary>
        UserRequested,
    }

    /// <summary>The explanation record of the (single) shutdown decision: which rule fired with which values.</summary>
    public sealed class ShutdownDecision
    {
        public DateTimeOffset Time { get; internal set; }
        public ShutdownTrigger Trigger { get; internal set; }
        public int PowerValueTotal { get; internal set; }
        public int MinSupplies { get; internal set; }
        public IReadOnlyList<UpsStatusSnapshot> Ups { get; internal set; } = Array.Empty<UpsStatusSnapshot>();

        /// <summary>Outcome of <c>FSD</c> per primary UPS: "OK" or the error.</summary>
        public IReadOnlyDictionary<string, string> FsdResults { get; internal set; } = new Dictionary<string, string>();

        /// <summary>How the primary's wait for secondaries ended (null when not a primary).</summary>
        public string? HostSyncOutcome { get; internal set; }

        public DateTimeOffset? ShutdownActionStarted { get; internal set; }

        /// <summary>Set when the shutdown action failed (it is not retried).</summary>
        public string? ShutdownActionError { get; internal set; }

        public string Rule => Trigger == ShutdownTrigger.UserRequested
            ? "forced shutdown requested by the user"
            : $"power value {PowerValueTotal} < MINSUPPLIES {MinSupplies}";

        public string Explanation
        {
            get
            {
                var sb = new StringBuilder(Rule);
                foreach (var u in Ups)
                {
                    sb.Append("; ").Append(u.System).Append(" [").Append(u.Status ?? "no status").Append("] pv ").Append(u.PowerValue)
                      .Append(u.IsCritical ? " critical: " + u.CriticalReason : " counted");
                }
                return sb.ToString();
            }
        }

        public override string ToString() => Explanation;
    }

    /// <summary>Read-only view of one monitored UPS (Get-UpsMonitorStatus).</summary>
    public sealed class UpsStatusSnapshot
    {
        public string System { get; internal set; } = string.Empty;
        public MonitorRole Role { get; internal set; }
        public int PowerValue { get; internal set; }
        public string? Status { get; internal set; }
        public UpsFlags Flags { get; internal set; }
        public CommState CommState { get; internal set; }
        public bool Connected { get; internal set; }
        public bool LoggedIn { get; internal set; }
        public DateTimeOffset? LastPoll { get; internal set; }
        public string? LastPollError { get; internal set; }
        public bool IsCritical { get; internal set; }
        public string? CriticalReason { get; internal set; }
        public string? Alarm { get; internal set; }
        public string? OtherTokens { get; internal set; }
    }

    /// <summary>Whole-monitor view after the latest cycle.</summary>
    public sealed class MonitorSnapshot
    {
        public DateTimeOffset Time { get; internal set; }
        public IReadOnlyList<UpsStatusSnapshot> Ups { get; internal set; } = Array.Empty<UpsStatusSnapshot>();
        public int PowerValueTotal { get; internal set; }
        public int MinSupplies { get; internal set; }
        public int PollIntervalSeconds { get; internal set; }
        public ShutdownDecision? ShutdownDecision { get; internal set; }
        public int Cycles { get; internal set; }
    }
}
