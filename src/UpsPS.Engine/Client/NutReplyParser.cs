using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace UpsPS.Engine.Client
{
    /// <summary>
    /// Pure checks and conversions of tokenized reply lines (words from <see cref="Protocol.NutTokenizer"/>).
    /// Echo comparisons are case-insensitive, as libupsclient does them.
    /// </summary>
    public static class NutReplyParser
    {
        public static bool IsError(IReadOnlyList<string> words) =>
            words.Count > 0 && string.Equals(words[0], "ERR", StringComparison.OrdinalIgnoreCase);

        /// <summary>Throws <see cref="NutException"/> when the reply is an ERR line.</summary>
        public static void ThrowIfError(IReadOnlyList<string> words, string request)
        {
            if (IsError(words)) throw NutException.FromWords(words, request);
        }

        /// <summary>Checks an <c>OK…</c> reply; returns the words after OK (e.g. <c>PRIMARY-GRANTED</c>).</summary>
        public static IReadOnlyList<string> ParseOk(IReadOnlyList<string> words, string request)
        {
            ThrowIfError(words, request);
            if (words.Count == 0 || !words[0].StartsWith("OK", StringComparison.OrdinalIgnoreCase))
                throw new NutProtocolException($"Expected OK in reply to '{request}', got '{Show(words)}'.");
            return words.Skip(1).ToArray();
        }

        /// <summary>For SET VAR / INSTCMD: the id of <c>OK TRACKING &lt;id&gt;</c>, or null for a plain OK.</summary>
        public static string? ParseOkTracking(IReadOnlyList<string> words, string request)
        {
            var rest = ParseOk(words, request);
            if (rest.Count >= 2 && string.Equals(rest[0], "TRACKING", StringComparison.OrdinalIgnoreCase)) return rest[1];
            return null;
        }

        /// <summary>
        /// Checks that a GET reply echoes the query (<c>GET VAR ups x</c> → <c>VAR ups x …</c>) and returns the words after the echo.
        /// </summary>
        public static IReadOnlyList<string> ParseGet(IReadOnlyList<string> query, IReadOnlyList<string> words, string request)
        {
            ThrowIfError(words, request);
            if (!StartsWith(words, query))
                throw new NutProtocolException($"Reply to '{request}' does not echo the query: '{Show(words)}'.");
            return words.Skip(query.Count).ToArray();
        }

        /// <summary>GET VAR/UPSDESC/DESC/CMDDESC: exactly one value word after the echo.</summary>
        public static string ParseSingleValue(IReadOnlyList<string> query, IReadOnlyList<string> words, string request)
        {
            var rest = ParseGet(query, words, request);
            if (rest.Count < 1) throw new NutProtocolException($"Reply to '{request}' has no value: '{Show(words)}'.");
            return rest[0];
        }

        public static int ParseNumLogins(IReadOnlyList<string> query, IReadOnlyList<string> words, string request)
        {
            var value = ParseSingleValue(query, words, request);
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                throw new NutProtocolException($"NUMLOGINS value '{value}' is not a number.");
            return n;
        }

        /// <summary><c>PROTVER</c>/<c>NETVER</c> reply: a bare version like <c>1.3</c>.</summary>
        public static Version ParseProtocolVersion(IReadOnlyList<string> words, string request)
        {
            ThrowIfError(words, request);
            if (words.Count < 1 || !Version.TryParse(words[0], out var version))
                throw new NutProtocolException($"Unparsable protocol version in reply to '{request}': '{Show(words)}'.");
            return version;
        }

        /// <summary><c>GET TRACKING &lt;id&gt;</c>: PENDING, SUCCESS, or one of the result ERR codes. Other ERR codes throw.</summary>
        public static NutTrackingResult ParseTracking(string id, IReadOnlyList<string> words, string request)
        {
            if (words.Count == 0) throw new NutProtocolException($"Empty reply to '{request}'.");
            var first = words[0].ToUpperInvariant();
            if (first == "PENDING") return new NutTrackingResult(id, NutTrackingStatus.Pending);
            if (first == "SUCCESS") return new NutTrackingResult(id, NutTrackingStatus.Success);
            if (IsError(words) && words.Count > 1)
            {
                var code = NutErrorCodes.Parse(words[1]);
                if (code == NutErrorCode.Unknown || code == NutErrorCode.InvalidArgument || code == NutErrorCode.Failed)
                    return new NutTrackingResult(id, NutTrackingStatus.Failed, code, words[1]);
            }
            ThrowIfError(words, request);
            throw new NutProtocolException($"Unexpected reply to '{request}': '{Show(words)}'.");
        }

        /// <summary><c>GET TRACKING</c> (no id): ON or OFF.</summary>
        public static bool ParseTrackingSwitch(IReadOnlyList<string> words, string request)
        {
            ThrowIfError(words, request);
            if (words.Count > 0 && string.Equals(words[0], "ON", StringComparison.OrdinalIgnoreCase)) return true;
            if (words.Count > 0 && string.Equals(words[0], "OFF", StringComparison.OrdinalIgnoreCase)) return false;
            throw new NutProtocolException($"Unexpected reply to '{request}': '{Show(words)}'.");
        }

        public static NutVariableType ParseType(IReadOnlyList<string> query, IReadOnlyList<string> words, string request) =>
            NutVariableType.FromFlags(ParseGet(query, words, request));

        internal static bool StartsWith(IReadOnlyList<string> words, IReadOnlyList<string> prefix)
        {
            if (words.Count < prefix.Count) return false;
            for (var i = 0; i < prefix.Count; i++)
            {
                if (!string.Equals(words[i], prefix[i], StringComparison.OrdinalIgnoreCase)) return false;
            }
            return true;
        }

        internal static string Show(IReadOnlyList<string> words) => string.Join(" ", words);
    }
}
