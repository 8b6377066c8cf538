using System.Collections.Generic;

namespace UpsPS.Engine.Hid
{
    /// <summary>
    /// HID 1.11 short-item walker with NUT's interpretation (spec §3.1): one stored item per field that has its
    /// own Usage (no "last usage repeats"), ranges/Push/Pop/strings/designators ignored, index nodes for vendor
    /// collection types, LogMax re-read as unsigned when it decodes below LogMin.
    /// </summary>
    internal static class HidDescriptorParser
    {
        public const int MaxDepth = 32;
        public const int MaxItems = 65536;
        public const int MaxUsagesPerMainItem = 1024;

        private sealed class Globals
        {
            public uint UsagePage;
            public long LogMin, LogMax, PhysMin, PhysMax;
            public uint LogMaxRaw;
            public int LogMaxSize;
            public bool HasPhysMin, HasPhysMax;
            public uint Unit;
            public int UnitExponent;
            public int ReportSize;
            public uint ReportCount;
            public byte ReportId;
        }

        public static HidReportDescriptor Parse(byte[] bytes)
        {
            var g = new Globals();
            var usages = new List<uint>();
            var path = new List<uint>();
            var depths = new Stack<int>();   // path length before each open collection
            var items = new List<HidDataItem>();
            var bitLengths = new Dictionary<(byte, HidReportType), int>();
            var warnings = new List<string>();
            var balanced = true;

            var pos = 0;
            while (pos < bytes.Length)
            {
                var prefix = bytes[pos];
                if (prefix == 0xFE)
                {
                    if (pos + 1 >= bytes.Length) throw new HidDescriptorException($"truncated long item at byte {pos}");
                    pos += 3 + bytes[pos + 1];
                    continue;
                }
                var sizeCode = prefix & 3;
                var size = sizeCode == 3 ? 4 : sizeCode;
                if (pos + 1 + size > bytes.Length) throw new HidDescriptorException($"truncated item 0x{prefix:x2} at byte {pos}");
                uint raw = 0;
                for (var i = 0; i < size; i++) raw |= (uint)bytes[pos + 1 + i] << (8 * i);
                var signed = SignExtend(raw, size);
                pos += 1 + size;

                var type = (prefix >> 2) & 3;
                var tag = prefix >> 4;
                switch (type)
                {
                    case 0: // Main
                        switch (tag)
                        {
                            case 8: AddFields(HidReportType.Input, (int)raw); break;
                            case 9: AddFields(HidReportType.Output, (int)raw); break;
                            case 11: AddFields(HidReportType.Feature, (int)raw); break;
                            case 10:
                                if (depths.Count >= MaxDepth) throw new HidDescriptorException($"collections nested deeper than {MaxDepth}");
                                depths.Push(path.Count);
                                path.Add(usages.Count > 0 ? usages[0] : 0);
                                if ((raw & 0xFF) >= 0x80) path.Add(HidPath.IndexNodeBase | (raw & 0x7F));
                                usages.Clear();
                                break;
                            case 12:
                                if (depths.Count == 0) balanced = false;
                                else path.RemoveRange(depths.Peek(), path.Count - depths.Pop());
                                usages.Clear();
                                break;
                        }
                        break;
                    case 1: // Global
                        switch (tag)
                        {
                            case 0: g.UsagePage = raw & 0xFFFF; break;
                            case 1: g.LogMin = signed; break;
                            case 2: g.LogMax = signed; g.LogMaxRaw = raw; g.LogMaxSize = size; break;
                            case 3: g.PhysMin = signed; g.HasPhysMin = true; break;
                            case 4: g.PhysMax = signed; g.HasPhysMax = true; break;
                            case 5: { var e = (int)(raw & 0xF); g.UnitExponent = e > 7 ? e - 16 : e; break; }
                            case 6: g.Unit = raw; break;
                            case 7: g.ReportSize = (int)raw; break;
                            case 8: g.ReportId = (byte)raw; break;
                            case 9: g.ReportCount = raw; break;
                        }
                        break;
                    case 2: // Local
                        if (tag == 0)
                        {
                            if (usages.Count >= MaxUsagesPerMainItem) throw new HidDescriptorException("too many usages before one main item");
                            usages.Add(size == 4 ? raw : g.UsagePage << 16 | (raw & 0xFFFF));
                        }
                        break;
                }
            }
            if (depths.Count != 0) balanced = false;
            return new HidReportDescriptor(items, bitLengths, balanced, warnings);

            void AddFields(HidReportType reportType, int flags)
            {
                var key = (g.ReportId, reportType);
                bitLengths.TryGetValue(key, out var offset);
                var fieldSize = g.ReportSize;
                if (fieldSize < 0 || fieldSize > 1 << 16) throw new HidDescriptorException($"report size {fieldSize} is not plausible");
                var logMax = g.LogMax;
                var assumed = false;
                if (logMax < g.LogMin)
                {
                    logMax = g.LogMaxSize == 4 ? (long)g.LogMaxRaw : g.LogMaxRaw & ((1L << (8 * g.LogMaxSize)) - 1);
                    assumed = true;
                    var warning = $"LogMax is less than LogMin. Vendor HID report descriptor may be incorrect; interpreting LogMax {g.LogMax} as {logMax} in ReportID: 0x{g.ReportId:x2}";
                    if (!warnings.Contains(warning)) warnings.Add(warning);
                }
                var stored = (int)System.Math.Min(g.ReportCount, (uint)usages.Count);
                for (var k = 0; k < stored; k++)
                {
                    if (usages[k] != 0)
                    {
                        if (items.Count >= MaxItems) throw new HidDescriptorException($"more than {MaxItems} items");
                        var nodes = new uint[path.Count + 1];
                        path.CopyTo(nodes);
                        nodes[path.Count] = usages[k];
                        items.Add(new HidDataItem(nodes, g.ReportId, reportType, offset + k * fieldSize, fieldSize, flags)
                        {
                            LogMin = g.LogMin, LogMax = logMax, AssumedLogMax = assumed,
                            PhysMin = g.PhysMin, PhysMax = g.PhysMax, HasPhysMin = g.HasPhysMin, HasPhysMax = g.HasPhysMax,
                            Unit = g.Unit, UnitExponent = g.UnitExponent,
                        });
                    }
                }
                var total = (long)offset + (long)g.ReportCount * fieldSize;
                if (total > 1 << 24) throw new HidDescriptorException($"report 0x{g.ReportId:x2} longer than 2 MiB");
                bitLengths[key] = (int)total;
                usages.Clear();
            }
        }

        private static long SignExtend(uint raw, int size) => size switch
        {
            1 => (sbyte)raw,
            2 => (short)raw,
            4 => (int)raw,
            _ => 0,
        };
    }
}
