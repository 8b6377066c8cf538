using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.DriverSocket;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Server;
using UpsPS.Engine.Tls;

namespace UpsPS.Engine.Hosting
{
    /// <summary>
    /// upsd plus its drivers in one object: serves every device of a <see cref="NutConfiguration"/>, with the
    /// drivers in-process (supervised, restarted on failure) or reached over NUT driver sockets.
    /// </summary>
    public sealed class UpsServerHost : IAsyncDisposable
    {
        private readonly NutConfiguration _config;
        private readonly ServerHostOptions _options;
        private readonly IServerLog _log;
        private readonly List<DriverSupervisor> _drivers = new List<DriverSupervisor>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<Task> _driverTasks = new List<Task>();
        private readonly Dictionary<DriverSupervisor, (CancellationTokenSource Stop, Task Run)> _driverRuns =
            new Dictionary<DriverSupervisor, (CancellationTokenSource, Task)>();

        public UpsServerHost(NutConfiguration config, ServerHostOptions? options = null, IServerLog? log = null)
        {
            _config = config;
            _options = options ?? new ServerHostOptions();
            _log = log ?? DelegateServerLog.Null;
            if (_options.Listen != null)
            {
                config.Upsd.Listeners.Clear();
                config.Upsd.Listeners.AddRange(_options.Listen);
            }
            if (_options.StatePath != null) config.Upsd.StatePath = _options.StatePath;
            ConfigureTls();
            Server = new UpsServer(config.Upsd, config.Users, _log, _options.Server);
        }

        public UpsServer Server { get; }
        public NutConfiguration Configuration => _config;
        public IReadOnlyList<DriverSupervisor> Drivers => _drivers;

        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            foreach (var warning in _config.Warnings) _log.Write(ServerLogLevel.Warning, warning);
            foreach (var section in _config.Devices)
            {
                IDriverConnector connector;
                if (_options.StartDrivers)
                {
                    var supervisor = new DriverSupervisor(section, _options.Registry, DriverOptions(),
                        _log, _options.ExposeDriverSockets ? _config.Upsd.StatePath : null);
                    _drivers.Add(supervisor);
                    RunDriver(supervisor);
                    connector = supervisor;
                }
                else
                {
                    connector = LocalDriverDirectory.ConnectorFor(_config.Upsd.StatePath, section.Driver!, section.Name);
                }
                Server.AddDevice(section.Name, section.Desc, connector);
            }
            // Give in-process drivers their first start before clients can ask, so a healthy device never shows
            // DRIVER-NOT-CONNECTED at start-up; a driver that cannot start does not hold the server back.
            var firstStarts = Task.WhenAll(_drivers.Select(d => d.FirstAttempt));
            await Task.WhenAny(firstStarts, Task.Delay(DriverStartWait, cancellationToken)).ConfigureAwait(false);
            await Server.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>How long start-up waits for the in-process drivers' first start.</summary>
        public TimeSpan DriverStartWait { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Starts, serves until <paramref name="cancellationToken"/> fires, then stops.</summary>
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
            try { await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
            finally { await StopAsync().ConfigureAwait(false); }
        }

        /// <summary>Stops one in-process driver as if it were killed (the server then reports DRIVER-NOT-CONNECTED
        /// for it) until <see cref="StartDriver"/>. False when the UPS has no running in-process driver.</summary>
        public async Task<bool> StopDriverAsync(string upsName)
        {
            var supervisor = FindDriver(upsName);
            if (supervisor == null) return false;
            (CancellationTokenSource Stop, Task Run) run;
            lock (_driverRuns)
            {
                if (!_driverRuns.TryGetValue(supervisor, out run) || run.Run.IsCompleted) return false;
            }
            run.Stop.Cancel();
            try { await run.Run.ConfigureAwait(false); } catch (OperationCanceledException) { }
            return true;
        }

        /// <summary>Starts a driver stopped by <see cref="StopDriverAsync"/> again. False when unknown or already running.</summary>
        public bool StartDriver(string upsName)
        {
            var supervisor = FindDriver(upsName);
            if (supervisor == null || _stop.IsCancellationRequested) return false;
            lock (_driverRuns)
            {
                if (_driverRuns.TryGetValue(supervisor, out var run) && !run.Run.IsCompleted) return false;
            }
            RunDriver(supervisor);
            return true;
        }

        private DriverSupervisor? FindDriver(string upsName) =>
            _drivers.FirstOrDefault(d => string.Equals(d.UpsName, upsName, StringComparison.OrdinalIgnoreCase));

        private void RunDriver(DriverSupervisor supervisor)
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var task = Task.Run(() => supervisor.RunAsync(stop.Token));
            lock (_driverRuns)
            {
                _driverRuns[supervisor] = (stop, task);
                _driverTasks.Add(task);
            }
        }

        public async Task StopAsync()
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            await Server.StopAsync().ConfigureAwait(false);
            Task[] runs;
            lock (_driverRuns) runs = _driverTasks.ToArray();
            await Task.WhenAll(runs).ConfigureAwait(false);
            foreach (var d in _drivers) d.Dispose();
        }

        public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

        /// <summary>The TLS settings in use, or null when STARTTLS is not offered.</summary>
        public TlsServerSettings? Tls { get; private set; }

        // A TLS option that cannot be applied stops the start (NUT 2.8.0 went on without TLS; its next release refuses too).
        private void ConfigureTls()
        {
            if (_options.Server.TlsUpgrade != null) return;
            Tls = _options.Tls ?? TlsServerSettings.FromUpsdConfig(_config.Upsd, _config.Directory);
            if (Tls == null) return;
            _options.Server.TlsUpgrade = NutTls.CreateServerUpgrade(Tls);
            var c = Tls.Certificate;
            _log.Write(ServerLogLevel.Info,
                $"TLS enabled: certificate {c.Subject} (thumbprint {c.Thumbprint}, valid until {c.NotAfter:yyyy-MM-dd}), " +
                $"client certificates: {Tls.ClientCertificates}, protocols: {(Tls.DisableWeakSsl ? "TLS 1.2 and newer" : "system default")}");
            if (!Tls.DisableWeakSsl)
                _log.Write(ServerLogLevel.Warning, "Warning: DISABLE_WEAK_SSL is not enabled. Please consider enabling to improve network security.");
        }

        private DriverHostOptions DriverOptions()
        {
            var options = new DriverHostOptions { ConfigDirectory = _config.Directory };
            if (_options.DriverClock != null) options.Clock = _options.DriverClock;
            return options;
        }
    }
}
