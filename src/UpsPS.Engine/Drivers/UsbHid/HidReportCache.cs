using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Drivers.UsbHid
{
    /// <summary>One buffer per report id with the time it was filled (spec §3.4); Feature and Input reports of an id share it.</summary>
    public sealed class HidReportCache
    {
        private readonly Dictionary<byte, (byte[] Buffer, DateTimeOffset Time)> _reports = new Dictionary<byte, (byte[], DateTimeOffset)>();

        public byte[]? Get(byte reportId, DateTimeOffset now, TimeSpan maxAge) =>
            _reports.TryGetValue(reportId, out var e) && now - e.Time <= maxAge ? e.Buffer : null;

        public byte[]? GetAny(byte reportId) => _reports.TryGetValue(reportId, out var e) ? e.Buffer : null;

        public void Store(byte[] buffer, DateTimeOffset now) => _reports[buffer[0]] = (buffer, now);

        public void InvalidateAll() => _reports.Clear();
    }
}
