using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Tests.Unit.Support;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Snmp
{
    /// <summary>
    /// The end-to-end cross-check: real /lib/nut/snmp-ups behind real /lib/nut/upsd, and our snmp-ups behind our server,
    /// both against the same real snmpd serving one walk; `upsc` output must match line by line (driver.* aside).
    /// </summary>
    public class SnmpUpscThroughServersTests
    {
        private readonly ITestOutputHelper _output;
        public SnmpUpscThroughServersTests(ITestOutputHelper output) { _output = output; }

        /// <summary>Documented differences from 2.8.0 (docs/snmp-differences-from-nut.md), by walk and variable name.</summary>
        private static readonly Dictionary<string, string[]> KnownDifferences = new Dictionary<string, string[]>
        {
            ["librenms_cyberpower"] = new[] { "ups.status", "input.transfer.reason", "ups.delay.reboot" },
        };

        public static bool Available => SnmpdAgent.Available && SnmpDriverRunner.HasNut && NutProcesses.HasUpsd;
        public static string MissingMessage => "needs snmpd, /lib/nut/snmp-ups, /lib/nut/upsd and upsc";

        [SkippableTheory]
        [InlineData("librenms_apc_smt750x-nmc2", "auto")]
        [InlineData("librenms_apc_smtl1000-nmc3", "auto")]
        [InlineData("librenms_apc_smx750i", "auto")]
        [InlineData("librenms_apc_sua1500rmi2u", "auto")]
        [InlineData("librenms_apc_symmetralx", "auto")]
        [InlineData("librenms_cyberpower", "auto")]
        [InlineData("librenms_eaton-mgeups_5px", "auto")]
        [InlineData("snmpsimdata_eaton-93e-80", "auto")]
        [InlineData("librenms_generex-ups_cs141", "auto")]
        [InlineData("snmpsimdata_eastpower-istars-swv053", "auto")]
        [InlineData("snmpsimdata_ingrasys-power-switch", "auto")]
        [InlineData("librenms_deltaups", "auto")]
        [InlineData("librenms_deltaups", "delta_ups")]
        public async Task UpscShowsTheSameThroughBothServers(string walk, string mibs)
        {
            Skip.IfNot(Available, MissingMessage);
            Skip.IfNot(SnmpdAgent.HasWalk(walk), SnmpdAgent.MissingWalk(walk));
            using var agent = await SnmpdAgent.StartAsync(walk);
            var (nut, ours) = await CompareAsync(agent.Address, $"  mibs = {mibs}\n", _output);
            var known = KnownDifferences.TryGetValue(walk, out var k) ? k : Array.Empty<string>();
            AssertSame(walk, nut, ours, known);
            Assert.True(nut.Count >= 10, $"too few lines compared: {nut.Count}");
        }

        /// <summary>Mappings without a recorded walk: one composed walk per mapping (SnmpComposedWalkVsNutTests builds them).</summary>
        [SkippableTheory]
        [InlineData("netvision-3phase-bypass", "auto")]
        [InlineData("huawei-battery", "auto")]
        [InlineData("delta-battery", "delta_ups")]
        [InlineData("apc-ats-output-fail-overload", "auto")]
        [InlineData("apc-rpdu2-8", "auto")]
        [InlineData("apc-msp-from-zero", "apc_pdu")]
        [InlineData("eaton-epdu-alarms", "auto")]
        [InlineData("cpqpower-battery", "auto")]
        [InlineData("bestpower-battery", "auto")]
        [InlineData("eaton-ats30-off-over", "auto")]
        [InlineData("baytech-8", "auto")]
        [InlineData("aphel-revelation-4", "auto")]
        [InlineData("raritan-px2-6", "auto")]
        [InlineData("emerson-avocent-4", "auto")]
        [InlineData("pulizzi-switched2-8", "auto")]
        [InlineData("hpe-epdu-alarms", "auto")]
        [InlineData("eaton-epdu-emp002-fahrenheit-alarm", "auto")]
        public async Task UpscShowsTheSameThroughBothServersOnComposedWalks(string walk, string mibs)
        {
            Skip.IfNot(Available, MissingMessage);
            var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"upsps-walk-{walk}-{Guid.NewGuid():N}.snmprec");
            System.IO.File.WriteAllLines(file, ComposedWalk(walk));
            try
            {
                using var agent = await SnmpdAgent.StartFromFileAsync(file);
                var (nut, ours) = await CompareAsync(agent.Address, $"  mibs = {mibs}\n", _output);
                AssertSame(walk, nut, ours, Array.Empty<string>());
                Assert.True(nut.Count >= 10, $"too few lines compared: {nut.Count}");
            }
            finally { System.IO.File.Delete(file); }
        }

        private static IEnumerable<string> ComposedWalk(string walk)
        {
            foreach (var source in new Func<string, IEnumerable<string>>[] { SnmpMoreMappingsVsNutTests.Walk, SnmpPduVsNutTests.Walk, SnmpComposedWalkVsNutTests.Walk })
            {
                try { return source(walk).ToList(); }
                catch (ArgumentException) { }
            }
            throw new ArgumentException(walk);
        }

        /// <summary>
        /// upscmd outlet.N.load.off and upsrw outlet.N.desc, sent through real upsd to real snmp-ups and through our server
        /// to our driver, each stack with its own copy of the ePDU: both cards must end up with the same values.
        /// </summary>
        [SkippableFact]
        public async Task OutletCommandAndSettingReachTheCardTheSameWayThroughBothServers()
        {
            Skip.IfNot(Available, MissingMessage);
            var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"upsps-walk-epdu-{Guid.NewGuid():N}.snmprec");
            System.IO.File.WriteAllLines(file, SnmpPduVsNutTests.Walk("eaton-epdu-ok"));
            const string u = "1.3.6.1.4.1.534.6.6.7.";
            var watched = new[] { u + "6.6.1.3.0.2", u + "6.1.1.3.0.3", u + "5.6.1.4.0.1" };
            try
            {
                var results = new List<string>();
                foreach (var real in new[] { true, false })
                {
                    using var agent = await SnmpdAgent.StartFromFileAsync(file);
                    using var config = new NutConfigDirectory();
                    config.WriteUpsConf($"[snmp]\n  driver = snmp-ups\n  port = {agent.Address}\n  community = private\n  pollfreq = 30\n");
                    NutProcess? driver = null, upsd = null;
                    UpsPSServer? server = null;
                    try
                    {
                        if (real)
                        {
                            driver = NutProcess.Start(SnmpDriverRunner.NutSnmpUps, new[] { "-a", "snmp", "-F", "-u", "root" }, config);
                            upsd = await NutProcesses.StartUpsdAsync(config);
                        }
                        else server = await UpsPSServer.StartAsync(config);
                        await WaitForListAsync(config.Target("snmp"), () => driver?.Output ?? "");
                        var cmd = await NutProcesses.UpscmdAsync(config.Target("snmp"), config.AdminUser, config.AdminPassword, "outlet.2.load.off");
                        Assert.True(cmd.ExitCode == 0, (real ? "upsd: " : "ours: ") + cmd);
                        var grp = await NutProcesses.UpscmdAsync(config.Target("snmp"), config.AdminUser, config.AdminPassword, "outlet.group.1.load.on.delay", "15");
                        Assert.True(grp.ExitCode == 0, (real ? "upsd: " : "ours: ") + grp);
                        var set = await NutProcesses.UpsrwSetAsync(config.Target("snmp"), config.AdminUser, config.AdminPassword, "outlet.3.desc", "db-primary");
                        Assert.True(set.ExitCode == 0, (real ? "upsd: " : "ours: ") + set);
                        // The driver acts after answering OK: wait until the card shows the last write.
                        string shown = "";
                        await Poll.UntilAsync(async () =>
                        {
                            shown = await ReadAgentAsync(agent, watched);
                            return shown.Contains("db-primary", StringComparison.Ordinal);
                        }, TimeSpan.FromSeconds(15), () => "the card never got the new description: " + shown);
                        results.Add(shown);
                    }
                    finally
                    {
                        if (server != null) await server.DisposeAsync();
                        upsd?.Dispose();
                        driver?.Dispose();
                    }
                }
                Assert.Equal(results[0], results[1]);
                Assert.Contains(u + "6.6.1.3.0.2=0", results[1]);
                Assert.Contains(u + "5.6.1.4.0.1=15", results[1]);
            }
            finally { System.IO.File.Delete(file); }
        }

        /// <summary>
        /// upsrw on a settable variable without OID (MGE's ups.delay.shutdown): 2.8.0's driver answers FAILED and keeps
        /// the default, and so does ours.
        /// </summary>
        [SkippableFact]
        public async Task SettingAVariableWithoutOidAnswersTheSameThroughBothServers()
        {
            const string walk = "librenms_eaton-mgeups_5px";
            Skip.IfNot(Available, MissingMessage);
            Skip.IfNot(SnmpdAgent.HasWalk(walk), SnmpdAgent.MissingWalk(walk));
            using var agent = await SnmpdAgent.StartAsync(walk);
            var outcomes = new List<string>();
            foreach (var real in new[] { true, false })
            {
                using var config = new NutConfigDirectory();
                config.WriteUpsConf($"[snmp]\n  driver = snmp-ups\n  port = {agent.Address}\n  community = private\n  pollfreq = 30\n");
                NutProcess? driver = null, upsd = null;
                UpsPSServer? server = null;
                try
                {
                    if (real)
                    {
                        driver = NutProcess.Start(SnmpDriverRunner.NutSnmpUps, new[] { "-a", "snmp", "-F", "-u", "root" }, config);
                        upsd = await NutProcesses.StartUpsdAsync(config);
                    }
                    else server = await UpsPSServer.StartAsync(config);
                    await WaitForListAsync(config.Target("snmp"), () => driver?.Output ?? "");
                    var set = await NutProcesses.UpsrwSetAsync(config.Target("snmp"), config.AdminUser, config.AdminPassword, "ups.delay.shutdown", "90");
                    // upsrw reports the driver's own answer (2.8.0 tracking); after SUCCESS the value follows shortly.
                    var value = await NutProcesses.UpscAsync(config.Target("snmp"), "ups.delay.shutdown");
                    if (set.StdErr.Contains("SUCCESS", StringComparison.Ordinal))
                        await Poll.UntilAsync(async () =>
                        {
                            value = await NutProcesses.UpscAsync(config.Target("snmp"), "ups.delay.shutdown");
                            return value.StdOut.Trim() == "90";
                        }, TimeSpan.FromSeconds(10), () => "the new value never showed");
                    outcomes.Add($"exit {set.ExitCode} {set.StdErr.Trim()} value {value?.StdOut.Trim()}");
                }
                finally
                {
                    if (server != null) await server.DisposeAsync();
                    upsd?.Dispose();
                    driver?.Dispose();
                }
            }
            Assert.Equal(outcomes[0], outcomes[1]);
            Assert.Equal("exit 0 ERR FAILED value 20", outcomes[1]);
        }

        private static async Task<string> ReadAgentAsync(SnmpdAgent agent, string[] oids)
        {
            using var client = await UpsPS.Engine.Snmp.SnmpClient.ConnectAsync(new UpsPS.Engine.Snmp.SnmpClientOptions
            {
                Port = agent.Port, Version = UpsPS.Engine.Snmp.SnmpVersion.V2c,
            });
            var r = await client.GetAsync(oids);
            return string.Join(", ", r.VarBinds.Select(v => v.Oid + "=" +
                (v.Value.Type == UpsPS.Engine.Snmp.SnmpValueType.OctetString ? v.Value.BytesAsText : v.Value.Number.ToString())));
        }

        /// <summary>Runs both stacks against <paramref name="address"/> and returns the upsc lines of each (driver.* dropped).</summary>
        public static async Task<(IReadOnlyDictionary<string, string> Nut, IReadOnlyDictionary<string, string> Ours)> CompareAsync(
            string address, string options, ITestOutputHelper? output = null)
        {
            var section = $"[snmp]\n  driver = snmp-ups\n  port = {address}\n  pollfreq = 30\n{options}";
            using var real = new NutConfigDirectory();
            real.WriteUpsConf(section);
            using var driver = NutProcess.Start(SnmpDriverRunner.NutSnmpUps, new[] { "-a", "snmp", "-F", "-u", "root" }, real);
            using var upsd = await NutProcesses.StartUpsdAsync(real);
            var viaUpsd = await WaitForListAsync(real.Target("snmp"), () => driver.Output);

            using var mine = new NutConfigDirectory();
            mine.WriteUpsConf(section);
            await using var server = await UpsPSServer.StartAsync(mine);
            var viaUs = await WaitForListAsync(mine.Target("snmp"), () => "");

            output?.WriteLine("upsd:\n" + viaUpsd + "\nours:\n" + viaUs);
            return (Parse(viaUpsd), Parse(viaUs));
        }

        public static void AssertSame(string label, IReadOnlyDictionary<string, string> nut, IReadOnlyDictionary<string, string> ours,
            IReadOnlyCollection<string> known)
        {
            var diff = SnmpDriverRunner.Diff(ours, nut).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(line => !known.Contains(line.Substring(0, line.IndexOf(':')))).ToList();
            Assert.True(diff.Count == 0, label + "\n" + string.Join("\n", diff));
            // Line by line: the same names in the same order (both servers list variables sorted).
            Assert.Equal(nut.Keys.Where(n => !known.Contains(n)), ours.Keys.Where(n => !known.Contains(n)));
        }

        private static async Task<string> WaitForListAsync(string target, Func<string> log)
        {
            // A driver may publish its first update in more than one go (real snmp-ups once listed ups.temperature a
            // moment after ups.status): the listing counts once it has stayed the same for a second.
            ToolResult? last = null;
            string? previous = null;
            var unchangedSince = System.Diagnostics.Stopwatch.StartNew();
            await Poll.UntilAsync(async () =>
            {
                last = await NutProcesses.UpscAsync(target);
                var ready = last.ExitCode == 0 && last.StdOut.Contains("ups.status:", StringComparison.Ordinal)
                            && !last.StdOut.Contains("ups.status: WAIT", StringComparison.Ordinal);
                if (!ready || last.StdOut != previous) unchangedSince.Restart();
                previous = ready ? last.StdOut : null;
                return ready && unchangedSince.Elapsed >= TimeSpan.FromSeconds(1);
            }, TimeSpan.FromSeconds(60), () => $"{target} never served stable data: {last}\n{log()}");
            return last!.StdOut;
        }

        private static IReadOnlyDictionary<string, string> Parse(string upsc)
        {
            var vars = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in upsc.Split('\n'))
            {
                var i = line.IndexOf(": ", StringComparison.Ordinal);
                var name = i > 0 ? line.Substring(0, i) : line.TrimEnd(':');
                if (name.Length == 0 || name.StartsWith("driver.", StringComparison.Ordinal)) continue;
                vars[name] = i > 0 ? line.Substring(i + 2) : "";
            }
            return vars;
        }
    }
}
