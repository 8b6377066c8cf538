using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.DriverSocket;
using UpsPS.Engine.Drivers.Dummy;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers
{
    /// <summary>Interop with the real NUT 2.8.0 programs (skipped when they are not installed).</summary>
    public class DriverInteropTests
    {
        private const string Dev =
            "ups.status: OL CHRG\nbattery.charge: 95\nups.mfr: \"ACME Corp\"\nups.model: Model   X   2000\ndriver.name: fake\n" +
            "input.voltage: 230.0\nfoo.bar: something here\nups.serial: ABC#123\nups.delay.shutdown: 20\n";

        private static void SkipUnlessNut()
        {
            Skip.IfNot(NutProcesses.HasUpsd && NutProcesses.HasDummyUps, NutProcesses.MissingMessage);
            Skip.IfNot(UnixSocketEndPoint.IsPlatformUnix, "driver sockets of real NUT are Unix sockets");
        }

        internal static Dictionary<string, string> ParseUpsc(string output) =>
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => l.Contains(": "))
                .ToDictionary(l => l.Substring(0, l.IndexOf(": ", StringComparison.Ordinal)), l => l.Substring(l.IndexOf(": ", StringComparison.Ordinal) + 2));

        [SkippableFact]
        public async Task RealUpsdServesOurDriver()
        {
            SkipUnlessNut();
            using var config = new NutConfigDirectory();
            config.WriteFile("sim.dev", Dev);
            config.WriteUpsConf("[sim]\n  driver = dummy-ups\n  port = sim.dev\n  desc = \"UpsPS simulated\"\n");
            using var driver = await OurDriverBehindRealUpsd.StartAsync(config, "sim");
            using var upsd = await NutProcesses.StartUpsdAsync(config);

            var upsc = await NutProcesses.WaitForDataAsync(config.Target("sim"), TimeSpan.FromSeconds(15));
            var vars = ParseUpsc(upsc.StdOut);
            Assert.Equal("OL CHRG", vars["ups.status"]);
            Assert.Equal("Model X 2000", vars["ups.model"]);
            Assert.Equal("ACME Corp", vars["device.mfr"]);
            Assert.Equal("ABC", vars["device.serial"]);
            Assert.Equal("dummy-ups", vars["driver.name"]);
            Assert.Equal("dummy-once", vars["driver.parameter.mode"]);
            Assert.Equal("sim.dev", vars["driver.parameter.port"]);
            Assert.Equal("something here", vars["foo.bar"]);

            // upsrw through the real upsd reaches our driver
            var set = await NutProcesses.UpsrwSetAsync(config.Target("sim"), config.AdminUser, config.AdminPassword, "ups.status", "OB LB");
            Assert.True(set.ExitCode == 0, set.ToString());
            Assert.True((set.StdOut + set.StdErr).Contains("SUCCESS") || (set.StdOut + set.StdErr).Contains("OK"), set.ToString());
            Assert.Equal("OB LB", driver.Host.GetInfo("ups.status"));
            await Poll.UntilAsync(async () => (await NutProcesses.UpscAsync(config.Target("sim"), "ups.status")).StdOut.Trim() == "OB LB",
                TimeSpan.FromSeconds(10));

            // a read-only variable is refused by upsd itself
            var ro = await NutProcesses.UpsrwSetAsync(config.Target("sim"), config.AdminUser, config.AdminPassword, "device.mfr", "x");
            Assert.True((ro.StdOut + ro.StdErr).Contains("READONLY"), ro.ToString());

            // upscmd: upsd forwards load.off with a tracking id (-w); our dummy answers "unknown command"
            var logs = new List<string>();
            driver.Host.Log += (_, e) => { lock (logs) logs.Add(e.Message); };
            var cmd = await NutProcesses.UpscmdAsync(config.Target("sim"), config.AdminUser, config.AdminPassword, "load.off");
            Assert.Contains("ERR UNKNOWN", cmd.StdOut + cmd.StdErr); // our TRACKING <id> 1, as upsd reports it
            await Poll.UntilAsync(() => { lock (logs) return logs.Contains("instcmd: unknown command [load.off] [(null)]"); }, TimeSpan.FromSeconds(5));
        }

        [SkippableFact]
        public async Task OurConnectorReadsTheRealDummyUps()
        {
            SkipUnlessNut();
            using var config = new NutConfigDirectory();
            var devPath = Path.Combine(config.ConfigPath, "real.dev");
            File.WriteAllText(devPath, Dev);
            config.WriteUpsConf($"[real]\n  driver = dummy-ups\n  port = {devPath}\n");
            using var dummy = await NutProcesses.StartDummyUpsAsync(config, "real");

            var connector = SocketDriverConnector.ForDriver(config.StatePath, "dummy-ups", "real");
            using var channel = await connector.ConnectAsync();
            var dump = await DriverSocketTests.DumpAsync(channel);
            var setinfo = dump.Where(l => l[0] == "SETINFO").ToDictionary(l => l[1], l => l[2]);

            // every non-driver line of the .dev file, as our parser reads it, is what the real driver publishes
            foreach (var entry in DummyFileParser.Parse(Dev).Entries)
            {
                if (entry.Kind == DummyEntryKind.Set) Assert.Equal(entry.Value, setinfo[entry.Name]);
                if (entry.Kind == DummyEntryKind.Status) Assert.Equal(string.Join(" ", entry.Tokens), setinfo["ups.status"]);
            }
            Assert.Equal("dummy-ups", setinfo["driver.name"]);
            Assert.Equal("ACME Corp", setinfo["device.mfr"]);
            Assert.Equal(new[] { "ADDCMD", "load.off" }, dump.Single(l => l[0] == "ADDCMD"));
            Assert.Equal(new[] { "DATAOK" }, dump[dump.Count - 2]);
            Assert.Contains(dump, l => l.SequenceEqual(new[] { "SETFLAGS", "foo.bar", "RW", "STRING" }));
            Assert.Contains(dump, l => l.SequenceEqual(new[] { "SETAUX", "foo.bar", "32" }));

            await channel.SendAsync(new[] { "PING" });
            Assert.Equal(new[] { "PONG" }, await channel.ReceiveAsync());
        }
    }
}
