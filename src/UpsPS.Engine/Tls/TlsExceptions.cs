using System;
using UpsPS.Engine.Client;

namespace UpsPS.Engine.Tls
{
    /// <summary>Why a TLS connection was refused by this side or failed.</summary>
    public enum TlsFailureReason
    {
        /// <summary>The server answered STARTTLS with ERR while TLS was required.</summary>
        StartTlsRefused,
        /// <summary>The certificate does not name the host that was asked for.</summary>
        HostNameMismatch,
        /// <summary>The chain does not end at a trusted root (system store or the given CA file).</summary>
        UntrustedIssuer,
        /// <summary>The certificate (or one in its chain) has expired or is not valid yet.</summary>
        Expired,
        /// <summary>A thumbprint pin was given and the certificate does not match it.</summary>
        PinMismatch,
        /// <summary>The peer sent no certificate although one is needed.</summary>
        NoCertificate,
        /// <summary>Any other chain problem (revoked, bad usage, bad signature …).</summary>
        InvalidCertificate,
        /// <summary>The handshake itself failed (protocol version, cipher, connection dropped).</summary>
        HandshakeFailed,
    }

    /// <summary>A TLS connection to a NUT server failed or was refused; <see cref="Reason"/> says why.</summary>
    public sealed class NutTlsException : NutConnectionException
    {
        public NutTlsException(TlsFailureReason reason, string message, Exception? inner = null) : base(message, inner)
        {
            Reason = reason;
        }

        public TlsFailureReason Reason { get; }
    }

    /// <summary>A certificate, key or trust setting cannot be used (missing file, wrong password, NSS database …).</summary>
    public sealed class TlsConfigurationException : Exception
    {
        public TlsConfigurationException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
