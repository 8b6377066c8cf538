using System;
using UpsPS.Engine.Timing;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// The upsmon decision core (monitor.md, master semantics): polls every monitored UPS through
    /// <see cref="IUpsConnection"/>, tracks status/communication, raises notifications, evaluates the
    /// power value against MINSUPPLIES and runs the forced-shutdown sequence at most once.
    /// All time comes from <see cref="IClock"/> and is compared in whole seconds like NUT.
    /// </summary>
    public sealed class UpsMonitor
    {

        private readonly IUpsConnectionFactory _factory;
        private readonly IClock _clock;
        private readonly INotificationSink _sink;
        private readonly IShutdownAction _shutdownAction;
        private readonly bool _customShutdownAction;
        private readonly IMonitorLog _log;
        private readonly double? _clockJumpSlackSeconds;
        private readonly object _gate = new object();

        private MonitorConfig _config;
        private List<UpsState> _ups;
        private StatusInterpreter _interpreter;
        private volatile MonitorSnapshot _snapshot;
        private ShutdownDecision? _decision;
        private int _shutdownStarted;
        private int _running;
        private int _cycles;
        private bool _powerDownFlagEnabled = true;
        private volatile bool _userFsd;
        private volatile bool _suspendPending;
        private MonitorConfig? _pendingReload;
        private CancellationTokenSource _wake = new CancellationTokenSource();

        /// <summary>Throws <see cref="ConfigException"/> when the config can never work (sum of power values &lt; MINSUPPLIES, bad system name).</summary>
        public UpsMonitor(MonitorConfig config, MonitorDependencies dependencies)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            if (dependencies == null) throw new ArgumentNullException(nameof(dependencies));
            _factory = dependencies.ConnectionFactory ?? throw new ArgumentException("ConnectionFactory is required", nameof(dependencies));
            _clock = dependencies.Clock;
            _sink = dependencies.Notifications;
            _log = dependencies.Log;
            _clockJumpSlackSeconds = dependencies.ClockJumpSlack?.TotalSeconds;
            _config = config.Clone();
            _customShutdownAction = dependencies.ShutdownAction != null;
            _shutdownAction = dependencies.ShutdownAction ?? new ShellShutdownAction(() => _config.ShutdownCommand, _log);
            CheckFatal(_config);
            _ups = _config.Monitors.Select(m => new UpsState(m, UpsSystemName.Parse(m.System))).ToList();
            _interpreter = new StatusInterpreter(_config, Notify, _log);
            _snapshot = BuildSnapshot(0);
        }

        /// <summary>Latest state after the most recent cycle (thread-safe, immutable).</summary>
        public MonitorSnapshot Snapshot => _snapshot;

        /// <summary>The shutdown explanation record, once a shutdown was decided.</summary>
        public ShutdownDecision? ShutdownDecision => Volatile.Read(ref _decision);

        /// <summary><c>upsmon -c fsd</c>: run the forced-shutdown sequence at the top of the next cycle (wakes the sleep).</summary>
        public void RequestForcedShutdown()
        {
            _userFsd = true;
            Wake();
        }

        /// <summary><c>upsmon -c reload</c> with an already-read configuration; applied at the top of the next cycle.</summary>
        public void RequestReload(MonitorConfig config)
        {
            lock (_gate) _pendingReload = config.Clone();
            Wake();
        }

        /// <summary>OS announced sleep: SUSPEND_STARTING. Call <see cref="NotifyResumed"/> on wake.</summary>
        public void NotifySuspendStarting() => Notify(NotifyType.SUSPEND_STARTING, null, null);

        /// <summary>OS woke: SUSPEND_FINISHED and stale readings are discarded at the top of the next cycle.</summary>
        public void NotifyResumed()
        {
            _suspendPending = true;
            Wake();
        }

        /// <summary>
        /// Start-up notices, then poll/sleep cycles until <paramref name="cancellationToken"/> (→ LOGOUT, <see cref="MonitorExitReason.Stopped"/>)
        /// or a shutdown (→ <see cref="MonitorExitReason.Shutdown"/>). Can be called once.
        /// </summary>
        public async Task<MonitorExitReason> RunAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _running, 1) == 1) throw new InvalidOperationException("The monitor is already running or has run.");
            StartupNotices();
            while (true)
            {
                if (cancellationToken.IsCancellationRequested) { await StopAsync().ConfigureAwait(false); return MonitorExitReason.Stopped; }
                if (_userFsd)
                {
                    await ForceShutdownAsync(ShutdownTrigger.UserRequested, CurrentPowerValue(), cancellationToken).ConfigureAwait(false);
                    return MonitorExitReason.Shutdown;
                }
                if (!ApplyPendingReload()) return MonitorExitReason.Fatal;
                if (_suspendPending) { _suspendPending = false; TreatAsWake(null); }

                await PollAllAsync(cancellationToken).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested) continue;
                _cycles++;
                int total = Recalculate(NowSeconds());
                if (total < _config.MinSupplies || _userFsd)
                {
                    await ForceShutdownAsync(total < _config.MinSupplies ? ShutdownTrigger.PowerBelowMinimum : ShutdownTrigger.UserRequested, total, cancellationToken).ConfigureAwait(false);
                    return MonitorExitReason.Shutdown;
                }
                int interval = PollInterval();
                _snapshot = BuildSnapshot(total, interval);
                await SleepAsync(interval, cancellationToken).ConfigureAwait(false);
            }
        }

        private void CheckFatal(MonitorConfig config)
        {
            var message = config.CheckSufficientPower();
            if (message != null) throw new ConfigException("upsmon.conf", 0, message);
            foreach (var m in config.Monitors)
            {
                try { UpsSystemName.Parse(m.System); }
                catch (FormatException ex) { throw new ConfigException("upsmon.conf", 0, ex.Message); }
                if (m.PowerValue < 0) throw new ConfigException("upsmon.conf", 0, $"UPS [{m.System}]: invalid power value {m.PowerValue}");
            }
        }

        private long NowSeconds() => _clock.UtcNow.ToUnixTimeSeconds();

        private void Wake()
        {
            lock (_gate)
            {
                try { _wake.Cancel(); } catch (ObjectDisposedException) { }
            }
        }

        private void StartupNotices()
        {
            foreach (var ups in _ups) _log.Log(MonitorLogLevel.Info, "UPS: " + ups.Config);
            if (!_customShutdownAction && _config.ShutdownCommand.Count == 0)
                _log.Log(MonitorLogLevel.Warning, "Warning: no shutdown command defined!" + (_config.MinSupplies == 0 ? ", but that is OK for a monitoring-only client." : ""));
            if (_config.NotifyCommand.Count == 0)
                _log.Log(MonitorLogLevel.Info, "Warning: no custom notification command defined, just so you know");
            if (string.IsNullOrEmpty(_config.PowerDownFlag))
            {
                bool primaryFed = _ups.Any(u => u.Config.Role == MonitorRole.Primary && u.Config.PowerValue > 0);
                _log.Log(primaryFed ? MonitorLogLevel.Warning : MonitorLogLevel.Info,
                    "No POWERDOWNFLAG value was configured" + (primaryFed ? "; this host is primary for a UPS that feeds it, so the UPS will not be powered off after shutdown!" : "!"));
                return;
            }
            try
            {
                var check = PowerDownFlagFile.CheckAtStartup(_config.PowerDownFlag!);
                if (check == PowerDownFlagFile.StartupCheck.ForeignContent)
                {
                    _powerDownFlagEnabled = false;
                    _log.Log(MonitorLogLevel.Error, $"POWERDOWNFLAG ({_config.PowerDownFlag}) does not contain the upsmon magic string (not a NUT file) - disabling!");
                }
                else if (check == PowerDownFlagFile.StartupCheck.RemovedStale)
                {
                    _log.Log(MonitorLogLevel.Info, $"Removed stale POWERDOWNFLAG file {_config.PowerDownFlag}");
                }
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                _log.Log(MonitorLogLevel.Error, $"POWERDOWNFLAG ({_config.PowerDownFlag}) could not be checked: {ex.Message}");
            }
        }

        // ---- notifications -------------------------------------------------------------------

        private void Notify(NotifyType type, UpsState? ups, string? extra)
        {
            var config = _config;
            string system = ups?.System ?? string.Empty;
            // UPS-less events with a detail (the time jump) put the detail in the only %s.
            string message = ups == null && extra != null
                ? NotificationMessageFormatter.Format(config.GetMessageTemplate(type), extra, null)
                : NotificationMessageFormatter.Format(config.GetMessageTemplate(type), system, extra);
            var notification = new UpsNotification(type, system, message, _clock.UtcNow, config.GetFlags(type), extra, ups?.Variables());
            try
            {
                _sink.Notify(notification);
            }
            catch (Exception ex)
            {
                _log.Log(MonitorLogLevel.Error, $"Notification sink failed for {type}: {ex.Message}");
            }
        }

        // ---- polling --------------------------------------------------------------------------

        private async Task PollAllAsync(CancellationToken ct)
        {
            foreach (var ups in _ups.ToList())
            {
                if (ct.IsCancellationRequested) return;
                try
                {
                    await PollOneAsync(ups, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        private async Task PollOneAsync(UpsState ups, CancellationToken ct)
        {
            if (ups.Connection == null || !ups.Connection.IsConnected)
            {
                string? error = await TryConnectAsync(ups, ct).ConfigureAwait(false);
                if (error != null)
                {
                    CommFailed(ups, NowSeconds(), error);
                    return;
                }
            }
            var conn = ups.Connection!;
            string upsName = ups.Name.UpsName;
            string status;
            try
            {
                status = await conn.GetVariableAsync(upsName, "ups.status", ct).ConfigureAwait(false);
            }
            catch (UpsCommandException ex)
            {
                CommFailed(ups, NowSeconds(), "ERR " + ex.ErrorCode);
                return;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                CommFailed(ups, NowSeconds(), ex.Message);
                Disconnect(ups);
                return;
            }
            if (string.IsNullOrWhiteSpace(status))
            {
                CommFailed(ups, NowSeconds(), "empty status");
                return;
            }

            string? buzz = await TryGetOptionalAsync(ups, "ups.mode.buzzwords", ct).ConfigureAwait(false);
            string? expBuzz = await TryGetOptionalAsync(ups, "experimental.ups.mode.buzzwords", ct).ConfigureAwait(false);
            string? alarm = null;
            if (status.Split(' ').Any(t => t.Equals("ALARM", StringComparison.OrdinalIgnoreCase)))
                alarm = await TryGetOptionalAsync(ups, "ups.alarm", ct).ConfigureAwait(false);

            long now = NowSeconds();
            CommOk(ups, now);
            _interpreter.Apply(ups, status, alarm, StatusInterpreter.IsEcoBuzzword(buzz) || StatusInterpreter.IsEcoBuzzword(expBuzz), now);
        }

        private async Task<string?> TryGetOptionalAsync(UpsState ups, string variable, CancellationToken ct)
        {
            var conn = ups.Connection;
            if (conn == null || !conn.IsConnected) return null;
            try
            {
                return await conn.GetVariableAsync(ups.Name.UpsName, variable, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                return null;
            }
        }

        // Returns null on success (connected; login/primary failures are logged but the session is kept).
        private async Task<string?> TryConnectAsync(UpsState ups, CancellationToken ct)
        {
            Disconnect(ups);
            var conn = _factory.Create(ups.Name, _config);
            ups.Connection = conn;
            string upsName = ups.Name.UpsName;
            try
            {
                await conn.ConnectAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                Disconnect(ups);
                return ex is UpsCommandException uce ? "ERR " + uce.ErrorCode : ex.Message;
            }
            try
            {
                await conn.LoginAsync(ups.Config.Username, ups.Config.Password, upsName, ct).ConfigureAwait(false);
                ups.LoggedIn = true;
                _log.Log(MonitorLogLevel.Info, $"Logged into UPS {ups.System}");
            }
            catch (UpsCommandException ex)
            {
                _log.Log(MonitorLogLevel.Error, $"Login on UPS [{ups.System}] failed - got [ERR {ex.ErrorCode}]");
                return null;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                Disconnect(ups);
                return ex.Message;
            }
            if (ups.Config.Role != MonitorRole.Primary) return null;
            try
            {
                await conn.PrimaryAsync(upsName, ct).ConfigureAwait(false);
                ups.PrimaryGranted = true;
            }
            catch (UpsCommandException)
            {
                _log.Log(MonitorLogLevel.Error, $"Primary managerial privileges unavailable on UPS [{ups.System}]");
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                Disconnect(ups);
                return ex.Message;
            }
            return null;
        }

        private static void Disconnect(UpsState ups)
        {
            var conn = ups.Connection;
            ups.Connection = null;
            ups.LoggedIn = false;
            ups.PrimaryGranted = false;
            try { conn?.Dispose(); } catch { /* a broken session may throw on close; nothing to do */ }
        }

        private void CommOk(UpsState ups, long now)
        {
            if (ups.Comm == CommState.Lost) Notify(NotifyType.COMMOK, ups, null);
            ups.Comm = CommState.Ok;
            ups.LastPoll = now;
            ups.PromotedDead = false;
            ups.LastPollError = null;
            ups.PollErrorRepeats = 0;
        }

        private void CommFailed(UpsState ups, long now, string error)
        {
            LogPollFailure(ups, error);
            if (ups.Comm != CommState.Lost)
            {
                ups.Comm = CommState.Lost;
                Notify(NotifyType.COMMBAD, ups, null);
                return;
            }
            if (now - ups.LastPoll >= _config.NoCommWarnTime && now - ups.LastNoCommWarn > _config.NoCommWarnTime)
            {
                ups.LastNoCommWarn = now;
                Notify(NotifyType.NOCOMM, ups, null);
            }
        }

        private void LogPollFailure(UpsState ups, string error)
        {
            bool same = ups.LastPollError == error;
            ups.PollErrorRepeats = same ? ups.PollErrorRepeats + 1 : 0;
            ups.LastPollError = error;
            int max = _config.PollFailLogThrottleMax;
            bool log = max < 0 || !same || (max > 0 && ups.PollErrorRepeats % max == 0);
            if (log) _log.Log(MonitorLogLevel.Error, $"Poll UPS [{ups.System}] failed - {error}");
        }

        // ---- power value ----------------------------------------------------------------------

        private int Recalculate(long now)
        {
            int total = 0;
            foreach (var ups in _ups)
            {
                if (now - ups.LastPoll > _config.DeadTime && ups.Has(UpsFlags.OnBattery))
                {
                    if (!ups.Has(UpsFlags.LowBattery)) ups.PromotedDead = true;
                    ups.Set(UpsFlags.LowBattery);
                }
                ups.CriticalReason = CriticalRule.Evaluate(ups, _config, now, _log);
                if (ups.CriticalReason == null) total += ups.Config.PowerValue;
            }
            return total;
        }

        private int CurrentPowerValue() => _ups.Where(u => u.CriticalReason == null).Sum(u => u.Config.PowerValue);

        private int PollInterval()
        {
            var c = _config;
            bool alert = _ups.Any(u => u.Has(UpsFlags.OnBattery) || u.Has(UpsFlags.Off) || u.Has(UpsFlags.Bypass)
                || u.Has(UpsFlags.Alarm) || (u.Has(UpsFlags.Overload) && c.OverDuration >= 0));
            int interval = alert ? c.PollFreqAlert : c.PollFreq;
            if (c.ObLbDuration > 0 && _ups.Any(u => u.ObLbSince != 0)) interval = Gcd(c.PollFreqAlert, c.ObLbDuration);
            return Math.Max(1, interval);
        }

        private static int Gcd(int a, int b)
        {
            while (b != 0) { int t = a % b; a = b; b = t; }
            return a;
        }

        // ---- sleep / wake -----------------------------------------------------------------------

        private async Task SleepAsync(int seconds, CancellationToken ct)
        {
            CancellationTokenSource wake;
            lock (_gate)
            {
                if (_wake.IsCancellationRequested) { _wake.Dispose(); _wake = new CancellationTokenSource(); }
                wake = _wake;
            }
            if (_userFsd || _pendingReload != null || _suspendPending) return;
            var before = _clock.UtcNow;
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, wake.Token))
            {
                try
                {
                    await _clock.DelayAsync(TimeSpan.FromSeconds(seconds), linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) { }
            }
            double elapsed = (_clock.UtcNow - before).TotalSeconds;
            if (!ct.IsCancellationRequested && _clockJumpSlackSeconds.HasValue && (elapsed > seconds + _clockJumpSlackSeconds.Value || elapsed < 0))
            {
                double jump = elapsed - seconds;
                _log.Log(MonitorLogLevel.Warning, $"Unexpected clock change: slept {elapsed:0.######} s instead of {seconds} s");
                TreatAsWake(jump.ToString("0.000000", CultureInfo.InvariantCulture) + " seconds");
            }
        }

        private void TreatAsWake(string? jump)
        {
            if (jump != null) Notify(NotifyType.SUSPEND_TIMEJUMP_UNEXPECTED, null, jump);
            Notify(NotifyType.SUSPEND_FINISHED, null, null);
            long now = NowSeconds();
            foreach (var ups in _ups)
            {
                ups.Flags = UpsFlags.None;
                ups.LastPoll = now;
                ups.ObLbSince = 0;
                ups.OffSince = 0;
                ups.OffLongEnough = false;
                ups.OverSince = 0;
                ups.PromotedDead = false;
                ups.CriticalReason = null;
            }
        }

        // ---- reload / stop ----------------------------------------------------------------------

        private bool ApplyPendingReload()
        {
            MonitorConfig? next;
            lock (_gate) { next = _pendingReload; _pendingReload = null; }
            if (next == null) return true;
            try
            {
                CheckFatal(next);
            }
            catch (ConfigException ex)
            {
                _log.Log(MonitorLogLevel.Critical, ex.Detail);
                foreach (var ups in _ups) Disconnect(ups);
                return false;
            }
            var states = new List<UpsState>();
            foreach (var m in next.Monitors)
            {
                var existing = _ups.FirstOrDefault(u => u.System == m.System);
                if (existing == null)
                {
                    states.Add(new UpsState(m, UpsSystemName.Parse(m.System)));
                    _log.Log(MonitorLogLevel.Info, "UPS: " + m);
                    continue;
                }
                bool credentialsChanged = existing.Config.Username != m.Username || existing.Config.Password != m.Password;
                bool promoted = existing.Config.Role == MonitorRole.Secondary && m.Role == MonitorRole.Primary;
                if ((credentialsChanged && !existing.LoggedIn) || promoted) Disconnect(existing);
                existing.Config = m;
                states.Add(existing);
            }
            foreach (var gone in _ups.Where(u => !states.Contains(u)))
            {
                _log.Log(MonitorLogLevel.Info, $"No longer monitoring UPS [{gone.System}]");
                LogoutQuietly(gone);
            }
            _ups = states;
            _config = next;
            _interpreter = new StatusInterpreter(_config, Notify, _log);
            return true;
        }

        private async Task StopAsync()
        {
            foreach (var ups in _ups)
            {
                var conn = ups.Connection;
                if (conn != null && conn.IsConnected)
                {
                    try
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                        await conn.LogoutAsync(timeout.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        _log.Log(MonitorLogLevel.Debug, $"LOGOUT from UPS [{ups.System}] failed: {ex.Message}");
                    }
                }
                Disconnect(ups);
            }
            _snapshot = BuildSnapshot(CurrentPowerValue());
        }

        private void LogoutQuietly(UpsState ups)
        {
            var conn = ups.Connection;
            if (conn != null && conn.IsConnected)
            {
                try { conn.LogoutAsync(CancellationToken.None).Wait(TimeSpan.FromSeconds(5)); }
                catch (Exception) { /* best effort */ }
            }
            Disconnect(ups);
        }

        // ---- forced shutdown --------------------------------------------------------------------

        private async Task ForceShutdownAsync(ShutdownTrigger trigger, int total, CancellationToken ct)
        {
            if (Interlocked.Exchange(ref _shutdownStarted, 1) == 1) return;
            var decision = new ShutdownDecision
            {
                Time = _clock.UtcNow,
                Trigger = trigger,
                PowerValueTotal = total,
                MinSupplies = _config.MinSupplies,
                Ups = _ups.Select(SnapshotOf).ToList(),
            };
            Volatile.Write(ref _decision, decision);
            _snapshot = BuildSnapshot(total);
            _log.Log(MonitorLogLevel.Critical, "Shutdown decided: " + decision.Explanation);

            var fsd = new Dictionary<string, string>();
            var primaries = _ups.Where(u => u.Config.Role == MonitorRole.Primary).ToList();
            foreach (var ups in primaries)
            {
                var conn = ups.Connection;
                try
                {
                    if (conn == null || !conn.IsConnected) throw new InvalidOperationException("not connected");
                    await conn.SetForcedShutdownAsync(ups.Name.UpsName, CancellationToken.None).ConfigureAwait(false);
                    fsd[ups.System] = "OK";
                    _log.Log(MonitorLogLevel.Notice, $"Setting FSD on UPS {ups.System}");
                    if (!ups.Has(UpsFlags.Fsd))
                    {
                        ups.Set(UpsFlags.Fsd);
                        Notify(NotifyType.FSD, ups, null);
                    }
                }
                catch (Exception ex)
                {
                    string error = ex is UpsCommandException u ? "ERR " + u.ErrorCode : ex.Message;
                    fsd[ups.System] = error;
                    _log.Log(MonitorLogLevel.Error, $"FSD set on UPS {ups.System} failed: {error}");
                }
            }
            decision.FsdResults = fsd;
            if (primaries.Count > 0) decision.HostSyncOutcome = await SyncSecondariesAsync(primaries).ConfigureAwait(false);
            _snapshot = BuildSnapshot(total);
            await DoShutdownAsync(decision, ct).ConfigureAwait(false);
            _snapshot = BuildSnapshot(total);
        }

        private async Task<string> SyncSecondariesAsync(List<UpsState> primaries)
        {
            long start = NowSeconds();
            bool first = true;
            while (true)
            {
                int max = 0;
                foreach (var ups in primaries)
                {
                    var conn = ups.Connection;
                    if (conn == null || !conn.IsConnected) continue;
                    try
                    {
                        max = Math.Max(max, await conn.GetNumLoginsAsync(ups.Name.UpsName, CancellationToken.None).ConfigureAwait(false));
                    }
                    catch (Exception) { /* errors count as 0 logins */ }
                }
                if (max <= 1) return $"NUMLOGINS {max} (only this host left)";
                long waited = NowSeconds() - start;
                if (waited > _config.HostSync)
                {
                    _log.Log(MonitorLogLevel.Info, "Host sync timer expired, forcing shutdown");
                    return $"HOSTSYNC {_config.HostSync}s expired with NUMLOGINS {max}";
                }
                if (first)
                {
                    Notify(NotifyType.SHUTDOWN_HOSTSYNC, null, null);
                    first = false;
                }
                await _clock.DelayAsync(TimeSpan.FromMilliseconds(250), CancellationToken.None).ConfigureAwait(false);
            }
        }

        private async Task DoShutdownAsync(ShutdownDecision decision, CancellationToken ct)
        {
            const string announce = "Executing automatic power-fail shutdown";
            _log.Log(MonitorLogLevel.Critical, announce);
            try { _sink.Announce(announce); } catch (Exception ex) { _log.Log(MonitorLogLevel.Error, "Announce failed: " + ex.Message); }
            Notify(NotifyType.SHUTDOWN, null, null);
            if (_config.FinalDelay > 0)
                await _clock.DelayAsync(TimeSpan.FromSeconds(_config.FinalDelay), CancellationToken.None).ConfigureAwait(false);

            if (!string.IsNullOrEmpty(_config.PowerDownFlag) && _powerDownFlagEnabled)
            {
                try
                {
                    PowerDownFlagFile.Write(_config.PowerDownFlag!);
                }
                catch (Exception ex)
                {
                    _log.Log(MonitorLogLevel.Error, $"Failed to create power down flag {_config.PowerDownFlag}: {ex.Message}");
                }
            }

            decision.ShutdownActionStarted = _clock.UtcNow;
            try
            {
                await _shutdownAction.ExecuteAsync(decision, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                decision.ShutdownActionError = ex.Message;
                _log.Log(MonitorLogLevel.Error, "Unable to call shutdown command: " + ex.Message);
            }

            await LingerAsync(ct).ConfigureAwait(false);
            foreach (var ups in _ups) Disconnect(ups);
        }

        // SHUTDOWNEXIT: stay logged in (pinging) so a primary keeps waiting for us while the OS shuts down.
        private async Task LingerAsync(CancellationToken ct)
        {
            int limit = _config.ShutdownExit;
            if (limit == 0) return;
            long start = NowSeconds();
            while (!ct.IsCancellationRequested && (limit < 0 || NowSeconds() - start < limit))
            {
                try { await _clock.DelayAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                foreach (var ups in _ups)
                {
                    var conn = ups.Connection;
                    if (conn == null || !conn.IsConnected) continue;
                    try { await conn.GetNumLoginsAsync(ups.Name.UpsName, ct).ConfigureAwait(false); }
                    catch (Exception) { /* only a keep-alive */ }
                }
            }
        }

        // ---- snapshots --------------------------------------------------------------------------

        private UpsStatusSnapshot SnapshotOf(UpsState u) => new UpsStatusSnapshot
        {
            System = u.System,
            Role = u.Config.Role,
            PowerValue = u.Config.PowerValue,
            Status = u.LastStatus,
            Flags = u.Flags,
            CommState = u.Comm,
            Connected = u.Connection?.IsConnected == true,
            LoggedIn = u.LoggedIn,
            LastPoll = u.LastPoll == 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(u.LastPoll),
            LastPollError = u.LastPollError,
            IsCritical = u.CriticalReason != null,
            CriticalReason = u.CriticalReason,
            Alarm = u.AlarmText,
            OtherTokens = u.OtherTokens.Length == 0 ? null : u.OtherTokens,
        };

        private MonitorSnapshot BuildSnapshot(int total, int interval = 0) => new MonitorSnapshot
        {
            Time = _clock.UtcNow,
            Ups = _ups.Select(SnapshotOf).ToList(),
            PowerValueTotal = total,
            MinSupplies = _config.MinSupplies,
            PollIntervalSeconds = interval == 0 ? _config.PollFreq : interval,
            ShutdownDecision = Volatile.Read(ref _decision),
            Cycles = _cycles,
        };
    }
}
