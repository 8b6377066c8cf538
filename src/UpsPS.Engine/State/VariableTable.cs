using System;
using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.State
{
    /// <summary>
    /// A device's variables and instant commands with NUT's update rules (dstate/sstate).
    /// Names compare case-insensitively; enumeration is sorted case-insensitively. Not thread-safe:
    /// the owner serialises access.
    /// </summary>
    public sealed class VariableTable
    {
        private readonly SortedDictionary<string, UpsVariable> _variables = new SortedDictionary<string, UpsVariable>(NameComparer);
        private readonly SortedSet<string> _commands = new SortedSet<string>(NameComparer);

        /// <summary>Case-insensitive byte order, like NUT's strcasecmp sorting.</summary>
        public static readonly StringComparer NameComparer = StringComparer.OrdinalIgnoreCase;

        public IEnumerable<UpsVariable> Variables => _variables.Values;
        public IEnumerable<string> Commands => _commands;
        public int Count => _variables.Count;

        public UpsVariable? Get(string name) => _variables.TryGetValue(name, out var v) ? v : null;

        public string? GetValue(string name) => Get(name)?.Value;

        public bool HasCommand(string name) => _commands.Contains(name);

        /// <summary>Creates or updates a variable. Returns true when something visible changed.
        /// A value that differs only in letter case is ignored, like upsd does.</summary>
        public bool SetInfo(string name, string value)
        {
            if (_variables.TryGetValue(name, out var existing))
            {
                if (string.Equals(existing.Value, value, StringComparison.OrdinalIgnoreCase)) return false;
                existing.Value = value;
                return true;
            }
            _variables[name] = new UpsVariable(name, value);
            return true;
        }

        /// <summary>Sets a value exactly (driver side, where case changes do count).</summary>
        public bool SetExact(string name, string value)
        {
            if (_variables.TryGetValue(name, out var existing))
            {
                if (string.Equals(existing.Value, value, StringComparison.Ordinal)) return false;
                existing.Value = value;
                return true;
            }
            _variables[name] = new UpsVariable(name, value);
            return true;
        }

        public bool DelInfo(string name) => _variables.Remove(name);

        public bool SetFlags(string name, VariableFlags flags)
        {
            var v = Get(name);
            if (v == null || v.Flags == flags) return false;
            v.Flags = flags;
            return true;
        }

        public bool SetAux(string name, int aux)
        {
            var v = Get(name);
            if (v == null || v.Aux == aux) return false;
            v.Aux = aux;
            return true;
        }

        /// <summary>Adds an enum value; insertion order, exact-match de-duplication.</summary>
        public bool AddEnum(string name, string value)
        {
            var v = Get(name);
            if (v == null || v.Enums.Contains(value)) return false;
            v.Enums.Add(value);
            return true;
        }

        public bool DelEnum(string name, string value) => Get(name)?.Enums.Remove(value) ?? false;

        /// <summary>Adds a range; like upsd, a range sharing its min or its max with an existing one is a duplicate.</summary>
        public bool AddRange(string name, int min, int max)
        {
            var v = Get(name);
            if (v == null || min > max) return false;
            if (v.Ranges.Any(r => r.Min == min || r.Max == max)) return false;
            v.Ranges.Add(new VariableRange(min, max));
            return true;
        }

        public bool DelRange(string name, int min, int max)
        {
            var v = Get(name);
            if (v == null) return false;
            return v.Ranges.RemoveAll(r => r.Min == min && r.Max == max) > 0;
        }

        public bool AddCommand(string name) => _commands.Add(name);

        public bool DelCommand(string name) => _commands.Remove(name);

        public void Clear()
        {
            _variables.Clear();
            _commands.Clear();
        }

        public static VariableFlags ParseFlags(IEnumerable<string> words)
        {
            var flags = VariableFlags.None;
            foreach (var w in words)
            {
                if (string.Equals(w, "RW", StringComparison.Ordinal)) flags |= VariableFlags.ReadWrite;
                else if (string.Equals(w, "STRING", StringComparison.Ordinal)) flags |= VariableFlags.String;
                else if (string.Equals(w, "NUMBER", StringComparison.Ordinal)) flags |= VariableFlags.Number;
            }
            return flags;
        }

        public static IEnumerable<string> FormatFlags(VariableFlags flags)
        {
            if ((flags & VariableFlags.ReadWrite) != 0) yield return "RW";
            if ((flags & VariableFlags.String) != 0) yield return "STRING";
            if ((flags & VariableFlags.Number) != 0) yield return "NUMBER";
        }
    }
}
