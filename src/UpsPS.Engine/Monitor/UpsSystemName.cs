using System;
using System.Globalization;

namespace UpsPS.Engine.Monitor
{
    /// <summary>A MONITOR system string <c>upsname[@host[:port]]</c>; <see cref="Text"/> keeps it verbatim.</summary>
    public sealed class UpsSystemName
    {
        public const int DefaultPort = 3493;

        private UpsSystemName(string text, string upsName, string host, int port)
        {
            Text = text;
            UpsName = upsName;
            Host = host;
            Port = port;
        }

        /// <summary>Exactly as written in the MONITOR line; used in messages and UPSNAME.</summary>
        public string Text { get; }
        public string UpsName { get; }
        public string Host { get; }
        public int Port { get; }

        public override string ToString() => Text;

        /// <summary>Parses; accepts <c>[v6addr]:port</c>. Throws <see cref="FormatException"/> on an empty UPS name or bad port.</summary>
        public static UpsSystemName Parse(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            int at = text.IndexOf('@');
            string ups = at < 0 ? text : text.Substring(0, at);
            if (ups.Length == 0) throw new FormatException($"Invalid UPS definition [{text}]: missing UPS name");
            if (at < 0) return new UpsSystemName(text, ups, "localhost", DefaultPort);

            string rest = text.Substring(at + 1);
            string host = rest;
            int port = DefaultPort;
            string? portText = null;
            if (rest.StartsWith("[", StringComparison.Ordinal))
            {
                int close = rest.IndexOf(']');
                if (close < 0) throw new FormatException($"Invalid UPS definition [{text}]: unbalanced [");
                host = rest.Substring(1, close - 1);
                if (close + 1 < rest.Length)
                {
                    if (rest[close + 1] != ':') throw new FormatException($"Invalid UPS definition [{text}]");
                    portText = rest.Substring(close + 2);
                }
            }
            else
            {
                int colon = rest.IndexOf(':');
                if (colon >= 0 && rest.IndexOf(':', colon + 1) < 0)
                {
                    host = rest.Substring(0, colon);
                    portText = rest.Substring(colon + 1);
                }
            }
            if (portText != null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535))
                throw new FormatException($"Invalid UPS definition [{text}]: bad port");
            if (host.Length == 0) host = "localhost";
            return new UpsSystemName(text, ups, host, port);
        }
    }
}
