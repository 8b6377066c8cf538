using System;
using UpsPS.Engine.Client;
using UpsPS.Engine.Tls;

namespace UpsPS.Engine.Monitor.Net
{
    /// <summary>
    /// Makes <see cref="NutUpsConnection"/>s for the monitor. Like upsmon, STARTTLS is always tried and plain text is
    /// accepted from a server without TLS unless FORCESSL (or the CERTHOST entry of that host) requires TLS. The server
    /// certificate is verified when CERTVERIFY (or the CERTHOST verify flag) is set: against CERTPATH (CA file or
    /// directory) when given, else the system store, with host name checking.
    /// </summary>
    public sealed class NutUpsConnectionFactory : IUpsConnectionFactory
    {
        /// <summary>Connect and per-request bound (NUT: 10 s).</summary>
        public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Protocol trace (passwords are masked by the client).</summary>
        public Action<string>? Trace { get; set; }

        public IUpsConnection Create(UpsSystemName system, MonitorConfig config)
        {
            var policy = TlsPolicyFor(system, config);
            var options = new NutClientOptions
            {
                Host = system.Host,
                Port = system.Port,
                ConnectTimeout = NetworkTimeout,
                RequestTimeout = NetworkTimeout,
                Trace = Trace,
            };
            NutTlsClientOptions tls;
            try
            {
                tls = BuildClientOptions(config, policy.Verify);
            }
            catch (TlsConfigurationException ex)
            {
                // Surfaces as a failed connect (and so in the poll-failure log) instead of breaking the monitor.
                var message = ex.Message;
                NutTls.Configure(options, policy.ForceSsl ? NutTlsMode.Required : NutTlsMode.Opportunistic);
                options.TlsUpgrade = (plain, host, ct) => throw new NutConnectionException("TLS configuration error: " + message, ex);
                return new NutUpsConnection(options);
            }
            NutTls.Configure(options, policy.ForceSsl ? NutTlsMode.Required : NutTlsMode.Opportunistic, tls);
            return new NutUpsConnection(options);
        }

        /// <summary>FORCESSL/CERTVERIFY for one server: a matching CERTHOST line decides, else the global settings.</summary>
        public static (bool ForceSsl, bool Verify) TlsPolicyFor(UpsSystemName system, MonitorConfig config)
        {
            foreach (var h in config.CertHosts)
                if (HostMatches(h.Host, system)) return (h.ForceSsl, h.Verify);
            return (config.ForceSsl, config.CertVerify);
        }

        private static NutTlsClientOptions BuildClientOptions(MonitorConfig config, bool verify)
        {
            var tls = new NutTlsClientOptions { VerifyCertificate = verify };
            if (verify && !string.IsNullOrEmpty(config.CertPath))
                tls.TrustAnchors = CertificateLoader.LoadTrustAnchors(config.CertPath!);
            if (!string.IsNullOrEmpty(config.CertFile))
                tls.ClientCertificate = CertificateLoader.LoadWithKey(config.CertFile!, config.CertIdentPassword);
            return tls;
        }

        // CERTHOST's host may carry a port ("host:3493"); an entry without port matches every port of that host.
        private static bool HostMatches(string certHost, UpsSystemName system)
        {
            int colon = certHost.LastIndexOf(':');
            if (colon > 0 && certHost.IndexOf(':') == colon)
            {
                var host = certHost.Substring(0, colon);
                if (int.TryParse(certHost.Substring(colon + 1), out var port) && port != system.Port) return false;
                return string.Equals(host, system.Host, StringComparison.OrdinalIgnoreCase);
            }
            return string.Equals(certHost, system.Host, StringComparison.OrdinalIgnoreCase);
        }
    }
}
