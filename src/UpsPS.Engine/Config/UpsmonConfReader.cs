using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using UpsPS.Engine.Monitor;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Config
{
    /// <summary>
    /// upsmon.conf reader with NUT's rules: case-sensitive keywords, unknown/short lines are warnings
    /// (<c>file line N: invalid directive</c>), numbers via atoi, old-style 5-word MONITOR is fatal.
    /// </summary>
    public static class UpsmonConfReader
    {
        public static ConfigReadResult<MonitorConfig> ReadFile(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                return new ConfigReadResult<MonitorConfig>(new MonitorConfig(), new[]
                {
                    new ConfigDiagnostic(path, 0, ConfigSeverity.Fatal, $"Can't open {path}: {ex.Message}"),
                });
            }
            var result = Parse(text, path);
            var warning = ConfigFilePermissions.WorldReadableWarning(path);
            if (warning == null || !result.Config.Monitors.Any(m => !string.IsNullOrEmpty(m.Password))) return result;
            var diags = result.Diagnostics.ToList();
            diags.Add(new ConfigDiagnostic(path, 0, ConfigSeverity.Warning, warning + " and contains MONITOR passwords (chmod o-r)"));
            return new ConfigReadResult<MonitorConfig>(result.Config, diags);
        }

        public static ConfigReadResult<MonitorConfig> Parse(string text, string fileName = "upsmon.conf")
        {
            var config = new MonitorConfig();
            var diags = new List<ConfigDiagnostic>();
            foreach (var line in NutTokenizer.TokenizeText(text))
            {
                if (line.Error != null)
                {
                    diags.Add(new ConfigDiagnostic(fileName, line.LineNumber, ConfigSeverity.Warning, line.Error));
                    continue;
                }
                if (line.Words.Count == 0) continue;
                var ctx = new LineContext(fileName, line.LineNumber, line.Words, diags);
                if (!Apply(config, ctx))
                    ctx.Warn("invalid directive " + string.Join(" ", line.Words.Select(QuoteForMessage)));
            }
            return new ConfigReadResult<MonitorConfig>(config, diags);
        }

        private static string QuoteForMessage(string w) => w.IndexOf(' ') >= 0 ? "\"" + w + "\"" : w;

        private sealed class LineContext
        {
            private readonly string _file;
            private readonly List<ConfigDiagnostic> _diags;

            public LineContext(string file, int line, IReadOnlyList<string> words, List<ConfigDiagnostic> diags)
            {
                _file = file;
                Line = line;
                Words = words;
                _diags = diags;
            }

            public int Line { get; }
            public IReadOnlyList<string> Words { get; }
            public int Count => Words.Count;
            public string this[int i] => Words[i];
            public void Warn(string message) => _diags.Add(new ConfigDiagnostic(_file, Line, ConfigSeverity.Warning, message));
            public void Fatal(string message) => _diags.Add(new ConfigDiagnostic(_file, Line, ConfigSeverity.Fatal, message));
        }

        // Returns false for "invalid directive" (unknown keyword or too few arguments).
        private static bool Apply(MonitorConfig c, LineContext l)
        {
            string key = l[0];
            if (key == "debug_min") key = "DEBUG_MIN";
            if (key == "MONITOR") return ApplyMonitor(c, l);
            if (l.Count < 2) return false;
            string a = l[1];
            switch (key)
            {
                case "MINSUPPLIES": NonNegative(a, v => c.MinSupplies = v); return true;
                case "SHUTDOWNCMD": c.ShutdownCommand = l.Words.Skip(1).ToList(); return true;
                case "NOTIFYCMD": c.NotifyCommand = l.Words.Skip(1).ToList(); return true;
                case "POLLFREQ": NonNegative(a, v => c.PollFreq = v); return true;
                case "POLLFREQALERT": NonNegative(a, v => c.PollFreqAlert = v); return true;
                case "HOSTSYNC": NonNegative(a, v => c.HostSync = v); return true;
                case "DEADTIME": NonNegative(a, v => c.DeadTime = v); return true;
                case "POWERDOWNFLAG": c.PowerDownFlag = a; return true;
                case "RBWARNTIME": NonNegative(a, v => c.RbWarnTime = v); return true;
                case "NOCOMMWARNTIME": NonNegative(a, v => c.NoCommWarnTime = v); return true;
                case "FINALDELAY": NonNegative(a, v => c.FinalDelay = v); return true;
                case "RUN_AS_USER": c.RunAsUser = a; return true;
                case "CERTPATH": c.CertPath = a; return true;
                case "CERTVERIFY": c.CertVerify = CNumber.Atoi(a) != 0; return true;
                case "FORCESSL": c.ForceSsl = CNumber.Atoi(a) != 0; return true;
                case "CERTFILE": c.CertFile = a; return true;
                case "DEBUG_MIN": c.DebugMin = CNumber.Atoi(a); return true;
                case "SHUTDOWNEXIT": c.ShutdownExit = ParseShutdownExit(a); return true;
                case "POLLFAIL_LOG_THROTTLE_MAX": c.PollFailLogThrottleMax = CNumber.Atoi(a); return true;
                case "OFFDURATION": c.OffDuration = CNumber.Atoi(a); return true;
                case "OVERDURATION": c.OverDuration = CNumber.Atoi(a); return true;
                case "OBLBDURATION": c.ObLbDuration = Math.Max(0, CNumber.Atoi(a)); return true;
                case "ALARMCRITICAL": c.AlarmCritical = CNumber.Atoi(a) != 0; return true;
                case "CERTIDENT":
                    if (l.Count < 3) return false;
                    c.CertIdentName = a; c.CertIdentPassword = l[2]; return true;
                case "CERTHOST":
                    if (l.Count < 5) return false;
                    c.CertHosts.Add(new CertHostEntry { Host = a, CertName = l[2], Verify = CNumber.Atoi(l[3]) != 0, ForceSsl = CNumber.Atoi(l[4]) != 0 });
                    return true;
                case "NOTIFYMSG":
                    if (l.Count < 3) return false;
                    if (NotificationDefaults.TryParseType(a, out var mt)) c.NotifyMessages[mt] = l[2];
                    else l.Warn($"NOTIFYMSG: unknown notify type [{a}]");
                    return true;
                case "NOTIFYFLAG":
                    if (l.Count < 3) return false;
                    if (NotificationDefaults.TryParseType(a, out var ft)) c.NotifyFlags[ft] = ParseFlags(l[2], l);
                    else l.Warn($"NOTIFYFLAG: unknown notify type [{a}]");
                    return true;
                default:
                    return false;
            }
        }

        private static bool ApplyMonitor(MonitorConfig c, LineContext l)
        {
            if (l.Count < 5) return false;
            if (l.Count == 5)
            {
                l.Fatal("Unable to use old-style MONITOR line without a username");
                return true;
            }
            string system = l[1];
            int pv = CNumber.Atoi(l[2]);
            if (pv < 0)
            {
                l.Warn($"UPS [{system}]: ignoring invalid power value [{l[2]}]");
                return true;
            }
            try
            {
                UpsSystemName.Parse(system);
            }
            catch (FormatException ex)
            {
                l.Warn(ex.Message);
                return true;
            }
            if (c.Monitors.Any(m => m.System == system))
            {
                l.Warn($"Warning: ignoring duplicate UPS [{system}]");
                return true;
            }
            var role = string.Equals(l[5], "primary", StringComparison.OrdinalIgnoreCase) || string.Equals(l[5], "master", StringComparison.OrdinalIgnoreCase)
                ? MonitorRole.Primary : MonitorRole.Secondary;
            c.Monitors.Add(new MonitoredUps(system, pv, l[3], l[4], role));
            return true;
        }

        private static void NonNegative(string text, Action<int> set)
        {
            int v = CNumber.Atoi(text);
            if (v >= 0) set(v);
        }

        internal static int ParseShutdownExit(string text)
        {
            switch (text.ToLowerInvariant())
            {
                case "yes": case "on": case "true": return 0;
                case "no": case "off": case "false": return -1;
            }
            return CNumber.IsInteger(text) ? CNumber.Atoi(text) : 0;
        }

        private static NotifyFlags ParseFlags(string text, LineContext l)
        {
            var flags = NotifyFlags.None;
            foreach (var part in text.Split('+'))
            {
                switch (part)
                {
                    case "SYSLOG": flags |= NotifyFlags.Syslog; break;
                    case "WALL": flags |= NotifyFlags.Wall; break;
                    case "EXEC": flags |= NotifyFlags.Exec; break;
                    case "IGNORE": flags |= NotifyFlags.Ignore; break;
                    default: l.Warn($"Invalid notify flag: [{part}]"); break;
                }
            }
            return flags;
        }
    }
}
