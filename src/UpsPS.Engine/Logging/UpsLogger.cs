using System;
using UpsPS.Engine.Timing;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Client;
using UpsPS.Engine.Monitor;

namespace UpsPS.Engine.Logging
{
    /// <summary>
    /// upslog's loop (logging-and-web.md §1.3): every interval, one formatted line per UPS, in the given order,
    /// anonymously (no LOGIN). A UPS name <c>*</c> expands to every UPS the server lists. Lines go to
    /// <see cref="RecordWritten"/> subscribers (file writer, pipeline). Connection failures print NA and retry
    /// on the next interval; intervals above 30 s disconnect after each line like upslog.
    /// </summary>
    public sealed class UpsLogger
    {
        private readonly IClock _clock;
        private readonly List<string> _systems;
        private readonly Dictionary<string, NutClient> _clients = new Dictionary<string, NutClient>();
        private CancellationTokenSource _wake = new CancellationTokenSource();
        private readonly object _gate = new object();

        public UpsLogger(IEnumerable<string> systems, UpsLogFormat format, TimeSpan interval, IClock? clock = null)
        {
            _systems = systems.ToList();
            if (_systems.Count == 0) throw new ArgumentException("at least one UPS is needed", nameof(systems));
            foreach (var s in _systems) UpsSystemName.Parse(s);
            Format = format;
            Interval = interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : interval;
            _clock = clock ?? SystemClock.Instance;
            HostName = SafeHostName();
            using (var p = Process.GetCurrentProcess()) ProcessId = p.Id;
        }

        public UpsLogFormat Format { get; }
        public TimeSpan Interval { get; }
        public string HostName { get; set; }
        public int ProcessId { get; set; }
        public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Stop after this many cycles (upslog -d); 0 = until cancelled.</summary>
        public int Count { get; set; }

        /// <summary>The expanded UPS list (after <c>*</c> expansion at start).</summary>
        public IReadOnlyList<string> Systems => _systems;

        public event Action<UpsLogRecord>? RecordWritten;

        /// <summary>Diagnostics such as "initial connect failed".</summary>
        public event Action<string>? Message;

        /// <summary>SIGUSR1: log now.</summary>
        public void Wake()
        {
            lock (_gate) { try { _wake.Cancel(); } catch (ObjectDisposedException) { } }
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                await ExpandWildcardsAsync(cancellationToken).ConfigureAwait(false);
                int cycles = 0;
                while (!cancellationToken.IsCancellationRequested)
                {
                    var started = _clock.UtcNow;
                    foreach (var system in _systems)
                    {
                        if (cancellationToken.IsCancellationRequested) return;
                        var record = await LogOneAsync(system, cancellationToken).ConfigureAwait(false);
                        RecordWritten?.Invoke(record);
                    }
                    if (Count > 0 && ++cycles >= Count) return;
                    var remaining = Interval - (_clock.UtcNow - started);
                    await SleepAsync(remaining, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                foreach (var c in _clients.Values) c.Dispose();
                _clients.Clear();
            }
        }

        /// <summary>One line for one UPS now (also used by tests).</summary>
        public async Task<UpsLogRecord> LogOneAsync(string system, CancellationToken cancellationToken)
        {
            var name = UpsSystemName.Parse(system);
            var values = new Dictionary<string, string?>();
            string? error = null;
            var client = GetClient(name);
            foreach (var variable in Format.VariableNames)
            {
                try
                {
                    values[variable] = await client.GetVariableAsync(name.UpsName, variable, cancellationToken).ConfigureAwait(false);
                }
                catch (NutException)
                {
                    values[variable] = null;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    // The server is unreachable: the rest prints NA too; reconnect on the next line.
                    error = ex.Message;
                    DropClient(name);
                    break;
                }
            }
            var now = _clock.UtcNow;
            foreach (var variable in Format.VariableNames) if (!values.ContainsKey(variable)) values[variable] = null;
            string line = Format.Expand(new UpsLogContext { UpsHost = system, HostName = HostName, ProcessId = ProcessId, Time = now, Values = values });
            if (Interval > TimeSpan.FromSeconds(30)) DropClient(name);
            return new UpsLogRecord(now, system, line, values, error);
        }

        private NutClient GetClient(UpsSystemName name)
        {
            string key = name.Host + "|" + name.Port;
            if (!_clients.TryGetValue(key, out var client))
            {
                client = new NutClient(new NutClientOptions
                {
                    Host = name.Host,
                    Port = name.Port,
                    ConnectTimeout = NetworkTimeout,
                    RequestTimeout = NetworkTimeout,
                    AutoReconnect = true,
                });
                _clients[key] = client;
            }
            return client;
        }

        private void DropClient(UpsSystemName name)
        {
            string key = name.Host + "|" + name.Port;
            if (_clients.TryGetValue(key, out var client))
            {
                client.Dispose();
                _clients.Remove(key);
            }
        }

        private async Task ExpandWildcardsAsync(CancellationToken ct)
        {
            var expanded = new List<string>();
            foreach (var system in _systems)
            {
                var name = UpsSystemName.Parse(system);
                if (name.UpsName != "*") { expanded.Add(system); continue; }
                try
                {
                    foreach (var ups in await GetClient(name).ListUpsAsync(ct).ConfigureAwait(false))
                        expanded.Add($"{ups.Name}@{name.Host}:{name.Port}");
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
                {
                    Message?.Invoke($"Warning: cannot list the UPSes of {name.Host}:{name.Port}: {ex.Message}");
                }
            }
            _systems.Clear();
            _systems.AddRange(expanded);
            if (_systems.Count == 0) throw new InvalidOperationException("no UPS to log");
        }

        private async Task SleepAsync(TimeSpan delay, CancellationToken ct)
        {
            CancellationTokenSource wake;
            lock (_gate)
            {
                if (_wake.IsCancellationRequested) { _wake.Dispose(); _wake = new CancellationTokenSource(); }
                wake = _wake;
            }
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, wake.Token);
            try { await _clock.DelayAsync(delay, linked.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }

        private static string SafeHostName()
        {
            try { return Dns.GetHostName(); }
            catch (Exception) { return Environment.MachineName; }
        }
    }
}
