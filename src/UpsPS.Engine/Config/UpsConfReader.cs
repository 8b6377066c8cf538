using System;
using System.IO;
using System.Text;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Config
{
    /// <summary>
    /// Reads ups.conf with NUT's rules (config-files.md §2): globals before the first section,
    /// <c>key = value</c> keeps the first value, a single word is a flag, <c>key value</c> is ignored.
    /// Parse errors and duplicate/incomplete sections become warnings; a reserved name is fatal.
    /// Driver names and driver-specific keys are checked separately (<see cref="Drivers.DriverRegistry"/>).
    /// </summary>
    public static class UpsConfReader
    {
        public static UpsConfig ReadFile(string path)
        {
            string text;
            try { text = File.ReadAllText(path, Encoding.UTF8); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ConfigException(path, 0, $"Can't open {path}: {e.Message}");
            }
            return Parse(text, path);
        }

        public static UpsConfig Parse(string text, string file = "ups.conf")
        {
            var config = new UpsConfig(file);
            UpsSection? current = null;

            foreach (var line in NutTokenizer.TokenizeText(text))
            {
                if (line.Error != null)
                {
                    config.Warnings.Add($"Parse error: {file}:{line.LineNumber}: {line.Error}");
                    continue;
                }
                var words = line.Words;
                if (words.Count == 0) continue;

                if (words.Count == 1 && IsSectionHeader(words[0]))
                {
                    current = StartSection(config, words[0].Substring(1, words[0].Length - 2), line.LineNumber, file);
                    continue;
                }

                string key;
                string? value;
                if (words.Count == 1) { key = words[0]; value = null; }
                else if (words.Count >= 3 && words[1] == "=") { key = words[0]; value = words[2]; }
                else continue; // "key value" without '=' is silently ignored, as NUT does

                if (current == null) config.Globals[key] = value;
                else current.Set(key, value, line.LineNumber);
            }

            foreach (var section in config.Sections)
            {
                if (!section.IsComplete)
                    config.Warnings.Add($"Warning: ignoring incomplete configuration for UPS [{section.Name}]");
            }
            return config;
        }

        private static bool IsSectionHeader(string word) =>
            word.Length >= 2 && word[0] == '[' && word[word.Length - 1] == ']';

        private static UpsSection StartSection(UpsConfig config, string name, int lineNumber, string file)
        {
            if (string.Equals(name, "default", StringComparison.OrdinalIgnoreCase))
                throw new ConfigException(file, lineNumber, "UPS name [default] is reserved and cannot be used");

            var existing = config.Find(name);
            if (existing != null)
            {
                config.Warnings.Add($"UPS name [{name}] is already in use!");
                config.Sections.Remove(existing);
            }
            var section = new UpsSection(name, lineNumber, file);
            config.Sections.Add(section);
            return section;
        }
    }
}
