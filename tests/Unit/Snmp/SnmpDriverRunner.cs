using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.Snmp;
using UpsPS.Tests.Unit.Support;

namespace UpsPS.Tests.Unit.Snmp
{
    /// <summary>Runs our snmp-ups and the real NUT 2.8.0 snmp-ups (<c>-d 1</c> dump) against an agent.</summary>
    public static class SnmpDriverRunner
    {
        public const string NutSnmpUps = "/lib/nut/snmp-ups";
        public static bool HasNut => File.Exists(NutSnmpUps);
        public static string MissingNut => $"real NUT snmp-ups not installed ({NutSnmpUps}; apt-get install nut-snmp)";

        public static DriverHost CreateHost(string address, string options)
        {
            var section = UpsConfReader.Parse($"[snmp]\n driver = snmp-ups\n port = {address}\n{options}\n").Sections.Single();
            return DriverHost.Create(section, DriverRegistry.CreateDefault());
        }

        /// <summary>Starts our driver once and returns its variables (driver.* excluded) and the host.</summary>
        public static async Task<(Dictionary<string, string> Vars, DriverHost Host)> RunOursAsync(string address, string options)
        {
            var host = CreateHost(address, options);
            await host.StartAsync();
            var vars = host.GetVariables().Where(v => !v.Name.StartsWith("driver.", StringComparison.Ordinal))
                .ToDictionary(v => v.Name, v => v.Value ?? "");
            return (vars, host);
        }

        /// <summary>Real snmp-ups, one update, dump to stdout. Null when it exits without a dump (e.g. no device detected).</summary>
        public static async Task<(Dictionary<string, string>? Vars, string Log)> RunNutAsync(string address, string options)
        {
            var dir = Path.Combine(Path.GetTempPath(), "upsps-nutsnmp-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                File.WriteAllText(Path.Combine(dir, "ups.conf"), $"[snmp]\n driver = snmp-ups\n port = {address}\n{options}\n");
                var psi = new System.Diagnostics.ProcessStartInfo(NutSnmpUps)
                {
                    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                };
                foreach (var a in new[] { "-a", "snmp", "-u", "root", "-d", "1" }) psi.ArgumentList.Add(a);
                psi.Environment["NUT_CONFPATH"] = dir;
                psi.Environment["NUT_STATEPATH"] = dir;
                using var p = System.Diagnostics.Process.Start(psi)!;
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                if (!p.WaitForExit(120000)) { p.Kill(true); throw new TimeoutException("snmp-ups did not finish"); }
                var text = await stdout;
                var log = await stderr;
                var vars = new Dictionary<string, string>();
                foreach (var line in text.Split('\n'))
                {
                    var i = line.IndexOf(": ", StringComparison.Ordinal);
                    if (i <= 0 || line.StartsWith("Network UPS Tools", StringComparison.Ordinal)) continue;
                    var name = line.Substring(0, i);
                    if (name.StartsWith("driver.", StringComparison.Ordinal)) continue;
                    vars[name] = line.Substring(i + 2);
                }
                return (vars.Count == 0 ? null : vars, log);
            }
            finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
        }

        public static string Diff(IReadOnlyDictionary<string, string> ours, IReadOnlyDictionary<string, string> nut)
        {
            var lines = new List<string>();
            foreach (var name in ours.Keys.Union(nut.Keys).OrderBy(n => n, StringComparer.Ordinal))
            {
                ours.TryGetValue(name, out var a);
                nut.TryGetValue(name, out var b);
                if (a == b) continue;
                lines.Add($"{name}: ours={(a == null ? "(absent)" : "'" + a + "'")} nut={(b == null ? "(absent)" : "'" + b + "'")}");
            }
            return string.Join("\n", lines);
        }
    }
}
