using System;
using UpsPS.Engine.Snmp.Usm;

namespace UpsPS.Engine.Snmp
{
    /// <summary>Where and how to talk to one agent. Secrets are never included in messages or logs.</summary>
    public sealed class SnmpClientOptions
    {
        public string Host { get; set; } = "127.0.0.1";
        public int Port { get; set; } = 161;
        public SnmpVersion Version { get; set; } = SnmpVersion.V1;
        public string Community { get; set; } = "public";

        /// <summary>Time to wait for an answer to one try (NUT snmp_timeout, default 1 s).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Tries after the first (NUT snmp_retries, default 5).</summary>
        public int Retries { get; set; } = 5;

        public string SecurityName { get; set; } = "";
        public SnmpSecurityLevel SecurityLevel { get; set; } = SnmpSecurityLevel.NoAuthNoPriv;
        public UsmAuthProtocol AuthProtocol { get; set; } = UsmAuthProtocol.Md5;
        public string? AuthPassword { get; set; }
        public UsmPrivProtocol PrivProtocol { get; set; } = UsmPrivProtocol.Des;
        public string? PrivPassword { get; set; }

        /// <summary>Parses NUT's <c>port = host[:port]</c> (IPv6 as <c>[addr]:port</c>).</summary>
        public static (string Host, int Port) ParseAddress(string text, int defaultPort = 161)
        {
            var s = text.Trim();
            if (s.StartsWith("[", StringComparison.Ordinal))
            {
                var close = s.IndexOf(']');
                if (close < 0) throw new ArgumentException($"bad address '{text}'");
                var host = s.Substring(1, close - 1);
                var rest = s.Substring(close + 1);
                return (host, rest.StartsWith(":", StringComparison.Ordinal) ? ParsePort(rest.Substring(1), text) : defaultPort);
            }
            var colon = s.LastIndexOf(':');
            if (colon > 0 && s.IndexOf(':') == colon) return (s.Substring(0, colon), ParsePort(s.Substring(colon + 1), text));
            return (s, defaultPort);
        }

        private static int ParsePort(string p, string text)
        {
            if (!int.TryParse(p, out var port) || port <= 0 || port > 65535) throw new ArgumentException($"bad port in '{text}'");
            return port;
        }

        internal string Describe() => Version == SnmpVersion.V3
            ? $"{Host}:{Port} (SNMPv3 user '{SecurityName}', {SecurityLevel})"
            : $"{Host}:{Port} (SNMP {(Version == SnmpVersion.V1 ? "v1" : "v2c")})";
    }
}
