using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Server
{
    /// <summary>
    /// Texts for GET DESC / GET CMDDESC. Loaded from a NUT cmdvartab file when one exists (byte parity with
    /// upsd), otherwise UpsPS's own built-in table. Names match case-insensitively, exact names only.
    /// </summary>
    public sealed class DescriptionTable
    {
        public const string Unavailable = "Description unavailable";

        private readonly Dictionary<string, string> _variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _commands = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Where the texts came from: a file path, "built-in" or "none".</summary>
        public string Source { get; private set; } = "none";

        public string Variable(string name) => _variables.TryGetValue(name, out var t) ? t : Unavailable;
        public string Command(string name) => _commands.TryGetValue(name, out var t) ? t : Unavailable;

        public static DescriptionTable Empty() => new DescriptionTable();

        public static DescriptionTable BuiltIn()
        {
            var t = new DescriptionTable { Source = "built-in" };
            foreach (var (n, d) in DefaultDescriptions.Variables) t._variables[n] = d;
            foreach (var (n, d) in DefaultDescriptions.Commands) t._commands[n] = d;
            return t;
        }

        /// <summary>Parses cmdvartab text: VARDESC/CMDDESC lines, later duplicates win, other lines ignored.</summary>
        public static DescriptionTable Parse(string text, string source = "cmdvartab")
        {
            var t = new DescriptionTable { Source = source };
            foreach (var line in NutTokenizer.TokenizeText(text))
            {
                var a = line.Words;
                if (line.Error != null || a.Count < 3) continue;
                if (a[0] == "VARDESC") t._variables[a[1]] = a[2];
                else if (a[0] == "CMDDESC") t._commands[a[1]] = a[2];
            }
            return t;
        }

        /// <summary>
        /// Uses the first existing file of <paramref name="candidates"/> (e.g. DATAPATH/cmdvartab,
        /// /usr/share/nut/cmdvartab); falls back to the built-in table.
        /// </summary>
        public static DescriptionTable Load(IEnumerable<string?> candidates)
        {
            foreach (var path in candidates)
            {
                if (string.IsNullOrEmpty(path) || !File.Exists(path)) continue;
                try
                {
                    return Parse(Encoding.GetEncoding("ISO-8859-1").GetString(File.ReadAllBytes(path!)), path!);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            return BuiltIn();
        }
    }
}
