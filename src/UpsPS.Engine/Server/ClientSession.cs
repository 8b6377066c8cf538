using System;
using System.Threading;

namespace UpsPS.Engine.Server
{
    /// <summary>Per-connection state of one network client (what upsd keeps in its client struct).</summary>
    public sealed class ClientSession
    {
        private static long _nextId;

        public ClientSession(string peerAddress, DateTime connectedAt)
        {
            Id = Interlocked.Increment(ref _nextId);
            PeerAddress = peerAddress;
            ConnectedAt = connectedAt;
            LastHeard = connectedAt;
        }

        public long Id { get; }

        /// <summary>Numeric peer IP without port (IPv6 without brackets).</summary>
        public string PeerAddress { get; }

        public DateTime ConnectedAt { get; }

        /// <summary>Time of the last complete request line (partial lines do not count).</summary>
        public DateTime LastHeard { get; set; }

        public string? Username { get; set; }

        /// <summary>Never logged; compared in constant time.</summary>
        public string? Password { get; set; }

        /// <summary>This connection's wrong credentials were already counted once (they cannot change: USERNAME/PASSWORD are set once).</summary>
        public bool FailureCounted { get; set; }

        public ServerDevice? LoggedInto { get; set; }
        public bool TrackingEnabled { get; set; }
        public bool IsTls { get; set; }

        /// <summary>Name used in log lines: "user@addr" (user empty when not set, like upsd).</summary>
        public string LogName => $"{Username}@{PeerAddress}";

        /// <summary>Set by the server to close the connection from outside (idle timeout, kick).</summary>
        internal Action? Close { get; set; }
    }
}
