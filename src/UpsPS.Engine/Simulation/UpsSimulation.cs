using System;
using UpsPS.Engine.Timing;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Hosting;
using UpsPS.Engine.Monitor;
using UpsPS.Engine.Monitor.Net;
using UpsPS.Engine.Server;

namespace UpsPS.Engine.Simulation
{
    /// <summary>
    /// Runs a <see cref="SimulationTopology"/> in this process: one server with in-process dummy-ups drivers, one
    /// <see cref="UpsMonitor"/> per host talking to it over TCP on loopback, shutdowns captured. Ends when every
    /// host able to shut down has, when the duration elapses, or on cancellation; returns the timeline.
    /// </summary>
    public sealed class UpsSimulation
    {
        private readonly SimulationTopology _topology;
        private readonly DriverRegistry _registry;
        private SimulationClock? _clock;
        private TimelineRecorder? _recorder;

        public UpsSimulation(SimulationTopology topology, DriverRegistry? registry = null)
        {
            _topology = topology ?? throw new ArgumentNullException(nameof(topology));
            _registry = registry ?? DriverRegistry.CreateDefault();
        }

        /// <summary>Each event as it is recorded (live progress).</summary>
        public event Action<SimulationEvent>? EventRecorded;

        public static Task<SimulationResult> RunAsync(SimulationTopology topology, CancellationToken cancellationToken = default) =>
            new UpsSimulation(topology).RunAsync(cancellationToken);

        public async Task<SimulationResult> RunAsync(CancellationToken cancellationToken = default)
        {
            Validate();
            SimulationWorkspace.FillCredentials(_topology.Hosts);
            bool tempDir = _topology.WorkDirectory == null;
            string dir = _topology.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "upsps-sim-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            SimulationWorkspace.Write(dir, _topology);

            var real = Stopwatch.StartNew();
            var clock = _clock = new SimulationClock(_topology.TimeScale);
            var recorder = _recorder = new TimelineRecorder(clock);
            recorder.Recorded += e => EventRecorded?.Invoke(e);

            var hosts = _topology.Hosts.Select(h => new HostRun(h, recorder)).ToList();
            UpsServerHost? server = null;
            var endReason = SimulationEndReason.DurationElapsed;
            using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                var configuration = NutConfiguration.Load(dir, _registry);
                server = new UpsServerHost(configuration, new ServerHostOptions
                {
                    DriverClock = clock,
                    Registry = _registry,
                    Server = new UpsServerOptions { LoopInterval = TimeSpan.FromMilliseconds(100) },
                }, new DelegateServerLog((level, message) => recorder.Log("upsd", level.ToString(), message)));
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
                WatchDriverStatus(server);
                await WaitForDataAsync(server, cancellationToken).ConfigureAwait(false);
                int port = server.Server.BoundEndpoints.First().Port;

                var factory = new RedirectingConnectionFactory(new NutUpsConnectionFactory { NetworkTimeout = TimeSpan.FromSeconds(5) }, "127.0.0.1", port);
                foreach (var h in hosts) h.Create(factory, clock);
                foreach (var h in hosts) h.Start(clock, stopAll.Token);
                var actions = Task.Run(() => RunActionsAsync(server, hosts, stopAll.Token));

                var mustShutDown = hosts.Where(h => h.Host.Config.MinSupplies > 0).Select(h => h.Run!).ToList();
                var remaining = _topology.Duration - TimeSpan.FromSeconds(clock.ElapsedSeconds);
                var deadline = clock.DelayAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, stopAll.Token);
                var all = _topology.StopWhenAllShutDown && mustShutDown.Count > 0 ? Task.WhenAll(mustShutDown) : new TaskCompletionSource<bool>().Task;
                var first = await Task.WhenAny(all, deadline).ConfigureAwait(false);
                endReason = cancellationToken.IsCancellationRequested ? SimulationEndReason.Cancelled
                    : first == all ? SimulationEndReason.AllShutDown : SimulationEndReason.DurationElapsed;

                stopAll.Cancel();
                await Task.WhenAll(hosts.Select(h => h.WhenEndedAsync())).ConfigureAwait(false);
                try { await actions.ConfigureAwait(false); } catch (OperationCanceledException) { }
            }
            finally
            {
                stopAll.Cancel();
                if (server != null) await server.StopAsync().ConfigureAwait(false);
                if (tempDir && !_topology.KeepWorkDirectory)
                {
                    try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                }
            }

            double seconds = clock.ElapsedSeconds;
            var timeline = recorder.Timeline();
            var outcomes = hosts.Select(h => h.Outcome(clock)).ToList();
            var result = new SimulationResult(timeline, outcomes, recorder.LogEntries(), Math.Round(seconds, 3), real.Elapsed, endReason,
                tempDir && !_topology.KeepWorkDirectory ? null : dir);
            foreach (var s in result.Shutdowns) s.DecidedSeconds = Math.Round(clock.SecondsAt(s.Decision.Time), 3);
            return result;
        }

        private void Validate()
        {
            if (_topology.Hosts.Count == 0) throw new ArgumentException("A simulation needs at least one host.");
            if (_topology.Ups.Count == 0) throw new ArgumentException("A simulation needs at least one UPS.");
            var dupUps = _topology.Ups.GroupBy(u => u.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (dupUps != null) throw new ArgumentException($"UPS [{dupUps.Key}] is defined twice.");
            var dupHost = _topology.Hosts.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (dupHost != null) throw new ArgumentException($"Host [{dupHost.Key}] is defined twice.");
            var names = new HashSet<string>(_topology.Ups.Select(u => u.Name), StringComparer.OrdinalIgnoreCase);
            foreach (var h in _topology.Hosts)
            {
                if (h.Config.Monitors.Count == 0) throw new ArgumentException($"Host [{h.Name}] has no MONITOR line.");
                foreach (var m in h.Config.Monitors)
                {
                    var ups = UpsSystemName.Parse(m.System).UpsName;
                    if (!names.Contains(ups)) throw new ArgumentException($"Host [{h.Name}] monitors [{m.System}], but the topology has no UPS named [{ups}].");
                }
            }
        }

        // dummy-ups.md §7.3: upsmon must not start before the server has the drivers' data (else WAIT / COMMBAD).
        private static async Task WaitForDataAsync(UpsServerHost server, CancellationToken ct)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                lock (server.Server.State.Gate)
                    if (server.Server.State.Devices.All(d => d.IsConnected && d.DumpDone)) return;
                await Task.Delay(20, ct).ConfigureAwait(false);
            }
        }

        // Driver-side status changes, as the server receives them.
        private void WatchDriverStatus(UpsServerHost server)
        {
            var last = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            void Record(string ups, string status)
            {
                lock (last)
                {
                    if (last.TryGetValue(ups, out var previous) && previous == status) return;
                    last[ups] = status;
                }
                _recorder!.Add(SimulationEventKind.Driver, null, status, ups, $"driver: ups.status = {status}");
            }
            List<ServerDevice> devices;
            lock (server.Server.State.Gate) devices = server.Server.State.Devices.ToList();
            foreach (var device in devices)
            {
                device.DriverLine += (d, words) =>
                {
                    if (words.Count >= 3 && words[0] == "SETINFO" && words[1] == "ups.status") Record(d.Name, words[2]);
                };
                var status = server.Drivers.FirstOrDefault(s => s.UpsName == device.Name)?.Current?.GetInfo("ups.status");
                if (status != null) Record(device.Name, status);
            }
        }

        private async Task RunActionsAsync(UpsServerHost server, List<HostRun> hosts, CancellationToken ct)
        {
            foreach (var action in _topology.Actions.OrderBy(a => a.AtSeconds))
            {
                var wait = TimeSpan.FromSeconds(action.AtSeconds - _clock!.ElapsedSeconds);
                await _clock.DelayAsync(wait, ct).ConfigureAwait(false);
                string outcome;
                var started = _clock.UtcNow;
                try { outcome = await ApplyAsync(server, hosts, action).ConfigureAwait(false); }
                catch (Exception ex) when (!(ex is OperationCanceledException)) { outcome = "failed: " + ex.Message; }
                bool upsAction = action.Kind != SimulationActionKind.ForcedShutdown && action.Kind != SimulationActionKind.StopHost;
                _recorder!.Add(SimulationEventKind.Action, upsAction ? null : action.Target, action.Kind.ToString(),
                    upsAction ? action.Target : string.Empty, action + (outcome.Length > 0 ? ": " + outcome : ""), started);
            }
        }

        private static async Task<string> ApplyAsync(UpsServerHost server, List<HostRun> hosts, SimulationAction action)
        {
            HostRun Host() => hosts.FirstOrDefault(h => string.Equals(h.Host.Name, action.Target, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"no host [{action.Target}]");
            switch (action.Kind)
            {
                case SimulationActionKind.KillDriver:
                    return await server.StopDriverAsync(action.Target).ConfigureAwait(false) ? "" : "no running driver";
                case SimulationActionKind.StartDriver:
                    return server.StartDriver(action.Target) ? "" : "not restarted (unknown or running)";
                case SimulationActionKind.RemoveUps:
                    return server.Server.RemoveDevice(action.Target) ? "" : "no such UPS";
                case SimulationActionKind.SetVariable:
                    var driver = server.Drivers.FirstOrDefault(d => string.Equals(d.UpsName, action.Target, StringComparison.OrdinalIgnoreCase))?.Current
                        ?? throw new ArgumentException($"no running driver for [{action.Target}]");
                    var result = await driver.SetVariableAsync(action.Variable ?? "ups.status", action.Value ?? "").ConfigureAwait(false);
                    return result == DriverResult.Handled ? "" : result.ToString();
                case SimulationActionKind.ForcedShutdown:
                    Host().Monitor?.RequestForcedShutdown();
                    return "";
                case SimulationActionKind.StopHost:
                    Host().Stop();
                    return "";
                default:
                    throw new ArgumentOutOfRangeException(nameof(action));
            }
        }

        /// <summary>One host: its monitor, its captured shutdown and how it ended.</summary>
        private sealed class HostRun : IShutdownAction
        {
            private readonly TimelineRecorder _recorder;
            private readonly TimelineRecorder.HostChannel _channel;
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private string _exit = "NotStarted";
            private string? _error;
            private double? _shutdownSeconds;
            private SimulationClock? _clock;

            public HostRun(SimulatedHost host, TimelineRecorder recorder)
            {
                Host = host;
                _recorder = recorder;
                _channel = new TimelineRecorder.HostChannel(recorder, host.Name);
            }

            public SimulatedHost Host { get; }
            public UpsMonitor? Monitor { get; private set; }
            public string? PowerDownFlag { get; private set; }
            public Task? Run { get; private set; }

            public void Create(IUpsConnectionFactory factory, SimulationClock clock)
            {
                _clock = clock;
                // The monitor must never run a real command: SHUTDOWNCMD is replaced by the capture, NOTIFYCMD dropped.
                var config = Host.Config.Clone();
                config.NotifyCommand = new List<string>();
                // Nor touch the machine's POWERDOWNFLAG (upsmon deletes a stale one at start and writes it on shutdown).
                PowerDownFlag = config.PowerDownFlag;
                config.PowerDownFlag = null;
                Monitor = new UpsMonitor(config, new MonitorDependencies
                {
                    ConnectionFactory = factory,
                    Clock = clock,
                    Notifications = _channel,
                    ShutdownAction = this,
                    Log = _channel,
                    // Simulated time runs fast: a CPU stall of the machine would look like a suspend.
                    ClockJumpSlack = null,
                });
            }

            public void Start(SimulationClock clock, CancellationToken simulationStop)
            {
                var linked = CancellationTokenSource.CreateLinkedTokenSource(simulationStop, _stop.Token);
                Run = Task.Run(async () =>
                {
                    try
                    {
                        if (Host.StartAtSeconds > 0)
                            await clock.DelayAsync(TimeSpan.FromSeconds(Host.StartAtSeconds - clock.ElapsedSeconds), linked.Token).ConfigureAwait(false);
                        var reason = await Monitor!.RunAsync(linked.Token).ConfigureAwait(false);
                        _exit = reason.ToString();
                        if (reason != MonitorExitReason.Shutdown && !simulationStop.IsCancellationRequested)
                            _recorder.Add(SimulationEventKind.HostStopped, Host.Name, reason.ToString(), string.Empty, $"upsmon ended: {reason}");
                    }
                    catch (OperationCanceledException) when (linked.IsCancellationRequested)
                    {
                        _exit = "NotStarted";
                    }
                    catch (Exception ex)
                    {
                        _exit = "Failed";
                        _error = ex.Message;
                        _recorder.Add(SimulationEventKind.HostStopped, Host.Name, "Failed", string.Empty, "upsmon failed: " + ex.Message);
                    }
                    finally { linked.Dispose(); }
                });
            }

            public void Stop() => _stop.Cancel();

            public async Task WhenEndedAsync()
            {
                if (Run == null) return;
                // A monitor stops within one network round trip of cancellation; never hang the simulation on one.
                await Task.WhenAny(Run, Task.Delay(TimeSpan.FromSeconds(15))).ConfigureAwait(false);
            }

            Task IShutdownAction.ExecuteAsync(ShutdownDecision decision, CancellationToken cancellationToken)
            {
                _recorder.Add(SimulationEventKind.ShutdownDecided, Host.Name, decision.Trigger.ToString(), string.Empty,
                    "decided: " + decision.Explanation, decision.Time, decision: decision);
                var e = _recorder.Add(SimulationEventKind.Shutdown, Host.Name, decision.Trigger.ToString(), string.Empty,
                    "shutdown action (captured): " + decision.Rule
                    + (PowerDownFlag != null ? $"; POWERDOWNFLAG {PowerDownFlag} not written (simulation)" : ""), decision: decision);
                _shutdownSeconds = e.Seconds;
                return Task.CompletedTask;
            }

            public SimulatedHostOutcome Outcome(SimulationClock clock) => new SimulatedHostOutcome
            {
                Name = Host.Name,
                IsPrimary = Host.IsPrimary,
                CanShutDown = Host.Config.MinSupplies > 0,
                ShutDown = _shutdownSeconds.HasValue,
                ShutdownSeconds = _shutdownSeconds,
                ExitReason = _exit,
                PowerDownFlag = PowerDownFlag,
                Error = _error,
                Decision = Monitor?.ShutdownDecision,
                FinalState = Monitor?.Snapshot,
            };
        }
    }
}
