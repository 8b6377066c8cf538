using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.UsbHid.Replay;
using UpsPS.Engine.Drivers.UsbHid.Transport;

namespace UpsPS.Engine.Drivers.UsbHid
{
    /// <summary>
    /// Writes a device as a replay folder (ups.conf <c>record = FOLDER</c>): the descriptor as .bin and .hex and every
    /// exchange in report-exchanges.txt, with the identity lines NUT prints and <c>String[n]</c> lines, so that
    /// <c>port = replay:FOLDER</c> serves the same device back.
    /// </summary>
    public sealed class HidRecorder
    {
        private readonly string _log;
        private readonly object _gate = new object();
        private readonly HashSet<int> _stringsWritten = new HashSet<int>();

        public HidRecorder(string folder, HidDeviceInfo info, byte[] descriptor)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, ReplayRecording.DescriptorBin), descriptor);
            File.WriteAllText(Path.Combine(folder, ReplayRecording.DescriptorHex), FormatHex(descriptor));
            _log = Path.Combine(folder, ReplayRecording.ExchangesFile);
            var sb = new StringBuilder();
            sb.Append("- VendorID: ").Append(info.VendorIdText).Append('\n');
            sb.Append("- ProductID: ").Append(info.ProductIdText).Append('\n');
            if (info.Manufacturer != null) sb.Append("- Manufacturer: ").Append(info.Manufacturer).Append('\n');
            if (info.Product != null) sb.Append("- Product: ").Append(info.Product).Append('\n');
            if (info.Serial != null) sb.Append("- Serial Number: ").Append(info.Serial).Append('\n');
            if (info.Bus != null) sb.Append("- Bus: ").Append(info.Bus).Append('\n');
            sb.Append("- Device release number: ").Append(info.BcdDevice.ToString("x4", CultureInfo.InvariantCulture)).Append('\n');
            File.WriteAllText(_log, sb.ToString());
        }

        public static string FormatHex(byte[] bytes)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < bytes.Length; i += 16)
                sb.Append(string.Join(" ", bytes.Skip(i).Take(16).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)))).Append('\n');
            return sb.ToString();
        }

        public static string FormatReport(string kind, byte[] bytes, int count) =>
            $"Report[{kind}]: ({count} bytes) => " + string.Join(" ", bytes.Take(count).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

        private void Append(string line)
        {
            lock (_gate) File.AppendAllText(_log, line + "\n");
        }

        public IHidDevice Wrap(IHidDevice device) => device is RecordingDevice r && r.Recorder == this ? device : new RecordingDevice(this, device);

        private sealed class RecordingDevice : IHidDevice
        {
            private readonly IHidDevice _inner;

            public RecordingDevice(HidRecorder recorder, IHidDevice inner) { Recorder = recorder; _inner = inner; }

            public HidRecorder Recorder { get; }
            public HidDeviceInfo Info => _inner.Info;
            public byte[] GetReportDescriptor() => _inner.GetReportDescriptor();

            public int GetFeatureReport(byte reportId, byte[] buffer)
            {
                var n = _inner.GetFeatureReport(reportId, buffer);
                Recorder.Append(FormatReport("get", buffer, Math.Min(n, buffer.Length)));
                return n;
            }

            public void SetFeatureReport(byte[] report)
            {
                _inner.SetFeatureReport(report);
                Recorder.Append(FormatReport("set", report, report.Length));
            }

            public async Task<byte[]?> ReadInputReportAsync(TimeSpan timeout, CancellationToken cancellationToken)
            {
                var r = await _inner.ReadInputReportAsync(timeout, cancellationToken).ConfigureAwait(false);
                if (r != null) Recorder.Append(FormatReport("int", r, r.Length));
                return r;
            }

            public string? GetString(int index)
            {
                var s = _inner.GetString(index);
                if (s != null) lock (Recorder._gate) if (Recorder._stringsWritten.Add(index)) File.AppendAllText(Recorder._log, $"String[{index}]: {s}\n");
                return s;
            }

            public void Dispose() => _inner.Dispose();
        }
    }
}
