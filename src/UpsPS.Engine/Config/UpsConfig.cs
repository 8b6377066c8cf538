using System;
using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Config
{
    /// <summary>One <c>key = value</c> or flag line of ups.conf (Value is null for a flag).</summary>
    public sealed class UpsConfOption
    {
        public UpsConfOption(string key, string? value, int lineNumber)
        {
            Key = key;
            Value = value;
            LineNumber = lineNumber;
        }

        public string Key { get; }
        public string? Value { get; }
        public bool IsFlag => Value == null;
        public int LineNumber { get; }
    }

    /// <summary>One <c>[name]</c> section of ups.conf.</summary>
    public sealed class UpsSection
    {
        private readonly List<UpsConfOption> _options = new List<UpsConfOption>();

        public UpsSection(string name, int lineNumber, string file)
        {
            Name = name;
            LineNumber = lineNumber;
            File = file;
        }

        public string Name { get; }

        /// <summary>Line of the <c>[name]</c> header.</summary>
        public int LineNumber { get; }

        /// <summary>File the section was read from, for error messages.</summary>
        public string File { get; }

        public string? Driver => GetValue("driver");
        public string? Port => GetValue("port");
        public string? Desc => GetValue("desc");

        /// <summary>Options in file order; a key repeated later replaces the earlier entry in place.</summary>
        public IReadOnlyList<UpsConfOption> Options => _options;

        /// <summary>Options as key → value (null for flags), in file order.</summary>
        public IEnumerable<KeyValuePair<string, string?>> OptionPairs =>
            _options.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value));

        /// <summary>Value of a key (case-sensitive, as NUT's driver core matches core keys).</summary>
        public string? GetValue(string key) => Find(key)?.Value;

        public bool HasFlag(string key) => Find(key) is { IsFlag: true };

        public bool Has(string key) => Find(key) != null;

        public UpsConfOption? Find(string key) => _options.FirstOrDefault(o => string.Equals(o.Key, key, StringComparison.Ordinal));

        /// <summary>Adds or replaces (later line wins, like NUT's storeval).</summary>
        public void Set(string key, string? value, int lineNumber)
        {
            var option = new UpsConfOption(key, value, lineNumber);
            var index = _options.FindIndex(o => string.Equals(o.Key, key, StringComparison.Ordinal));
            if (index >= 0) _options[index] = option;
            else _options.Add(option);
        }

        public bool IsComplete => !string.IsNullOrEmpty(Driver) && !string.IsNullOrEmpty(Port);
    }

    /// <summary>The parsed ups.conf: global directives and device sections.</summary>
    public sealed class UpsConfig
    {
        public UpsConfig(string file) { File = file; }

        public string File { get; }

        /// <summary>Global directives before the first section (key → value, null for flags), later wins.</summary>
        public Dictionary<string, string?> Globals { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

        /// <summary>Device sections in file order; duplicates (case-insensitive) already resolved, later kept.</summary>
        public List<UpsSection> Sections { get; } = new List<UpsSection>();

        /// <summary>Non-fatal problems in NUT's wording (parse errors, duplicate names, incomplete sections).</summary>
        public List<string> Warnings { get; } = new List<string>();

        /// <summary>Sections having both driver and port (what upsd serves).</summary>
        public IEnumerable<UpsSection> CompleteSections => Sections.Where(s => s.IsComplete);

        public UpsSection? Find(string name) =>
            Sections.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
