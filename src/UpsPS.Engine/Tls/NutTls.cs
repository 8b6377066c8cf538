using System;
using System.IO;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Client;
using UpsPS.Engine.Server;

namespace UpsPS.Engine.Tls
{
    /// <summary>SslStream-based implementations of the STARTTLS hooks of <see cref="NutClient"/> and <see cref="UpsServer"/>.</summary>
    public static class NutTls
    {
        // SslProtocols.Tls13 is not in netstandard2.0's enum; the value is the same on every runtime that has it.
        internal const SslProtocols Tls13 = (SslProtocols)12288;
#pragma warning disable CS0618 // TLS 1.0/1.1 only when explicitly allowed
        internal const SslProtocols Modern = SslProtocols.Tls12 | Tls13;
        internal const SslProtocols WithLegacy = SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12 | Tls13;
#pragma warning restore CS0618

        /// <summary>Handshake bound on both sides, so a silent peer cannot hold a connection slot.</summary>
        public static TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Sets up <paramref name="options"/> for <paramref name="mode"/> with these TLS settings.</summary>
        public static void Configure(NutClientOptions options, NutTlsMode mode, NutTlsClientOptions? tls = null)
        {
            options.TryStartTls = mode != NutTlsMode.Off;
            options.RequireTls = mode == NutTlsMode.Required;
            options.TlsUpgrade = mode == NutTlsMode.Off ? null : CreateClientUpgrade(tls ?? new NutTlsClientOptions());
        }

        /// <summary>The client's handshake after <c>OK STARTTLS</c>, verifying the server as <paramref name="tls"/> says.
        /// Failures are <see cref="NutTlsException"/>s whose <see cref="NutTlsException.Reason"/> tells them apart.</summary>
        public static NutTlsUpgrade CreateClientUpgrade(NutTlsClientOptions tls) => async (plain, host, ct) =>
        {
            var expected = string.IsNullOrEmpty(tls.ExpectedHostName) ? host : tls.ExpectedHostName!;
            var policy = new CertificatePolicy
            {
                Verify = tls.VerifyCertificate,
                TrustAnchors = tls.TrustAnchors,
                PinnedThumbprints = tls.PinnedThumbprints,
                CheckHostName = true,
            };
            CertificateCheckResult? verdict = null;
            var ssl = new SslStream(plain, false, (sender, cert, chain, errors) =>
            {
                verdict = CertificateVerifier.Check(policy, cert, chain, errors, $"server '{expected}'");
                return verdict.IsAccepted;
            }, (sender, targetHost, local, remote, issuers) => tls.ClientCertificate!);
            var clientCerts = new X509CertificateCollection();
            if (tls.ClientCertificate != null) clientCerts.Add(tls.ClientCertificate);
            try
            {
                await WithTimeout(ssl.AuthenticateAsClientAsync(expected, clientCerts, tls.AllowLegacyProtocols ? WithLegacy : Modern, false), ssl, ct)
                    .ConfigureAwait(false);
                return ssl;
            }
            catch (Exception ex) when (ex is AuthenticationException || ex is IOException || ex is TimeoutException || ex is ObjectDisposedException)
            {
                ssl.Dispose();
                if (verdict != null && !verdict.IsAccepted)
                    throw new NutTlsException(verdict.Reason!.Value, verdict.Message, ex);
                throw new NutTlsException(TlsFailureReason.HandshakeFailed,
                    $"TLS handshake with '{expected}' failed: {Innermost(ex).Message}", ex);
            }
        };

        /// <summary>The server's handshake after <c>OK STARTTLS</c>. Throws <see cref="NutTlsException"/> on failure
        /// (the server closes just that connection).</summary>
        public static Func<Stream, CancellationToken, Task<Stream>> CreateServerUpgrade(TlsServerSettings settings) => async (plain, ct) =>
        {
            var policy = new CertificatePolicy
            {
                Verify = settings.ClientCertificates != Config.CertificateRequest.None,
                TrustAnchors = settings.ClientTrustAnchors,
                CheckHostName = false,
                CertificateOptional = settings.ClientCertificates == Config.CertificateRequest.Request,
            };
            CertificateCheckResult? verdict = null;
            var ssl = new SslStream(plain, false, (sender, cert, chain, errors) =>
            {
                verdict = CertificateVerifier.Check(policy, cert, chain, errors, "the client");
                return verdict.IsAccepted;
            });
            try
            {
                await WithTimeout(ssl.AuthenticateAsServerAsync(settings.Certificate,
                    settings.ClientCertificates != Config.CertificateRequest.None,
                    settings.DisableWeakSsl ? Modern : SslProtocols.None, false), ssl, ct).ConfigureAwait(false);
                return ssl;
            }
            catch (Exception ex) when (ex is AuthenticationException || ex is IOException || ex is TimeoutException || ex is ObjectDisposedException)
            {
                ssl.Dispose();
                if (verdict != null && !verdict.IsAccepted)
                    throw new NutTlsException(verdict.Reason!.Value, verdict.Message, ex);
                throw new NutTlsException(TlsFailureReason.HandshakeFailed, "TLS handshake failed: " + Innermost(ex).Message, ex);
            }
        };

        private static async Task WithTimeout(Task handshake, SslStream ssl, CancellationToken ct)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var timeout = Task.Delay(HandshakeTimeout, cts.Token);
            if (await Task.WhenAny(handshake, timeout).ConfigureAwait(false) != handshake)
            {
                ssl.Dispose();
                _ = handshake.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                ct.ThrowIfCancellationRequested();
                throw new TimeoutException($"no TLS handshake within {HandshakeTimeout.TotalSeconds:0} s");
            }
            cts.Cancel();
            await handshake.ConfigureAwait(false);
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }
    }
}
