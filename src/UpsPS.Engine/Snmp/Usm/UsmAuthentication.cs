using System;
using System.Security.Cryptography;

namespace UpsPS.Engine.Snmp.Usm
{
    /// <summary>HMAC message authentication (RFC 3414 / RFC 7860): truncated MAC over the whole message.</summary>
    public static class UsmAuthentication
    {
        public static int MacLength(UsmAuthProtocol protocol)
        {
            switch (protocol)
            {
                case UsmAuthProtocol.Md5:
                case UsmAuthProtocol.Sha1: return 12;
                case UsmAuthProtocol.Sha224: return 16;
                case UsmAuthProtocol.Sha256: return 24;
                case UsmAuthProtocol.Sha384: return 32;
                case UsmAuthProtocol.Sha512: return 48;
                default: return 0;
            }
        }

        private static HMAC CreateHmac(UsmAuthProtocol protocol, byte[] key)
        {
            switch (protocol)
            {
                case UsmAuthProtocol.Md5: return new HMACMD5(key);
                case UsmAuthProtocol.Sha1: return new HMACSHA1(key);
                case UsmAuthProtocol.Sha256: return new HMACSHA256(key);
                case UsmAuthProtocol.Sha384: return new HMACSHA384(key);
                case UsmAuthProtocol.Sha512: return new HMACSHA512(key);
                default: throw new ArgumentException("no HMAC for " + protocol);
            }
        }

        /// <summary>MAC of <paramref name="wholeMessage"/> (encoded with zeroed authParams), truncated.</summary>
        public static byte[] ComputeMac(UsmAuthProtocol protocol, byte[] localizedKey, byte[] wholeMessage)
        {
            if (protocol == UsmAuthProtocol.Sha224) return Truncate(HmacSha224(localizedKey, wholeMessage), MacLength(protocol));
            using (var hmac = CreateHmac(protocol, localizedKey))
            {
                var full = hmac.ComputeHash(wholeMessage);
                var mac = new byte[MacLength(protocol)];
                Buffer.BlockCopy(full, 0, mac, 0, mac.Length);
                return mac;
            }
        }

        private static byte[] Truncate(byte[] full, int length)
        {
            var mac = new byte[length];
            Buffer.BlockCopy(full, 0, mac, 0, length);
            return mac;
        }

        /// <summary>RFC 2104 HMAC over SHA-224 (64-byte block); .NET's HMAC classes cannot take a custom hash.</summary>
        public static byte[] HmacSha224(byte[] key, byte[] message)
        {
            const int blockSize = 64;
            using (var hash = new Sha224())
            {
                if (key.Length > blockSize) key = hash.ComputeHash(key);
                var inner = new byte[blockSize + message.Length];
                var outer = new byte[blockSize + 28];
                for (var i = 0; i < blockSize; i++)
                {
                    var k = i < key.Length ? key[i] : (byte)0;
                    inner[i] = (byte)(k ^ 0x36);
                    outer[i] = (byte)(k ^ 0x5c);
                }
                Buffer.BlockCopy(message, 0, inner, blockSize, message.Length);
                var innerHash = hash.ComputeHash(inner);
                Buffer.BlockCopy(innerHash, 0, outer, blockSize, innerHash.Length);
                return hash.ComputeHash(outer);
            }
        }

        /// <summary>Constant-time comparison.</summary>
        public static bool MacEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            var diff = 0;
            for (var i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }
    }
}
