using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Numerics;

namespace UpsPS.Engine.Snmp
{
    /// <summary>
    /// BER encoding and decoding of SNMP PDUs and v1/v2c messages on top of System.Formats.Asn1.
    /// Decoding is tolerant where real agents are sloppy (non-minimal integers, unsigned values sent
    /// without their leading zero byte) and strict about structure: anything else is an
    /// <see cref="SnmpProtocolException"/>.
    /// </summary>
    public static class SnmpBer
    {
        internal const AsnEncodingRules Rules = AsnEncodingRules.BER;

        internal static readonly Asn1Tag IpAddressTag = new Asn1Tag(TagClass.Application, 0);
        internal static readonly Asn1Tag Counter32Tag = new Asn1Tag(TagClass.Application, 1);
        internal static readonly Asn1Tag Gauge32Tag = new Asn1Tag(TagClass.Application, 2);
        internal static readonly Asn1Tag TimeTicksTag = new Asn1Tag(TagClass.Application, 3);
        internal static readonly Asn1Tag OpaqueTag = new Asn1Tag(TagClass.Application, 4);
        internal static readonly Asn1Tag Counter64Tag = new Asn1Tag(TagClass.Application, 6);

        /// <summary>Largest number of varbinds accepted in one decoded PDU (bounded memory on hostile input).</summary>
        public const int MaxVarBinds = 4096;

        public static Asn1Tag PduTag(SnmpPduType type) => new Asn1Tag(TagClass.ContextSpecific, (int)type - 0xA0, isConstructed: true);

        // ------------------------------------------------------------------ v1 / v2c messages

        public static byte[] EncodeCommunityMessage(SnmpCommunityMessage message)
        {
            var writer = new AsnWriter(Rules);
            using (writer.PushSequence())
            {
                writer.WriteInteger((int)message.Version);
                writer.WriteOctetString(message.Community);
                WritePdu(writer, message.Pdu);
            }
            return writer.Encode();
        }

        public static SnmpCommunityMessage DecodeCommunityMessage(ReadOnlyMemory<byte> datagram)
        {
            return Guard(() =>
            {
                var outer = new AsnReader(datagram, Rules);
                var message = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                var version = ReadInt32(message, Asn1Tag.Integer);
                if (version != 0 && version != 1) throw new SnmpProtocolException($"unexpected SNMP version {version} in a community message");
                var community = message.ReadOctetString();
                var pdu = ReadPdu(message);
                message.ThrowIfNotEmpty();
                return new SnmpCommunityMessage((SnmpVersion)version, community, pdu);
            });
        }

        /// <summary>Reads the version field of any SNMP message (0, 1 or 3) without decoding the rest.</summary>
        public static int PeekVersion(ReadOnlyMemory<byte> datagram) =>
            Guard(() => ReadInt32(new AsnReader(datagram, Rules).ReadSequence(), Asn1Tag.Integer));

        // ------------------------------------------------------------------ PDUs

        public static void WritePdu(AsnWriter writer, SnmpPdu pdu)
        {
            using (writer.PushSequence(PduTag(pdu.Type)))
            {
                writer.WriteInteger(pdu.RequestId);
                writer.WriteInteger(pdu.ErrorStatus);
                writer.WriteInteger(pdu.ErrorIndex);
                using (writer.PushSequence())
                {
                    foreach (var vb in pdu.VarBinds)
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier(vb.Oid);
                            WriteValue(writer, vb.Value);
                        }
                    }
                }
            }
        }

        public static byte[] EncodePdu(SnmpPdu pdu)
        {
            var writer = new AsnWriter(Rules);
            WritePdu(writer, pdu);
            return writer.Encode();
        }

        public static SnmpPdu DecodePdu(ReadOnlyMemory<byte> encoded) => Guard(() =>
        {
            var reader = new AsnReader(encoded, Rules);
            var pdu = ReadPdu(reader);
            reader.ThrowIfNotEmpty();
            return pdu;
        });

        public static SnmpPdu ReadPdu(AsnReader reader)
        {
            var tag = reader.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || !tag.IsConstructed || tag.TagValue > 8)
                throw new SnmpProtocolException($"expected a PDU, found tag {tag}");
            var body = reader.ReadSequence(tag);
            var requestId = ReadInt32(body, Asn1Tag.Integer);
            var errorStatus = ReadInt32(body, Asn1Tag.Integer);
            var errorIndex = ReadInt32(body, Asn1Tag.Integer);
            var list = body.ReadSequence();
            body.ThrowIfNotEmpty();
            var varBinds = new List<SnmpVarBind>();
            while (list.HasData)
            {
                if (varBinds.Count >= MaxVarBinds) throw new SnmpProtocolException("too many varbinds");
                var vb = list.ReadSequence();
                var oid = vb.ReadObjectIdentifier();
                var value = ReadValue(vb);
                vb.ThrowIfNotEmpty();
                varBinds.Add(new SnmpVarBind(oid, value));
            }
            return new SnmpPdu((SnmpPduType)(0xA0 + tag.TagValue), requestId, errorStatus, errorIndex, varBinds);
        }

        // ------------------------------------------------------------------ values

        public static void WriteValue(AsnWriter writer, SnmpValue value)
        {
            switch (value.Type)
            {
                case SnmpValueType.Integer: writer.WriteInteger(value.Number); break;
                case SnmpValueType.OctetString: writer.WriteOctetString(value.Bytes); break;
                case SnmpValueType.Null: writer.WriteNull(); break;
                case SnmpValueType.ObjectIdentifier: writer.WriteObjectIdentifier(value.Oid!); break;
                case SnmpValueType.IpAddress: writer.WriteOctetString(value.Bytes, IpAddressTag); break;
                case SnmpValueType.Counter32: writer.WriteInteger(value.Number, Counter32Tag); break;
                case SnmpValueType.Gauge32: writer.WriteInteger(value.Number, Gauge32Tag); break;
                case SnmpValueType.TimeTicks: writer.WriteInteger(value.Number, TimeTicksTag); break;
                case SnmpValueType.Opaque: writer.WriteOctetString(value.Bytes, OpaqueTag); break;
                case SnmpValueType.Counter64: writer.WriteIntegerUnsigned(ToUnsignedBytes(value.Unsigned64), Counter64Tag); break;
                case SnmpValueType.NoSuchObject:
                case SnmpValueType.NoSuchInstance:
                case SnmpValueType.EndOfMibView:
                    writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, (int)value.Type - 0x80)); break;
                default: throw new ArgumentException($"cannot encode {value.Type}");
            }
        }

        public static SnmpValue ReadValue(AsnReader reader)
        {
            var tag = reader.PeekTag();
            if (tag.IsConstructed && tag.TagClass != TagClass.Universal)
                throw new SnmpProtocolException($"unexpected constructed value tag {tag}");
            switch (tag.TagClass)
            {
                case TagClass.Universal:
                    switch ((UniversalTagNumber)tag.TagValue)
                    {
                        case UniversalTagNumber.Integer:
                            return SnmpValue.Integer((int)ClampSigned32(ReadLooseInteger(reader, tag)));
                        case UniversalTagNumber.OctetString:
                            return SnmpValue.OctetString(reader.ReadOctetString());
                        case UniversalTagNumber.Null:
                            reader.ReadNull();
                            return SnmpValue.Null;
                        case UniversalTagNumber.ObjectIdentifier:
                            return SnmpValue.ObjectIdentifier(reader.ReadObjectIdentifier());
                    }
                    break;
                case TagClass.Application:
                    switch (tag.TagValue)
                    {
                        case 0:
                            var ip = reader.ReadOctetString(IpAddressTag);
                            if (ip.Length != 4) throw new SnmpProtocolException("IpAddress is not 4 bytes");
                            return SnmpValue.IpAddress(ip);
                        case 1: return SnmpValue.Unsigned(SnmpValueType.Counter32, (long)(ReadUnsigned(reader, Counter32Tag) & uint.MaxValue));
                        case 2: return SnmpValue.Unsigned(SnmpValueType.Gauge32, (long)(ReadUnsigned(reader, Gauge32Tag) & uint.MaxValue));
                        case 3: return SnmpValue.Unsigned(SnmpValueType.TimeTicks, (long)(ReadUnsigned(reader, TimeTicksTag) & uint.MaxValue));
                        case 4: return SnmpValue.Opaque(reader.ReadOctetString(OpaqueTag));
                        case 6:
                            return SnmpValue.Counter64(ReadUnsigned(reader, Counter64Tag));
                    }
                    break;
                case TagClass.ContextSpecific:
                    if (tag.TagValue <= 2)
                    {
                        reader.ReadEncodedValue();
                        return tag.TagValue == 0 ? SnmpValue.NoSuchObject : tag.TagValue == 1 ? SnmpValue.NoSuchInstance : SnmpValue.EndOfMibView;
                    }
                    break;
            }
            throw new SnmpProtocolException($"unsupported value tag {tag}");
        }

        /// <summary>
        /// INTEGER-like content. Agents exist that send non-minimal encodings, which AsnReader rightly
        /// rejects; those are re-read from the raw content octets (at most 9).
        /// </summary>
        private static BigInteger ReadLooseInteger(AsnReader reader, Asn1Tag tag)
        {
            var encoded = reader.PeekEncodedValue();
            try { return reader.ReadInteger(tag); }
            catch (AsnContentException)
            {
                AsnDecoder.ReadEncodedValue(encoded.Span, Rules, out var offset, out var length, out _);
                if (length == 0 || length > 9) throw new SnmpProtocolException($"integer of {length} bytes");
                var content = encoded.Span.Slice(offset, length);
                BigInteger v = (content[0] & 0x80) != 0 ? -1 : 0;
                foreach (var b in content) v = (v << 8) | b;
                reader.ReadEncodedValue();
                return v;
            }
        }

        /// <summary>
        /// Unsigned application types. The content is read as an unsigned big-endian number: agents that omit
        /// the leading zero byte (Counter32 0xFFFFFFFF as ff ff ff ff) mean the unsigned value.
        /// </summary>
        private static ulong ReadUnsigned(AsnReader reader, Asn1Tag tag)
        {
            var encoded = reader.PeekEncodedValue();
            var actual = reader.PeekTag();
            if (!actual.HasSameClassAndValue(tag) || actual.IsConstructed) throw new SnmpProtocolException($"expected {tag}, found {actual}");
            AsnDecoder.ReadEncodedValue(encoded.Span, Rules, out var offset, out var length, out _);
            var content = encoded.Span.Slice(offset, length);
            if (content.Length == 0) throw new SnmpProtocolException("empty integer");
            while (content.Length > 1 && content[0] == 0) content = content.Slice(1);
            if (content.Length > 8) throw new SnmpProtocolException($"unsigned value of {content.Length} bytes");
            ulong v = 0;
            foreach (var b in content) v = (v << 8) | b;
            reader.ReadEncodedValue();
            return v;
        }

        internal static int ReadInt32(AsnReader reader, Asn1Tag tag)
        {
            var v = ReadLooseInteger(reader, tag);
            if (v < int.MinValue || v > int.MaxValue) throw new SnmpProtocolException($"integer {v} out of range");
            return (int)v;
        }

        private static long ClampSigned32(BigInteger v)
        {
            if (v >= int.MinValue && v <= int.MaxValue) return (long)v;
            // An unsigned value mistakenly sent as INTEGER: keep its low 32 bits as a signed number.
            return unchecked((int)(uint)(v & uint.MaxValue));
        }

        private static byte[] ToUnsignedBytes(ulong value)
        {
            var bytes = new byte[8];
            for (var i = 7; i >= 0; i--) { bytes[i] = (byte)value; value >>= 8; }
            var start = 0;
            while (start < 7 && bytes[start] == 0) start++;
            var result = new byte[8 - start];
            Array.Copy(bytes, start, result, 0, result.Length);
            return result;
        }

        /// <summary>Turns every decoder failure into <see cref="SnmpProtocolException"/>.</summary>
        internal static T Guard<T>(Func<T> decode)
        {
            try { return decode(); }
            catch (SnmpProtocolException) { throw; }
            catch (Exception e) when (e is AsnContentException || e is FormatException || e is ArgumentException
                                      || e is OverflowException || e is InvalidOperationException)
            {
                throw new SnmpProtocolException("malformed SNMP message: " + e.Message, e);
            }
        }
    }
}
