using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
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
        private readonly SemaphoreSlim _reloading = new SemaphoreSlim(1, 1);
        private NutConfiguration _config;
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
            ApplyOverrides(config.Upsd);
            ConfigureTls();
            Server = new UpsServer(config.Upsd, config.Users, _log, _options.Server);
        }

        public UpsServer Server { get; }
        public NutConfiguration Configuration => _config;
        public IReadOnlyList<DriverSupervisor> Drivers { get { lock (_drivers) return _drivers.ToList(); } }

        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            foreach (var warning in _config.Warnings) _log.Write(ServerLogLevel.Warning, warning);
            foreach (var section in _config.Devices) Serve(section);
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

        private void Serve(UpsSection section)
        {
            IDriverConnector connector;
            if (_options.StartDrivers)
            {
                var supervisor = new DriverSupervisor(section, _options.Registry, DriverOptions(),
                    _log, _options.ExposeDriverSockets ? _config.Upsd.StatePath : null);
                lock (_drivers) _drivers.Add(supervisor);
                RunDriver(supervisor);
                connector = supervisor;
            }
            else
            {
                connector = LocalDriverDirectory.ConnectorFor(_config.Upsd.StatePath, section.Driver!, section.Name);
            }
            Server.AddDevice(section.Name, section.Desc, connector);
        }

        private async Task WithdrawAsync(string upsName)
        {
            Server.RemoveDevice(upsName);
            var supervisor = FindDriver(upsName);
            if (supervisor == null) return;
            await StopDriverAsync(upsName).ConfigureAwait(false);
            supervisor.Dispose();
            lock (_drivers) _drivers.Remove(supervisor);
            lock (_driverRuns) _driverRuns.Remove(supervisor);
        }

        /// <summary>
        /// Re-reads ups.conf, upsd.conf and upsd.users (upsd's SIGHUP / <c>upsd -c reload</c>) or applies
        /// <paramref name="replacement"/>. A file with a fatal error throws <see cref="Config.ConfigException"/> and
        /// changes nothing. Devices are added, withdrawn or redefined (driver restarted) as their sections changed;
        /// users and upsd.conf limits apply from the next command; listeners, STATEPATH, MAXCONN and TLS need a restart.
        /// </summary>
        public async Task<ServerReloadReport> ReloadAsync(NutConfiguration? replacement = null)
        {
            await _reloading.WaitAsync().ConfigureAwait(false);
            try
            {
                var next = replacement ?? ReadAgain();
                ApplyOverrides(next.Upsd);
                var warnings = RestartOnlyChanges(_config.Upsd, next.Upsd).Concat(next.Warnings).ToList();
                var changes = DeviceChanges.Between(_config.Devices, next.Devices);
                _log.Write(ServerLogLevel.Info, "Reloading configuration");
                foreach (var w in warnings) _log.Write(ServerLogLevel.Warning, w);

                lock (Server.State.Gate) Server.State.Config = KeepRestartOnlySettings(next.Upsd, _config.Upsd);
                Server.ReplaceUsers(next.Users);
                _config = next;

                foreach (var name in changes.Removed)
                {
                    _log.Write(ServerLogLevel.Info, $"Deleting UPS [{name}]");
                    await WithdrawAsync(name).ConfigureAwait(false);
                }
                foreach (var section in changes.Redefined)
                {
                    _log.Write(ServerLogLevel.Info, $"Redefined UPS [{section.Name}]");
                    await WithdrawAsync(section.Name).ConfigureAwait(false);
                    Serve(section);
                }
                foreach (var section in changes.Added)
                {
                    _log.Write(ServerLogLevel.Info, $"Added UPS [{section.Name}]");
                    Serve(section);
                }
                foreach (var section in changes.Kept)
                {
                    var device = Server.State.FindDevice(section.Name);
                    if (device != null) lock (Server.State.Gate) device.Description = section.Desc;
                }
                if (next.Devices.Count == 0) _log.Write(ServerLogLevel.Warning, "Warning: no UPSes currently defined!");
                return new ServerReloadReport(changes.Added.Select(s => s.Name).ToList(), changes.Removed,
                    changes.Redefined.Select(s => s.Name).ToList(), next.Users.Users.Count, warnings);
            }
            finally
            {
                _reloading.Release();
            }
        }

        /// <summary>Reloads on SIGHUP (what <c>upsd -c reload</c> and <c>kill -HUP</c> send) until disposed; a failed
        /// reload is logged and the running configuration stays. Null where the platform has no SIGHUP.</summary>
        public IDisposable? ReloadOnHangup() => HangupSignal.Register(() => _ = ReloadLoggingErrorsAsync());

        private async Task ReloadLoggingErrorsAsync()
        {
            try
            {
                await ReloadAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ConfigException || e is InvalidOperationException || e is FormatException || e is System.IO.IOException)
            {
                _log.Write(ServerLogLevel.Error, "Reload failed, the running configuration stays: " + e.Message);
            }
        }

        private NutConfiguration ReadAgain()
        {
            if (!_config.FromFiles)
                throw new InvalidOperationException("This server was configured from parameters, not from a configuration directory: there are no files to read again.");
            return NutConfiguration.Load(_config.Directory, _options.Registry, _config.RequiredUsers);
        }

        private void ApplyOverrides(UpsdConfig upsd)
        {
            if (_options.Listen != null)
            {
                upsd.Listeners.Clear();
                upsd.Listeners.AddRange(_options.Listen);
            }
            if (_options.StatePath != null) upsd.StatePath = _options.StatePath;
        }

        private static IEnumerable<string> RestartOnlyChanges(UpsdConfig running, UpsdConfig next)
        {
            if (!running.EffectiveListeners.Select(l => l.ToString()).SequenceEqual(next.EffectiveListeners.Select(l => l.ToString())))
                yield return "upsd.conf: LISTEN changed; the new addresses are used after a restart";
            if (running.StatePath != next.StatePath)
                yield return "upsd.conf: STATEPATH changed; it is used after a restart";
            if (running.MaxConn != next.MaxConn)
                yield return "upsd.conf: MAXCONN changed; it is used after a restart";
            if (running.CertFile != next.CertFile || running.CertRequest != next.CertRequest || running.CertPath != next.CertPath
                || running.DisableWeakSsl != next.DisableWeakSsl || running.CertStoreName != next.CertStoreName)
                yield return "upsd.conf: TLS settings changed; they are used after a restart";
        }

        // The listeners, sockets and TLS in use stay as they are; everything read per command comes from the new file.
        private static UpsdConfig KeepRestartOnlySettings(UpsdConfig next, UpsdConfig running)
        {
            next.Listeners.Clear();
            next.Listeners.AddRange(running.EffectiveListeners);
            next.StatePath = running.StatePath;
            next.MaxConn = running.MaxConn;
            return next;
        }

        private DriverSupervisor? FindDriver(string upsName)
        {
            lock (_drivers) return _drivers.FirstOrDefault(d => string.Equals(d.UpsName, upsName, StringComparison.OrdinalIgnoreCase));
        }

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
            lock (_drivers) foreach (var d in _drivers) d.Dispose();
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
