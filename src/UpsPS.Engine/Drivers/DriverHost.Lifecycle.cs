using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers
{
    public sealed partial class DriverHost
    {
        /// <summary>Publishes the driver.* variables, applies default./override. and initialises the driver.</summary>
        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (_started) return;
            _started = true;
            PublishCoreVariables();
            await _driverGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { await Driver.InitializeAsync(this, cancellationToken).ConfigureAwait(false); }
            finally { _driverGate.Release(); }
        }

        /// <summary>
        /// Starts (if needed) and runs the poll loop until cancelled or driver.exit: one update right away,
        /// then one every poll interval measured from the previous update's start, like NUT's main loop.
        /// </summary>
        public async Task RunAsync(CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            var token = linked.Token;
            try
            {
                await StartAsync(token).ConfigureAwait(false);
                var next = Clock.UtcNow;
                while (!token.IsCancellationRequested)
                {
                    await PollOnceAsync(token).ConfigureAwait(false);
                    var interval = Driver.PollInterval > TimeSpan.Zero ? Driver.PollInterval : ConfiguredPollInterval;
                    next += interval;
                    var now = Clock.UtcNow;
                    if (next < now) next = now;
                    await Clock.DelayAsync(next - now, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
        }

        /// <summary>Runs one driver update (serialised with SET/INSTCMD handling).</summary>
        public async Task PollOnceAsync(CancellationToken cancellationToken = default)
        {
            await _driverGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { await Driver.UpdateAsync(cancellationToken).ConfigureAwait(false); }
            finally { _driverGate.Release(); }
        }

        /// <summary>Stops <see cref="RunAsync"/> (driver.exit does the same).</summary>
        public void Stop() => _stopping.Cancel();

        private void PublishCoreVariables()
        {
            var sent = new List<IReadOnlyList<string>>();
            lock (_gate)
            {
                SetInfoLocked("driver.name", DriverName, sent);
                SetInfoLocked("driver.version", EngineVersion, sent);
                SetInfoLocked("driver.version.internal", _options.InternalVersion, sent);
                SetInfoLocked("device.type", "ups", sent);

                foreach (var option in Section.Options)
                {
                    if (option.IsFlag)
                    {
                        if (option.Key == "allow_killpower") continue;
                        SetInfoLocked("driver.flag." + option.Key, "enabled", sent);
                        continue;
                    }
                    if (!IsPublishedParameter(option.Key)) continue;
                    SetInfoLocked("driver.parameter." + option.Key, option.Value!, sent);
                }
                if (Section.GetValue("pollinterval") == null)
                    SetInfoLocked("driver.parameter.pollinterval", ((int)ConfiguredPollInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture), sent);
                if (Section.GetValue("synchronous") == null)
                    SetInfoLocked("driver.parameter.synchronous", "auto", sent);

                if (AllowKillpower || _options.PublishCoreCommands)
                {
                    SetInfoLocked("driver.flag.allow_killpower", AllowKillpower ? "1" : "0", sent);
                    SetFlagsLocked("driver.flag.allow_killpower", VariableFlags.ReadWrite | VariableFlags.Number, sent);
                }
                if (_options.PublishCoreCommands)
                {
                    SetInfoLocked("driver.debug", DebugLevel.ToString(CultureInfo.InvariantCulture), sent);
                    SetFlagsLocked("driver.debug", VariableFlags.ReadWrite | VariableFlags.Number, sent);
                    foreach (var cmd in CoreCommands)
                        if (_table.AddCommand(cmd)) Broadcast(new[] { "ADDCMD", cmd }, sent);
                }

                foreach (var option in Section.Options)
                {
                    if (option.IsFlag) continue;
                    if (option.Key.StartsWith("default.", StringComparison.OrdinalIgnoreCase))
                        SetInfoLocked(option.Key.Substring("default.".Length), option.Value!, sent);
                }
                foreach (var option in Section.Options)
                {
                    if (option.IsFlag) continue;
                    if (!option.Key.StartsWith("override.", StringComparison.OrdinalIgnoreCase)) continue;
                    var name = option.Key.Substring("override.".Length);
                    SetInfoLocked(name, option.Value!, sent);
                    _overridden.Add(name);
                }
            }
            Raise(sent);
        }

        private void SetFlagsLocked(string name, VariableFlags flags, List<IReadOnlyList<string>> sent)
        {
            if (!_table.SetFlags(name, flags)) return;
            var words = new List<string> { "SETFLAGS", name };
            words.AddRange(VariableTable.FormatFlags(flags));
            Broadcast(words, sent);
        }

        private bool IsPublishedParameter(string key)
        {
            if (DriverCoreKeys.ValueKeys.Contains(key)) return DriverCoreKeys.PublishedValueKeys.Contains(key);
            return !_secretKeys.Contains(key);
        }

        internal static readonly string[] CoreCommands =
        {
            "driver.killpower", "driver.reload", "driver.reload-or-error", "driver.reload-or-exit",
        };
    }
}
