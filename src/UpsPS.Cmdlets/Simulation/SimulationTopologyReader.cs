using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using UpsPS.Cmdlets.Monitor;
using UpsPS.Engine.Simulation;

namespace UpsPS.Cmdlets.Simulation
{
    /// <summary>
    /// Reads a topology from a hashtable or a .psd1 file:
    /// <code>
    /// @{
    ///   TimeScale = 10; Duration = 120          # simulated seconds
    ///   Ups   = @{ ups1 = 'outage.seq'; ups2 = @{ Content = "ups.status: OL`n"; Mode = 'dummy-loop' } }
    ///   Hosts = @{ nas = 'nas/upsmon.conf'; web = @{ MONITOR = 'ups1@nas 1 mon pass secondary'; POLLFREQ = 1 } }
    ///   Actions = @( @{ At = 30; KillDriver = 'ups2' } )
    /// }
    /// </code>
    /// Relative paths are resolved against the .psd1's directory (or the current location).
    /// </summary>
    public static class SimulationTopologyReader
    {
        private static readonly string[] HostKeys = { "UpsmonConf", "Upsmon", "StartAt" };

        public static IDictionary ReadDataFile(string path)
        {
            var ast = Parser.ParseFile(path, out _, out var errors);
            if (errors.Length > 0) throw new InvalidDataException($"{path}: {errors[0].Message} (line {errors[0].Extent.StartLineNumber})");
            var table = ast.Find(a => a is HashtableAst, false) as HashtableAst
                ?? throw new InvalidDataException($"{path}: no hashtable found");
            return (IDictionary)table.SafeGetValue();
        }

        public static SimulationTopology Read(IDictionary data, string baseDirectory)
        {
            var t = new SimulationTopology();
            foreach (DictionaryEntry e in data)
            {
                string key = e.Key.ToString() ?? "";
                object? v = Unwrap(e.Value);
                switch (key.ToLowerInvariant())
                {
                    case "timescale": t.TimeScale = Number(v, key); break;
                    case "duration":
                    case "durationseconds": t.Duration = TimeSpan.FromSeconds(Number(v, key)); break;
                    case "stopwhenallshutdown": t.StopWhenAllShutDown = LanguagePrimitives.IsTrue(v); break;
                    case "users": t.UsersText = TextOrFile(v, baseDirectory); break;
                    case "upsd": t.UpsdText = TextOrFile(v, baseDirectory); break;
                    case "ups": foreach (var (name, value) in Entries(v, key)) t.Ups.Add(ReadUps(name, value, baseDirectory)); break;
                    case "hosts": foreach (var (name, value) in Entries(v, key)) t.Hosts.Add(ReadHost(name, value, baseDirectory)); break;
                    case "actions": foreach (var a in List(v)) t.Actions.Add(ReadAction(a)); break;
                    default: throw new ArgumentException($"Unknown topology key '{key}'. Valid: TimeScale, Duration, StopWhenAllShutDown, Users, Upsd, Ups, Hosts, Actions.");
                }
            }
            return t;
        }

        private static SimulatedUps ReadUps(string name, object? value, string baseDirectory)
        {
            var ups = new SimulatedUps(name);
            if (value is string s)
            {
                if (s.Contains("\n")) ups.Content = s;
                else ups.Path = Resolve(s, baseDirectory);
                return ups;
            }
            if (!(value is IDictionary d)) throw new ArgumentException($"UPS '{name}': give a .dev/.seq path, its text, or a hashtable (Content, Path, Mode, Description, Settings).");
            foreach (DictionaryEntry e in d)
            {
                string key = e.Key.ToString() ?? "";
                var v = Unwrap(e.Value);
                switch (key.ToLowerInvariant())
                {
                    case "content": ups.Content = Text(v); break;
                    case "path": ups.Path = Resolve(Text(v), baseDirectory); break;
                    case "filename": ups.FileName = Text(v); break;
                    case "mode": ups.Mode = v == null || Text(v).Length == 0 ? null : Text(v); break;
                    case "description":
                    case "desc": ups.Description = Text(v); break;
                    case "settings": foreach (var line in List(v)) ups.ExtraSettings.Add(Text(line)); break;
                    default: throw new ArgumentException($"UPS '{name}': unknown key '{key}' (Content, Path, FileName, Mode, Description, Settings).");
                }
            }
            return ups;
        }

        private static SimulatedHost ReadHost(string name, object? value, string baseDirectory)
        {
            string? baseText = null;
            string fileName = $"host {name}";
            double startAt = 0;
            var settings = new Hashtable(StringComparer.OrdinalIgnoreCase);
            if (value is string path)
            {
                baseText = ReadUpsmonConf(Resolve(path, baseDirectory), out fileName);
            }
            else if (value is IDictionary d)
            {
                foreach (DictionaryEntry e in d)
                {
                    string key = e.Key.ToString() ?? "";
                    var v = Unwrap(e.Value);
                    if (key.Equals("UpsmonConf", StringComparison.OrdinalIgnoreCase)) baseText = ReadUpsmonConf(Resolve(Text(v), baseDirectory), out fileName);
                    else if (key.Equals("Upsmon", StringComparison.OrdinalIgnoreCase)) baseText = Text(v);
                    else if (key.Equals("StartAt", StringComparison.OrdinalIgnoreCase)) startAt = Number(v, key);
                    else settings[key] = e.Value;
                }
            }
            else throw new ArgumentException($"Host '{name}': give an upsmon.conf path or a hashtable of upsmon.conf settings (plus {string.Join(", ", HostKeys)}).");

            var read = MonitorSettingsConverter.Read(settings, baseText, fileName);
            var fatal = read.Fatal;
            if (fatal != null) throw new ArgumentException($"Host '{name}': {fatal}");
            return new SimulatedHost(name, read.Config) { StartAtSeconds = startAt };
        }

        private static string ReadUpsmonConf(string path, out string fileName)
        {
            if (Directory.Exists(path)) path = Path.Combine(path, "upsmon.conf");
            fileName = path;
            return File.ReadAllText(path);
        }

        private static SimulationAction ReadAction(object? value)
        {
            if (!(value is IDictionary d)) throw new ArgumentException("Each action is a hashtable, e.g. @{ At = 30; KillDriver = 'ups1' }.");
            var action = new SimulationAction();
            bool kindSet = false;
            foreach (DictionaryEntry e in d)
            {
                string key = e.Key.ToString() ?? "";
                var v = Unwrap(e.Value);
                if (Enum.TryParse(key, true, out SimulationActionKind k) && !int.TryParse(key, out _))
                {
                    action.Kind = k;
                    action.Target = Text(v);
                    kindSet = true;
                    continue;
                }
                switch (key.ToLowerInvariant())
                {
                    case "at": action.AtSeconds = Number(v, key); break;
                    case "action":
                    case "kind":
                        if (!Enum.TryParse(Text(v), true, out SimulationActionKind kind)) throw new ArgumentException($"Unknown action '{v}'. Valid: {string.Join(", ", Enum.GetNames(typeof(SimulationActionKind)))}.");
                        action.Kind = kind;
                        kindSet = true;
                        break;
                    case "target":
                    case "ups":
                    case "host": action.Target = Text(v); break;
                    case "variable":
                    case "name": action.Variable = Text(v); break;
                    case "value":
                    case "status": action.Value = Text(v); break;
                    default: throw new ArgumentException($"Unknown action key '{key}' (At, Action, Target, Variable, Value, or an action name as key).");
                }
            }
            if (!kindSet) throw new ArgumentException($"Action at {action.AtSeconds}s: say what to do ({string.Join(", ", Enum.GetNames(typeof(SimulationActionKind)))}).");
            return action;
        }

        private static IEnumerable<(string, object?)> Entries(object? v, string key)
        {
            if (!(v is IDictionary d)) throw new ArgumentException($"'{key}' must be a hashtable of name = definition.");
            var list = d.Cast<DictionaryEntry>().Select(e => (e.Key.ToString() ?? "", Unwrap(e.Value))).ToList();
            // A plain hashtable has no order; keep the definitions stable (ordered dictionaries keep theirs).
            return d is Hashtable ? list.OrderBy(x => x.Item1, StringComparer.OrdinalIgnoreCase) : (IEnumerable<(string, object?)>)list;
        }

        private static IEnumerable<object?> List(object? v)
        {
            if (v == null) return Array.Empty<object?>();
            if (v is string || v is IDictionary || !(v is IEnumerable e)) return new[] { v };
            return e.Cast<object?>().Select(Unwrap);
        }

        private static string? TextOrFile(object? v, string baseDirectory)
        {
            string s = Text(v);
            if (s.Contains("\n")) return s;
            string path = Resolve(s, baseDirectory);
            return File.Exists(path) ? File.ReadAllText(path) : s;
        }

        private static string Resolve(string path, string baseDirectory) =>
            Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));

        private static double Number(object? v, string key)
        {
            try { return Convert.ToDouble(v, CultureInfo.InvariantCulture); }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException) { throw new ArgumentException($"'{key}' must be a number."); }
        }

        private static string Text(object? v) => Unwrap(v) switch
        {
            null => "",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            object o => o.ToString() ?? "",
        };

        private static object? Unwrap(object? v) => v is PSObject p ? p.BaseObject : v;
    }
}
