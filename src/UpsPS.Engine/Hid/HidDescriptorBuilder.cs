using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Hid
{
    /// <summary>One field to place in a synthetic descriptor.</summary>
    public sealed class HidFieldSpec
    {
        public IReadOnlyList<uint> Path { get; set; } = new uint[0];
        public byte ReportId { get; set; }
        public HidReportType Type { get; set; } = HidReportType.Feature;
        public int Offset { get; set; }
        public int Size { get; set; } = 8;
        public int Flags { get; set; } = 0x02;
        public long LogMin { get; set; }
        public long LogMax { get; set; } = 255;
        public long? PhysMin { get; set; }
        public long? PhysMax { get; set; }
        public uint Unit { get; set; }
        public int UnitExponent { get; set; }
    }

    /// <summary>
    /// Writes a report descriptor that parses back (with NUT's rules) into the given fields: used to replay a
    /// recording that only lists paths, and for Windows, where only the preparsed data is available.
    /// Gaps between fields become constant padding; index nodes become vendor collection types (0x80 | n).
    /// </summary>
    public static class HidDescriptorBuilder
    {
        public static byte[] Build(IEnumerable<HidFieldSpec> fields)
        {
            var output = new List<byte>();
            var open = new List<uint>();                 // currently open collection nodes (index nodes included)
            var bits = new Dictionary<(byte, HidReportType), int>();
            var ordered = fields.Where(f => f.Path.Count > 0 && f.Size > 0)
                .OrderBy(f => f.ReportId).ThenBy(f => f.Type).ThenBy(f => f.Offset).ToList();
            foreach (var f in ordered)
            {
                var collections = f.Path.Take(f.Path.Count - 1).ToList();
                var common = 0;
                while (common < open.Count && common < collections.Count && open[common] == collections[common]) common++;
                // Never split an index node from its collection node.
                while (common > 0 && ((common < collections.Count && HidPath.IsIndexNode(collections[common]))
                                      || (common < open.Count && HidPath.IsIndexNode(open[common])))) common--;
                while (open.Count > common)
                {
                    var last = open[open.Count - 1];
                    open.RemoveAt(open.Count - 1);
                    if (HidPath.IsIndexNode(last)) { open.RemoveAt(open.Count - 1); }
                    output.Add(0xC0);
                }
                for (var i = common; i < collections.Count; i++)
                {
                    var node = collections[i];
                    if (HidPath.IsIndexNode(node)) continue;
                    var hasIndex = i + 1 < collections.Count && HidPath.IsIndexNode(collections[i + 1]);
                    Item(output, 0x08, node, 4);
                    output.Add(0xA1);
                    output.Add(hasIndex ? (byte)(0x80 | (collections[i + 1] & 0x7F)) : (byte)0x00);
                    open.Add(node);
                    if (hasIndex) { open.Add(collections[i + 1]); i++; }
                }

                var key = (f.ReportId, f.Type);
                bits.TryGetValue(key, out var at);
                if (f.Offset < at) continue;                    // overlapping field: cannot be expressed, skip
                if (f.ReportId != 0) { output.Add(0x85); output.Add(f.ReportId); }
                if (f.Offset > at)
                {
                    Item(output, 0x74, (uint)(f.Offset - at), 4);
                    Item(output, 0x94, 1, 4);
                    Main(output, f.Type, 0x01);
                }
                Item(output, 0x14, unchecked((uint)f.LogMin), 4);
                Item(output, 0x24, unchecked((uint)f.LogMax), 4);
                if (f.PhysMin.HasValue && f.PhysMax.HasValue)
                {
                    Item(output, 0x34, unchecked((uint)f.PhysMin.Value), 4);
                    Item(output, 0x44, unchecked((uint)f.PhysMax.Value), 4);
                }
                else
                {
                    // A defined 0..0 physical range means "not used" to NUT's decoder.
                    Item(output, 0x34, 0, 4);
                    Item(output, 0x44, 0, 4);
                }
                Item(output, 0x64, f.Unit, 4);
                Item(output, 0x54, (uint)(f.UnitExponent & 0xF), 1);
                Item(output, 0x74, (uint)f.Size, 4);
                Item(output, 0x94, 1, 4);
                Item(output, 0x08, f.Path[f.Path.Count - 1], 4);
                Main(output, f.Type, f.Flags);
                bits[key] = f.Offset + f.Size;
            }
            for (var i = 0; i < open.Count; i++) if (!HidPath.IsIndexNode(open[i])) output.Add(0xC0);
            return output.ToArray();
        }

        private static void Main(List<byte> output, HidReportType type, int flags)
        {
            var tag = type == HidReportType.Input ? 0x80 : type == HidReportType.Output ? 0x90 : 0xB0;
            Item(output, (byte)tag, (uint)flags, flags > 0xFF ? 2 : 1);
        }

        private static void Item(List<byte> output, byte prefix, uint value, int size)
        {
            output.Add((byte)(prefix | (size == 4 ? 3 : size)));
            for (var i = 0; i < size; i++) output.Add((byte)(value >> (8 * i)));
        }
    }
}
