using System;
using System.Linq;
using System.Text;
using UpsPS.Engine.Snmp;
using UpsPS.Engine.Snmp.Usm;
using Xunit;

namespace UpsPS.Tests.Unit.Snmp
{
    public class UsmTests
    {
        private static readonly byte[] EngineId = Convert.FromHexString("000000000000000000000002");

        [Theory]
        [InlineData(UsmAuthProtocol.Md5, "9faf3283884e92834ebc9847d8edd963", "526f5eed9fcce26f8964c2930787d82b")]
        [InlineData(UsmAuthProtocol.Sha1, "9fb5cc0381497b3793528939ff788d5d79145211", "6695febc9288e36282235fc7151f128497b38f3f")]
        [InlineData(UsmAuthProtocol.Sha256, "ab51014d1e077f6017df2b12bee5f5aa72993177e9bb569c4dff5a4ca0b4afac", "8982e0e549e866db361a6b625d84cccc11162d453ee8ce3a6445c2d6776f0f8b")]
        // SHA-224 (no RFC 3414 vector): the same procedure, values from Python's hashlib.
        [InlineData(UsmAuthProtocol.Sha224, "282a5867ee9aac639ad59df9572c7d3ac0fbc13a905b6df07dbbf00b", "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be682075674")]
        public void KeyLocalisationMatchesRfc3414Vectors(UsmAuthProtocol protocol, string ku, string kul)
        {
            var key = UsmKeys.PasswordToKey(protocol, "maplesyrup");
            Assert.Equal(ku, Convert.ToHexString(key).ToLowerInvariant());
            Assert.Equal(kul, Convert.ToHexString(UsmKeys.Localize(protocol, key, EngineId)).ToLowerInvariant());
        }

        [Theory]
        [InlineData("", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f")]
        [InlineData("abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")]
        [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525")]
        public void Sha224MatchesFips180Vectors(string text, string digest)
        {
            using var sha = new Sha224();
            Assert.Equal(digest, Convert.ToHexString(sha.ComputeHash(System.Text.Encoding.ASCII.GetBytes(text))).ToLowerInvariant());
            // Fed in odd pieces, the result is the same.
            var bytes = System.Text.Encoding.ASCII.GetBytes(text);
            sha.Initialize();
            for (var i = 0; i < bytes.Length; i += 7) sha.TransformBlock(bytes, i, Math.Min(7, bytes.Length - i), null, 0);
            sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
            Assert.Equal(digest, Convert.ToHexString(sha.Hash!).ToLowerInvariant());
        }

        [Fact]
        public void HmacSha224MatchesRfc4231()
        {
            var key = Enumerable.Repeat((byte)0x0b, 20).ToArray();
            Assert.Equal("896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22",
                Convert.ToHexString(UsmAuthentication.HmacSha224(key, System.Text.Encoding.ASCII.GetBytes("Hi There"))).ToLowerInvariant());
            var longKey = Enumerable.Repeat((byte)0xaa, 131).ToArray();
            Assert.Equal("95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e",
                Convert.ToHexString(UsmAuthentication.HmacSha224(longKey,
                    System.Text.Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First"))).ToLowerInvariant());
            Assert.Equal(16, UsmAuthentication.MacLength(UsmAuthProtocol.Sha224));
        }

        [Theory]
        [InlineData(UsmPrivProtocol.Des, 45)]
        [InlineData(UsmPrivProtocol.Aes128, 45)]
        [InlineData(UsmPrivProtocol.Aes256, 33)]
        [InlineData(UsmPrivProtocol.Aes128, 0)]
        public void PrivacyRoundTrips(UsmPrivProtocol protocol, int length)
        {
            var key = UsmKeys.Extend(UsmAuthProtocol.Sha1, UsmKeys.Localize(UsmAuthProtocol.Sha1,
                UsmKeys.PasswordToKey(UsmAuthProtocol.Sha1, "privpass123"), EngineId), 32);
            var plain = new byte[length];
            new Random(length).NextBytes(plain);
            var salt = new byte[] { 0, 0, 0, 1, 0, 0, 0, 2 };
            var cipher = UsmPrivacy.Encrypt(protocol, key, 3, 1000, salt, plain);
            if (length > 0) Assert.NotEqual(plain, cipher);
            var back = UsmPrivacy.Decrypt(protocol, key, 3, 1000, salt, cipher);
            Assert.Equal(plain, back.AsSpan(0, length).ToArray());
        }

        [Fact]
        public void AesCfbMatchesNistSp800_38aVector()
        {
            // F.3.13 CFB128-AES128.Encrypt: key, IV = boots||time||salt chosen to spell the NIST IV.
            var key = Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c");
            var iv = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
            var plain = Convert.FromHexString("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
            var cipher = UsmPrivacy.Encrypt(UsmPrivProtocol.Aes128, key, 0x00010203, 0x04050607, iv[8..], plain);
            Assert.Equal("3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b", Convert.ToHexString(cipher).ToLowerInvariant());
        }

        [Fact]
        public void V3MessageRoundTripsAndLocatesAuthParameters()
        {
            var message = new SnmpV3Message
            {
                MessageId = 77,
                Flags = SnmpV3Flags.Auth | SnmpV3Flags.Reportable,
                Security = new UsmSecurityParameters
                {
                    EngineId = EngineId, EngineBoots = 4, EngineTime = 1234, UserName = Encoding.ASCII.GetBytes("u"),
                    AuthParameters = new byte[12],
                },
                Scoped = new ScopedPdu(EngineId, Array.Empty<byte>(), new SnmpPdu(SnmpPduType.GetRequest, 9, 0, 0, new[] { SnmpVarBind.Request("1.3.6.1.2.1.1.2.0") })),
            };
            var key = UsmKeys.Localize(UsmAuthProtocol.Md5, UsmKeys.PasswordToKey(UsmAuthProtocol.Md5, "maplesyrup"), EngineId);
            var zeroed = SnmpV3Codec.Encode(message);
            message.Security.AuthParameters = UsmAuthentication.ComputeMac(UsmAuthProtocol.Md5, key, zeroed);
            var signed = SnmpV3Codec.Encode(message);

            var back = SnmpV3Codec.Decode(signed);
            Assert.Equal(77, back.MessageId);
            Assert.Equal(1234, back.Security.EngineTime);
            Assert.Equal("1.3.6.1.2.1.1.2.0", back.Scoped!.Pdu.VarBinds[0].Oid);
            Assert.Equal(message.Security.AuthParameters, signed.AsSpan(back.AuthParametersOffset, 12).ToArray());
            Array.Clear(signed, back.AuthParametersOffset, 12);
            Assert.Equal(zeroed, signed);
        }
    }
}
