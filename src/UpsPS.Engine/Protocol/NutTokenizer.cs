using System;
using System.Collections.Generic;
using System.Text;

namespace UpsPS.Engine.Protocol
{
    /// <summary>One logical line produced by <see cref="NutTokenizer"/>.</summary>
    public sealed class TokenizedLine
    {
        public TokenizedLine(IReadOnlyList<string> words, int lineNumber, string? error)
        {
            Words = words;
            LineNumber = lineNumber;
            Error = error;
        }

        public IReadOnlyList<string> Words { get; }

        /// <summary>1-based logical line number (continuations do not count).</summary>
        public int LineNumber { get; }

        /// <summary>Parse error text (NUT's wording) or null; a line with an error has no words.</summary>
        public string? Error { get; }
    }

    /// <summary>
    /// NUT's parseconf state machine, fed byte by byte. Shared by every config file reader,
    /// the network protocol and the driver socket protocol.
    /// </summary>
    public sealed class NutTokenizer
    {
        public const int DefaultWordLimit = 32;
        public const int DefaultWordLengthLimit = 512;
        public const string UnbalancedQuoteError = "Unbalanced word due to unescaped # in quotes";

        private enum State { FindWordStart, Collect, CollectLiteral, QuoteCollect, QuoteLiteral, FindEol, SkipErrorLine }

        private readonly int _wordLimit;
        private readonly int _wordLengthLimit;
        private readonly List<string> _words = new List<string>();
        private readonly StringBuilder _word = new StringBuilder();
        private State _state = State.FindWordStart;
        private bool _wordOpen;
        private int _lineNumber = 1;
        private string? _pendingError;

        public NutTokenizer(int wordLimit = DefaultWordLimit, int wordLengthLimit = DefaultWordLengthLimit)
        {
            _wordLimit = wordLimit;
            _wordLengthLimit = wordLengthLimit;
        }

        /// <summary>True while a line is partially collected (bytes seen since the last LF).</summary>
        public bool HasPartialLine => _state != State.FindWordStart || _words.Count > 0 || _wordOpen;

        /// <summary>Feeds bytes; every completed logical line is passed to <paramref name="onLine"/>.</summary>
        public void Feed(ReadOnlySpan<byte> data, Action<TokenizedLine> onLine)
        {
            foreach (var b in data)
            {
                var line = Step(b);
                if (line != null) onLine(line);
            }
        }

        /// <summary>Completes a final line that has no LF (end of a file).</summary>
        public TokenizedLine? Finish()
        {
            if (!HasPartialLine) return null;
            return Step((byte)'\n');
        }

        /// <summary>Tokenizes a whole text (a config file) into logical lines, including empty ones.</summary>
        public static List<TokenizedLine> TokenizeText(string text)
        {
            var tokenizer = new NutTokenizer();
            var lines = new List<TokenizedLine>();
            tokenizer.Feed(Encoding.UTF8.GetBytes(text), lines.Add);
            var last = tokenizer.Finish();
            if (last != null) lines.Add(last);
            return lines;
        }

        /// <summary>Tokenizes one line of text (without needing a trailing LF).</summary>
        public static IReadOnlyList<string> SplitLine(string line)
        {
            var lines = TokenizeText(line);
            return lines.Count == 0 ? Array.Empty<string>() : lines[0].Words;
        }

        private TokenizedLine? Step(byte b)
        {
            switch (_state)
            {
                case State.FindWordStart:
                    if (b == '\n') return EndLine();
                    if (b == '#') { _state = State.FindEol; return null; }
                    if (IsSpace(b)) return null;
                    if (b == '\\') { BeginWord(); _state = State.CollectLiteral; return null; }
                    if (b == '"') { BeginWord(); _state = State.QuoteCollect; return null; }
                    if (b == '=') { BeginWord(); Append(b); EndWord(); return null; }
                    BeginWord(); Append(b); _state = State.Collect; return null;

                case State.Collect:
                    if (b == '#') { EndWord(); _state = State.FindEol; return null; }
                    if (b == '\n') { EndWord(); return EndLine(); }
                    if (IsSpace(b)) { EndWord(); _state = State.FindWordStart; return null; }
                    if (b == '=') { EndWord(); BeginWord(); Append(b); EndWord(); _state = State.FindWordStart; return null; }
                    if (b == '\\') { _state = State.CollectLiteral; return null; }
                    Append(b); return null;

                case State.CollectLiteral:
                    if (b != '\n') Append(b);
                    _state = State.Collect; return null;

                case State.QuoteCollect:
                    if (b == '#') { Fail(UnbalancedQuoteError); return null; }
                    if (b == '"') { EndWord(); _state = State.FindWordStart; return null; }
                    if (b == '\\') { _state = State.QuoteLiteral; return null; }
                    Append(b); return null;

                case State.QuoteLiteral:
                    Append(b);
                    _state = State.QuoteCollect; return null;

                case State.FindEol:
                    return b == '\n' ? EndLine() : null;

                case State.SkipErrorLine:
                    return b == '\n' ? EndLine() : null;
            }
            return null;
        }

        private static bool IsSpace(byte b) => b == ' ' || b == '\t' || b == '\r' || b == 0x0B || b == 0x0C;

        private void BeginWord() { _word.Clear(); _wordOpen = true; }

        private void Append(byte b)
        {
            // Only printable ASCII is kept, exactly as NUT's addchar does; LF inside quotes is dropped too.
            if (b < 0x20 || b > 0x7F) return;
            if (_word.Length >= _wordLengthLimit) return;
            _word.Append((char)b);
        }

        private void EndWord()
        {
            if (!_wordOpen) return;
            if (_words.Count < _wordLimit) _words.Add(_word.ToString());
            _word.Clear();
            _wordOpen = false;
        }

        // An unescaped '#' in quotes: the rest of the physical line is skipped and no words are produced.
        private void Fail(string message)
        {
            _pendingError = message;
            _words.Clear();
            _word.Clear();
            _wordOpen = false;
            _state = State.SkipErrorLine;
        }

        private TokenizedLine EndLine()
        {
            var line = new TokenizedLine(_pendingError == null ? _words.ToArray() : Array.Empty<string>(), _lineNumber, _pendingError);
            _words.Clear();
            _pendingError = null;
            _state = State.FindWordStart;
            _lineNumber++;
            return line;
        }
    }
}
