using System;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using UpsPS.Engine.Client;

namespace UpsPS.Engine.Monitor.Net
{
    /// <summary>
    /// Makes <see cref="NutUpsConnection"/>s for the monitor. STARTTLS is only attempted when FORCESSL (or a
    /// CERTHOST entry with forcessl) asks for it; then it is required, and the server certificate is checked
    /// when CERTVERIFY / the CERTHOST verify flag is set.
    /// </summary>
    public sealed class NutUpsConnectionFactory : IUpsConnectionFactory
    {
        /// <summary>Connect and per-request bound (NUT: 10 s).</summary>
        public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Protocol trace (passwords are masked by the client).</summary>
        public Action<string>? Trace { get; set; }

        public IUpsConnection Create(UpsSystemName system, MonitorConfig config)
        {
            bool forceSsl = config.ForceSsl;
            bool verify = config.CertVerify;
            foreach (var h in config.CertHosts)
            {
                if (!HostMatches(h.Host, system)) continue;
                forceSsl |= h.ForceSsl;
                verify |= h.Verify;
            }
            var options = new NutClientOptions
            {
                Host = system.Host,
                Port = system.Port,
                ConnectTimeout = NetworkTimeout,
                RequestTimeout = NetworkTimeout,
                TryStartTls = forceSsl,
                RequireTls = forceSsl,
                TlsUpgrade = forceSsl ? CreateTlsUpgrade(verify) : null,
                Trace = Trace,
            };
            return new NutUpsConnection(options);
        }

        private static bool HostMatches(string certHost, UpsSystemName system)
        {
            int colon = certHost.LastIndexOf(':');
            string host = colon > 0 && certHost.IndexOf(':') == colon ? certHost.Substring(0, colon) : certHost;
            return string.Equals(host, system.Host, StringComparison.OrdinalIgnoreCase);
        }

        private static NutTlsUpgrade CreateTlsUpgrade(bool verify) => async (plain, host, ct) =>
        {
            var ssl = new SslStream(plain, false, (sender, cert, chain, errors) => !verify || errors == SslPolicyErrors.None);
            await ssl.AuthenticateAsClientAsync(host, new X509CertificateCollection(), SslProtocols.Tls12, false).ConfigureAwait(false);
            return ssl;
        };
    }
}
