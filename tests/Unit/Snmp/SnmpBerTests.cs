using System;
using System.Linq;
using System.Text;
using UpsPS.Engine.Snmp;
using Xunit;

namespace UpsPS.Tests.Unit.Snmp
{
    public class SnmpBerTests
    {
        private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", "").Replace("\n", ""));

        private static byte[] Public => Encoding.ASCII.GetBytes("public");

        [Fact]
        public void EncodesV1GetOfSysObjectIdLikeTheSpec()
        {
            var pdu = new SnmpPdu(SnmpPduType.GetRequest, 1, 0, 0, new[] { SnmpVarBind.Request("1.3.6.1.2.1.1.2.0") });
            var bytes = SnmpBer.EncodeCommunityMessage(new SnmpCommunityMessage(SnmpVersion.V1, Public, pdu));
            Assert.Equal(Hex("30 26 02 01 00 04 06 70 75 62 6c 69 63 a0 19 02 01 01 02 01 00 02 01 00 30 0e 30 0c 06 08 2b 06 01 02 01 01 02 00 05 00"), bytes);
        }

        [Fact]
        public void DecodesOidResponse()
        {
            var m = SnmpBer.DecodeCommunityMessage(Hex("30 30 02 01 00 04 06 70 75 62 6c 69 63 a2 23 02 01 01 02 01 00 02 01 00 30 18 30 16 06 08 2b 06 01 02 01 01 02 00 06 0a 2b 06 01 04 01 82 3e 01 03 1b"));
            Assert.Equal(SnmpVersion.V1, m.Version);
            Assert.Equal(SnmpPduType.Response, m.Pdu.Type);
            Assert.Equal("1.3.6.1.2.1.1.2.0", m.Pdu.VarBinds[0].Oid);
            Assert.Equal("1.3.6.1.4.1.318.1.3.27", m.Pdu.VarBinds[0].Value.Oid);
        }

        [Fact]
        public void DecodesTimeTicksAndNoSuchObject()
        {
            var m = SnmpBer.DecodeCommunityMessage(Hex("30 30 02 01 01 04 06 70 75 62 6c 69 63 a2 23 02 02 12 34 02 01 00 02 01 00 30 17 30 15 06 0e 2b 06 01 04 01 82 3e 01 01 01 02 02 03 00 43 03 05 ad 20"));
            Assert.Equal(0x1234, m.Pdu.RequestId);
            Assert.Equal(SnmpValueType.TimeTicks, m.Pdu.VarBinds[0].Value.Type);
            Assert.Equal(372000, m.Pdu.VarBinds[0].Value.Number);

            var pdu = new SnmpPdu(SnmpPduType.Response, 5, 0, 0, new[] { new SnmpVarBind("1.3.6.1.4.1.318.1.1.1.3.3.1.0", SnmpValue.NoSuchObject) });
            var encoded = SnmpBer.EncodePdu(pdu);
            Assert.EndsWith("30 12 06 0e 2b 06 01 04 01 82 3e 01 01 01 03 03 01 00 80 00".Replace(" ", ""), Convert.ToHexString(encoded).ToLowerInvariant());
            Assert.True(SnmpBer.DecodePdu(encoded).VarBinds[0].Value.IsException);
        }

        [Fact]
        public void EncodesSetAndGetBulkLikeTheSpec()
        {
            var set = new SnmpPdu(SnmpPduType.SetRequest, 7, 0, 0, new[] { new SnmpVarBind("1.3.6.1.4.1.318.1.1.1.7.2.2.0", SnmpValue.Integer(2)) });
            Assert.Equal(Hex("30 2e 02 01 00 04 07 70 72 69 76 61 74 65 a3 20 02 01 07 02 01 00 02 01 00 30 15 30 13 06 0e 2b 06 01 04 01 82 3e 01 01 01 07 02 02 00 02 01 02"),
                SnmpBer.EncodeCommunityMessage(new SnmpCommunityMessage(SnmpVersion.V1, Encoding.ASCII.GetBytes("private"), set)));
            var bulk = SnmpPdu.GetBulk(9, 0, 10, new[] { SnmpVarBind.Request("1.3.6.1.2.1.33.1.2") });
            Assert.Equal(Hex("30 26 02 01 01 04 06 70 75 62 6c 69 63 a5 19 02 01 09 02 01 00 02 01 0a 30 0e 30 0c 06 08 2b 06 01 02 01 21 01 02 05 00"),
                SnmpBer.EncodeCommunityMessage(new SnmpCommunityMessage(SnmpVersion.V2c, Public, bulk)));
        }

        [Fact]
        public void RoundTripsEveryValueType()
        {
            var values = new[]
            {
                SnmpValue.Integer(-1), SnmpValue.Integer(128), SnmpValue.Integer(int.MinValue), SnmpValue.OctetString("Smart-UPS"),
                SnmpValue.Null, SnmpValue.ObjectIdentifier("1.3.6.1.4.1.318"), SnmpValue.IpAddress(new byte[] { 10, 0, 0, 1 }),
                SnmpValue.Unsigned(SnmpValueType.Counter32, uint.MaxValue), SnmpValue.Unsigned(SnmpValueType.Gauge32, 2147483648),
                SnmpValue.TimeTicks(372000), SnmpValue.Opaque(new byte[] { 1, 2 }), SnmpValue.Counter64(ulong.MaxValue),
                SnmpValue.NoSuchInstance, SnmpValue.EndOfMibView,
            };
            var pdu = new SnmpPdu(SnmpPduType.Response, 42, 0, 0, values.Select((v, i) => new SnmpVarBind("1.3.6.1.2.1." + (i + 1), v)).ToList());
            var back = SnmpBer.DecodePdu(SnmpBer.EncodePdu(pdu));
            Assert.Equal(values, back.VarBinds.Select(v => v.Value));
        }

        [Fact]
        public void ToleratesLongFormLengthsAndNonMinimalUnsignedValues()
        {
            // Same GET response as the spec's, with a long-form (0x81) outer length and a Gauge32 sent as 00 00 05.
            var m = SnmpBer.DecodeCommunityMessage(Hex("30 81 2b 02 01 01 04 06 70 75 62 6c 69 63 a2 1e 02 01 01 02 01 00 02 01 00 30 13 30 11 06 0a 2b 06 01 04 01 82 3e 01 01 01 42 03 00 00 05"));
            Assert.Equal(5, m.Pdu.VarBinds[0].Value.Number);
            // Counter32 4294967295 sent without its leading zero byte reads as unsigned.
            var c = SnmpBer.DecodePdu(Hex("a2 13 02 01 01 02 01 00 02 01 00 30 08 30 06 06 01 2b 41 01 ff"));
            Assert.Equal(255, c.VarBinds[0].Value.Number);
        }

        [Theory]
        [InlineData("")]
        [InlineData("30")]
        [InlineData("30 05 02 01 00 04")]
        [InlineData("30 03 02 01 07")]
        [InlineData("04 02 00 00")]
        [InlineData("30 0b 02 01 00 04 00 a2 04 02 01 01 02")]
        public void MalformedMessagesThrowProtocolException(string hex)
        {
            Assert.Throws<SnmpProtocolException>(() => SnmpBer.DecodeCommunityMessage(Hex(hex)));
        }
    }
}
