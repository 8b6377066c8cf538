using System;
using System.Collections.Generic;
using System.Reflection;
using UpsPS.Engine.Config;

namespace UpsPS.Engine.Server
{
    /// <summary>
    /// Everything the command handler and the devices share: devices, sessions, users, tracking table,
    /// descriptions, clock and log. All mutation happens while holding <see cref="Gate"/>.
    /// </summary>
    public sealed class ServerState
    {
        private readonly List<ServerDevice> _devices = new List<ServerDevice>();
        private readonly List<ClientSession> _sessions = new List<ClientSession>();

        public ServerState(UpsdConfig config, UserTable users, IServerLog? log = null, Func<DateTime>? clock = null)
        {
            Config = config;
            Users = users;
            Log = log ?? DelegateServerLog.Null;
            Clock = clock ?? (() => DateTime.UtcNow);
        }

        /// <summary>Lock guarding devices, sessions and tables.</summary>
        public object Gate { get; } = new object();

        public UpsdConfig Config { get; set; }

        /// <summary>Replaceable (reload); rights are checked against the current table at each command.</summary>
        public UserTable Users { get; set; }

        public DescriptionTable Descriptions { get; set; } = DescriptionTable.BuiltIn();
        public TrackingTable Tracking { get; } = new TrackingTable();
        public IServerLog Log { get; }
        public Func<DateTime> Clock { get; }

        /// <summary>True when STARTTLS can be answered with OK STARTTLS (a TLS upgrade hook is configured).</summary>
        public bool TlsAvailable { get; set; }

        /// <summary>Failed-login bookkeeping per client address.</summary>
        public LoginThrottle LoginThrottle { get; } = new LoginThrottle();

        /// <summary>UpsPS's version, used for VER and server.version.</summary>
        public string Version { get; set; } = DefaultVersion;

        public string ProjectUrl { get; set; } = DefaultProjectUrl;

        /// <summary>
        /// VER / server.info text. The "Network UPS Tools upsd " prefix is kept on purpose because clients and
        /// UIs display or parse it; the version and URL are UpsPS's own.
        /// </summary>
        public string VersionLine => $"Network UPS Tools upsd {Version} - {ProjectUrl}";

        public const string DefaultProjectUrl = "https://github.com/upsps/upsps";

        public static string DefaultVersion
        {
            get
            {
                var v = typeof(ServerState).Assembly.GetName().Version;
                return v == null ? "0.0.0" : $"{v.Major}.{v.Minor}.{v.Build}";
            }
        }

        /// <summary>Devices in configuration order.</summary>
        public IReadOnlyList<ServerDevice> Devices => _devices;

        /// <summary>Connected clients, oldest first.</summary>
        public IReadOnlyList<ClientSession> Sessions => _sessions;

        public DateTime Now => Clock();

        public ServerDevice? FindDevice(string name)
        {
            foreach (var d in _devices)
                if (string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)) return d;
            return null;
        }

        internal void AddDevice(ServerDevice device)
        {
            if (FindDevice(device.Name) != null) throw new ArgumentException($"UPS name [{device.Name}] is already in use!");
            _devices.Add(device);
        }

        internal bool RemoveDevice(ServerDevice device) => _devices.Remove(device);

        internal void AddSession(ClientSession session) => _sessions.Add(session);

        /// <summary>Forgets a closed session and gives back its LOGIN.</summary>
        internal void RemoveSession(ClientSession session)
        {
            if (!_sessions.Remove(session)) return;
            if (session.LoggedInto != null)
            {
                session.LoggedInto.NumLogins--;
                session.LoggedInto = null;
            }
        }
    }
}
