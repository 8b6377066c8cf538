using System;

namespace UpsPS.Engine.Snmp.Usm
{
    public enum SnmpSecurityLevel
    {
        NoAuthNoPriv,
        AuthNoPriv,
        AuthPriv,
    }

    public enum UsmAuthProtocol
    {
        None,
        Md5,
        Sha1,
        Sha256,
        Sha384,
        Sha512,
        /// <summary>usmHMAC128SHA224AuthProtocol (RFC 7860). NUT 2.8.0 does not offer it; we accept authProtocol=SHA224.</summary>
        Sha224,
    }

    public enum UsmPrivProtocol
    {
        None,
        Des,
        Aes128,
        Aes192,
        Aes256,
    }

    /// <summary>NUT option spellings (secLevel, authProtocol, privProtocol) to enum values.</summary>
    public static class UsmNames
    {
        public static SnmpSecurityLevel ParseLevel(string? text)
        {
            switch ((text ?? "noAuthNoPriv").ToLowerInvariant())
            {
                case "noauthnopriv": return SnmpSecurityLevel.NoAuthNoPriv;
                case "authnopriv": return SnmpSecurityLevel.AuthNoPriv;
                case "authpriv": return SnmpSecurityLevel.AuthPriv;
                default: throw new ArgumentException($"Bad SNMPv3 securityLevel: {text}");
            }
        }

        public static UsmAuthProtocol ParseAuth(string? text)
        {
            switch ((text ?? "MD5").ToUpperInvariant())
            {
                case "MD5": return UsmAuthProtocol.Md5;
                case "SHA": case "SHA1": return UsmAuthProtocol.Sha1;
                case "SHA224": return UsmAuthProtocol.Sha224;
                case "SHA256": return UsmAuthProtocol.Sha256;
                case "SHA384": return UsmAuthProtocol.Sha384;
                case "SHA512": return UsmAuthProtocol.Sha512;
                default: throw new ArgumentException($"Bad authProtocol: {text}");
            }
        }

        public static UsmPrivProtocol ParsePriv(string? text)
        {
            switch ((text ?? "DES").ToUpperInvariant())
            {
                case "DES": return UsmPrivProtocol.Des;
                case "AES": case "AES128": return UsmPrivProtocol.Aes128;
                case "AES192": return UsmPrivProtocol.Aes192;
                case "AES256": return UsmPrivProtocol.Aes256;
                default: throw new ArgumentException($"Bad privProtocol: {text}");
            }
        }
    }
}
