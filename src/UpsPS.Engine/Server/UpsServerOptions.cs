using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Server
{
    /// <summary>Knobs that are fixed in upsd but injectable here (mainly for tests).</summary>
    public sealed class UpsServerOptions
    {
        /// <summary>Disconnect clients with no complete line for longer than this (upsd: 60 s).</summary>
        public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Period of the maintenance pass: tracking purge, reconnects, staleness, idle clients (upsd: ≤2 s).</summary>
        public TimeSpan LoopInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Clock (UTC) used for staleness, idle timeouts and tracking purge.</summary>
        public Func<DateTime> Clock { get; set; } = () => DateTime.UtcNow;

        /// <summary>cmdvartab files to try in order; null = DATAPATH/cmdvartab then /usr/share/nut/cmdvartab.
        /// Without any file the built-in descriptions are used.</summary>
        public IList<string>? DescriptionFiles { get; set; }

        /// <summary>
        /// TLS hook for STARTTLS: given the plain stream after "OK STARTTLS" was sent, returns the authenticated TLS
        /// stream. Null = TLS not configured (STARTTLS → ERR FEATURE-NOT-CONFIGURED).
        /// </summary>
        public Func<Stream, CancellationToken, Task<Stream>>? TlsUpgrade { get; set; }

        public const int DefaultMaxConnectionsPerAddress = 32;

        /// <summary>Simultaneous connections allowed from one client address, on top of MAXCONN (0 = no per-address limit).
        /// A connection over the limit is closed at once and logged.</summary>
        public int MaxConnectionsPerAddress { get; set; } = DefaultMaxConnectionsPerAddress;

        /// <summary>Whether the per-address limit also applies to loopback clients. Off by default: local exporters and
        /// monitors may legitimately hold many connections, and a local process can exhaust MAXCONN anyway.</summary>
        public bool LimitLoopbackConnections { get; set; }

        /// <summary>Overrides the version reported by VER / server.version (transcript tests use this).</summary>
        public string? Version { get; set; }

        /// <summary>Overrides the URL part of VER / server.info.</summary>
        public string? ProjectUrl { get; set; }
    }
}
