using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace UpsPS.Engine.Tls
{
    /// <summary>What a peer certificate is checked against: trust source, optional pins, host name check.</summary>
    public sealed class CertificatePolicy
    {
        /// <summary>Off = accept anything (explicit opt-out only).</summary>
        public bool Verify { get; set; } = true;

        /// <summary>Trust only these roots/intermediates instead of the system store; null = system store.</summary>
        public X509Certificate2Collection? TrustAnchors { get; set; }

        /// <summary>SHA-1 or SHA-256 thumbprints (hex, any case, colons allowed). When set, a certificate matching one of
        /// them is accepted as is (pinning replaces chain and name checks) and any other certificate is refused.</summary>
        public IList<string> PinnedThumbprints { get; set; } = new List<string>();

        /// <summary>Check that the certificate names the host (servers: yes; client certificates: no).</summary>
        public bool CheckHostName { get; set; } = true;

        /// <summary>A missing peer certificate is acceptable (server side with CERTREQUEST 1).</summary>
        public bool CertificateOptional { get; set; }

        /// <summary>Clock for expiry checks (tests).</summary>
        public Func<DateTime> Now { get; set; } = () => DateTime.Now;
    }

    /// <summary>Outcome of <see cref="CertificateVerifier.Check"/>: null reason = accepted.</summary>
    public sealed class CertificateCheckResult
    {
        public static readonly CertificateCheckResult Accepted = new CertificateCheckResult(null, "accepted");

        public CertificateCheckResult(TlsFailureReason? reason, string message)
        {
            Reason = reason;
            Message = message;
        }

        public TlsFailureReason? Reason { get; }
        public string Message { get; }
        public bool IsAccepted => Reason == null;
    }

    /// <summary>
    /// The certificate decision used by both ends, separate from SslStream so it can be tested with generated
    /// certificates: pin, presence, validity period, host name (as computed by SslStream), then the chain against the
    /// system store or the configured trust anchors.
    /// </summary>
    public static class CertificateVerifier
    {
        public static CertificateCheckResult Check(CertificatePolicy policy, X509Certificate? peer, X509Chain? sslChain,
            SslPolicyErrors errors, string subjectForMessages)
        {
            if (!policy.Verify) return CertificateCheckResult.Accepted;
            if (peer == null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                return policy.CertificateOptional
                    ? CertificateCheckResult.Accepted
                    : Fail(TlsFailureReason.NoCertificate, $"{subjectForMessages} sent no certificate.");
            }
            var cert = peer as X509Certificate2 ?? new X509Certificate2(peer);

            if (policy.PinnedThumbprints.Count > 0)
            {
                var sha1 = CertificateLoader.NormalizeThumbprint(cert.Thumbprint);
                var sha256 = CertificateLoader.Sha256Thumbprint(cert);
                var pins = policy.PinnedThumbprints.Select(CertificateLoader.NormalizeThumbprint);
                return pins.Any(p => p == sha1 || p == sha256)
                    ? CertificateCheckResult.Accepted
                    : Fail(TlsFailureReason.PinMismatch,
                        $"The certificate of {subjectForMessages} (SHA-1 {sha1}, SHA-256 {sha256}) does not match the pinned thumbprint.");
            }

            var now = policy.Now();
            if (cert.NotAfter < now)
                return Fail(TlsFailureReason.Expired, $"The certificate of {subjectForMessages} ({cert.Subject}) expired on {cert.NotAfter:u}.");
            if (cert.NotBefore > now)
                return Fail(TlsFailureReason.Expired, $"The certificate of {subjectForMessages} ({cert.Subject}) is not valid before {cert.NotBefore:u}.");

            if (policy.CheckHostName && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                return Fail(TlsFailureReason.HostNameMismatch,
                    $"The certificate of {subjectForMessages} is for {DescribeNames(cert)}, not for the host name that was used.");

            return policy.TrustAnchors != null
                ? CheckAgainstAnchors(cert, sslChain, policy.TrustAnchors, subjectForMessages)
                : CheckAgainstSystem(cert, sslChain, errors, subjectForMessages);
        }

        private static CertificateCheckResult CheckAgainstSystem(X509Certificate2 cert, X509Chain? chain, SslPolicyErrors errors, string who)
        {
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0) return CertificateCheckResult.Accepted;
            var flags = chain?.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (a, s) => a | s.Status) ?? X509ChainStatusFlags.NoError;
            return FromChainStatus(flags, chain, cert, who, "the system's trusted roots");
        }

        private static CertificateCheckResult CheckAgainstAnchors(X509Certificate2 cert, X509Chain? sslChain,
            X509Certificate2Collection anchors, string who)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            chain.ChainPolicy.ExtraStore.AddRange(anchors);
            if (sslChain != null)
                foreach (var element in sslChain.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            chain.Build(cert);
            var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (a, s) => a | s.Status)
                        & ~X509ChainStatusFlags.UntrustedRoot;
            if (flags != X509ChainStatusFlags.NoError) return FromChainStatus(flags, chain, cert, who, "the given CA certificates");
            var anchorPrints = new HashSet<string>(anchors.Cast<X509Certificate2>().Select(a => a.Thumbprint), StringComparer.OrdinalIgnoreCase);
            var trusted = chain.ChainElements.Cast<X509ChainElement>().Any(e => anchorPrints.Contains(e.Certificate.Thumbprint));
            return trusted
                ? CertificateCheckResult.Accepted
                : Fail(TlsFailureReason.UntrustedIssuer,
                    $"The certificate of {who} ({cert.Subject}, issued by {cert.Issuer}) is not signed by any of the given CA certificates.");
        }

        private static CertificateCheckResult FromChainStatus(X509ChainStatusFlags flags, X509Chain? chain, X509Certificate2 cert, string who, string trustSource)
        {
            var detail = chain == null ? flags.ToString()
                : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
                return Fail(TlsFailureReason.Expired, $"A certificate in the chain of {who} has expired or is not valid yet ({detail}).");
            if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
                return Fail(TlsFailureReason.UntrustedIssuer,
                    $"The certificate of {who} ({cert.Subject}, issued by {cert.Issuer}) does not chain to {trustSource}. " +
                    "Give the issuing CA (-CertificateAuthorityFile / CERTPATH) or pin the certificate's thumbprint.");
            return Fail(TlsFailureReason.InvalidCertificate, $"The certificate of {who} ({cert.Subject}) is not valid: {detail}.");
        }

        private static string DescribeNames(X509Certificate2 cert)
        {
            var names = cert.GetNameInfo(X509NameType.DnsName, false);
            var san = cert.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
            return san != null ? $"'{san.Format(false)}'" : $"'{names}'";
        }

        private static CertificateCheckResult Fail(TlsFailureReason reason, string message) => new CertificateCheckResult(reason, message);
    }
}
