using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Client
{
    /// <summary>Upgrades a plaintext stream to TLS after <c>OK STARTTLS</c>; arguments: stream, host name, cancellation.</summary>
    public delegate Task<Stream> NutTlsUpgrade(Stream plain, string host, CancellationToken cancellationToken);

    public sealed class NutClientOptions
    {
        public string Host { get; set; } = "localhost";
        public int Port { get; set; } = NutTarget.DefaultPort;
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Time allowed for one request and its whole reply (a LIST block included).</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Send STARTTLS first, as upsc does. An ERR reply means "no TLS" unless <see cref="RequireTls"/>.</summary>
        public bool TryStartTls { get; set; }

        public bool RequireTls { get; set; }

        /// <summary>Performs the TLS handshake after <c>OK STARTTLS</c>. Without it, a server that accepts STARTTLS
        /// cannot be used (the connection fails).</summary>
        public NutTlsUpgrade? TlsUpgrade { get; set; }

        /// <summary>After a dropped connection, reconnect and restore credentials, LOGIN, PRIMARY and tracking.
        /// Reads (GET/LIST) are retried once; SET/INSTCMD are never resent automatically.</summary>
        public bool AutoReconnect { get; set; }

        /// <summary>
        /// upsd drops clients that send nothing for 60 s. When set, an idle connection sends <c>VER</c> after this long.
        /// 30–50 s is the right range; null disables the keepalive (then call <see cref="NutClient.KeepAliveAsync"/> yourself).
        /// </summary>
        public TimeSpan? KeepAliveInterval { get; set; }

        /// <summary>Protocol trace (requests and replies); passwords are masked.</summary>
        public Action<string>? Trace { get; set; }
    }
}
