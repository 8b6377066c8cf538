using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Config
{
    /// <summary>One LISTEN line: address ("127.0.0.1", "::1", "*", a host name) and TCP port.</summary>
    public sealed class ListenAddress
    {
        public const int DefaultPort = 3493;

        public ListenAddress(string address, int port = DefaultPort)
        {
            Address = address;
            Port = port;
        }

        public string Address { get; }
        public int Port { get; }

        public override string ToString() => $"{Address} port {Port}";
    }

    /// <summary>Client certificate policy (CERTREQUEST).</summary>
    public enum CertificateRequest { None = 0, Request = 1, Require = 2 }

    /// <summary>Settings from upsd.conf (server.md §2), with NUT's defaults.</summary>
    public sealed class UpsdConfig
    {
        public const int DefaultMaxAge = 15;
        public const int DefaultTrackingDelay = 3600;
        public const int DefaultMaxConn = 1024;

        /// <summary>LISTEN lines in file order; empty means the defaults (see <see cref="EffectiveListeners"/>).</summary>
        public List<ListenAddress> Listeners { get; } = new List<ListenAddress>();

        public int MaxAge { get; set; } = DefaultMaxAge;
        public int TrackingDelay { get; set; } = DefaultTrackingDelay;

        /// <summary>Max sockets (listeners + drivers + clients). NUT's default is the OS open-files limit; we use 1024.</summary>
        public int MaxConn { get; set; } = DefaultMaxConn;

        public string StatePath { get; set; } = "/var/state/ups";
        public string DataPath { get; set; } = "/usr/share/nut";
        public bool AllowNoDevice { get; set; }
        public bool AllowNotAllListeners { get; set; }
        public int? DebugMin { get; set; }

        // TLS (server.md §2.2): mapped to SslStream settings by Tls.TlsServerSettings.FromUpsdConfig.
        public string? CertFile { get; set; }
        public string? CertPath { get; set; }
        public string? CertIdentName { get; set; }
        public string? CertIdentPassword { get; set; }
        public CertificateRequest CertRequest { get; set; }

        /// <summary>PEM key file when the key is not inside <see cref="CertFile"/> (UpsPS parameter, no upsd.conf keyword).</summary>
        public string? CertKeyFile { get; set; }

        /// <summary>Certificate store thumbprint or subject instead of <see cref="CertFile"/> (UpsPS parameter, no upsd.conf keyword).</summary>
        public string? CertStoreName { get; set; }
        public bool DisableWeakSsl { get; set; }

        /// <summary>Non-fatal findings, each with file:line and NUT's log text.</summary>
        public List<ConfigDiagnostic> Diagnostics { get; } = new List<ConfigDiagnostic>();

        /// <summary>The LISTEN lines, or 127.0.0.1 and ::1 on 3493 when there are none.</summary>
        public IReadOnlyList<ListenAddress> EffectiveListeners =>
            Listeners.Count > 0
                ? Listeners
                : new[] { new ListenAddress("127.0.0.1"), new ListenAddress("::1") };

        /// <summary>Applies ALLOW_NO_DEVICE / ALLOW_NOT_ALL_LISTENERS from the environment (env wins, like upsd).</summary>
        public void ApplyEnvironment(Func<string, string?>? getVariable = null)
        {
            getVariable ??= Environment.GetEnvironmentVariable;
            var b = UpsdConfigReader.ParseEnvBoolean(getVariable("ALLOW_NO_DEVICE"));
            if (b.HasValue) AllowNoDevice = b.Value;
            b = UpsdConfigReader.ParseEnvBoolean(getVariable("ALLOW_NOT_ALL_LISTENERS"));
            if (b.HasValue) AllowNotAllListeners = b.Value;
        }
    }
}
