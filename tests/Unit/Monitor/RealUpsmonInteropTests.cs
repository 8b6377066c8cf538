using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Monitor;
using UpsPS.Engine.Monitor.Net;
using UpsPS.Tests.Unit.Client;
using Xunit;

using UpsPS.Tests.Unit.Support;

namespace UpsPS.Tests.Unit.Monitor
{
    /// <summary>
    /// Our monitor as a secondary beside a REAL NUT 2.8.0 upsmon primary on a real upsd: it follows the
    /// primary's FSD, and both NOTIFYCMDs receive the same environment and argument.
    /// </summary>
    // upsmon 2.8.0 refuses to start while another upsmon holds /run/nut/upsmon.pid: never run two at once.
    [Collection("real upsmon")]
    public class RealUpsmonInteropTests
    {
        private const string UpsmonPath = "/lib/nut/upsmon";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

        [SkippableFact]
        public async Task Secondary_follows_a_real_upsmon_primary_FSD_and_NOTIFYCMD_gets_NUTs_environment()
        {
            Skip.IfNot(RealNutServer.Available && File.Exists(UpsmonPath), $"real NUT upsd/dummy-ups/upsmon not found ({UpsmonPath})");
            Skip.If(OperatingSystem.IsWindows(), "POSIX only");
            using var onlyUpsmon = await MachineLock.AcquireAsync("upsps-real-upsmon", TimeSpan.FromMinutes(3));
            await using var server = await RealNutServer.StartAsync("ups.status: OL\nbattery.charge: 100\ninput.voltage: 230.0\n", "pollinterval = 1");
            string system = $"{RealNutServer.UpsName}@127.0.0.1:{server.Port}";
            string dir = Path.Combine(server.Directory, "upsmon");
            Directory.CreateDirectory(dir);
            string dump = Path.Combine(dir, "dump.sh");
            File.WriteAllText(dump, "#!/bin/sh\nout=\"$1\"; shift\nprintf '%s|%s|%s\\n' \"$NOTIFYTYPE\" \"$UPSNAME\" \"$*\" >> \"$out\"\n");
            File.SetUnixFileMode(dump, (UnixFileMode)0x1ED); // 0755
            string realNotify = Path.Combine(dir, "real-notify.txt"), ourNotify = Path.Combine(dir, "our-notify.txt");
            string marker = Path.Combine(dir, "real-shutdown"), killpower = Path.Combine(dir, "killpower");
            File.WriteAllText(Path.Combine(dir, "upsmon.conf"),
                $"MONITOR {system} 1 {RealNutServer.PrimaryUser} {RealNutServer.PrimaryPassword} primary\n" +
                $"MINSUPPLIES 1\nSHUTDOWNCMD \"touch {marker}\"\nNOTIFYCMD \"{dump} {realNotify}\"\n" +
                "NOTIFYFLAG ONBATT SYSLOG+EXEC\nNOTIFYFLAG LOWBATT SYSLOG+EXEC\n" +
                $"POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC 20\nFINALDELAY 0\nDEADTIME 15\nPOWERDOWNFLAG {killpower}\nRUN_AS_USER root\n");

            using var upsmon = StartUpsmon(dir);
            try
            {
                var log = new ConcurrentLog();
                var config = new MonitorConfig
                {
                    Monitors = { new MonitoredUps(system, 1, RealNutServer.MonitorUser, RealNutServer.MonitorPassword, MonitorRole.Secondary) },
                    PollFreq = 1, PollFreqAlert = 1, HostSync = 20, FinalDelay = 0, DeadTime = 15,
                    NotifyCommand = new List<string> { $"{dump} {ourNotify}" },
                    NotifyFlags = { [NotifyType.ONBATT] = NotifyFlags.Syslog | NotifyFlags.Exec, [NotifyType.LOWBATT] = NotifyFlags.Syslog | NotifyFlags.Exec },
                };
                var dispatcher = new NotificationDispatcher(log, null, () => config.NotifyCommand);
                var sink = new AwaitableSink();
                dispatcher.AddObserver(sink.Notify);
                var shutdown = new CountingShutdown();
                var monitor = new UpsMonitor(config, new MonitorDependencies
                {
                    ConnectionFactory = new NutUpsConnectionFactory { NetworkTimeout = TimeSpan.FromSeconds(3) },
                    Notifications = dispatcher, ShutdownAction = shutdown, Log = log,
                });
                using var stop = new CancellationTokenSource(Wait + Wait);
                var run = Task.Run(() => monitor.RunAsync(stop.Token));

                // Both upsmons logged in, then the power fails.
                try
                {
                    await RealNutServer.WaitUntilAsync(async () =>
                    {
                        await using var c = server.CreateClient();
                        return await c.GetNumLoginsAsync(RealNutServer.UpsName) == 2;
                    }, Wait, "NUMLOGINS 2 (real upsmon primary + our secondary)");
                }
                catch (TimeoutException ex)
                {
                    throw new TimeoutException(ex.Message + "\nupsmon: " + server.Log("upsmon.log") + "\nours: " + log, ex);
                }
                await using (var admin = server.CreateClient())
                {
                    await admin.AuthenticateAsync(RealNutServer.Admin());
                    await admin.SetVariableAsync(RealNutServer.UpsName, "ups.status", "OB LB");
                }

                Assert.Same(run, await Task.WhenAny(run, Task.Delay(Wait)));
                Assert.Equal(MonitorExitReason.Shutdown, await run);
                Assert.Equal(1, shutdown.Calls);
                Assert.Contains("FSD", shutdown.Decision!.Ups.Single().Status);
                Assert.Equal(1, sink.Count(NotifyType.FSD));

                // The real primary waited for us to log out, then ran its SHUTDOWNCMD: we went first.
                await RealNutServer.WaitUntilAsync(() => Task.FromResult(File.Exists(marker)), Wait, "real upsmon SHUTDOWNCMD\n" + server.Log("upsmon.log"));
                Assert.True(shutdown.At!.Value.UtcDateTime <= File.GetLastWriteTimeUtc(marker).AddSeconds(1));
                Assert.Contains("upsmon", File.ReadAllText(killpower));

                await dispatcher.WhenIdleAsync();
                var real = File.ReadAllLines(realNotify);
                var ours = File.ReadAllLines(ourNotify);
                foreach (var type in new[] { "ONBATT", "LOWBATT" })
                {
                    string expected = real.Single(l => l.StartsWith(type + "|", StringComparison.Ordinal));
                    Assert.Equal($"{type}|{system}|", expected.Substring(0, type.Length + system.Length + 2));
                    Assert.Equal(expected, ours.Single(l => l.StartsWith(type + "|", StringComparison.Ordinal)));
                }
            }
            finally
            {
                try { if (!upsmon.HasExited) upsmon.Kill(); upsmon.WaitForExit(5000); } catch (InvalidOperationException) { }
            }
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
            var log = new StreamWriter(Path.Combine(Path.GetDirectoryName(dir)!, "upsmon.log"), append: true) { AutoFlush = true };
            p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
            p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return p;
        }
    }
}
