using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Hid
{
    /// <summary>A parsed report descriptor: the stored data items plus the report lengths they imply.</summary>
    public sealed class HidReportDescriptor
    {
        private readonly Dictionary<(byte, HidReportType), int> _bitLengths;

        internal HidReportDescriptor(IReadOnlyList<HidDataItem> items, Dictionary<(byte, HidReportType), int> bitLengths,
            bool balanced, IReadOnlyList<string> warnings)
        {
            Items = items;
            _bitLengths = bitLengths;
            IsBalanced = balanced;
            Warnings = warnings;
        }

        public IReadOnlyList<HidDataItem> Items { get; }

        /// <summary>Every Collection had its End Collection.</summary>
        public bool IsBalanced { get; }

        /// <summary>Parser notes (e.g. LogMax re-read as unsigned), worded like NUT's.</summary>
        public IReadOnlyList<string> Warnings { get; }

        public bool UsesReportIds => Items.Any(i => i.ReportId != 0);

        /// <summary>Report length in bytes including the id byte: ceil(max field end bit / 8) + 1 (all fields, padding included).</summary>
        public int ReportLength(byte reportId, HidReportType type) =>
            _bitLengths.TryGetValue((reportId, type), out var bits) ? (bits + 7) / 8 + 1 : 1;

        /// <summary>Largest report of a type, id byte included (what Windows calls FeatureReportByteLength).</summary>
        public int MaxReportLength(HidReportType type) =>
            _bitLengths.Where(k => k.Key.Item2 == type).Select(k => (k.Value + 7) / 8 + 1).DefaultIfEmpty(1).Max();

        public IEnumerable<byte> ReportIds(HidReportType type) =>
            _bitLengths.Keys.Where(k => k.Item2 == type).Select(k => k.Item1).Distinct().OrderBy(i => i);

        /// <summary>First item with this path and type (Feature copies and Input copies are distinct items).</summary>
        public HidDataItem? Find(IReadOnlyList<uint> path, HidReportType type) =>
            Items.FirstOrDefault(i => i.Type == type && HidPath.Equal(i.Path, path));

        public static HidReportDescriptor Parse(byte[] bytes) => HidDescriptorParser.Parse(bytes);
    }
}
