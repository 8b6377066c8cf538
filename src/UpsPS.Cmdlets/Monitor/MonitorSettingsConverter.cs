using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;
using UpsPS.Engine.Config;
using UpsPS.Engine.Monitor;
using UpsPS.Engine.Protocol;

namespace UpsPS.Cmdlets.Monitor
{
    /// <summary>
    /// Turns a -Settings hashtable (upsmon.conf directive → value) into upsmon.conf text and reads it with the
    /// same reader as the file, so both forms accept exactly the same things. Values: scalars; arrays for
    /// repeated directives; hashtables for NOTIFYMSG / NOTIFYFLAG (type → text/flags); MONITOR entries as the
    /// file's words ("ups@host 1 user pass primary") or hashtables @{ System; PowerValue; Credential; Role }.
    /// </summary>
    public static class MonitorSettingsConverter
    {
        private static readonly HashSet<string> RawDirectives = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "MONITOR", "NOTIFYFLAG", "CERTHOST", "CERTIDENT",
        };

        public static ConfigReadResult<MonitorConfig> Read(IDictionary settings) => Read(settings, null, "-Settings");

        /// <summary>Reads <paramref name="baseText"/> (an upsmon.conf) followed by the settings, so the settings
        /// add MONITOR lines and override single-valued directives of the file.</summary>
        public static ConfigReadResult<MonitorConfig> Read(IDictionary settings, string? baseText, string fileName)
        {
            var text = new StringBuilder();
            if (baseText != null) text.Append(baseText.Replace("\r\n", "\n")).Append('\n');
            var monitors = new List<MonitoredUps>();
            foreach (DictionaryEntry entry in settings)
            {
                string key = entry.Key.ToString()!.ToUpperInvariant();
                foreach (var value in Values(entry.Value))
                {
                    if (key == "MONITOR" && value is IDictionary m) { monitors.Add(ToMonitor(m)); continue; }
                    if ((key == "NOTIFYMSG" || key == "NOTIFYFLAG") && value is IDictionary map)
                    {
                        foreach (DictionaryEntry e in map)
                            text.Append(key).Append(' ').Append(e.Key).Append(' ')
                                .Append(key == "NOTIFYMSG" ? NutEncoding.Quote(Scalar(e.Value)) : FlagsText(e.Value)).Append('\n');
                        continue;
                    }
                    string s = Scalar(value);
                    text.Append(key).Append(' ').Append(RawDirectives.Contains(key) ? s : NutEncoding.Quote(s)).Append('\n');
                }
            }
            var result = UpsmonConfReader.Parse(text.ToString(), fileName);
            result.Config.Monitors.AddRange(monitors);
            return result;
        }

        public static MonitoredUps ToMonitor(IDictionary m)
        {
            object? Get(string k) => m.Keys.Cast<object>().Where(x => string.Equals(x.ToString(), k, StringComparison.OrdinalIgnoreCase)).Select(x => m[x]).FirstOrDefault();
            string system = Scalar(Get("System") ?? Get("UpsName") ?? throw new ArgumentException("a MONITOR hashtable needs System = 'ups@host[:port]'"));
            int power = Get("PowerValue") is object pv ? Convert.ToInt32(Unwrap(pv), CultureInfo.InvariantCulture) : 1;
            string roleText = Scalar(Get("Role") ?? "secondary");
            var role = roleText.Equals("primary", StringComparison.OrdinalIgnoreCase) || roleText.Equals("master", StringComparison.OrdinalIgnoreCase)
                ? MonitorRole.Primary : MonitorRole.Secondary;
            string user = "", password = "";
            if (Unwrap(Get("Credential")) is PSCredential cred)
            {
                user = cred.UserName;
                password = cred.GetNetworkCredential().Password;
            }
            else
            {
                user = Scalar(Get("Username") ?? "");
                password = Scalar(Get("Password") ?? "");
            }
            return new MonitoredUps(system, power, user, password, role);
        }

        private static IEnumerable<object?> Values(object? value)
        {
            value = Unwrap(value);
            if (value is string || value is IDictionary || !(value is IEnumerable e)) return new[] { value };
            return e.Cast<object?>().Select(Unwrap);
        }

        private static object? Unwrap(object? v) => v is PSObject p ? p.BaseObject : v;

        private static string Scalar(object? v)
        {
            v = Unwrap(v);
            return v switch
            {
                null => "",
                bool b => b ? "1" : "0",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            };
        }

        private static string FlagsText(object? v)
        {
            v = Unwrap(v);
            if (v is string s) return s;
            if (v is IEnumerable e) return string.Join("+", e.Cast<object>().Select(Scalar));
            return Scalar(v);
        }
    }
}
