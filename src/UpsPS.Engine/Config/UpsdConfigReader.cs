using System;
using System.Collections.Generic;
using System.Linq;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Config
{
    /// <summary>
    /// Reads upsd.conf with NUT 2.8.0's rules: upper-case case-sensitive keywords, numbers read like atoi after a
    /// leading-digit check, every bad line only a diagnostic. Only a missing file is fatal.
    /// </summary>
    public static class UpsdConfigReader
    {
        public static UpsdConfig Load(string path)
        {
            var text = ConfigText.ReadRequired(path);
            return Parse(text, path);
        }

        /// <param name="fileName">Used in diagnostics.</param>
        public static UpsdConfig Parse(string text, string fileName = "upsd.conf")
        {
            var config = new UpsdConfig();
            foreach (var line in NutTokenizer.TokenizeText(text))
            {
                if (line.Error != null)
                {
                    config.Diagnostics.Add(new ConfigDiagnostic(fileName, line.LineNumber, ConfigSeverity.Error,
                        $"Parse error: {fileName}:{line.LineNumber}: {line.Error}"));
                    continue;
                }
                if (line.Words.Count == 0) continue;
                var problems = new List<string>();
                if (!Apply(config, line.Words, problems, out var severity))
                    problems.Add($"upsd.conf: invalid directive {string.Join(" ", line.Words)}");
                foreach (var p in problems)
                    config.Diagnostics.Add(new ConfigDiagnostic(fileName, line.LineNumber, severity, p));
            }
            return config;
        }

        // Returns false for an invalid directive (the caller adds NUT's "invalid directive" line).
        private static bool Apply(UpsdConfig c, IReadOnlyList<string> a, List<string> problems, out ConfigSeverity severity)
        {
            severity = ConfigSeverity.Error;
            var key = a[0];
            if (key == "ACL" || key == "ACCEPT" || key == "REJECT")
            {
                severity = ConfigSeverity.Warning;
                problems.Add($"{key} in upsd.conf is no longer supported - switch to LISTEN");
                return true;
            }
            if (a.Count < 2) return false;
            var v = a[1];
            switch (key)
            {
                case "LISTEN":
                    var port = ListenAddress.DefaultPort;
                    if (a.Count >= 3 && !TryParsePort(a[2], out port))
                    {
                        problems.Add($"LISTEN has invalid port ({a[2]})!");
                        return false;
                    }
                    c.Listeners.Add(new ListenAddress(v, port));
                    return true;
                case "MAXAGE": return Number(key, v, problems, n => c.MaxAge = n);
                case "TRACKINGDELAY": return Number(key, v, problems, n => c.TrackingDelay = n);
                case "MAXCONN": return Number(key, v, problems, n => c.MaxConn = n);
                case "STATEPATH": c.StatePath = v; return true;
                case "DATAPATH": c.DataPath = v; return true;
                case "CERTFILE": c.CertFile = v; return true;
                case "CERTPATH": c.CertPath = v; return true;
                case "CERTIDENT":
                    if (a.Count < 3) return false;
                    c.CertIdentName = v;
                    c.CertIdentPassword = a[2];
                    return true;
                case "CERTREQUEST":
                    var req = ParseCertRequest(v);
                    if (req == null) return false;
                    c.CertRequest = req.Value;
                    return true;
                case "ALLOW_NO_DEVICE": return Boolean(key, v, problems, b => c.AllowNoDevice = b);
                case "ALLOW_NOT_ALL_LISTENERS": return Boolean(key, v, problems, b => c.AllowNotAllListeners = b);
                case "DISABLE_WEAK_SSL": return Boolean(key, v, problems, b => c.DisableWeakSsl = b);
            }
            if (string.Equals(key, "DEBUG_MIN", StringComparison.OrdinalIgnoreCase))
                return Number(key, v, problems, n => c.DebugMin = n);
            return false;
        }

        private static bool Number(string key, string value, List<string> problems, Action<int> set)
        {
            if (value.Length == 0 || !char.IsDigit(value[0]))
            {
                problems.Add($"{key} has non numeric value ({value})!");
                return false;
            }
            set(CNumber.Atoi(value));
            return true;
        }

        private static bool Boolean(string key, string value, List<string> problems, Action<bool> set)
        {
            var b = ParseBoolean(value);
            if (b == null)
            {
                problems.Add($"{key} has non numeric and non boolean value ({value})!");
                return false;
            }
            set(b.Value);
            return true;
        }

        /// <summary>upsd.conf boolean: true/yes/on, false/no/off (any case), or a digit string (nonzero = true).</summary>
        public static bool? ParseBoolean(string value)
        {
            var v = value.ToLowerInvariant();
            if (v == "true" || v == "yes" || v == "on") return true;
            if (v == "false" || v == "no" || v == "off") return false;
            if (v.Length > 0 && v.All(char.IsDigit)) return CNumber.Atoi(v) != 0;
            return null;
        }

        /// <summary>Environment boolean: prefix-matched, case-insensitive (true/yes/on/1, false/no/off/0); null when absent or unknown.</summary>
        public static bool? ParseEnvBoolean(string? value)
        {
            if (string.IsNullOrEmpty(value)) return null;
            var v = value!.ToLowerInvariant();
            foreach (var t in new[] { "true", "yes", "on", "1" }) if (v.StartsWith(t, StringComparison.Ordinal)) return true;
            foreach (var f in new[] { "false", "no", "off", "0" }) if (v.StartsWith(f, StringComparison.Ordinal)) return false;
            return null;
        }

        private static CertificateRequest? ParseCertRequest(string value)
        {
            switch (value.ToUpperInvariant())
            {
                case "0": case "NO": return CertificateRequest.None;
                case "1": case "REQUEST": return CertificateRequest.Request;
                case "2": case "REQUIRE": return CertificateRequest.Require;
                default: return null;
            }
        }

        private static bool TryParsePort(string value, out int port)
        {
            port = 0;
            return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
                && port >= 0 && port < 65536; // 0 = any free port (tests)
        }
    }
}
