using System;
using System.Collections.Generic;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Config
{
    /// <summary>
    /// Reads upsd.users with NUT's rules (server.md §3): [name] sections, "key = value [value…]", "key=value",
    /// "upsmon &lt;role&gt;"; odd lines are warnings, a missing file is fatal.
    /// </summary>
    public static class UpsdUsersReader
    {
        public static UserTable Load(string path)
        {
            var text = ConfigText.ReadRequired(path);
            return Parse(text, path);
        }

        public static UserTable Parse(string text, string fileName = "upsd.users")
        {
            var table = new UserTable();
            UpsdUser? current = null;
            foreach (var line in NutTokenizer.TokenizeText(text))
            {
                void Warn(string message, ConfigSeverity severity = ConfigSeverity.Warning) =>
                    table.Diagnostics.Add(new ConfigDiagnostic(fileName, line.LineNumber, severity, message));

                if (line.Error != null)
                {
                    Warn($"Parse error: {fileName}:{line.LineNumber}: {line.Error}", ConfigSeverity.Error);
                    continue;
                }
                var a = line.Words;
                if (a.Count == 0) continue;
                if (string.Equals(a[0], "user", StringComparison.OrdinalIgnoreCase)) continue;

                var first = a[0];
                if (first.Length >= 2 && first[0] == '[' && first[first.Length - 1] == ']')
                {
                    var name = first.Substring(1, first.Length - 2);
                    var existing = table.Find(name);
                    if (existing != null)
                    {
                        Warn($"Ignoring duplicate user {name}");
                        current = existing;
                    }
                    else
                    {
                        current = new UpsdUser(name);
                        table.Add(current);
                    }
                    continue;
                }
                if (a.Count < 2) continue;
                if (string.Equals(first, "upsmon", StringComparison.OrdinalIgnoreCase))
                    SetUpsmonRole(current, a[1], Warn);
                if (a.Count < 3 || a[1] != "=") continue;
                for (var i = 2; i < a.Count; i++)
                    ApplySetting(current, first, a[i], Warn);
            }
            return table;
        }

        private static void ApplySetting(UpsdUser? user, string key, string value, Action<string, ConfigSeverity> warn)
        {
            if (user == null) return; // before the first section: silently ignored
            switch (key.ToLowerInvariant())
            {
                case "password":
                    if (user.Password != null) warn($"Ignoring duplicate password for {user.Name}", ConfigSeverity.Warning);
                    else user.Password = value;
                    return;
                case "actions": user.Actions.Add(value); return;
                case "instcmds": user.InstantCommands.Add(value); return;
                case "allowfrom": warn("allowfrom in upsd.users is no longer used", ConfigSeverity.Warning); return;
                case "upsmon": SetUpsmonRole(user, value, warn); return;
                default: warn($"Unrecognized user setting {key}", ConfigSeverity.Notice); return;
            }
        }

        private static void SetUpsmonRole(UpsdUser? user, string role, Action<string, ConfigSeverity> warn)
        {
            if (user == null) return;
            switch (role.ToLowerInvariant())
            {
                case "primary":
                case "master":
                    user.Actions.Add("LOGIN");
                    user.Actions.Add("MASTER");
                    user.Actions.Add("FSD");
                    return;
                case "secondary":
                case "slave":
                    user.Actions.Add("LOGIN");
                    return;
                default:
                    warn($"Unknown upsmon type {role}", ConfigSeverity.Warning);
                    return;
            }
        }
    }
}
