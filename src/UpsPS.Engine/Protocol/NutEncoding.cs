using System.Collections.Generic;
using System.Text;

namespace UpsPS.Engine.Protocol
{
    /// <summary>NUT's pconf_encode: backslash before quote, backslash and hash; nothing else.</summary>
    public static class NutEncoding
    {
        public static string Encode(string value)
        {
            if (value.IndexOfAny(Special) < 0) return value;
            var sb = new StringBuilder(value.Length + 8);
            foreach (var c in value)
            {
                if (c == '"' || c == '\\' || c == '#') sb.Append('\\');
                sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>Encoded and wrapped in double quotes, as values appear in replies.</summary>
        public static string Quote(string value) => "\"" + Encode(value) + "\"";

        /// <summary>A request argument as libupsclient sends it: encoded, quoted when it has a space or is empty.</summary>
        public static string Argument(string value)
        {
            var encoded = Encode(value);
            return encoded.Length == 0 || encoded.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + encoded + "\"" : encoded;
        }

        /// <summary>Builds one request line from arguments (without the trailing LF).</summary>
        public static string Line(IEnumerable<string> words)
        {
            var sb = new StringBuilder();
            foreach (var w in words)
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(Argument(w));
            }
            return sb.ToString();
        }

        private static readonly char[] Special = { '"', '\\', '#' };
        private static readonly char[] NeedsQuotes = { ' ', '\t', '=' };
    }
}
