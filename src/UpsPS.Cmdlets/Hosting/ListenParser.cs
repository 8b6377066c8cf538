using System;
using System.Collections.Generic;
using UpsPS.Engine.Config;

namespace UpsPS.Cmdlets.Hosting
{
    /// <summary>Parses -Listen values: "127.0.0.1", "127.0.0.1:3493", "::1", "[::1]:3493", "*", "*:3493".</summary>
    internal static class ListenParser
    {
        public static List<ListenAddress> Parse(IEnumerable<string> values, int? defaultPort)
        {
            var result = new List<ListenAddress>();
            foreach (var value in values) result.Add(ParseOne(value.Trim(), defaultPort ?? ListenAddress.DefaultPort));
            return result;
        }

        private static ListenAddress ParseOne(string value, int defaultPort)
        {
            if (value.StartsWith("[", StringComparison.Ordinal))
            {
                var close = value.IndexOf(']');
                if (close < 0) throw new FormatException($"'{value}' is not an address: missing ']'.");
                var host = value.Substring(1, close - 1);
                var rest = value.Substring(close + 1);
                return new ListenAddress(host, rest.StartsWith(":", StringComparison.Ordinal) ? PortOf(rest.Substring(1), value) : defaultPort);
            }
            var colons = value.Split(':').Length - 1;
            if (colons == 1)
            {
                var i = value.IndexOf(':');
                return new ListenAddress(value.Substring(0, i), PortOf(value.Substring(i + 1), value));
            }
            return new ListenAddress(value, defaultPort);
        }

        private static int PortOf(string text, string whole) =>
            int.TryParse(text, out var port) && port >= 0 && port <= 65535 ? port : throw new FormatException($"'{whole}' has no valid port.");
    }
}
