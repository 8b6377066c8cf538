using System;
using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Client
{
    /// <summary>
    /// Consumes the lines of one LIST reply and checks its framing the way libupsclient does:
    /// <c>BEGIN LIST &lt;query&gt;</c> first, every item starting with the query words, the block ending at
    /// the first <c>END LIST</c>, and an ERR line anywhere aborting the list.
    /// </summary>
    public sealed class NutListParser
    {
        private readonly IReadOnlyList<string> _query;
        private readonly string _request;
        private readonly List<IReadOnlyList<string>> _items = new List<IReadOnlyList<string>>();
        private bool _begun;

        /// <param name="query">The words after LIST, e.g. <c>VAR ups</c>.</param>
        public NutListParser(IReadOnlyList<string> query, string request)
        {
            _query = query;
            _request = request;
        }

        public bool IsComplete { get; private set; }

        /// <summary>Every item line with the echoed query words removed (for LIST VAR: name, value).</summary>
        public IReadOnlyList<IReadOnlyList<string>> Items => _items;

        /// <summary>Feeds one reply line; returns true once END LIST has been seen.</summary>
        public bool Accept(IReadOnlyList<string> words)
        {
            if (IsComplete) throw new InvalidOperationException("The list is already complete.");
            NutReplyParser.ThrowIfError(words, _request);
            if (!_begun)
            {
                if (words.Count < 2 || !Is(words[0], "BEGIN") || !Is(words[1], "LIST") ||
                    !NutReplyParser.StartsWith(words.Skip(2).ToArray(), _query))
                    throw new NutProtocolException($"Expected 'BEGIN LIST {string.Join(" ", _query)}' in reply to '{_request}', got '{NutReplyParser.Show(words)}'.");
                _begun = true;
                return false;
            }
            if (words.Count >= 2 && Is(words[0], "END") && Is(words[1], "LIST"))
            {
                IsComplete = true;
                return true;
            }
            if (!NutReplyParser.StartsWith(words, _query))
                throw new NutProtocolException($"List item in reply to '{_request}' does not start with '{string.Join(" ", _query)}': '{NutReplyParser.Show(words)}'.");
            _items.Add(words.Skip(_query.Count).ToArray());
            return false;
        }

        /// <summary>Parses a complete block at once (tests, recorded transcripts).</summary>
        public static IReadOnlyList<IReadOnlyList<string>> ParseAll(IReadOnlyList<string> query, IEnumerable<IReadOnlyList<string>> lines, string request)
        {
            var parser = new NutListParser(query, request);
            foreach (var line in lines)
            {
                if (parser.Accept(line)) return parser.Items;
            }
            throw new NutProtocolException($"The reply to '{request}' ended before END LIST.");
        }

        private static bool Is(string word, string expected) => string.Equals(word, expected, StringComparison.OrdinalIgnoreCase);
    }
}
