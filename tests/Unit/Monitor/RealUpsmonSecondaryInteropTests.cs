using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Client;
using UpsPS.Engine.Monitor;
using UpsPS.Engine.Monitor.Net;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Monitor
{
    /// <summary>The other direction of RealUpsmonInteropTests: a real NUT 2.8.0 upsmon as secondary, against
    /// UpsPS's server, follows the FSD that UpsPS's monitor (primary) sets, and the primary waits for it.</summary>
    // upsmon 2.8.0 refuses to start while another upsmon holds /run/nut/upsmon.pid: never run two at once.
    [Collection("real upsmon")]
    public sealed class RealUpsmonSecondaryInteropTests
    {
        private const string UpsmonPath = "/lib/nut/upsmon";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

        [SkippableFact]
        public async Task Real_upsmon_secondary_follows_our_primary_FSD_on_our_server()
        {
            Skip.IfNot(File.Exists(UpsmonPath), $"real NUT upsmon not found ({UpsmonPath})");
            Skip.If(OperatingSystem.IsWindows(), "POSIX only");
            using var onlyUpsmon = await MachineLock.AcquireAsync("upsps-real-upsmon", TimeSpan.FromMinutes(3));
            using var config = new NutConfigDirectory();
            config.WriteFile("dummy.dev", "ups.status: OL\nbattery.charge: 100\n");
            config.WriteUpsConf("[dummy]\n  driver = dummy-ups\n  port = dummy.dev\n  mode = dummy-once\n");
            config.WriteFile("upsd.users",
                $"[{config.AdminUser}]\n  password = {config.AdminPassword}\n  actions = SET FSD\n  upsmon primary\n" +
                "[monsec]\n  password = secpass\n  upsmon secondary\n");
            await using var server = await UpsPSServer.StartAsync(config);
            string system = config.Target("dummy");

            string dir = Path.Combine(config.Root, "upsmon");
            Directory.CreateDirectory(dir);
            string marker = Path.Combine(dir, "real-shutdown");
            File.WriteAllText(Path.Combine(dir, "upsmon.conf"),
                $"MONITOR {system} 1 monsec secpass secondary\nMINSUPPLIES 1\nSHUTDOWNCMD \"touch {marker}\"\n" +
                "POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC 30\nFINALDELAY 0\nDEADTIME 15\nRUN_AS_USER root\n");
            File.SetUnixFileMode(Path.Combine(dir, "upsmon.conf"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var upsmon = StartUpsmon(dir);
            try
            {
                var log = new ConcurrentLog();
                var shutdown = new CountingShutdown();
                var sink = new AwaitableSink();
                var monitor = new UpsMonitor(new MonitorConfig
                {
                    Monitors = { new MonitoredUps(system, 1, config.AdminUser, config.AdminPassword, MonitorRole.Primary) },
                    PollFreq = 1, PollFreqAlert = 1, HostSync = 30, FinalDelay = 0, DeadTime = 15,
                }, new MonitorDependencies
                {
                    ConnectionFactory = new NutUpsConnectionFactory { NetworkTimeout = TimeSpan.FromSeconds(3) },
                    Notifications = sink, ShutdownAction = shutdown, Log = log,
                });
                using var stop = new CancellationTokenSource(Wait + Wait);
                var run = Task.Run(() => monitor.RunAsync(stop.Token));

                await Poll.UntilAsync(async () => await NumLoginsAsync(config) == 2, Wait,
                    () => "NUMLOGINS 2 (our primary + real upsmon secondary)\nours: " + log + "\nupsmon: " + ReadLog(dir));
                using (var admin = new NutClient("127.0.0.1", config.Port))
                {
                    await admin.AuthenticateAsync(new NutCredential(config.AdminUser, config.AdminPassword.ToCharArray()));
                    await admin.SetVariableAsync("dummy", "ups.status", "OB LB");
                }

                // The real secondary sees our FSD, shuts down and logs out; only then does our primary shut down.
                await Poll.UntilAsync(() => File.Exists(marker), Wait, () => "real upsmon SHUTDOWNCMD\n" + ReadLog(dir) + "\nours: " + log);
                Assert.Same(run, await Task.WhenAny(run, Task.Delay(Wait)));
                Assert.Equal(MonitorExitReason.Shutdown, await run);
                Assert.Equal(1, shutdown.Calls);
                Assert.Equal(1, sink.Count(NotifyType.SHUTDOWN_HOSTSYNC));
                Assert.Matches("NUMLOGINS [01]", shutdown.Decision!.HostSyncOutcome);
                Assert.True(File.GetLastWriteTimeUtc(marker) <= shutdown.At!.Value.UtcDateTime.AddSeconds(1),
                    "the secondary must go down before the primary");
                Assert.True(await upsmonExitedAsync(upsmon), "upsmon exits after its shutdown\n" + ReadLog(dir));
            }
            finally
            {
                try { if (!upsmon.HasExited) upsmon.Kill(); upsmon.WaitForExit(5000); } catch (InvalidOperationException) { }
            }

            static async Task<bool> upsmonExitedAsync(Process p)
            {
                try { await Poll.UntilAsync(() => p.HasExited, TimeSpan.FromSeconds(15)); return true; }
                catch (TimeoutException) { return false; }
            }
        }

        private static async Task<int> NumLoginsAsync(NutConfigDirectory config)
        {
            using var c = new NutClient("127.0.0.1", config.Port);
            try { return await c.GetNumLoginsAsync("dummy"); }
            catch (Exception) { return -1; }
        }

        private static string ReadLog(string dir)
        {
            string path = Path.Combine(dir, "upsmon.log");
            try { return File.Exists(path) ? File.ReadAllText(path) : ""; } catch (IOException) { return ""; }
        }

        private static Process StartUpsmon(string dir)
        {
            var psi = new ProcessStartInfo(UpsmonPath, "-D -F -p")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = dir,
            };
            psi.Environment["NUT_CONFPATH"] = dir;
            psi.Environment["NUT_STATEPATH"] = dir;
            psi.Environment["NUT_ALTPIDPATH"] = dir;
            var p = Process.Start(psi) ?? throw new InvalidOperationException("upsmon did not start");
            var log = new StreamWriter(Path.Combine(dir, "upsmon.log"), append: true) { AutoFlush = true };
            p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
            p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return p;
        }
    }
}
