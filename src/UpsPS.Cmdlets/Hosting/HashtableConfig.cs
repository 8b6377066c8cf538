using System;
using System.Collections;
using System.Text;
using UpsPS.Engine.Protocol;

namespace UpsPS.Cmdlets.Hosting
{
    /// <summary>
    /// Turns PowerShell hashtables into NUT configuration text, so parameters go through exactly the same
    /// readers and rules as files do.
    /// </summary>
    internal static class HashtableConfig
    {
        /// <summary>@{ Name='sim'; Driver='dummy-ups'; Port='sim.dev'; Description='…'; pollinterval=1; ignorelb=$true } → an ups.conf section.</summary>
        public static string UpsSection(IDictionary device)
        {
            var name = Get(device, "Name") ?? throw new ArgumentException("A device hashtable needs a Name key.");
            var sb = new StringBuilder().Append('[').Append(name).Append("]\n");
            foreach (DictionaryEntry entry in device)
            {
                var key = entry.Key?.ToString() ?? "";
                if (key.Equals("Name", StringComparison.OrdinalIgnoreCase)) continue;
                var nutKey = key.Equals("Description", StringComparison.OrdinalIgnoreCase) ? "desc" : key;
                if (IsLowerCaseCoreKey(nutKey)) nutKey = nutKey.ToLowerInvariant();
                if (entry.Value is bool flag)
                {
                    if (flag) sb.Append('\t').Append(nutKey).Append('\n');
                    continue;
                }
                sb.Append('\t').Append(nutKey).Append(" = ").Append(NutEncoding.Quote(Convert.ToString(entry.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")).Append('\n');
            }
            return sb.ToString();
        }

        /// <summary>@{ admin = @{ Password='x'; Actions='SET','FSD'; InstCmds='ALL'; Upsmon='primary' } } → upsd.users text.</summary>
        public static string Users(IDictionary users)
        {
            var sb = new StringBuilder();
            foreach (DictionaryEntry user in users)
            {
                sb.Append('[').Append(user.Key).Append("]\n");
                if (!(user.Value is IDictionary settings)) throw new ArgumentException($"User '{user.Key}' needs a hashtable of settings.");
                foreach (DictionaryEntry setting in settings)
                {
                    var key = setting.Key?.ToString()?.ToLowerInvariant() ?? "";
                    if (key == "upsmon")
                    {
                        sb.Append("\tupsmon ").Append(setting.Value).Append('\n');
                        continue;
                    }
                    sb.Append('\t').Append(key).Append(" =");
                    foreach (var value in Values(setting.Value)) sb.Append(' ').Append(NutEncoding.Quote(value));
                    sb.Append('\n');
                }
            }
            return sb.ToString();
        }

        private static string[] Values(object? value)
        {
            if (value is string s) return new[] { s };
            if (value is System.Security.SecureString secure) return new[] { new System.Net.NetworkCredential("", secure).Password };
            if (value is IEnumerable list)
            {
                var items = new System.Collections.Generic.List<string>();
                foreach (var item in list) items.Add(Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                return items.ToArray();
            }
            return new[] { Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
        }

        private static string? Get(IDictionary table, string key)
        {
            foreach (DictionaryEntry entry in table)
                if (string.Equals(entry.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase)) return entry.Value?.ToString();
            return null;
        }

        private static bool IsLowerCaseCoreKey(string key) =>
            key.Equals("Driver", StringComparison.OrdinalIgnoreCase) || key.Equals("Port", StringComparison.OrdinalIgnoreCase)
            || key.Equals("Desc", StringComparison.OrdinalIgnoreCase) || key.Equals("Mode", StringComparison.OrdinalIgnoreCase)
            || key.Equals("PollInterval", StringComparison.OrdinalIgnoreCase);
    }
}
