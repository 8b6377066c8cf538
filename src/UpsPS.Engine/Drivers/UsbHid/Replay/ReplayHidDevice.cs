using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.UsbHid.Transport;

namespace UpsPS.Engine.Drivers.UsbHid.Replay
{
    /// <summary>
    /// The virtual hardware behind <c>port = replay:FOLDER</c>: answers GET_REPORT with the recorded replies of
    /// each id in order (the last one repeats), hands out the recorded interrupt reports once each, and keeps
    /// SET_REPORT writes (later GETs of that id return what was written, like a device that accepted it).
    /// Tests can unplug it and make reports fail or come back short.
    /// </summary>
    public sealed class ReplayHidBackend : IHidDeviceProvider
    {
        private readonly object _gate = new object();
        private readonly Dictionary<byte, Queue<byte[]>> _pending = new Dictionary<byte, Queue<byte[]>>();
        private readonly Dictionary<byte, byte[]> _current = new Dictionary<byte, byte[]>();
        private readonly Queue<byte[]> _interrupts = new Queue<byte[]>();
        private readonly List<byte[]> _writes = new List<byte[]>();
        private readonly List<(byte, int)> _requests = new List<(byte, int)>();

        public ReplayHidBackend(ReplayRecording recording)
        {
            Recording = recording;
            foreach (var kv in recording.Log.FeatureReplies) _pending[kv.Key] = new Queue<byte[]>(kv.Value);
            foreach (var r in recording.Log.InterruptReports) _interrupts.Enqueue(r);
        }

        public static ReplayHidBackend Load(string folder) => new ReplayHidBackend(ReplayRecording.Load(folder));

        public ReplayRecording Recording { get; }

        public string Name => "replay";

        public bool Plugged { get; set; } = true;

        /// <summary>Fault injection: when set, GET_REPORT of these ids fails with an I/O error.</summary>
        public ISet<byte> FailingReports { get; } = new HashSet<byte>();

        /// <summary>Fault injection: GET_REPORT replies of these ids are cut to this many bytes (id included).</summary>
        public IDictionary<byte, int> ShortReports { get; } = new Dictionary<byte, int>();

        /// <summary>Raise EACCES on open, as a device node without permission does.</summary>
        public bool DenyAccess { get; set; }

        /// <summary>Without recorded reports (descriptor-only folder) every GET returns zeros of the report's length.</summary>
        public bool ServeZerosWhenUnrecorded { get; set; } = true;

        public IReadOnlyList<byte[]> Writes { get { lock (_gate) return _writes.ToArray(); } }

        public int OpenCount { get; private set; }

        /// <summary>Every GET_REPORT as (report id, buffer length asked for): shows maxreport at work.</summary>
        public IReadOnlyList<(byte Id, int Length)> Requests { get { lock (_gate) return _requests.ToArray(); } }

        /// <summary>Interrupt reports not yet read by the driver.</summary>
        public int PendingInterrupts { get { lock (_gate) return _interrupts.Count; } }

        public void EnqueueInterrupt(byte[] report) { lock (_gate) _interrupts.Enqueue(report); }

        /// <summary>Makes the next GETs of this id return <paramref name="report"/> (e.g. a status change).</summary>
        public void SetReport(byte[] report) { lock (_gate) { _pending.Remove(report[0]); _current[report[0]] = (byte[])report.Clone(); } }

        public IHidDevice Open(Func<HidDeviceInfo, bool> accept)
        {
            if (!Plugged) throw new HidTransportException(HidFault.NotFound, "replay device is unplugged");
            if (!accept(Recording.Info))
                throw new HidTransportException(HidFault.NotFound, $"the replayed device {Recording.Info} does not match the configured filters");
            if (DenyAccess)
                throw new HidTransportException(HidFault.AccessDenied, $"permission denied opening {Recording.Info.Path}");
            OpenCount++;
            return new Handle(this);
        }

        private int Get(byte id, byte[] buffer)
        {
            lock (_gate)
            {
                if (!Plugged) throw new HidTransportException(HidFault.Disconnected, "replay device unplugged");
                _requests.Add((id, buffer.Length));
                if (FailingReports.Contains(id)) throw new HidTransportException(HidFault.Io, $"GET_REPORT 0x{id:x2} failed (injected)");
                byte[]? reply = null;
                if (_pending.TryGetValue(id, out var queue) && queue.Count > 0)
                {
                    reply = queue.Dequeue();
                    _current[id] = reply;
                }
                else _current.TryGetValue(id, out reply);
                if (reply == null)
                {
                    if (!ServeZerosWhenUnrecorded || Recording.Log.HasReports)
                        throw new HidTransportException(HidFault.Io, $"GET_REPORT 0x{id:x2}: nothing recorded (stall)");
                    Array.Clear(buffer, 0, buffer.Length);
                    buffer[0] = id;
                    return buffer.Length;
                }
                var n = Math.Min(reply.Length, buffer.Length);
                if (ShortReports.TryGetValue(id, out var cut)) n = Math.Min(n, cut);
                Array.Copy(reply, buffer, n);
                return n;
            }
        }

        private void Set(byte[] report)
        {
            lock (_gate)
            {
                if (!Plugged) throw new HidTransportException(HidFault.Disconnected, "replay device unplugged");
                _writes.Add((byte[])report.Clone());
                _pending.Remove(report[0]);
                _current[report[0]] = (byte[])report.Clone();
            }
        }

        private byte[]? NextInterrupt()
        {
            lock (_gate)
            {
                if (!Plugged) throw new HidTransportException(HidFault.Disconnected, "replay device unplugged");
                if (_interrupts.Count == 0) return null;
                var r = _interrupts.Dequeue();
                _current[r[0]] = r;
                return r;
            }
        }

        private sealed class Handle : IHidDevice
        {
            private readonly ReplayHidBackend _backend;
            private bool _disposed;

            public Handle(ReplayHidBackend backend) => _backend = backend;

            public HidDeviceInfo Info => _backend.Recording.Info;

            public byte[] GetReportDescriptor() { Check(); return (byte[])_backend.Recording.Descriptor.Clone(); }

            public int GetFeatureReport(byte reportId, byte[] buffer) { Check(); return _backend.Get(reportId, buffer); }

            public void SetFeatureReport(byte[] report) { Check(); _backend.Set(report); }

            public Task<byte[]?> ReadInputReportAsync(TimeSpan timeout, CancellationToken cancellationToken)
            {
                Check();
                // A real interrupt read blocks until the timeout when nothing arrives; a replay answers at once.
                return Task.FromResult(_backend.NextInterrupt());
            }

            public string? GetString(int index)
            {
                Check();
                return _backend.Recording.Strings.TryGetValue(index, out var s) ? s : null;
            }

            private void Check()
            {
                if (_disposed) throw new ObjectDisposedException(nameof(IHidDevice));
                if (!_backend.Plugged) throw new HidTransportException(HidFault.Disconnected, "replay device unplugged");
            }

            public void Dispose() => _disposed = true;
        }
    }
}
