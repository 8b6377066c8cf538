using System;
using System.Formats.Asn1;
using System.Runtime.InteropServices;

namespace UpsPS.Engine.Snmp.Usm
{
    /// <summary>msgFlags bits.</summary>
    [Flags]
    public enum SnmpV3Flags : byte
    {
        None = 0,
        Auth = 0x01,
        Priv = 0x02,
        Reportable = 0x04,
    }

    /// <summary>UsmSecurityParameters (RFC 3414 2.4).</summary>
    public sealed class UsmSecurityParameters
    {
        public byte[] EngineId { get; set; } = Array.Empty<byte>();
        public int EngineBoots { get; set; }
        public int EngineTime { get; set; }
        public byte[] UserName { get; set; } = Array.Empty<byte>();
        public byte[] AuthParameters { get; set; } = Array.Empty<byte>();
        public byte[] PrivParameters { get; set; } = Array.Empty<byte>();
    }

    public sealed class ScopedPdu
    {
        public ScopedPdu(byte[] contextEngineId, byte[] contextName, SnmpPdu pdu)
        {
            ContextEngineId = contextEngineId;
            ContextName = contextName;
            Pdu = pdu;
        }

        public byte[] ContextEngineId { get; }
        public byte[] ContextName { get; }
        public SnmpPdu Pdu { get; }
    }

    /// <summary>An SNMPv3 message (RFC 3412 6) with the USM security model.</summary>
    public sealed class SnmpV3Message
    {
        public const int UsmSecurityModel = 3;

        public int MessageId { get; set; }
        public int MaxSize { get; set; } = 65507;
        public SnmpV3Flags Flags { get; set; }
        public int SecurityModel { get; set; } = UsmSecurityModel;
        public UsmSecurityParameters Security { get; set; } = new UsmSecurityParameters();

        /// <summary>Plaintext scoped PDU (null when <see cref="EncryptedPdu"/> is set).</summary>
        public ScopedPdu? Scoped { get; set; }

        public byte[]? EncryptedPdu { get; set; }

        /// <summary>For a decoded message: where authParameters' content starts in the datagram (-1 if empty).</summary>
        public int AuthParametersOffset { get; internal set; } = -1;
    }

    public static class SnmpV3Codec
    {
        public static byte[] Encode(SnmpV3Message message)
        {
            var writer = new AsnWriter(SnmpBer.Rules);
            using (writer.PushSequence())
            {
                writer.WriteInteger(3);
                using (writer.PushSequence())
                {
                    writer.WriteInteger(message.MessageId);
                    writer.WriteInteger(message.MaxSize);
                    writer.WriteOctetString(new[] { (byte)message.Flags });
                    writer.WriteInteger(message.SecurityModel);
                }
                writer.WriteOctetString(EncodeSecurityParameters(message.Security));
                if (message.EncryptedPdu != null) writer.WriteOctetString(message.EncryptedPdu);
                else WriteScopedPdu(writer, message.Scoped ?? throw new ArgumentException("no PDU"));
            }
            return writer.Encode();
        }

        public static byte[] EncodeSecurityParameters(UsmSecurityParameters p)
        {
            var writer = new AsnWriter(SnmpBer.Rules);
            using (writer.PushSequence())
            {
                writer.WriteOctetString(p.EngineId);
                writer.WriteInteger(p.EngineBoots);
                writer.WriteInteger(p.EngineTime);
                writer.WriteOctetString(p.UserName);
                writer.WriteOctetString(p.AuthParameters);
                writer.WriteOctetString(p.PrivParameters);
            }
            return writer.Encode();
        }

        public static byte[] EncodeScopedPdu(ScopedPdu scoped)
        {
            var writer = new AsnWriter(SnmpBer.Rules);
            WriteScopedPdu(writer, scoped);
            return writer.Encode();
        }

        private static void WriteScopedPdu(AsnWriter writer, ScopedPdu scoped)
        {
            using (writer.PushSequence())
            {
                writer.WriteOctetString(scoped.ContextEngineId);
                writer.WriteOctetString(scoped.ContextName);
                SnmpBer.WritePdu(writer, scoped.Pdu);
            }
        }

        /// <summary>Decodes a scoped PDU; trailing bytes (DES padding) are ignored.</summary>
        public static ScopedPdu DecodeScopedPdu(byte[] plain) => SnmpBer.Guard(() =>
        {
            var reader = new AsnReader(plain, SnmpBer.Rules);
            var seq = reader.ReadSequence();
            var engine = seq.ReadOctetString();
            var context = seq.ReadOctetString();
            var pdu = SnmpBer.ReadPdu(seq);
            seq.ThrowIfNotEmpty();
            return new ScopedPdu(engine, context, pdu);
        });

        public static SnmpV3Message Decode(byte[] datagram) => SnmpBer.Guard(() =>
        {
            var outer = new AsnReader(datagram, SnmpBer.Rules);
            var msg = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var version = SnmpBer.ReadInt32(msg, Asn1Tag.Integer);
            if (version != 3) throw new SnmpProtocolException($"expected SNMPv3, got version {version}");
            var result = new SnmpV3Message();
            var global = msg.ReadSequence();
            result.MessageId = SnmpBer.ReadInt32(global, Asn1Tag.Integer);
            result.MaxSize = SnmpBer.ReadInt32(global, Asn1Tag.Integer);
            var flags = global.ReadOctetString();
            if (flags.Length != 1) throw new SnmpProtocolException("msgFlags must be one byte");
            result.Flags = (SnmpV3Flags)flags[0];
            result.SecurityModel = SnmpBer.ReadInt32(global, Asn1Tag.Integer);
            global.ThrowIfNotEmpty();
            if (result.SecurityModel != SnmpV3Message.UsmSecurityModel)
                throw new SnmpProtocolException($"unsupported security model {result.SecurityModel}");

            if (!msg.TryReadPrimitiveOctetString(out var securityBytes))
                throw new SnmpProtocolException("constructed msgSecurityParameters");
            var sec = new AsnReader(securityBytes, SnmpBer.Rules).ReadSequence();
            var p = result.Security;
            p.EngineId = sec.ReadOctetString();
            p.EngineBoots = SnmpBer.ReadInt32(sec, Asn1Tag.Integer);
            p.EngineTime = SnmpBer.ReadInt32(sec, Asn1Tag.Integer);
            p.UserName = sec.ReadOctetString();
            if (!sec.TryReadPrimitiveOctetString(out var auth)) throw new SnmpProtocolException("constructed authParameters");
            p.AuthParameters = auth.ToArray();
            if (auth.Length > 0 && MemoryMarshal.TryGetArray(auth, out var segment)) result.AuthParametersOffset = segment.Offset;
            p.PrivParameters = sec.ReadOctetString();
            sec.ThrowIfNotEmpty();

            var tag = msg.PeekTag();
            if (tag.HasSameClassAndValue(Asn1Tag.PrimitiveOctetString)) result.EncryptedPdu = msg.ReadOctetString();
            else
            {
                var seq = msg.ReadSequence();
                var engine = seq.ReadOctetString();
                var context = seq.ReadOctetString();
                var pdu = SnmpBer.ReadPdu(seq);
                seq.ThrowIfNotEmpty();
                result.Scoped = new ScopedPdu(engine, context, pdu);
            }
            msg.ThrowIfNotEmpty();
            return result;
        });
    }
}
