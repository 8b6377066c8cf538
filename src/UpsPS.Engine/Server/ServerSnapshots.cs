using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Server
{
    /// <summary>A point-in-time view of one served device (for cmdlets and monitoring).</summary>
    public sealed class ServerDeviceInfo
    {
        public string Name { get; internal set; } = "";
        public string? Description { get; internal set; }
        public string Location { get; internal set; } = "";
        public bool Connected { get; internal set; }
        public bool Stale { get; internal set; }
        public bool DumpDone { get; internal set; }
        public int NumLogins { get; internal set; }
        public bool ForcedShutdown { get; internal set; }
        public DateTime LastHeard { get; internal set; }

        /// <summary>Variables as clients see them (ups.status with the FSD prefix), sorted like LIST VAR.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Variables { get; internal set; } = Array.Empty<KeyValuePair<string, string>>();
        public IReadOnlyList<string> Commands { get; internal set; } = Array.Empty<string>();
    }

    /// <summary>A point-in-time view of one client connection. The password is never exposed.</summary>
    public sealed class ServerClientInfo
    {
        public long Id { get; internal set; }
        public string Address { get; internal set; } = "";
        public string? Username { get; internal set; }
        public string? LoggedInto { get; internal set; }
        public bool TrackingEnabled { get; internal set; }
        public bool IsTls { get; internal set; }
        public DateTime ConnectedAt { get; internal set; }
        public DateTime LastHeard { get; internal set; }
    }
}
