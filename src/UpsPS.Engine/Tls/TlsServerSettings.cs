using System.IO;
using System.Security.Cryptography.X509Certificates;
using UpsPS.Engine.Config;

namespace UpsPS.Engine.Tls
{
    /// <summary>What the server needs for STARTTLS: its certificate, the client certificate policy, the protocol floor.</summary>
    public sealed class TlsServerSettings
    {
        public TlsServerSettings(X509Certificate2 certificate)
        {
            Certificate = certificate;
        }

        public X509Certificate2 Certificate { get; }

        /// <summary>CERTREQUEST: none, request (checked when sent) or require.</summary>
        public CertificateRequest ClientCertificates { get; set; }

        /// <summary>CAs that client certificates must chain to (CERTPATH); null = system store.</summary>
        public X509Certificate2Collection? ClientTrustAnchors { get; set; }

        /// <summary>DISABLE_WEAK_SSL: TLS 1.2 and newer only (otherwise the system's default protocol set).</summary>
        public bool DisableWeakSsl { get; set; }

        /// <summary>
        /// The TLS settings of an upsd.conf: null when no certificate is configured (STARTTLS then answers
        /// ERR FEATURE-NOT-CONFIGURED). CERTFILE = PEM with certificate and key, or PKCS#12; CERTIDENT's password
        /// decrypts the key; CERTPATH = CA file/directory for client certificates. Relative paths are taken from
        /// <paramref name="configDirectory"/>. An NSS database, or TLS options without CERTFILE, is an error.
        /// </summary>
        public static TlsServerSettings? FromUpsdConfig(UpsdConfig config, string? configDirectory = null)
        {
            string? Resolve(string? p) => p == null || configDirectory == null ? p : Path.Combine(configDirectory, p);
            var certPath = Resolve(config.CertPath);
            if (config.CertFile == null && config.CertStoreName == null)
            {
                if (certPath != null)
                {
                    CertificateLoader.ThrowIfNssDatabase(certPath);
                    if (config.CertIdentName != null)
                        throw new TlsConfigurationException(
                            "upsd.conf has CERTPATH and CERTIDENT (NSS style) but no CERTFILE; UpsPS needs CERTFILE with the server certificate and key (PEM or .pfx).");
                }
                return null;
            }
            var cert = config.CertFile != null
                ? CertificateLoader.LoadWithKey(Resolve(config.CertFile)!, config.CertIdentPassword, Resolve(config.CertKeyFile))
                : CertificateLoader.LoadFromStore(config.CertStoreName!);
            var settings = new TlsServerSettings(cert)
            {
                ClientCertificates = config.CertRequest,
                DisableWeakSsl = config.DisableWeakSsl,
            };
            if (certPath != null && config.CertRequest != CertificateRequest.None)
                settings.ClientTrustAnchors = CertificateLoader.LoadTrustAnchors(certPath);
            return settings;
        }
    }
}
