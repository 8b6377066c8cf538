using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace UpsPS.Engine.Tls
{
    /// <summary>When a client uses STARTTLS.</summary>
    public enum NutTlsMode
    {
        /// <summary>Never send STARTTLS (plain text).</summary>
        Off,
        /// <summary>Send STARTTLS; a server that answers ERR is used in plain text (what upsc/upsmon 2.8.0 do).
        /// Once the server accepted, the certificate is checked like in Required: no silent fall back after that.</summary>
        Opportunistic,
        /// <summary>Send STARTTLS and fail with <see cref="TlsFailureReason.StartTlsRefused"/> if the server refuses.</summary>
        Required,
    }

    /// <summary>Client side TLS settings: how the server certificate is verified and what this side presents.</summary>
    public sealed class NutTlsClientOptions
    {
        /// <summary>Verify the server certificate (chain + host name). Default on; turning it off is an explicit choice.</summary>
        public bool VerifyCertificate { get; set; } = true;

        /// <summary>Trust these CA certificates (instead of the system store).</summary>
        public X509Certificate2Collection? TrustAnchors { get; set; }

        /// <summary>Accept exactly the server certificate with one of these SHA-1/SHA-256 thumbprints.</summary>
        public IList<string> PinnedThumbprints { get; set; } = new List<string>();

        /// <summary>Name the certificate must carry when it differs from the host connected to (CERTHOST's certname).</summary>
        public string? ExpectedHostName { get; set; }

        /// <summary>Client certificate with key, for servers with CERTREQUEST.</summary>
        public X509Certificate2? ClientCertificate { get; set; }

        /// <summary>Also allow TLS 1.0/1.1 (off: TLS 1.2 and newer only).</summary>
        public bool AllowLegacyProtocols { get; set; }
    }
}
