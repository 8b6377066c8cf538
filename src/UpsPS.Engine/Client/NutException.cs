using System;
using System.Collections.Generic;
using System.IO;

namespace UpsPS.Engine.Client
{
    /// <summary>The server answered a request with <c>ERR &lt;code&gt; [extra…]</c>.</summary>
    public class NutException : Exception
    {
        public NutException(NutErrorCode code, string codeText, string? extra, string request)
            : base(BuildMessage(codeText, extra, request))
        {
            Code = code;
            CodeText = codeText;
            Extra = extra;
            Request = request;
        }

        public NutErrorCode Code { get; }

        /// <summary>The code exactly as sent (kept for codes not in <see cref="NutErrorCode"/>).</summary>
        public string CodeText { get; }

        /// <summary>Words after the code, joined by spaces, or null.</summary>
        public string? Extra { get; }

        /// <summary>The request that failed, with secrets masked.</summary>
        public string Request { get; }

        internal static NutException FromWords(IReadOnlyList<string> words, string request)
        {
            var codeText = words.Count > 1 ? words[1] : "";
            string? extra = words.Count > 2 ? string.Join(" ", Skip(words, 2)) : null;
            return new NutException(NutErrorCodes.Parse(codeText), codeText, extra, request);
        }

        private static IEnumerable<string> Skip(IReadOnlyList<string> words, int from)
        {
            for (var i = from; i < words.Count; i++) yield return words[i];
        }

        private static string BuildMessage(string codeText, string? extra, string request) =>
            $"The NUT server answered '{request}' with ERR {codeText}{(extra == null ? "" : " " + extra)}.";
    }

    /// <summary>A reply that does not follow the protocol (wrong echo, broken LIST framing, unparsable value).</summary>
    public class NutProtocolException : Exception
    {
        public NutProtocolException(string message) : base(message) { }
    }

    /// <summary>The TCP connection could not be opened or was lost.</summary>
    public class NutConnectionException : IOException
    {
        public NutConnectionException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
