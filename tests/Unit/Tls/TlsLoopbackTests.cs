using System;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading.Tasks;
using UpsPS.Engine.Client;
using UpsPS.Engine.Config;
using UpsPS.Engine.Server;
using UpsPS.Engine.Tls;
using UpsPS.Tests.Unit.Server;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Tls
{
    /// <summary>Our client against our server over STARTTLS on loopback, with certificates generated per test.</summary>
    public class TlsLoopbackTests
    {
        private static Task<ServerHarness> StartServerAsync(string certFile, CertificateRequest clientCerts = CertificateRequest.None,
            X509Anchors? anchors = null, bool disableWeak = true, string? password = null)
        {
            var settings = new TlsServerSettings(CertificateLoader.LoadWithKey(certFile, password))
            {
                ClientCertificates = clientCerts,
                ClientTrustAnchors = anchors?.Collection,
                DisableWeakSsl = disableWeak,
            };
            return ServerHarness.StartAsync(new UpsServerOptions { TlsUpgrade = NutTls.CreateServerUpgrade(settings) });
        }

        public sealed class X509Anchors
        {
            public X509Anchors(System.Security.Cryptography.X509Certificates.X509Certificate2Collection c) { Collection = c; }
            public System.Security.Cryptography.X509Certificates.X509Certificate2Collection Collection { get; }
        }

        private static NutClient Client(int port, NutTlsMode mode, NutTlsClientOptions? tls, string host = "localhost")
        {
            var options = new NutClientOptions { Host = host, Port = port, RequestTimeout = TimeSpan.FromSeconds(10) };
            NutTls.Configure(options, mode, tls);
            return new NutClient(options);
        }

        private static NutTlsClientOptions TrustingCa(TestCertificates pki) => new NutTlsClientOptions { TrustAnchors = pki.CaCollection };

        [Fact]
        public async Task VerifiedConnectionSucceedsAndCarriesTheProtocol()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.ServerPem);
            await using var client = Client(h.Port, NutTlsMode.Required, TrustingCa(pki));
            await client.ConnectAsync();
            Assert.True(client.IsTls);
            Assert.Equal("OL", await client.GetVariableAsync("fake", "ups.status"));
            Assert.True(h.Server.GetClients().Single().IsTls);
        }

        [Fact]
        public async Task IpAddressHostIsCheckedAgainstIpSubjectAltName()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.ServerPem);
            await using var client = Client(h.Port, NutTlsMode.Required, TrustingCa(pki), host: "127.0.0.1");
            await client.ConnectAsync();
            Assert.True(client.IsTls);
        }

        [Fact]
        public async Task PfxAndEncryptedPemKeysLoad()
        {
            using var pki = new TestCertificates();
            var encrypted = pki.WriteEncryptedBundle("enc.pem", pki.Server, "key pass");
            foreach (var (file, password) in new[] { (pki.ServerPfx, TestCertificates.PfxPassword), (encrypted, "key pass") })
            {
                await using var h = await StartServerAsync(file, password: password);
                await using var client = Client(h.Port, NutTlsMode.Required, TrustingCa(pki));
                await client.ConnectAsync();
                Assert.True(client.IsTls);
            }
            var ex = Assert.Throws<TlsConfigurationException>(() => CertificateLoader.LoadWithKey(encrypted));
            Assert.Contains("encrypted", ex.Message);
        }

        [Fact]
        public async Task UntrustedIssuerFailsWithItsOwnReason()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.UntrustedPem);
            await using var client = Client(h.Port, NutTlsMode.Required, TrustingCa(pki));
            var ex = await Assert.ThrowsAsync<NutTlsException>(() => client.ConnectAsync());
            Assert.Equal(TlsFailureReason.UntrustedIssuer, ex.Reason);
            Assert.Contains("Some Other CA", ex.Message);
        }

        [Fact]
        public async Task SelfIssuedCertificateIsUntrustedAgainstTheSystemStore()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.ServerPem);
            await using var client = Client(h.Port, NutTlsMode.Opportunistic, new NutTlsClientOptions());
            var ex = await Assert.ThrowsAsync<NutTlsException>(() => client.ConnectAsync());
            Assert.Equal(TlsFailureReason.UntrustedIssuer, ex.Reason);
        }

        [Fact]
        public async Task WrongHostNameFailsWithItsOwnReason()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.WrongNamePem);
            await using var client = Client(h.Port, NutTlsMode.Required, TrustingCa(pki));
            var ex = await Assert.ThrowsAsync<NutTlsException>(() => client.ConnectAsync());
            Assert.Equal(TlsFailureReason.HostNameMismatch, ex.Reason);
            Assert.Contains("elsewhere.example", ex.Message);
        }

        [Fact]
        public async Task ExpiredCertificateFailsWithItsOwnReason()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.ExpiredPem);
            await using var client = Client(h.Port, NutTlsMode.Required, TrustingCa(pki));
            var ex = await Assert.ThrowsAsync<NutTlsException>(() => client.ConnectAsync());
            Assert.Equal(TlsFailureReason.Expired, ex.Reason);
            Assert.Contains("expired", ex.Message);
        }

        [Fact]
        public async Task PinnedThumbprintAcceptsExactlyThatCertificate()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.UntrustedPem);
            var pinned = new NutTlsClientOptions { PinnedThumbprints = { CertificateLoader.Sha256Thumbprint(pki.Untrusted) } };
            await using (var ok = Client(h.Port, NutTlsMode.Required, pinned))
            {
                await ok.ConnectAsync();
                Assert.True(ok.IsTls);
            }
            var wrong = new NutTlsClientOptions { PinnedThumbprints = { pki.Server.Thumbprint } };
            await using var bad = Client(h.Port, NutTlsMode.Required, wrong);
            var ex = await Assert.ThrowsAsync<NutTlsException>(() => bad.ConnectAsync());
            Assert.Equal(TlsFailureReason.PinMismatch, ex.Reason);
        }

        [Fact]
        public async Task VerificationOffIsAnExplicitChoice()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.ExpiredPem);
            await using var client = Client(h.Port, NutTlsMode.Required, new NutTlsClientOptions { VerifyCertificate = false });
            await client.ConnectAsync();
            Assert.True(client.IsTls);
        }

        [Fact]
        public async Task RequiredTlsAgainstServerWithoutTlsIsAClearError()
        {
            await using var h = await ServerHarness.StartAsync();
            await using var required = Client(h.Port, NutTlsMode.Required, new NutTlsClientOptions());
            var ex = await Assert.ThrowsAsync<NutTlsException>(() => required.ConnectAsync());
            Assert.Equal(TlsFailureReason.StartTlsRefused, ex.Reason);
            Assert.Contains("FEATURE-NOT-CONFIGURED", ex.Message);
            await using var opportunistic = Client(h.Port, NutTlsMode.Opportunistic, new NutTlsClientOptions());
            await opportunistic.ConnectAsync();
            Assert.False(opportunistic.IsTls);
        }

        [Fact]
        public async Task ClientCertificateRequiredRefusesClientsWithoutOne()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.ServerPem, CertificateRequest.Require, new X509Anchors(pki.CaCollection));
            var withCert = TrustingCa(pki);
            withCert.ClientCertificate = CertificateLoader.LoadWithKey(pki.ClientPem);
            await using (var ok = Client(h.Port, NutTlsMode.Required, withCert))
            {
                await ok.ConnectAsync();
                Assert.Equal("OL", await ok.GetVariableAsync("fake", "ups.status"));
            }
            await using var without = Client(h.Port, NutTlsMode.Required, TrustingCa(pki));
            // TLS 1.3 sends the client certificate after the client considers the handshake done: the refusal may show
            // at the handshake or at the first request, but it must show.
            await Assert.ThrowsAnyAsync<IOException>(async () =>
            {
                await without.ConnectAsync();
                await without.GetVariableAsync("fake", "ups.status");
            });
            await h.WaitUntilAsync(() => h.Log.Any(l => l.Contains("TLS handshake with 127.0.0.1 failed") && l.Contains("sent no certificate")));
        }

        [Fact]
        public async Task SecondStartTlsIsAlreadySslModeAndHandshakeFailureClosesOnlyThatConnection()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.ServerPem);
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", h.Port);
            var plain = tcp.GetStream();
            await plain.WriteAsync(Encoding.ASCII.GetBytes("STARTTLS\n"));
            Assert.Equal("OK STARTTLS\n", await ReadLineAsync(plain));
            using var ssl = new SslStream(plain, false, (s, c, ch, e) => true);
            await ssl.AuthenticateAsClientAsync("localhost");
            await ssl.WriteAsync(Encoding.ASCII.GetBytes("STARTTLS\n"));
            Assert.Equal("ERR ALREADY-SSL-MODE\n", await ReadLineAsync(ssl));

            using var garbage = new TcpClient();
            await garbage.ConnectAsync("127.0.0.1", h.Port);
            var g = garbage.GetStream();
            await g.WriteAsync(Encoding.ASCII.GetBytes("STARTTLS\n"));
            Assert.Equal("OK STARTTLS\n", await ReadLineAsync(g));
            await g.WriteAsync(Encoding.ASCII.GetBytes("this is not a client hello\n"));
            Assert.Equal(0, await g.ReadAsync(new byte[16]));

            await ssl.WriteAsync(Encoding.ASCII.GetBytes("GET VAR fake ups.status\n"));
            Assert.Equal("VAR fake ups.status \"OL\"\n", await ReadLineAsync(ssl));
        }

        [Fact]
        public async Task DisableWeakSslRefusesTls11()
        {
            using var pki = new TestCertificates();
            await using var h = await StartServerAsync(pki.ServerPem, disableWeak: true);
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", h.Port);
            var plain = tcp.GetStream();
            await plain.WriteAsync(Encoding.ASCII.GetBytes("STARTTLS\n"));
            Assert.Equal("OK STARTTLS\n", await ReadLineAsync(plain));
            using var ssl = new SslStream(plain, false, (s, c, ch, e) => true);
#pragma warning disable SYSLIB0039
            await Assert.ThrowsAnyAsync<Exception>(() => ssl.AuthenticateAsClientAsync("localhost", null, SslProtocols.Tls11, false));
#pragma warning restore SYSLIB0039
        }

        [Fact]
        public void UpsdConfigMapsToServerSettingsAndNssDatabasesAreNamed()
        {
            using var pki = new TestCertificates();
            var config = UpsdConfigReader.Parse($"CERTFILE {pki.ServerPem}\nCERTPATH {pki.CaFile}\nCERTREQUEST REQUIRE\nDISABLE_WEAK_SSL true\n");
            var settings = TlsServerSettings.FromUpsdConfig(config)!;
            Assert.Equal(pki.Server.Thumbprint, settings.Certificate.Thumbprint);
            Assert.Equal(CertificateRequest.Require, settings.ClientCertificates);
            Assert.True(settings.DisableWeakSsl);
            Assert.Equal(pki.Ca.Thumbprint, settings.ClientTrustAnchors!.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>().Single().Thumbprint);

            Assert.Null(TlsServerSettings.FromUpsdConfig(UpsdConfigReader.Parse("MAXAGE 10\n")));

            var nss = Path.Combine(pki.Directory, "nssdb");
            Directory.CreateDirectory(nss);
            File.WriteAllText(Path.Combine(nss, "cert9.db"), "");
            var ex = Assert.Throws<TlsConfigurationException>(() =>
                TlsServerSettings.FromUpsdConfig(UpsdConfigReader.Parse($"CERTPATH {nss}\nCERTIDENT \"my cert\" dbpass\n")));
            Assert.Contains("NSS certificate database", ex.Message);
            Assert.Contains("pk12util", ex.Message);
        }

        private static async Task<string> ReadLineAsync(Stream s)
        {
            var sb = new StringBuilder();
            var b = new byte[1];
            while (await s.ReadAsync(b) == 1)
            {
                sb.Append((char)b[0]);
                if (b[0] == '\n') break;
            }
            return sb.ToString();
        }
    }
}
