using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Replay
{
    /// <summary>
    /// A recorded device folder: <c>report-descriptor.bin</c> or <c>.hex</c>, <c>report-exchanges.txt</c>, and
    /// optionally <c>expected-nut-variables.txt</c> (used only for the identity when the log has none).
    /// Without a descriptor the descriptor is rebuilt from the log's <c>Path:</c> lines (a "paths-only" recording),
    /// and the reports are rebuilt from the logged values.
    /// </summary>
    public sealed class ReplayRecording
    {
        public const string DescriptorBin = "report-descriptor.bin";
        public const string DescriptorHex = "report-descriptor.hex";
        public const string ExchangesFile = "report-exchanges.txt";
        public const string ExpectedFile = "expected-nut-variables.txt";

        public string Folder { get; private set; } = "";
        public byte[] Descriptor { get; private set; } = new byte[0];
        public bool DescriptorSynthesized { get; private set; }
        public ReportExchangeLog Log { get; private set; } = new ReportExchangeLog();
        public HidDeviceInfo Info { get; private set; } = new HidDeviceInfo();
        public Dictionary<int, string> Strings { get; } = new Dictionary<int, string>();

        public static ReplayRecording Load(string folder)
        {
            if (!Directory.Exists(folder))
                throw new HidTransportException(HidFault.NotFound, $"replay folder {folder} does not exist");
            var r = new ReplayRecording { Folder = folder };
            var exchanges = Path.Combine(folder, ExchangesFile);
            if (File.Exists(exchanges)) r.Log = ReportExchangeLog.Parse(File.ReadAllText(exchanges));

            var bin = Path.Combine(folder, DescriptorBin);
            var hex = Path.Combine(folder, DescriptorHex);
            if (File.Exists(bin)) r.Descriptor = File.ReadAllBytes(bin);
            else if (File.Exists(hex)) r.Descriptor = ParseHex(File.ReadAllText(hex));
            else if (r.Log.Items.Count > 0) r.SynthesizeFromPaths();
            else throw new HidTransportException(HidFault.NotFound,
                $"replay folder {folder} has neither {DescriptorBin}, {DescriptorHex} nor Path: lines in {ExchangesFile}");

            r.LoadIdentity(Path.Combine(folder, ExpectedFile));
            return r;
        }

        /// <summary>
        /// A recording assembled in memory: a descriptor, the device's identity, the Feature reports GETs return (one
        /// buffer per id, byte 0 = id), interrupt reports and USB strings. Tests build vendor devices with it.
        /// </summary>
        public static ReplayRecording FromParts(byte[] descriptor, HidDeviceInfo info, IEnumerable<byte[]> featureReports,
            IEnumerable<byte[]>? interruptReports = null, IDictionary<int, string>? strings = null)
        {
            var r = new ReplayRecording { Folder = "memory", Descriptor = descriptor, Info = info };
            if (string.IsNullOrEmpty(info.Path)) info.Path = "replay:memory";
            foreach (var report in featureReports) r.Log.FeatureReplies[report[0]] = new List<byte[]> { (byte[])report.Clone() };
            if (interruptReports != null) r.Log.InterruptReports.AddRange(interruptReports);
            if (strings != null) foreach (var kv in strings) r.Strings[kv.Key] = kv.Value;
            return r;
        }

        public static byte[] ParseHex(string text) =>
            text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => byte.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

        private void LoadIdentity(string expectedFile)
        {
            var id = Log.Identity;
            var expected = new Dictionary<string, string>(StringComparer.Ordinal);
            if (File.Exists(expectedFile))
            {
                foreach (var line in File.ReadAllLines(expectedFile))
                {
                    var colon = line.IndexOf(": ", StringComparison.Ordinal);
                    if (colon <= 0) continue;
                    var value = line.Substring(colon + 2);
                    var hash = value.IndexOf("\t#", StringComparison.Ordinal);
                    if (hash >= 0) value = value.Substring(0, hash);
                    expected[line.Substring(0, colon)] = value;
                }
            }
            string? Pick(string logKey, string expectedKey) =>
                id.TryGetValue(logKey, out var v) ? v : expected.TryGetValue(expectedKey, out var e) ? e : null;
            ushort Hex(string? text) => ushort.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v) ? v : (ushort)0;

            Info = new HidDeviceInfo
            {
                VendorId = Hex(Pick("VendorID", "ups.vendorid")),
                ProductId = Hex(Pick("ProductID", "ups.productid")),
                BcdDevice = Hex(Pick("Device release number", "-")),
                Manufacturer = Pick("Manufacturer", "device.mfr"),
                Product = Pick("Product", "device.model"),
                Serial = Pick("Serial Number", "device.serial"),
                Bus = Pick("Bus", "driver.parameter.bus"),
                Path = "replay:" + Folder,
            };
            foreach (var s in Log.Strings) Strings[s.Key] = s.Value;
            // NUT logs no string descriptors; indexes 1..3 are by USB convention the device's own three strings.
            if (Log.Strings.Count == 0)
            {
                if (Info.Manufacturer != null) Strings[1] = Info.Manufacturer;
                if (Info.Product != null) Strings[2] = Info.Product;
                if (Info.Serial != null) Strings[3] = Info.Serial;
            }
        }

        /// <summary>Feature replies and a descriptor rebuilt from <c>Path:</c> lines (first value of each item).</summary>
        private void SynthesizeFromPaths()
        {
            DescriptorSynthesized = true;
            var specs = new List<HidFieldSpec>();
            var values = new List<(HidFieldSpec Spec, double Value)>();
            var seen = new HashSet<string>();
            foreach (var item in Log.Items)
            {
                var key = $"{item.Path}|{item.Type}|{item.ReportId}|{item.Offset}";
                if (!seen.Add(key)) continue;
                var nodes = HidPath.Parse(item.Path, HidUsageTable.Generic);
                if (nodes == null) continue;
                var decimals = Decimals(item.ValueText);
                var spec = new HidFieldSpec
                {
                    Path = nodes, ReportId = item.ReportId, Type = item.Type, Offset = item.Offset, Size = item.Size,
                    UnitExponent = -decimals,
                };
                var bits = Math.Min(item.Size, 32);
                if (item.Value < 0) { spec.LogMin = -(1L << (bits - 1)); spec.LogMax = (1L << (bits - 1)) - 1; }
                else { spec.LogMin = 0; spec.LogMax = bits >= 32 ? int.MaxValue : (1L << bits) - 1; }
                specs.Add(spec);
                values.Add((spec, item.Value));
            }
            Descriptor = HidDescriptorBuilder.Build(specs);
            var parsed = HidReportDescriptor.Parse(Descriptor);
            var reports = new Dictionary<byte, byte[]>();
            foreach (var (spec, value) in values.Where(v => v.Spec.Type == HidReportType.Feature))
            {
                var item = parsed.Items.FirstOrDefault(i => i.Type == HidReportType.Feature && i.ReportId == spec.ReportId && i.Offset == spec.Offset);
                if (item == null) continue;
                if (!reports.TryGetValue(spec.ReportId, out var buffer))
                {
                    buffer = new byte[parsed.ReportLength(spec.ReportId, HidReportType.Feature)];
                    buffer[0] = spec.ReportId;
                    reports[spec.ReportId] = buffer;
                }
                HidValueCodec.WriteRaw(item, buffer, HidValueCodec.EncodeRaw(item, value));
            }
            foreach (var r in reports) Log.FeatureReplies[r.Key] = new List<byte[]> { r.Value };
        }

        private static int Decimals(string text)
        {
            var dot = text.IndexOf('.');
            return dot < 0 ? 0 : Math.Min(6, text.Length - dot - 1);
        }
    }
}
