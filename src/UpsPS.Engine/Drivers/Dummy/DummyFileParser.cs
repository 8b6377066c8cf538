using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Drivers.Dummy
{
    /// <summary>The parsed content of a .dev/.seq file.</summary>
    public sealed class DummyFile
    {
        public List<DummyFileEntry> Entries { get; } = new List<DummyFileEntry>();

        /// <summary>Parse errors, in NUT's wording (<c>Parse error: file:line: message</c>).</summary>
        public List<string> Warnings { get; } = new List<string>();

        /// <summary>True when the file declares flags with <c>#@SETFLAGS</c>: then only variables marked RW are writable.</summary>
        public bool DeclaresFlags => Entries.Any(e => e.Kind == DummyEntryKind.Capability && e.Words.Count > 0 && e.Words[0] == "SETFLAGS");
    }

    /// <summary>
    /// Reads dummy-ups data files with the NUT tokenizer (dummy-ups.md §2): a trailing ':' is stripped from the
    /// first word, the value is the remaining words joined by single spaces (max 127 characters), no value deletes,
    /// ups.status tokens are de-duplicated, driver.* lines are ignored, TIMER and ALARM lines are kept in order.
    /// UpsPS extension: a line starting with <c>#@</c> carries one driver socket protocol line (capabilities).
    /// </summary>
    public static class DummyFileParser
    {
        public const int MaxValueLength = 127;

        public static DummyFile Parse(string text, string fileName = "dummy.dev")
        {
            var file = new DummyFile();
            var tokenizer = new NutTokenizer();
            var physical = text.Replace("\r\n", "\n").Split('\n');
            // A trailing newline gives one empty element that is not a line.
            var count = physical.Length > 0 && physical[physical.Length - 1].Length == 0 ? physical.Length - 1 : physical.Length;

            for (var i = 0; i < count; i++)
            {
                var lineNumber = i + 1;
                var raw = physical[i];
                if (!tokenizer.HasPartialLine && raw.TrimStart(' ', '\t').StartsWith("#@", StringComparison.Ordinal))
                {
                    var protocolLine = raw.TrimStart(' ', '\t').Substring(2);
                    var words = NutTokenizer.SplitLine(protocolLine);
                    if (words.Count > 0)
                        file.Entries.Add(new DummyFileEntry { Kind = DummyEntryKind.Capability, Words = words, LineNumber = lineNumber });
                    continue;
                }
                tokenizer.Feed(Encoding.UTF8.GetBytes(raw + "\n"), line => Add(file, line, lineNumber, fileName));
            }
            var last = tokenizer.Finish();
            if (last != null) Add(file, last, count, fileName);
            return file;
        }

        private static void Add(DummyFile file, TokenizedLine line, int lineNumber, string fileName)
        {
            if (line.Error != null)
            {
                file.Warnings.Add($"Parse error: {fileName}:{lineNumber}: {line.Error}");
                return;
            }
            var entry = ToEntry(line.Words, lineNumber, file, fileName);
            if (entry != null) file.Entries.Add(entry);
        }

        private static DummyFileEntry? ToEntry(IReadOnlyList<string> words, int lineNumber, DummyFile file, string fileName)
        {
            if (words.Count == 0) return null;
            var first = words[0];

            if (first.StartsWith("TIMER", StringComparison.Ordinal))
            {
                if (words.Count < 2)
                {
                    file.Warnings.Add($"{fileName}:{lineNumber}: TIMER needs a number of seconds");
                    return null;
                }
                return new DummyFileEntry { Kind = DummyEntryKind.Timer, Seconds = CNumber.Atoi(words[1]), LineNumber = lineNumber };
            }

            var name = first.EndsWith(":", StringComparison.Ordinal) ? first.Substring(0, first.Length - 1) : first;
            var value = Truncate(string.Join(" ", words.Skip(1)));

            if (name == "ALARM")
                return new DummyFileEntry { Kind = DummyEntryKind.Alarm, Value = words.Count > 1 ? value : null, LineNumber = lineNumber };

            // The driver core owns driver.*; the file cannot change it.
            if (name.StartsWith("driver.", StringComparison.Ordinal)) return null;

            if (name.StartsWith("ups.status", StringComparison.Ordinal))
                return new DummyFileEntry { Kind = DummyEntryKind.Status, Name = "ups.status", Tokens = SplitStatus(value), LineNumber = lineNumber };

            if (value.Length == 0)
                return new DummyFileEntry { Kind = DummyEntryKind.Delete, Name = name, LineNumber = lineNumber };

            return new DummyFileEntry { Kind = DummyEntryKind.Set, Name = name, Value = value, LineNumber = lineNumber };
        }

        /// <summary>Status tokens in order, duplicates dropped.</summary>
        public static IReadOnlyList<string> SplitStatus(string value)
        {
            var tokens = new List<string>();
            foreach (var t in value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                if (!tokens.Contains(t)) tokens.Add(t);
            return tokens;
        }

        private static string Truncate(string value) => value.Length > MaxValueLength ? value.Substring(0, MaxValueLength) : value;

        internal static int ParseInt(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : CNumber.Atoi(s);
    }
}
