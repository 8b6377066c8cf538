using System;

namespace UpsPS.Engine.Hid
{
    /// <summary>Raw report bits ↔ scaled values exactly as NUT decodes and encodes them (spec §3.2, §3.3).</summary>
    public static class HidValueCodec
    {
        /// <summary>Reads the item's bits from a report buffer (byte 0 = report id); bits past the end read as 0.</summary>
        public static ulong ReadRaw(HidDataItem item, byte[] report)
        {
            ulong raw = 0;
            var size = Math.Min(item.Size, 64);
            for (var i = 0; i < size; i++)
            {
                var bit = item.Offset + i + 8;
                var index = bit >> 3;
                if (index >= report.Length) break;
                if ((report[index] >> (bit & 7) & 1) != 0) raw |= 1UL << i;
            }
            return raw;
        }

        public static void WriteRaw(HidDataItem item, byte[] report, ulong raw)
        {
            var size = Math.Min(item.Size, 64);
            for (var i = 0; i < size; i++)
            {
                var bit = item.Offset + i + 8;
                var index = bit >> 3;
                if (index >= report.Length) break;
                var mask = (byte)(1 << (bit & 7));
                if ((raw >> i & 1) != 0) report[index] |= mask;
                else report[index] = (byte)(report[index] & ~mask);
            }
        }

        /// <summary>Logical value: masked by the bit length of the logical range (not the field size), sign-extended only when LogMin &lt; 0, clamped.</summary>
        public static long ToLogical(HidDataItem item, ulong raw)
        {
            long Magnitude(long v) => v >= 0 ? v : -(v + 1);
            var mag = Math.Max(Magnitude(item.LogMax), Magnitude(item.LogMin));
            var bits = 0;
            while (bits < 63 && mag >> bits != 0) bits++;
            if (bits >= 63) return unchecked((long)raw);
            var sign = 1L << bits;
            var mask = (sign - 1) | (item.LogMin < 0 ? sign : 0);
            var v = unchecked((long)raw) & mask;
            if (item.LogMin < 0 && (v & sign) != 0) v |= ~mask;
            if (item.LogMin <= item.LogMax)
            {
                if (v < item.LogMin) v = item.LogMin;
                if (v > item.LogMax) v = item.LogMax;
            }
            return v;
        }

        private static bool UsesPhysical(HidDataItem item) =>
            item.HasPhysMin && item.HasPhysMax && !(item.PhysMin == 0 && item.PhysMax == 0)
            && item.PhysMax > item.PhysMin && item.LogMax > item.LogMin;

        public static double Decode(HidDataItem item, byte[] report)
        {
            double v = ToLogical(item, ReadRaw(item, report));
            if (UsesPhysical(item))
            {
                v = (v - item.LogMin) * (item.PhysMax - item.PhysMin) / (item.LogMax - item.LogMin) + item.PhysMin;
                v = Math.Max(item.PhysMin, Math.Min(item.PhysMax, v));
            }
            return v * HidUnits.Scale(item.Unit, item.UnitExponent);
        }

        /// <summary>Scaled value → the raw bits to store (two's complement truncated to the field size).</summary>
        public static ulong EncodeRaw(HidDataItem item, double value)
        {
            var v = value / HidUnits.Scale(item.Unit, item.UnitExponent);
            if (UsesPhysical(item))
                v = (v - item.PhysMin) * (item.LogMax - item.LogMin) / (item.PhysMax - item.PhysMin) + item.LogMin;
            var logical = (long)Math.Round(v, MidpointRounding.AwayFromZero);
            var size = Math.Min(item.Size, 64);
            var mask = size >= 64 ? ulong.MaxValue : (1UL << size) - 1;
            return unchecked((ulong)logical) & mask;
        }

        /// <summary>Read-modify-write into a copy of <paramref name="report"/>; refuses constant items.</summary>
        public static byte[] Encode(HidDataItem item, byte[] report, double value)
        {
            if (item.IsConstant) throw new InvalidOperationException("the item is constant (read-only)");
            var copy = (byte[])report.Clone();
            WriteRaw(item, copy, EncodeRaw(item, value));
            return copy;
        }
    }
}
