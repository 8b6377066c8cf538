using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace UpsPS.Tests.Unit.Support
{
    /// <summary>
    /// A throw-away PKI generated per test in a temp directory: a CA, a server certificate for localhost/127.0.0.1 signed by
    /// it (PEM bundle with key, and PFX), an expired one, one from another CA, and a client certificate.
    /// </summary>
    public sealed class TestCertificates : IDisposable
    {
        public const string PfxPassword = "pfx-pass";

        public TestCertificates()
        {
            Directory = Path.Combine(Path.GetTempPath(), "upsps-pki-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            System.IO.Directory.CreateDirectory(Directory);
            var now = DateTimeOffset.UtcNow;
            Ca = CreateCa("CN=UpsPS Test CA", now);
            OtherCa = CreateCa("CN=Some Other CA", now);
            Server = Issue(Ca, "CN=localhost", now.AddDays(-1), now.AddDays(30), server: true);
            Expired = Issue(Ca, "CN=localhost", now.AddDays(-30), now.AddDays(-1), server: true);
            Untrusted = Issue(OtherCa, "CN=localhost", now.AddDays(-1), now.AddDays(30), server: true);
            WrongName = Issue(Ca, "CN=elsewhere.example", now.AddDays(-1), now.AddDays(30), server: true, dns: "elsewhere.example", ip: false);
            Client = Issue(Ca, "CN=upsmon-client", now.AddDays(-1), now.AddDays(30), server: false);

            CaFile = WriteCert("ca.pem", Ca);
            WriteCert("otherca.pem", OtherCa);
            ServerPem = WriteBundle("server.pem", Server);
            ExpiredPem = WriteBundle("expired.pem", Expired);
            UntrustedPem = WriteBundle("untrusted.pem", Untrusted);
            WrongNamePem = WriteBundle("wrongname.pem", WrongName);
            ClientPem = WriteBundle("client.pem", Client);
            ServerPfx = Path.Combine(Directory, "server.pfx");
            File.WriteAllBytes(ServerPfx, Server.Export(X509ContentType.Pkcs12, PfxPassword));
        }

        public string Directory { get; }
        public X509Certificate2 Ca { get; }
        public X509Certificate2 OtherCa { get; }
        public X509Certificate2 Server { get; }
        public X509Certificate2 Expired { get; }
        public X509Certificate2 Untrusted { get; }
        public X509Certificate2 WrongName { get; }
        public X509Certificate2 Client { get; }

        public string CaFile { get; }
        public string ServerPem { get; }
        public string ExpiredPem { get; }
        public string UntrustedPem { get; }
        public string WrongNamePem { get; }
        public string ClientPem { get; }
        public string ServerPfx { get; }

        public X509Certificate2Collection CaCollection => new X509Certificate2Collection(Ca);

        /// <summary>PEM of <paramref name="cert"/> with its key encrypted as PKCS#8 under <paramref name="password"/>.</summary>
        public string WriteEncryptedBundle(string name, X509Certificate2 cert, string password)
        {
            var key = (AsymmetricAlgorithm?)cert.GetECDsaPrivateKey() ?? cert.GetRSAPrivateKey()!;
            var pem = cert.ExportCertificatePem() + "\n" + key.ExportEncryptedPkcs8PrivateKeyPem(password,
                new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10000)) + "\n";
            var path = Path.Combine(Directory, name);
            File.WriteAllText(path, pem);
            return path;
        }

        private static X509Certificate2 CreateCa(string subject, DateTimeOffset now)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
            return req.CreateSelfSigned(now.AddDays(-60), now.AddYears(2));
        }

        private static X509Certificate2 Issue(X509Certificate2 ca, string subject, DateTimeOffset from, DateTimeOffset to, bool server,
            string dns = "localhost", bool ip = true)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection
            {
                new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2"),
            }, false));
            if (server)
            {
                var san = new SubjectAlternativeNameBuilder();
                san.AddDnsName(dns);
                if (ip) san.AddIpAddress(IPAddress.Loopback);
                req.CertificateExtensions.Add(san.Build());
            }
            var serial = new byte[12];
            RandomNumberGenerator.Fill(serial);
            serial[0] &= 0x7f;
            using var issued = req.Create(ca, from, to, serial);
            return issued.CopyWithPrivateKey(key);
        }

        private string WriteCert(string name, X509Certificate2 cert)
        {
            var path = Path.Combine(Directory, name);
            File.WriteAllText(path, cert.ExportCertificatePem() + "\n");
            return path;
        }

        private string WriteBundle(string name, X509Certificate2 cert)
        {
            var path = Path.Combine(Directory, name);
            File.WriteAllText(path, cert.ExportCertificatePem() + "\n" + cert.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
            return path;
        }

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
