using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace UpsPS.Engine.Snmp
{
    /// <summary>
    /// One varbind value. Numbers are kept as <see cref="Number"/> (signed for INTEGER, unsigned for the
    /// application types), strings and opaque data as <see cref="Bytes"/>, OIDs as dotted text.
    /// </summary>
    public sealed class SnmpValue : IEquatable<SnmpValue>
    {
        private SnmpValue(SnmpValueType type, long number = 0, ulong unsigned64 = 0, byte[]? bytes = null, string? oid = null)
        {
            Type = type;
            Number = number;
            Unsigned64 = unsigned64;
            Bytes = bytes ?? Array.Empty<byte>();
            Oid = oid;
        }

        public SnmpValueType Type { get; }

        /// <summary>INTEGER, Counter32, Gauge32, TimeTicks value.</summary>
        public long Number { get; }

        /// <summary>Counter64 value.</summary>
        public ulong Unsigned64 { get; }

        /// <summary>OCTET STRING, Opaque, IpAddress bytes.</summary>
        public byte[] Bytes { get; }

        /// <summary>OBJECT IDENTIFIER value in dotted form.</summary>
        public string? Oid { get; }

        public static readonly SnmpValue Null = new SnmpValue(SnmpValueType.Null);
        public static readonly SnmpValue NoSuchObject = new SnmpValue(SnmpValueType.NoSuchObject);
        public static readonly SnmpValue NoSuchInstance = new SnmpValue(SnmpValueType.NoSuchInstance);
        public static readonly SnmpValue EndOfMibView = new SnmpValue(SnmpValueType.EndOfMibView);

        public static SnmpValue Integer(long value)
        {
            if (value < int.MinValue || value > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(value), "INTEGER is 32-bit");
            return new SnmpValue(SnmpValueType.Integer, value);
        }

        public static SnmpValue Unsigned(SnmpValueType type, long value)
        {
            if (type != SnmpValueType.Counter32 && type != SnmpValueType.Gauge32 && type != SnmpValueType.TimeTicks)
                throw new ArgumentException("not an unsigned 32-bit type", nameof(type));
            if (value < 0 || value > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(value));
            return new SnmpValue(type, value);
        }

        public static SnmpValue TimeTicks(long hundredths) => Unsigned(SnmpValueType.TimeTicks, hundredths);

        public static SnmpValue Counter64(ulong value) => new SnmpValue(SnmpValueType.Counter64, unchecked((long)value), value);

        public static SnmpValue OctetString(byte[] bytes) => new SnmpValue(SnmpValueType.OctetString, bytes: bytes);

        public static SnmpValue OctetString(string text) => OctetString(Encoding.UTF8.GetBytes(text));

        public static SnmpValue Opaque(byte[] bytes) => new SnmpValue(SnmpValueType.Opaque, bytes: bytes);

        public static SnmpValue IpAddress(byte[] bytes)
        {
            if (bytes.Length != 4) throw new ArgumentException("IpAddress is 4 bytes", nameof(bytes));
            return new SnmpValue(SnmpValueType.IpAddress, bytes: bytes);
        }

        public static SnmpValue ObjectIdentifier(string oid) => new SnmpValue(SnmpValueType.ObjectIdentifier, oid: SnmpOid.Normalize(oid));

        /// <summary>noSuchObject, noSuchInstance or endOfMibView (v2c/v3 per-varbind exceptions).</summary>
        public bool IsException => Type == SnmpValueType.NoSuchObject || Type == SnmpValueType.NoSuchInstance || Type == SnmpValueType.EndOfMibView;

        public bool IsNumeric => Type == SnmpValueType.Integer || Type == SnmpValueType.Counter32 || Type == SnmpValueType.Gauge32
                                 || Type == SnmpValueType.TimeTicks || Type == SnmpValueType.Counter64;

        public string BytesAsText => Encoding.UTF8.GetString(Bytes);

        public override string ToString()
        {
            switch (Type)
            {
                case SnmpValueType.Integer:
                case SnmpValueType.Counter32:
                case SnmpValueType.Gauge32:
                case SnmpValueType.TimeTicks:
                    return $"{Type}: {Number.ToString(CultureInfo.InvariantCulture)}";
                case SnmpValueType.Counter64: return $"Counter64: {Unsigned64.ToString(CultureInfo.InvariantCulture)}";
                case SnmpValueType.OctetString: return $"STRING: \"{BytesAsText}\"";
                case SnmpValueType.ObjectIdentifier: return $"OID: {Oid}";
                case SnmpValueType.IpAddress: return $"IpAddress: {string.Join(".", Bytes)}";
                case SnmpValueType.Opaque: return $"Opaque: {BitConverter.ToString(Bytes)}";
                default: return Type.ToString();
            }
        }

        public bool Equals(SnmpValue? other) =>
            other != null && other.Type == Type && other.Number == Number && other.Unsigned64 == Unsigned64
            && other.Oid == Oid && other.Bytes.SequenceEqual(Bytes);

        public override bool Equals(object? obj) => Equals(obj as SnmpValue);

        public override int GetHashCode() => ((int)Type * 397) ^ Number.GetHashCode() ^ (Oid?.GetHashCode() ?? 0) ^ Bytes.Length;
    }

    public sealed class SnmpVarBind
    {
        public SnmpVarBind(string oid, SnmpValue value)
        {
            Oid = SnmpOid.Normalize(oid);
            Value = value;
        }

        public string Oid { get; }
        public SnmpValue Value { get; }

        public static SnmpVarBind Request(string oid) => new SnmpVarBind(oid, SnmpValue.Null);

        public override string ToString() => $"{Oid} = {Value}";
    }
}
