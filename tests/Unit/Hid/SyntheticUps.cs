using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.UsbHid.Replay;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;

namespace UpsPS.Tests.Unit.Hid
{
    /// <summary>
    /// A made-up HID UPS for vendor quirk tests: fields given by path text (resolved with the subdriver's usage names),
    /// laid out one after another per report id, built into a real descriptor with <see cref="HidDescriptorBuilder"/>,
    /// and served by the replay backend with each field's initial raw value.
    /// </summary>
    public sealed class SyntheticUps
    {
        private readonly HidUsageTable _usages;
        private readonly List<(HidFieldSpec Spec, ulong Raw)> _fields = new List<(HidFieldSpec, ulong)>();
        private readonly Dictionary<(byte, HidReportType), int> _next = new Dictionary<(byte, HidReportType), int>();
        private readonly Dictionary<int, string> _strings = new Dictionary<int, string>();

        public SyntheticUps(HidUsageTable usages, ushort vendorId, ushort productId, string? product = null, string? manufacturer = null)
        {
            _usages = usages;
            Info = new HidDeviceInfo { VendorId = vendorId, ProductId = productId, Product = product, Manufacturer = manufacturer, Serial = "SYN0001" };
        }

        public HidDeviceInfo Info { get; }

        /// <summary>Adds a field; <paramref name="raw"/> is the logical value stored in the report (before any scaling).</summary>
        public SyntheticUps Field(string path, byte reportId, long raw, int size = 8, long logMin = 0, long? logMax = null,
            HidReportType type = HidReportType.Feature, uint unit = 0, int unitExponent = 0, int flags = 0x02)
        {
            var nodes = HidPath.Parse(path, _usages) ?? throw new System.ArgumentException("unknown usage in " + path);
            _next.TryGetValue((reportId, type), out var offset);
            var spec = new HidFieldSpec
            {
                Path = nodes, ReportId = reportId, Type = type, Offset = offset, Size = size, Flags = flags,
                LogMin = logMin, LogMax = logMax ?? (size >= 32 ? int.MaxValue : (1L << size) - 1), Unit = unit, UnitExponent = unitExponent,
            };
            _next[(reportId, type)] = offset + size;
            _fields.Add((spec, unchecked((ulong)raw)));
            return this;
        }

        public SyntheticUps String(int index, string text) { _strings[index] = text; return this; }

        public byte[] Descriptor => HidDescriptorBuilder.Build(_fields.Select(f => f.Spec));

        /// <summary>The Feature report buffers (id byte first) holding every field's raw value.</summary>
        public IReadOnlyList<byte[]> FeatureReports()
        {
            var parsed = HidReportDescriptor.Parse(Descriptor);
            var reports = new Dictionary<byte, byte[]>();
            foreach (var (spec, raw) in _fields.Where(f => f.Spec.Type == HidReportType.Feature))
            {
                var item = parsed.Items.First(i => i.Type == HidReportType.Feature && i.ReportId == spec.ReportId && i.Offset == spec.Offset);
                if (!reports.TryGetValue(spec.ReportId, out var buffer))
                    reports[spec.ReportId] = buffer = new byte[parsed.ReportLength(spec.ReportId, HidReportType.Feature)];
                buffer[0] = spec.ReportId;
                HidValueCodec.WriteRaw(item, buffer, raw);
            }
            return reports.Values.ToList();
        }

        public ReplayHidBackend Backend() =>
            new ReplayHidBackend(ReplayRecording.FromParts(Descriptor, Info, FeatureReports(), strings: _strings));

        /// <summary>A started driver on this device.</summary>
        public async Task<HidReplayBed> StartAsync(string options = "")
        {
            var bed = new HidReplayBed(Backend(), options);
            await bed.StartAsync();
            return bed;
        }
    }
}
