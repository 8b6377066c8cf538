using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Replay
{
    /// <summary>One decoded item line of a log: <c>Path: ..., Type: ..., ReportID: 0x.., Offset: n, Size: n, Value: v</c>.</summary>
    public sealed class LoggedItem
    {
        public string Path { get; set; } = "";
        public HidReportType Type { get; set; }
        public byte ReportId { get; set; }
        public int Offset { get; set; }
        public int Size { get; set; }
        public double Value { get; set; }
        public string ValueText { get; set; } = "";
    }

    /// <summary>
    /// The report exchanges of a device in the form of NUT's usbhid-ups debug log (and of our recorder):
    /// <c>Report[get]</c> (GET_REPORT Feature reply), <c>Report[int]</c> (interrupt Input report), <c>Report[err]</c>
    /// (NUT 2.8.0 logs both short GET replies and interrupt reads this way; an <c>err</c> line followed at once
    /// by a shorter <c>Report[buf]</c> of the same id is an interrupt read cut to the report length),
    /// <c>Report[buf]</c> (served from cache, ignored), <c>Report[set]</c> (a write, kept for reference),
    /// the decoded <c>Path:</c> lines, and the identity lines of NUT's device listing (<c>- VendorID: 051d</c>)
    /// plus our <c>String[n]: text</c> lines. Timestamps, <c>[Dn]</c> levels and leading <c>#</c> are ignored.
    /// </summary>
    public sealed class ReportExchangeLog
    {
        private static readonly Regex ReportLine = new Regex(@"Report\[(\w+)\]:\s*\((\d+) bytes\)\s*=>\s*((?:[0-9a-fA-F]{2}\s*)*)");
        private static readonly Regex PathLine = new Regex(
            @"Path:\s*([^,]+),\s*Type:\s*(\w+),\s*ReportID:\s*0x([0-9a-fA-F]+),\s*Offset:\s*(\d+),\s*Size:\s*(\d+),\s*Value:\s*(\S+)");
        private static readonly Regex StringLine = new Regex(@"^String\[(\d+)\]:\s?(.*)$");
        private static readonly Regex IdentityLine = new Regex(@"^- (VendorID|ProductID|Manufacturer|Product|Serial Number|Bus|Device release number):\s?(.*)$");

        /// <summary>GET_REPORT(Feature) replies in log order, per report id.</summary>
        public Dictionary<byte, List<byte[]>> FeatureReplies { get; } = new Dictionary<byte, List<byte[]>>();

        /// <summary>Interrupt Input reports in log order.</summary>
        public List<byte[]> InterruptReports { get; } = new List<byte[]>();

        public List<byte[]> Writes { get; } = new List<byte[]>();

        public List<LoggedItem> Items { get; } = new List<LoggedItem>();

        public Dictionary<int, string> Strings { get; } = new Dictionary<int, string>();

        public Dictionary<string, string> Identity { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public bool HasReports => FeatureReplies.Count > 0 || InterruptReports.Count > 0;

        public static ReportExchangeLog Parse(string text)
        {
            var log = new ReportExchangeLog();
            var lines = text.Replace("\r", "").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = Clean(lines[i]);
                if (line.Length == 0) continue;
                var report = ReportLine.Match(line);
                if (report.Success)
                {
                    var kind = report.Groups[1].Value;
                    var bytes = Bytes(report.Groups[3].Value, int.Parse(report.Groups[2].Value, CultureInfo.InvariantCulture));
                    if (bytes.Length == 0) continue;
                    switch (kind)
                    {
                        case "get":
                            log.AddFeature(bytes);
                            break;
                        case "int":
                            log.InterruptReports.Add(bytes);
                            break;
                        case "set":
                            log.Writes.Add(bytes);
                            break;
                        case "err":
                            var next = i + 1 < lines.Length ? ReportLine.Match(Clean(lines[i + 1])) : Match.Empty;
                            if (next.Success && next.Groups[1].Value == "buf")
                            {
                                var cut = Bytes(next.Groups[3].Value, int.Parse(next.Groups[2].Value, CultureInfo.InvariantCulture));
                                if (cut.Length > 0 && cut[0] == bytes[0] && cut.Length < bytes.Length)
                                {
                                    log.InterruptReports.Add(cut);
                                    break;
                                }
                            }
                            log.AddFeature(bytes);
                            break;
                    }
                    continue;
                }
                var path = PathLine.Match(line);
                if (path.Success)
                {
                    if (!Enum.TryParse<HidReportType>(path.Groups[2].Value, true, out var type)) continue;
                    double.TryParse(path.Groups[6].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
                    log.Items.Add(new LoggedItem
                    {
                        Path = path.Groups[1].Value.Trim(),
                        Type = type,
                        ReportId = byte.Parse(path.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                        Offset = int.Parse(path.Groups[4].Value, CultureInfo.InvariantCulture),
                        Size = int.Parse(path.Groups[5].Value, CultureInfo.InvariantCulture),
                        Value = value,
                        ValueText = path.Groups[6].Value,
                    });
                    continue;
                }
                var str = StringLine.Match(line);
                if (str.Success)
                {
                    log.Strings[int.Parse(str.Groups[1].Value, CultureInfo.InvariantCulture)] = str.Groups[2].Value;
                    continue;
                }
                var id = IdentityLine.Match(line);
                if (id.Success && !log.Identity.ContainsKey(id.Groups[1].Value)) log.Identity[id.Groups[1].Value] = id.Groups[2].Value.TrimEnd();
            }
            return log;
        }

        private void AddFeature(byte[] bytes)
        {
            if (!FeatureReplies.TryGetValue(bytes[0], out var list)) FeatureReplies[bytes[0]] = list = new List<byte[]>();
            list.Add(bytes);
        }

        /// <summary>Strips a leading '#', a timestamp and a [Dn] level.</summary>
        private static string Clean(string line)
        {
            var s = line.Trim();
            if (s.StartsWith("#", StringComparison.Ordinal)) s = s.Substring(1).Trim();
            var m = Regex.Match(s, @"^(?:\d+\.\d+\s+)?(?:\[D\d\]\s*)?");
            return s.Substring(m.Length);
        }

        /// <summary>Bytes shown in the log, zero-padded to the stated count (NUT shows at most 16 of a long report).</summary>
        private static byte[] Bytes(string hex, int count)
        {
            var parts = hex.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            var shown = new List<byte>();
            foreach (var p in parts) shown.Add(byte.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            var result = new byte[Math.Max(count, shown.Count)];
            shown.CopyTo(result);
            return result;
        }
    }
}
