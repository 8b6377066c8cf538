using System.Collections.Generic;

namespace UpsPS.Engine.Hid
{
    /// <summary>One field of a report as NUT's parser stores it: usage path, report id and type, bit position, ranges, unit.</summary>
    public sealed class HidDataItem
    {
        public HidDataItem(IReadOnlyList<uint> path, byte reportId, HidReportType type, int offset, int size, int flags)
        {
            Path = path;
            ReportId = reportId;
            Type = type;
            Offset = offset;
            Size = size;
            Flags = flags;
        }

        /// <summary>Usage nodes from the outermost collection to the field's usage; index nodes are 0x00FF00nn.</summary>
        public IReadOnlyList<uint> Path { get; }
        public byte ReportId { get; }
        public HidReportType Type { get; }
        /// <summary>Bit offset within the report, not counting the report id byte.</summary>
        public int Offset { get; }
        public int Size { get; }
        /// <summary>Main item flags (bit0 constant, bit1 variable, ...).</summary>
        public int Flags { get; }

        public long LogMin { get; set; }
        public long LogMax { get; set; }
        public long PhysMin { get; set; }
        public long PhysMax { get; set; }
        public bool HasPhysMin { get; set; }
        public bool HasPhysMax { get; set; }
        public uint Unit { get; set; }
        public int UnitExponent { get; set; }

        /// <summary>LogMax decoded as negative and below LogMin, so re-read as unsigned (NUT's assumed_LogMax).</summary>
        public bool AssumedLogMax { get; set; }

        public bool IsConstant => (Flags & 1) != 0;

        public override string ToString() =>
            $"{HidPath.Format(Path, null)} {Type} id=0x{ReportId:x2} off={Offset} size={Size} log=[{LogMin},{LogMax}]";
    }
}
