using System;
using UpsPS.Engine.Monitor;

namespace UpsPS.Engine.Simulation
{
    public enum SimulationEventKind
    {
        /// <summary>A driver published a new ups.status.</summary>
        Driver,

        /// <summary>A host's upsmon raised a notification (ONBATT, LOWBATT, FSD, SHUTDOWN…).</summary>
        Notify,

        /// <summary>A host's upsmon decided to shut down (the rule and values are in <see cref="SimulationEvent.Decision"/>).</summary>
        ShutdownDecided,

        /// <summary>A host's shutdown action ran (after FINALDELAY and the POWERDOWNFLAG file): the host is down.</summary>
        Shutdown,

        /// <summary>A scripted <see cref="SimulationAction"/> was applied.</summary>
        Action,

        /// <summary>A host's upsmon ended without shutting down, or failed.</summary>
        HostStopped,
    }

    /// <summary>One entry of a simulation's timeline.</summary>
    public sealed class SimulationEvent
    {
        /// <summary>Simulated seconds since the start.</summary>
        public double Seconds { get; internal set; }

        /// <summary>Simulated wall time.</summary>
        public DateTimeOffset Time { get; internal set; }

        public SimulationEventKind Kind { get; internal set; }

        /// <summary>Host name; null for driver and action events.</summary>
        public string? Host { get; internal set; }

        /// <summary>Notify type name (ONBATT…), the new status for driver events, the trigger for shutdowns, the action kind.</summary>
        public string Type { get; internal set; } = string.Empty;

        /// <summary>UPS name (driver events) or MONITOR system (notifications); empty when not about one UPS.</summary>
        public string Ups { get; internal set; } = string.Empty;

        public string Message { get; internal set; } = string.Empty;

        public UpsNotification? Notification { get; internal set; }
        public ShutdownDecision? Decision { get; internal set; }

        public override string ToString() =>
            $"{Seconds,7:0.0}s {Kind,-15} {Host ?? "-",-10} {Type,-18} {Ups,-12} {Message}";
    }
}
