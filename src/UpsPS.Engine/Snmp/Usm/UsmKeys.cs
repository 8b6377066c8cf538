using System;
using System.Security.Cryptography;
using System.Text;

namespace UpsPS.Engine.Snmp.Usm
{
    /// <summary>RFC 3414 password-to-key and key localisation (section A.2), plus AES-192/256 key extension.</summary>
    public static class UsmKeys
    {
        private const int ExpansionLength = 1048576;

        public static HashAlgorithm CreateHash(UsmAuthProtocol protocol)
        {
            switch (protocol)
            {
                case UsmAuthProtocol.Md5: return MD5.Create();
                case UsmAuthProtocol.Sha1: return SHA1.Create();
                case UsmAuthProtocol.Sha256: return SHA256.Create();
                case UsmAuthProtocol.Sha384: return SHA384.Create();
                case UsmAuthProtocol.Sha512: return SHA512.Create();
                case UsmAuthProtocol.Sha224: return new Sha224();
                default: throw new ArgumentException("no hash for " + protocol);
            }
        }

        /// <summary>Ku: the hash of 1 MiB made of the password repeated.</summary>
        public static byte[] PasswordToKey(UsmAuthProtocol protocol, string password)
        {
            var pw = Encoding.UTF8.GetBytes(password);
            if (pw.Length == 0) throw new ArgumentException("empty SNMPv3 password");
            using (var hash = CreateHash(protocol))
            {
                var block = new byte[64];
                var index = 0;
                for (var done = 0; done < ExpansionLength; done += block.Length)
                {
                    for (var i = 0; i < block.Length; i++) block[i] = pw[index++ % pw.Length];
                    hash.TransformBlock(block, 0, block.Length, null, 0);
                }
                hash.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                return hash.Hash!;
            }
        }

        /// <summary>Kul = H(Ku || engineID || Ku).</summary>
        public static byte[] Localize(UsmAuthProtocol protocol, byte[] ku, byte[] engineId)
        {
            using (var hash = CreateHash(protocol))
            {
                var input = new byte[ku.Length * 2 + engineId.Length];
                Buffer.BlockCopy(ku, 0, input, 0, ku.Length);
                Buffer.BlockCopy(engineId, 0, input, ku.Length, engineId.Length);
                Buffer.BlockCopy(ku, 0, input, ku.Length + engineId.Length, ku.Length);
                return hash.ComputeHash(input);
            }
        }

        /// <summary>
        /// Extends a localised key to <paramref name="length"/> bytes by appending H(key so far) (net-snmp's
        /// default, "Blumenthal" draft) - needed for AES-192/256 with MD5/SHA-1.
        /// </summary>
        public static byte[] Extend(UsmAuthProtocol protocol, byte[] key, int length)
        {
            if (key.Length >= length) return key;
            var result = new byte[length];
            Buffer.BlockCopy(key, 0, result, 0, key.Length);
            var have = key.Length;
            using (var hash = CreateHash(protocol))
            {
                while (have < length)
                {
                    var next = hash.ComputeHash(result, 0, have);
                    var take = Math.Min(next.Length, length - have);
                    Buffer.BlockCopy(next, 0, result, have, take);
                    have += take;
                }
            }
            return result;
        }
    }
}
