using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.DriverSocket;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Server;

namespace UpsPS.Engine.Hosting
{
    /// <summary>
    /// Keeps one in-process driver running: starts it, and when it fails (cannot start, throws while polling)
    /// reports the failure, drops its connections (the server then answers DRIVER-NOT-CONNECTED) and starts
    /// a fresh instance after <see cref="RetryDelay"/>. Also the connector the server uses to reach it.
    /// </summary>
    public sealed class DriverSupervisor : IDriverConnector, IDisposable
    {
        private readonly UpsSection _section;
        private readonly DriverRegistry _registry;
        private readonly DriverHostOptions _options;
        private readonly IServerLog _log;
        private readonly string? _socketStatePath;
        private readonly TaskCompletionSource<bool> _firstAttempt = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private DriverHost? _current;
        private DriverSocketListener? _listener;

        public DriverSupervisor(UpsSection section, DriverRegistry registry, DriverHostOptions options, IServerLog log, string? socketStatePath = null)
        {
            _section = section;
            _registry = registry;
            _options = options;
            _log = log;
            _socketStatePath = socketStatePath;
        }

        public string UpsName => _section.Name;
        public string DriverName => _section.Driver ?? "";
        public string Port => _section.Port ?? "";
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The running driver, or null while it is down.</summary>
        public DriverHost? Current => Volatile.Read(ref _current);

        /// <summary>The driver socket path when the driver is also exposed to other processes.</summary>
        public string? SocketPath => _listener?.Path;

        public string Location => _socketStatePath == null ? "in-process" : DriverSocketPath.For(_socketStatePath, DriverName, UpsName);

        /// <summary>Completes once the first start attempt has either succeeded (true) or failed (false).</summary>
        public Task<bool> FirstAttempt => _firstAttempt.Task;

        public int Failures { get; private set; }
        public string? LastError { get; private set; }

        public Task<IDriverChannel> ConnectAsync(CancellationToken cancellationToken = default)
        {
            var host = Current ?? throw new IOException($"driver {DriverName} for UPS [{UpsName}] is not running");
            return new InProcessDriverConnector(host).ConnectAsync(cancellationToken);
        }

        /// <summary>Runs the driver until cancelled, restarting it after every failure.</summary>
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var host = DriverHost.Create(_section, _registry, _options);
                host.Log += OnDriverLog;
                try
                {
                    await host.StartAsync(cancellationToken).ConfigureAwait(false);
                    Expose(host);
                    _firstAttempt.TrySetResult(true);
                    await host.RunAsync(cancellationToken).ConfigureAwait(false);
                    if (!cancellationToken.IsCancellationRequested)
                        _log.Write(ServerLogLevel.Notice, $"Driver {DriverName} for UPS [{UpsName}] exited");
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
                catch (Exception e)
                {
                    Failures++;
                    LastError = e.Message;
                    _log.Write(ServerLogLevel.Error, $"Driver {DriverName} for UPS [{UpsName}] failed: {e.Message}");
                }
                finally
                {
                    _firstAttempt.TrySetResult(false);
                    Withdraw(host);
                }
                if (cancellationToken.IsCancellationRequested) break;
                try { await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }

        private void Expose(DriverHost host)
        {
            if (_socketStatePath != null)
            {
                _listener = DriverSocketListener.ForStatePath(host, _socketStatePath);
                _listener.Start();
                LocalDriverDirectory.Register(_listener.Path, this);
            }
            Volatile.Write(ref _current, host);
        }

        private void Withdraw(DriverHost host)
        {
            Volatile.Write(ref _current, null);
            if (_listener != null) LocalDriverDirectory.Unregister(_listener.Path, this);
            _listener?.Dispose();
            _listener = null;
            host.Log -= OnDriverLog;
            host.Dispose();
        }

        private void OnDriverLog(object? sender, DriverLogEventArgs e) =>
            _log.Write(Map(e.Level), $"[{UpsName}] {e.Message}");

        private static ServerLogLevel Map(DriverLogLevel level) => level switch
        {
            DriverLogLevel.Debug => ServerLogLevel.Debug,
            DriverLogLevel.Info => ServerLogLevel.Info,
            DriverLogLevel.Warning => ServerLogLevel.Warning,
            _ => ServerLogLevel.Error,
        };

        public void Dispose()
        {
            var host = Current;
            if (host != null) Withdraw(host);
        }
    }
}
