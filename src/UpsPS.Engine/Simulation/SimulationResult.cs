using System;
using System.Collections.Generic;
using System.Linq;
using UpsPS.Engine.Monitor;

namespace UpsPS.Engine.Simulation
{
    /// <summary>What a simulation did: the timeline, who shut down when and why, and how each host ended.</summary>
    public sealed class SimulationResult
    {
        internal SimulationResult(IReadOnlyList<SimulationEvent> timeline, IReadOnlyList<SimulatedHostOutcome> hosts,
            IReadOnlyList<SimulationLogEntry> log, double seconds, TimeSpan realDuration, SimulationEndReason endReason, string? workDirectory)
        {
            Timeline = timeline;
            Hosts = hosts;
            Log = log;
            DurationSeconds = seconds;
            RealDuration = realDuration;
            EndReason = endReason;
            WorkDirectory = workDirectory;
            Shutdowns = timeline.Where(e => e.Kind == SimulationEventKind.Shutdown)
                .Select(e => new SimulatedShutdown(e, hosts.First(h => h.Name == e.Host)))
                .ToList();
        }

        /// <summary>Every recorded event in simulated-time order.</summary>
        public IReadOnlyList<SimulationEvent> Timeline { get; }

        /// <summary>Hosts that went down, first first.</summary>
        public IReadOnlyList<SimulatedShutdown> Shutdowns { get; }

        public IReadOnlyList<SimulatedHostOutcome> Hosts { get; }

        /// <summary>upsmon and upsd log lines (host "upsd" for the server and drivers).</summary>
        public IReadOnlyList<SimulationLogEntry> Log { get; }

        /// <summary>Host names in the order their shutdown actions ran.</summary>
        public string[] ShutdownOrder => Shutdowns.Select(s => s.Host).ToArray();

        /// <summary>Every host able to shut down (MINSUPPLIES &gt; 0) did.</summary>
        public bool AllShutDown => Hosts.Where(h => h.CanShutDown).All(h => h.ShutDown);

        /// <summary>Simulated second of the last shutdown; null when nobody shut down.</summary>
        public double? LastShutdownSeconds => Shutdowns.Count == 0 ? (double?)null : Shutdowns.Max(s => s.Seconds);

        /// <summary>Simulated seconds the run lasted.</summary>
        public double DurationSeconds { get; }

        public TimeSpan RealDuration { get; }
        public SimulationEndReason EndReason { get; }

        /// <summary>The generated NUT configuration, when kept.</summary>
        public string? WorkDirectory { get; }

        /// <summary>Notify type names a host received, in order (optionally only for one UPS).</summary>
        public string[] NotificationsOf(string host, string? ups = null) =>
            Timeline.Where(e => e.Kind == SimulationEventKind.Notify && string.Equals(e.Host, host, StringComparison.OrdinalIgnoreCase)
                    && (ups == null || string.Equals(e.Ups, ups, StringComparison.OrdinalIgnoreCase) || e.Ups.StartsWith(ups + "@", StringComparison.OrdinalIgnoreCase)))
                .Select(e => e.Type).ToArray();

        /// <summary>The timeline as text, one event a line.</summary>
        public string FormatTimeline() => string.Join(Environment.NewLine, Timeline.Select(e => e.ToString()));

        public override string ToString() =>
            $"{Hosts.Count} host(s), {Shutdowns.Count} shutdown(s) [{string.Join(", ", ShutdownOrder)}] in {DurationSeconds:0.#} simulated s ({EndReason})";
    }

    public enum SimulationEndReason
    {
        /// <summary>Every host able to shut down did.</summary>
        AllShutDown,

        /// <summary>The configured duration elapsed.</summary>
        DurationElapsed,

        /// <summary>The caller cancelled.</summary>
        Cancelled,
    }

    /// <summary>One host's shutdown.</summary>
    public sealed class SimulatedShutdown
    {
        internal SimulatedShutdown(SimulationEvent shutdown, SimulatedHostOutcome host)
        {
            Host = shutdown.Host!;
            Seconds = shutdown.Seconds;
            Decision = shutdown.Decision!;
            IsPrimary = host.IsPrimary;
        }

        public string Host { get; }

        /// <summary>Simulated second the shutdown action ran.</summary>
        public double Seconds { get; }

        public bool IsPrimary { get; }
        public ShutdownDecision Decision { get; }

        /// <summary>Simulated second the decision was taken (before HOSTSYNC waits and FINALDELAY).</summary>
        public double DecidedSeconds { get; internal set; }

        public ShutdownTrigger Trigger => Decision.Trigger;
        public string Rule => Decision.Rule;
        public string Explanation => Decision.Explanation;

        public override string ToString() => $"{Seconds:0.0}s {Host}: {Explanation}";
    }

    /// <summary>How one host's upsmon ended.</summary>
    public sealed class SimulatedHostOutcome
    {
        public string Name { get; internal set; } = string.Empty;
        public bool IsPrimary { get; internal set; }

        /// <summary>MINSUPPLIES &gt; 0 (a monitor-only host never shuts down).</summary>
        public bool CanShutDown { get; internal set; }

        public bool ShutDown { get; internal set; }
        public double? ShutdownSeconds { get; internal set; }

        /// <summary>Stopped, Shutdown, Fatal, NotStarted, or Failed.</summary>
        public string ExitReason { get; internal set; } = "NotStarted";

        public string? Error { get; internal set; }
        public ShutdownDecision? Decision { get; internal set; }

        /// <summary>The host's POWERDOWNFLAG setting (never written or removed by a simulation); a real shutdown
        /// would have created it, so this host would power the UPS off in its late shutdown.</summary>
        public string? PowerDownFlag { get; internal set; }

        /// <summary>The monitor's last state (per-UPS status, power value total, cycles).</summary>
        public MonitorSnapshot? FinalState { get; internal set; }

        public override string ToString() => $"{Name}: {ExitReason}" + (ShutdownSeconds.HasValue ? $" at {ShutdownSeconds:0.0}s" : "");
    }

    public sealed class SimulationLogEntry
    {
        public double Seconds { get; internal set; }
        public string Host { get; internal set; } = string.Empty;
        public string Level { get; internal set; } = string.Empty;
        public string Message { get; internal set; } = string.Empty;
        public override string ToString() => $"{Seconds,7:0.0}s {Host,-10} {Level,-8} {Message}";
    }
}
