using System;
using System.Collections.Generic;
using UpsPS.Engine.Monitor;

namespace UpsPS.Engine.Simulation
{
    /// <summary>
    /// A whole NUT installation to run in one process: dummy-ups devices served by one server, and "hosts",
    /// each an upsmon with its own upsmon.conf whose shutdown is captured instead of executed. Every MONITOR
    /// system (<c>ups@anyhost[:port]</c>) is answered by the simulation's server, so the upsmon.conf files of a
    /// real multi-machine installation can be used unchanged.
    /// </summary>
    public sealed class SimulationTopology
    {
        public List<SimulatedUps> Ups { get; } = new List<SimulatedUps>();
        public List<SimulatedHost> Hosts { get; } = new List<SimulatedHost>();
        public List<SimulationAction> Actions { get; } = new List<SimulationAction>();

        /// <summary>Simulated seconds per real second (1 = real time).</summary>
        public double TimeScale { get; set; } = 1;

        /// <summary>Simulated time after which the run ends even if hosts are still up.</summary>
        public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>End as soon as every host that can shut down (MINSUPPLIES &gt; 0) has run its shutdown action.</summary>
        public bool StopWhenAllShutDown { get; set; } = true;

        /// <summary>upsd.users text; null = generated from the hosts' MONITOR credentials (and simulation
        /// credentials for MONITOR entries without any).</summary>
        public string? UsersText { get; set; }

        /// <summary>Extra upsd.conf lines (LISTEN is always 127.0.0.1 on a free port).</summary>
        public string? UpsdText { get; set; }

        /// <summary>Directory for the generated configuration; null = a new temporary directory, removed afterwards.</summary>
        public string? WorkDirectory { get; set; }

        /// <summary>Keep the generated configuration directory (for inspection, or to replay it with real NUT).</summary>
        public bool KeepWorkDirectory { get; set; }
    }

    /// <summary>One dummy-ups device: its .dev/.seq content (or a path to one).</summary>
    public sealed class SimulatedUps
    {
        public SimulatedUps(string name) { Name = name; }

        public string Name { get; }

        /// <summary>The data file's text; written to <c>&lt;name&gt;.seq</c> (or <see cref="FileName"/>) in the work directory.</summary>
        public string? Content { get; set; }

        /// <summary>An existing .dev/.seq file (absolute, or relative to the work directory); used when <see cref="Content"/> is null.</summary>
        public string? Path { get; set; }

        /// <summary>File name for <see cref="Content"/>; its extension matters to dummy-ups only when <see cref="Mode"/> is null.</summary>
        public string? FileName { get; set; }

        /// <summary>dummy-once (default here: an outage plays once and holds), dummy-loop, or null for dummy-ups' own choice by extension.</summary>
        public string? Mode { get; set; } = "dummy-once";

        public string? Description { get; set; }

        /// <summary>Extra ups.conf lines for the section (e.g. <c>pollinterval = 1</c>).</summary>
        public List<string> ExtraSettings { get; } = new List<string>();
    }

    /// <summary>One simulated computer running upsmon.</summary>
    public sealed class SimulatedHost
    {
        public SimulatedHost(string name, MonitorConfig config)
        {
            Name = name;
            Config = config ?? throw new ArgumentNullException(nameof(config));
        }

        public string Name { get; }

        /// <summary>Its upsmon.conf (SHUTDOWNCMD and NOTIFYCMD are never run: notifications and the shutdown are recorded).</summary>
        public MonitorConfig Config { get; }

        /// <summary>Simulated second at which this host's upsmon starts (0 = with the simulation).</summary>
        public double StartAtSeconds { get; set; }

        /// <summary>True when any MONITOR line is primary.</summary>
        public bool IsPrimary => Config.Monitors.Exists(m => m.Role == MonitorRole.Primary);
    }

    public enum SimulationActionKind
    {
        /// <summary>The UPS's driver stops as if killed: the server answers DRIVER-NOT-CONNECTED.</summary>
        KillDriver,

        /// <summary>A killed driver starts again (and replays its file from the top).</summary>
        StartDriver,

        /// <summary>The UPS disappears from the server (a reload without its ups.conf section): UNKNOWN-UPS.</summary>
        RemoveUps,

        /// <summary>Sets a variable at the driver, like <c>upsrw -s</c> (default variable ups.status).</summary>
        SetVariable,

        /// <summary><c>upsmon -c fsd</c> on a host.</summary>
        ForcedShutdown,

        /// <summary>Stops a host's upsmon (LOGOUT) without a shutdown.</summary>
        StopHost,
    }

    /// <summary>Something done to the topology at a simulated second.</summary>
    public sealed class SimulationAction
    {
        public double AtSeconds { get; set; }
        public SimulationActionKind Kind { get; set; }

        /// <summary>UPS name (driver actions) or host name (host actions).</summary>
        public string Target { get; set; } = string.Empty;

        public string? Variable { get; set; }
        public string? Value { get; set; }

        public override string ToString() => Kind switch
        {
            SimulationActionKind.SetVariable => $"{Kind} {Target} {Variable ?? "ups.status"}={Value}",
            _ => $"{Kind} {Target}",
        };
    }
}
