using System;
using System.Security.Cryptography;

namespace UpsPS.Engine.Snmp.Usm
{
    /// <summary>
    /// ScopedPDU encryption: DES-CBC (RFC 3414 8.1) and AES-CFB128 (RFC 3826). CFB is built from AES-ECB
    /// because netstandard2.0 does not guarantee a CFB128 mode on every platform.
    /// </summary>
    public static class UsmPrivacy
    {
        public static int KeyLength(UsmPrivProtocol protocol)
        {
            switch (protocol)
            {
                case UsmPrivProtocol.Des: return 16; // 8 key + 8 pre-IV
                case UsmPrivProtocol.Aes128: return 16;
                case UsmPrivProtocol.Aes192: return 24;
                case UsmPrivProtocol.Aes256: return 32;
                default: return 0;
            }
        }

        /// <summary>Encrypts; <paramref name="salt"/> is the 8-byte privParameters to send.</summary>
        public static byte[] Encrypt(UsmPrivProtocol protocol, byte[] key, int engineBoots, int engineTime, byte[] salt, byte[] plain)
        {
            if (protocol == UsmPrivProtocol.Des)
            {
                var padded = new byte[(plain.Length + 7) / 8 * 8];
                Buffer.BlockCopy(plain, 0, padded, 0, plain.Length);
                using (var des = CreateDes(key, salt))
                using (var enc = des.CreateEncryptor())
                    return enc.TransformFinalBlock(padded, 0, padded.Length);
            }
            return AesCfb(key, KeyLength(protocol), AesIv(engineBoots, engineTime, salt), plain, encrypt: true);
        }

        public static byte[] Decrypt(UsmPrivProtocol protocol, byte[] key, int engineBoots, int engineTime, byte[] salt, byte[] cipher)
        {
            if (salt.Length != 8) throw new SnmpProtocolException("privParameters must be 8 bytes");
            if (protocol == UsmPrivProtocol.Des)
            {
                if (cipher.Length % 8 != 0) throw new SnmpProtocolException("DES ciphertext is not a multiple of 8 bytes");
                using (var des = CreateDes(key, salt))
                using (var dec = des.CreateDecryptor())
                    return dec.TransformFinalBlock(cipher, 0, cipher.Length);
            }
            return AesCfb(key, KeyLength(protocol), AesIv(engineBoots, engineTime, salt), cipher, encrypt: false);
        }

        private static DES CreateDes(byte[] key, byte[] salt)
        {
            var iv = new byte[8];
            for (var i = 0; i < 8; i++) iv[i] = (byte)(key[8 + i] ^ salt[i]);
            var des = DES.Create();
            des.Mode = CipherMode.CBC;
            des.Padding = PaddingMode.None;
            var k = new byte[8];
            Buffer.BlockCopy(key, 0, k, 0, 8);
            des.Key = k;
            des.IV = iv;
            return des;
        }

        private static byte[] AesIv(int boots, int time, byte[] salt)
        {
            var iv = new byte[16];
            WriteBigEndian(iv, 0, boots);
            WriteBigEndian(iv, 4, time);
            Buffer.BlockCopy(salt, 0, iv, 8, 8);
            return iv;
        }

        internal static void WriteBigEndian(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        private static byte[] AesCfb(byte[] key, int keyLength, byte[] iv, byte[] input, bool encrypt)
        {
            var k = new byte[keyLength];
            Buffer.BlockCopy(key, 0, k, 0, keyLength);
            using (var aes = Aes.Create())
            {
                aes.Mode = CipherMode.ECB;
                aes.Padding = PaddingMode.None;
                aes.Key = k;
                using (var ecb = aes.CreateEncryptor())
                {
                    var output = new byte[input.Length];
                    var register = (byte[])iv.Clone();
                    var stream = new byte[16];
                    for (var offset = 0; offset < input.Length; offset += 16)
                    {
                        ecb.TransformBlock(register, 0, 16, stream, 0);
                        var n = Math.Min(16, input.Length - offset);
                        for (var i = 0; i < n; i++) output[offset + i] = (byte)(input[offset + i] ^ stream[i]);
                        // The feedback is always the ciphertext block.
                        Buffer.BlockCopy(encrypt ? output : input, offset, register, 0, n);
                    }
                    return output;
                }
            }
        }
    }
}
