using System;
using System.Globalization;

namespace UpsPS.Engine.Client
{
    /// <summary>
    /// A device address in upsc's form <c>ups[@host[:port]]</c>; IPv6 hosts in brackets (<c>ups@[::1]:3493</c>).
    /// </summary>
    public sealed class NutTarget
    {
        public const int DefaultPort = 3493;

        public NutTarget(string? upsName, string host, int port)
        {
            UpsName = upsName;
            Host = host;
            Port = port;
        }

        /// <summary>Null when the spec named only a host (<c>@host</c>).</summary>
        public string? UpsName { get; }
        public string Host { get; }
        public int Port { get; }

        /// <summary>True when the text carries its own host (contains '@').</summary>
        public static bool HasHost(string spec) => spec.IndexOf('@') >= 0;

        /// <summary>Parses <paramref name="spec"/>; missing parts come from the defaults.</summary>
        public static NutTarget Parse(string spec, string defaultHost = "localhost", int defaultPort = DefaultPort)
        {
            if (spec == null) throw new ArgumentNullException(nameof(spec));
            var at = spec.IndexOf('@');
            if (at < 0) return new NutTarget(EmptyToNull(spec), defaultHost, defaultPort);

            var ups = EmptyToNull(spec.Substring(0, at));
            var rest = spec.Substring(at + 1);
            string host;
            var port = defaultPort;
            if (rest.StartsWith("[", StringComparison.Ordinal))
            {
                var close = rest.IndexOf(']');
                if (close < 0) throw new FormatException($"Missing ']' in '{spec}'.");
                host = rest.Substring(1, close - 1);
                var after = rest.Substring(close + 1);
                if (after.Length > 0)
                {
                    if (after[0] != ':') throw new FormatException($"Unexpected text after ']' in '{spec}'.");
                    port = ParsePort(after.Substring(1), spec);
                }
            }
            else
            {
                var colon = rest.IndexOf(':');
                // More than one colon without brackets: a bare IPv6 address, no port.
                if (colon >= 0 && rest.IndexOf(':', colon + 1) < 0)
                {
                    host = rest.Substring(0, colon);
                    port = ParsePort(rest.Substring(colon + 1), spec);
                }
                else host = rest;
            }
            if (host.Length == 0) host = defaultHost;
            return new NutTarget(ups, host, port);
        }

        public override string ToString()
        {
            var host = Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host;
            return $"{UpsName}@{host}:{Port.ToString(CultureInfo.InvariantCulture)}";
        }

        private static int ParsePort(string text, string spec)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
                throw new FormatException($"Invalid port in '{spec}'.");
            return port;
        }

        private static string? EmptyToNull(string s) => s.Length == 0 ? null : s;
    }
}
