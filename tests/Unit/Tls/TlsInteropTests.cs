using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Client;
using UpsPS.Engine.Monitor;
using UpsPS.Engine.Monitor.Net;
using UpsPS.Engine.Tls;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Tls
{
    /// <summary>
    /// TLS interop with the real NUT 2.8.0 programs (Debian build, NSS): real upsc and upsmon (CERTVERIFY on) against our
    /// server, our client and monitor adapter against a real upsd whose certificate sits in an NSS database made by
    /// certutil/pk12util, and openssl s_client protocol checks through a STARTTLS bridge.
    /// </summary>
    public sealed class TlsInteropTests
    {
        private const string Ups = "dummy";
        private const string UpsmonPath = "/lib/nut/upsmon";
        private const string Certutil = "/usr/bin/certutil";
        private const string Pk12util = "/usr/bin/pk12util";
        private const string Openssl = "/usr/bin/openssl";
        private const string NssPassword = "nss-db-pass";

        private static void SkipUnlessNut()
        {
            Skip.If(OperatingSystem.IsWindows(), "POSIX only");
            Skip.IfNot(NutProcesses.HasUpsd && NutProcesses.HasDummyUps, NutProcesses.MissingMessage);
        }

        private static void SkipUnlessNss() =>
            Skip.IfNot(File.Exists(Certutil) && File.Exists(Pk12util), $"NSS tools not installed ({Certutil}, {Pk12util}: package libnss3-tools)");

        private static void PrepareDevice(NutConfigDirectory config)
        {
            config.WriteUpsConf($"[{Ups}]\n  driver = dummy-ups\n  port = test.dev\n");
            config.WriteFile("test.dev", "ups.status: OL\nbattery.charge: 100\n");
            config.WriteFile("upsd.users",
                $"[{config.AdminUser}]\n  password = {config.AdminPassword}\n  actions = SET FSD\n  instcmds = ALL\n" +
                "[monitor]\n  password = monpw\n  upsmon secondary\n");
        }

        private static async Task<UpsPSServer> StartOurTlsServerAsync(NutConfigDirectory config, TestCertificates pki)
        {
            PrepareDevice(config);
            config.WriteUpsdConf($"CERTFILE {pki.ServerPem}\nDISABLE_WEAK_SSL true\n");
            var server = await UpsPSServer.StartAsync(config);
            Assert.NotNull(server.Host.Tls);
            return server;
        }

        /// <summary>An NSS database in <paramref name="dir"/>: optionally the server certificate+key (nickname "upsd")
        /// and/or a trusted CA.</summary>
        private static async Task CreateNssDatabaseAsync(string dir, TestCertificates pki, bool withServerKey, string? trustedCaFile)
        {
            Directory.CreateDirectory(dir);
            var pw = Path.Combine(dir, "..", Path.GetFileName(dir) + ".pw");
            File.WriteAllText(pw, NssPassword + "\n");
            await Tool(Certutil, "-N", "-d", "sql:" + dir, "-f", pw);
            if (withServerKey)
            {
                var p12 = Path.Combine(pki.Directory, "nss-import.p12");
                File.WriteAllBytes(p12, pki.Server.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "p12pass"));
                await Tool(Pk12util, "-i", p12, "-d", "sql:" + dir, "-k", pw, "-W", "p12pass");
                var list = await Tool(Certutil, "-L", "-d", "sql:" + dir);
                // pk12util names the certificate after its subject; rename-free: find the nickname that was used.
                Assert.Contains("localhost", list);
            }
            if (trustedCaFile != null)
                await Tool(Certutil, "-A", "-d", "sql:" + dir, "-f", pw, "-n", "UpsPS Test CA", "-t", "CT,C,C", "-a", "-i", trustedCaFile);
        }

        private static async Task<string> Tool(string path, params string[] args)
        {
            var r = await NutProcesses.RunToolAsync(path, args);
            Assert.True(r.ExitCode == 0, $"{path} {string.Join(" ", args)}: {r}");
            return r.StdOut + r.StdErr;
        }

        [SkippableFact]
        public async Task RealUpscTalksTlsToOurServer()
        {
            SkipUnlessNut();
            using var pki = new TestCertificates();
            using var config = new NutConfigDirectory();
            await using var server = await StartOurTlsServerAsync(config, pki);
            var result = await NutProcesses.WaitForDataAsync(config.Target(Ups), TimeSpan.FromSeconds(15));
            Assert.Contains("ups.status: OL", result.StdOut);
            var single = await NutProcesses.UpscAsync(config.Target(Ups), "ups.status");
            Assert.Equal("OL", single.StdOut.Trim());
            Assert.Contains("SSL handshake done successfully", single.StdErr);
            Assert.Contains("in SSL", single.StdErr);
        }

        [SkippableFact]
        public async Task RealUpsmonWithCertVerifyLogsIntoOurServerOverTls()
        {
            SkipUnlessNut();
            SkipUnlessNss();
            Skip.IfNot(File.Exists(UpsmonPath), $"{UpsmonPath} not installed");
            using var onlyUpsmon = await MachineLock.AcquireAsync("upsps-real-upsmon", TimeSpan.FromMinutes(3));
            using var pki = new TestCertificates();
            using var config = new NutConfigDirectory();
            await using var server = await StartOurTlsServerAsync(config, pki);
            await NutProcesses.WaitForDataAsync(config.Target(Ups), TimeSpan.FromSeconds(15));

            var dir = Path.Combine(config.Root, "upsmon");
            var nss = Path.Combine(config.Root, "upsmon-nss");
            Directory.CreateDirectory(dir);
            await CreateNssDatabaseAsync(nss, pki, withServerKey: false, trustedCaFile: pki.CaFile);
            File.WriteAllText(Path.Combine(dir, "upsmon.conf"),
                $"MONITOR {Ups}@localhost:{config.Port} 1 monitor monpw secondary\nMINSUPPLIES 1\nSHUTDOWNCMD \"/bin/true\"\n" +
                $"POLLFREQ 1\nPOLLFREQALERT 1\nDEADTIME 15\nRUN_AS_USER root\nPOWERDOWNFLAG {Path.Combine(dir, "killpower")}\n" +
                $"CERTPATH {nss}\nCERTVERIFY 1\nFORCESSL 1\n");
            using var upsmon = StartUpsmon(dir, out var log);
            try
            {
                await Poll.UntilAsync(() => server.Host.Server.GetClients().Any(c => c.IsTls && c.LoggedInto == Ups && c.Username == "monitor"),
                    TimeSpan.FromSeconds(20), () => "real upsmon never logged in over TLS:\n" + log);
            }
            finally
            {
                if (!upsmon.HasExited) upsmon.Kill();
                upsmon.WaitForExit(5000);
            }
        }

        [SkippableFact]
        public async Task RealUpsmonWithCertVerifyRefusesOurServerWhenItsCaIsNotTrusted()
        {
            SkipUnlessNut();
            SkipUnlessNss();
            Skip.IfNot(File.Exists(UpsmonPath), $"{UpsmonPath} not installed");
            using var onlyUpsmon = await MachineLock.AcquireAsync("upsps-real-upsmon", TimeSpan.FromMinutes(3));
            using var pki = new TestCertificates();
            using var config = new NutConfigDirectory();
            await using var server = await StartOurTlsServerAsync(config, pki);
            await NutProcesses.WaitForDataAsync(config.Target(Ups), TimeSpan.FromSeconds(15));
            var dir = Path.Combine(config.Root, "upsmon");
            var nss = Path.Combine(config.Root, "upsmon-nss");
            Directory.CreateDirectory(dir);
            await CreateNssDatabaseAsync(nss, pki, withServerKey: false, trustedCaFile: null);
            File.WriteAllText(Path.Combine(dir, "upsmon.conf"),
                $"MONITOR {Ups}@localhost:{config.Port} 1 monitor monpw secondary\nMINSUPPLIES 1\nSHUTDOWNCMD \"/bin/true\"\n" +
                $"POLLFREQ 1\nPOLLFREQALERT 1\nDEADTIME 15\nRUN_AS_USER root\nPOWERDOWNFLAG {Path.Combine(dir, "killpower")}\n" +
                $"CERTPATH {nss}\nCERTVERIFY 1\nFORCESSL 1\n");
            using var upsmon = StartUpsmon(dir, out var log);
            try
            {
                // upsmon reports the failed verification in its log; it must never get logged in.
                await Poll.UntilAsync(() => log.ToString().Contains("Certificate validation failed for localhost", StringComparison.Ordinal),
                    TimeSpan.FromSeconds(20), () => "no TLS verification failure logged by upsmon:\n" + log);
                Assert.DoesNotContain(server.Host.Server.GetClients(), c => c.LoggedInto == Ups);
            }
            finally
            {
                if (!upsmon.HasExited) upsmon.Kill();
                upsmon.WaitForExit(5000);
            }
        }

        [SkippableFact]
        public async Task OurClientAndMonitorTalkVerifiedTlsToRealUpsdWithNssDatabase()
        {
            SkipUnlessNut();
            SkipUnlessNss();
            using var pki = new TestCertificates();
            using var config = new NutConfigDirectory();
            PrepareDevice(config);
            var nss = Path.Combine(config.Root, "upsd-nss");
            await CreateNssDatabaseAsync(nss, pki, withServerKey: true, trustedCaFile: null);
            var nickname = "localhost";
            var list = await Tool(Certutil, "-L", "-d", "sql:" + nss);
            var line = list.Split('\n').First(l => l.Contains("u,u,u"));
            nickname = line.Substring(0, line.IndexOf("u,u,u", StringComparison.Ordinal)).Trim();
            config.WriteUpsdConf($"CERTPATH {nss}\nCERTIDENT \"{nickname}\" {NssPassword}\nDISABLE_WEAK_SSL true\n");
            using var dummy = await NutProcesses.StartDummyUpsAsync(config, Ups);
            using var upsd = await NutProcesses.StartUpsdAsync(config);
            await NutProcesses.WaitForDataAsync(config.Target(Ups), TimeSpan.FromSeconds(15));

            var options = new NutClientOptions { Host = "localhost", Port = config.Port };
            NutTls.Configure(options, NutTlsMode.Required, new NutTlsClientOptions { TrustAnchors = pki.CaCollection });
            await using (var client = new NutClient(options))
            {
                await client.ConnectAsync();
                Assert.True(client.IsTls);
                Assert.Equal("OL", await client.GetVariableAsync(Ups, "ups.status"));
            }

            var wrongCa = new NutClientOptions { Host = "localhost", Port = config.Port };
            NutTls.Configure(wrongCa, NutTlsMode.Required, new NutTlsClientOptions { TrustAnchors = new(pki.OtherCa) });
            await using (var client = new NutClient(wrongCa))
            {
                var ex = await Assert.ThrowsAsync<NutTlsException>(() => client.ConnectAsync());
                Assert.Equal(TlsFailureReason.UntrustedIssuer, ex.Reason);
            }

            var monitorConfig = new MonitorConfig { ForceSsl = true, CertVerify = true, CertPath = pki.CaFile };
            using var conn = new NutUpsConnectionFactory { NetworkTimeout = TimeSpan.FromSeconds(5) }
                .Create(UpsSystemName.Parse($"{Ups}@localhost:{config.Port}"), monitorConfig);
            await conn.ConnectAsync(CancellationToken.None);
            await conn.LoginAsync("monitor", "monpw", Ups, CancellationToken.None);
            Assert.Equal("OL", await conn.GetVariableAsync(Ups, "ups.status", CancellationToken.None));
            // upsd writes its login line asynchronously to our reader of its output: wait for it.
            await Poll.UntilAsync(() => upsd.Output.Contains("(SSL)"), TimeSpan.FromSeconds(10), () => "no TLS login in upsd's log:\n" + upsd.Output);
        }

        [SkippableFact]
        public async Task OpensslSeesOnlyTls12AndNewerWithDisableWeakSsl()
        {
            Skip.If(OperatingSystem.IsWindows(), "POSIX only");
            Skip.IfNot(File.Exists(Openssl), $"{Openssl} not installed");
            using var pki = new TestCertificates();
            using var config = new NutConfigDirectory();
            await using var server = await StartOurTlsServerAsync(config, pki);
            foreach (var (flag, accepted) in new[] { ("-tls1_1", false), ("-tls1_2", true), ("-tls1_3", true) })
            {
                var output = await SClientThroughStartTlsAsync(config.Port, pki.CaFile, flag);
                if (accepted)
                {
                    Assert.Contains("Verify return code: 0 (ok)", output);
                    Assert.DoesNotContain("Cipher is (NONE)", output);
                    Assert.Contains(flag == "-tls1_2" ? "TLSv1.2" : "TLSv1.3", output);
                }
                else
                {
                    Assert.True(output.Contains("Cipher is (NONE)") && output.Contains("alert protocol version"), output);
                }
            }
        }

        /// <summary>openssl s_client has no NUT STARTTLS mode: a one-shot bridge sends STARTTLS upstream and then relays bytes.</summary>
        private static async Task<string> SClientThroughStartTlsAsync(int serverPort, string caFile, string protocolFlag)
        {
            var bridge = new TcpListener(IPAddress.Loopback, 0);
            bridge.Start();
            var bridgePort = ((IPEndPoint)bridge.LocalEndpoint).Port;
            var relay = Task.Run(async () =>
            {
                using var down = await bridge.AcceptTcpClientAsync();
                using var up = new TcpClient();
                await up.ConnectAsync(IPAddress.Loopback, serverPort);
                var u = up.GetStream();
                await u.WriteAsync(Encoding.ASCII.GetBytes("STARTTLS\n"));
                var ok = new byte[12];
                var got = 0;
                while (got < ok.Length) { var n = await u.ReadAsync(ok.AsMemory(got)); if (n == 0) break; got += n; }
                Assert.Equal("OK STARTTLS\n", Encoding.ASCII.GetString(ok, 0, got));
                var d = down.GetStream();
                var a = d.CopyToAsync(u);
                var b = u.CopyToAsync(d);
                await Task.WhenAny(a, b);
            });
            try
            {
                var psi = new ProcessStartInfo(Openssl)
                {
                    RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                };
                foreach (var a in new[] { "s_client", "-connect", $"127.0.0.1:{bridgePort}", "-servername", "localhost",
                             "-CAfile", caFile, protocolFlag, "-cipher", "DEFAULT@SECLEVEL=0" })
                    psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                p.StandardInput.Close();
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await p.WaitForExitAsync(cts.Token);
                return await stdout + await stderr;
            }
            finally
            {
                bridge.Stop();
                await Task.WhenAny(relay, Task.Delay(2000));
            }
        }

        private static Process StartUpsmon(string dir, out StringBuilder log)
        {
            var psi = new ProcessStartInfo(UpsmonPath, "-D -F -p")
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir,
            };
            psi.Environment["NUT_CONFPATH"] = dir;
            psi.Environment["NUT_STATEPATH"] = dir;
            psi.Environment["NUT_ALTPIDPATH"] = dir;
            var p = Process.Start(psi) ?? throw new InvalidOperationException("upsmon did not start");
            var sb = new StringBuilder();
            log = sb;
            p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (sb) sb.AppendLine(e.Data); };
            p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (sb) sb.AppendLine(e.Data); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return p;
        }
    }
}
