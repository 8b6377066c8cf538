using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using UpsPS.Engine.Snmp;
using UpsPS.Engine.Snmp.Usm;
using Xunit;

namespace UpsPS.Tests.Unit.Snmp
{
    /// <summary>Seeded random and mutated datagrams: decoding either succeeds or throws SnmpProtocolException, quickly.</summary>
    public class SnmpBerFuzzTests
    {
        private static byte[] SampleResponse()
        {
            var pdu = new SnmpPdu(SnmpPduType.Response, 4711, 0, 0, new[]
            {
                new SnmpVarBind("1.3.6.1.2.1.1.2.0", SnmpValue.ObjectIdentifier("1.3.6.1.4.1.318.1.3.27")),
                new SnmpVarBind("1.3.6.1.4.1.318.1.1.1.2.2.3.0", SnmpValue.TimeTicks(372000)),
                new SnmpVarBind("1.3.6.1.4.1.318.1.1.1.1.1.1.0", SnmpValue.OctetString("Smart-UPS X 750")),
                new SnmpVarBind("1.3.6.1.2.1.2.2.1.10.1", SnmpValue.Counter64(123456789012)),
                new SnmpVarBind("1.3.6.1.4.1.318.1.1.1.3.3.1.0", SnmpValue.NoSuchObject),
            });
            return SnmpBer.EncodeCommunityMessage(new SnmpCommunityMessage(SnmpVersion.V2c, Encoding.ASCII.GetBytes("public"), pdu));
        }

        private static void DecodeBoth(byte[] data)
        {
            try { SnmpBer.DecodeCommunityMessage(data); } catch (SnmpProtocolException) { }
            try { SnmpV3Codec.Decode(data); } catch (SnmpProtocolException) { }
        }

        [Fact]
        public void MutatedAndRandomDatagramsNeverCrashOrHang()
        {
            var random = new Random(20240605);
            var sample = SampleResponse();
            var v3 = SnmpV3Codec.Encode(new SnmpV3Message
            {
                MessageId = 1, Flags = SnmpV3Flags.Reportable,
                Security = new UsmSecurityParameters { EngineId = new byte[] { 0x80, 0, 0x1f, 0x88, 1 }, UserName = Encoding.ASCII.GetBytes("u") },
                Scoped = new ScopedPdu(Array.Empty<byte>(), Array.Empty<byte>(), SnmpBer.DecodeCommunityMessage(sample).Pdu),
            });
            var watch = Stopwatch.StartNew();
            var memoryBefore = GC.GetTotalMemory(true);
            for (var i = 0; i < 30000; i++)
            {
                var source = i % 2 == 0 ? sample : v3;
                byte[] data;
                switch (i % 4)
                {
                    case 0: // flip bytes
                        data = (byte[])source.Clone();
                        for (var k = random.Next(1, 4); k > 0; k--) data[random.Next(data.Length)] = (byte)random.Next(256);
                        break;
                    case 1: // truncate
                        data = source.Take(random.Next(source.Length)).ToArray();
                        break;
                    case 2: // huge declared lengths
                        data = (byte[])source.Clone();
                        var at = random.Next(data.Length - 5);
                        data[at] = 0x84; data[at + 1] = 0x7f; data[at + 2] = 0xff; data[at + 3] = 0xff; data[at + 4] = 0xff;
                        break;
                    default: // pure noise, sometimes starting like a SEQUENCE
                        data = new byte[random.Next(0, 300)];
                        random.NextBytes(data);
                        if (data.Length > 2 && random.Next(2) == 0) { data[0] = 0x30; data[1] = (byte)(data.Length - 2 & 0x7f); }
                        break;
                }
                DecodeBoth(data);
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"fuzzing took {watch.Elapsed}");
            Assert.True(GC.GetTotalMemory(true) - memoryBefore < 50_000_000, "memory grew");
        }

        [Fact]
        public void DeeplyNestedAndOversizedInputsAreRejected()
        {
            var nested = Enumerable.Repeat(new byte[] { 0x30, 0x80 }, 5000).SelectMany(b => b).ToArray();
            Assert.Throws<SnmpProtocolException>(() => SnmpBer.DecodeCommunityMessage(nested));
            Assert.Throws<SnmpProtocolException>(() => SnmpBer.DecodeCommunityMessage(new byte[] { 0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02 }));
        }
    }
}
