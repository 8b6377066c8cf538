using UpsPS.Engine.Protocol;
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.DriverSocket;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Server
{
    public enum DeviceAvailability { Available, DriverNotConnected, DataStale }

    /// <summary>
    /// upsd's view of one UPS: the copy of the driver's variables and commands kept up to date from the driver
    /// socket protocol (server.md §4, §9), connection/staleness machinery, login counter and FSD latch.
    /// State changes happen under <see cref="ServerState.Gate"/>; the reader and writer loops take it themselves.
    /// </summary>
    public sealed class ServerDevice
    {
        private static readonly TimeSpan ConnectErrorLogInterval = TimeSpan.FromSeconds(300);

        private readonly ServerState _state;
        private readonly IDriverConnector _connector;
        private IDriverChannel? _channel;
        private Channel<IReadOnlyList<string>>? _outgoing;
        private int _generation;
        private DateTime _lastConnectErrorLog = DateTime.MinValue;

        public ServerDevice(ServerState state, string name, string? description, IDriverConnector connector)
        {
            _state = state;
            _connector = connector;
            Name = name;
            Description = description;
        }

        /// <summary>Configured spelling of the name.</summary>
        public string Name { get; }
        public string? Description { get; set; }
        public string Location => _connector.Location;

        public VariableTable Variables { get; } = new VariableTable();

        public bool IsConnected { get; private set; }
        public bool IsConnecting { get; private set; }
        public bool DumpDone { get; private set; }
        public bool DataOk { get; private set; }
        public DateTime LastHeard { get; private set; }
        public DateTime LastPing { get; private set; }

        /// <summary>Stale state as last reported in the log (for transition messages).</summary>
        public bool StaleLogged { get; private set; }

        public int NumLogins { get; internal set; }

        /// <summary>FSD latch: set by the FSD command, survives driver reconnects, never cleared.</summary>
        public bool ForcedShutdown { get; internal set; }

        /// <summary>Raised (outside the gate) after a driver line was applied, with the line.</summary>
        public event Action<ServerDevice, IReadOnlyList<string>>? DriverLine;

        /// <summary>2.8.0 rule: stale when the driver said DATASTALE after its dump, or nothing heard for more than MAXAGE.</summary>
        public bool IsStale(DateTime now)
        {
            if (!IsConnected) return true;
            var elapsed = (long)Math.Floor((now - LastHeard).TotalSeconds);
            return (DumpDone && !DataOk) || elapsed > _state.Config.MaxAge;
        }

        public DeviceAvailability Availability(DateTime now) =>
            !IsConnected ? DeviceAvailability.DriverNotConnected
            : IsStale(now) ? DeviceAvailability.DataStale
            : DeviceAvailability.Available;

        /// <summary>ups.status as clients see it in GET VAR / LIST VAR: with the "FSD " prefix when latched.</summary>
        public string? StatusWithFsd()
        {
            var status = Variables.GetValue("ups.status");
            return status == null ? null : ForcedShutdown ? "FSD " + status : status;
        }

        /// <summary>Queues one line for the driver (SET/INSTCMD relay, PING). False when not connected.</summary>
        public bool Relay(IReadOnlyList<string> words)
        {
            var q = _outgoing;
            return IsConnected && q != null && q.Writer.TryWrite(words);
        }

        /// <summary>Connects to the driver if not connected (one attempt). Failures are logged at most every 300 s.</summary>
        public async Task ConnectAsync(CancellationToken cancellationToken = default)
        {
            lock (_state.Gate)
            {
                if (IsConnected || IsConnecting) return;
                IsConnecting = true;
            }
            IDriverChannel channel;
            try
            {
                channel = await _connector.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                lock (_state.Gate)
                {
                    IsConnecting = false;
                    var now = _state.Now;
                    if (now - _lastConnectErrorLog >= ConnectErrorLogInterval)
                    {
                        _lastConnectErrorLog = now;
                        _state.Log.Write(ServerLogLevel.Warning, $"Can't connect to UPS [{Name}] ({Location}): {ex.Message}");
                    }
                }
                return;
            }

            Channel<IReadOnlyList<string>> outgoing;
            int generation;
            lock (_state.Gate)
            {
                IsConnecting = false;
                generation = ++_generation;
                _channel = channel;
                outgoing = Channel.CreateUnbounded<IReadOnlyList<string>>(new UnboundedChannelOptions { SingleReader = true });
                _outgoing = outgoing;
                Variables.Clear();
                Variables.SetInfo("ups.status", "WAIT");
                DumpDone = false;
                DataOk = false;
                StaleLogged = false;
                LastHeard = _state.Now;
                LastPing = LastHeard;
                IsConnected = true;
                _lastConnectErrorLog = DateTime.MinValue;
                _state.Log.Write(ServerLogLevel.Info, $"Connected to UPS [{Name}]: {Location}");
                outgoing.Writer.TryWrite(new[] { "DUMPALL" });
            }
            _ = Task.Run(() => WriteLoopAsync(channel, outgoing, generation));
            _ = Task.Run(() => ReadLoopAsync(channel, generation));
        }

        /// <summary>Drops the driver connection (driver loss): data flushed, device not connected.</summary>
        public void Disconnect() => Drop(_generation, null);

        /// <summary>One loop pass for this device (caller holds the gate): PING when quiet, stale transition logs.
        /// Returns true when the device needs a reconnect attempt.</summary>
        public bool Maintain(DateTime now)
        {
            if (!IsConnected) return !IsConnecting;
            var third = _state.Config.MaxAge / 3;
            if ((now - LastHeard).TotalSeconds > third && (now - LastPing).TotalSeconds > third)
            {
                LastPing = now;
                Relay(new[] { "PING" });
            }
            var stale = IsStale(now);
            if (stale && !StaleLogged)
            {
                StaleLogged = true;
                _state.Log.Write(ServerLogLevel.Warning, $"Data for UPS [{Name}] is stale - check driver");
            }
            else if (!stale && StaleLogged)
            {
                StaleLogged = false;
                _state.Log.Write(ServerLogLevel.Notice, $"UPS [{Name}] data is no longer stale");
            }
            return false;
        }

        private async Task ReadLoopAsync(IDriverChannel channel, int generation)
        {
            try
            {
                while (true)
                {
                    var words = await channel.ReceiveAsync().ConfigureAwait(false);
                    if (words == null) break;
                    lock (_state.Gate)
                    {
                        if (generation != _generation) return;
                        Apply(words, _state.Now);
                    }
                    DriverLine?.Invoke(this, words);
                }
            }
            catch (Exception ex)
            {
                Drop(generation, ex.Message);
                return;
            }
            Drop(generation, null);
        }

        private async Task WriteLoopAsync(IDriverChannel channel, Channel<IReadOnlyList<string>> outgoing, int generation)
        {
            try
            {
                while (await outgoing.Reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (outgoing.Reader.TryRead(out var words))
                        await channel.SendAsync(words).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                Drop(generation, ex.Message);
            }
        }

        private void Drop(int generation, string? reason)
        {
            IDriverChannel? channel;
            lock (_state.Gate)
            {
                if (generation != _generation || !IsConnected) return;
                channel = _channel;
                _channel = null;
                _outgoing?.Writer.TryComplete();
                _outgoing = null;
                IsConnected = false;
                DumpDone = false;
                DataOk = false;
                Variables.Clear();
                _state.Log.Write(ServerLogLevel.Warning,
                    reason == null ? $"Driver connection for UPS [{Name}] lost" : $"Driver connection for UPS [{Name}] lost: {reason}");
            }
            try { channel?.Dispose(); } catch { /* already gone */ }
        }

        /// <summary>Applies one driver→server line (caller holds the gate). Returns false for unrecognised lines,
        /// which do not count as hearing from the driver.</summary>
        internal bool Apply(IReadOnlyList<string> a, DateTime now)
        {
            if (a.Count < 1) return false;
            var cmd = a[0].ToUpperInvariant();
            var recognised = true;
            switch (cmd)
            {
                case "PONG": break;
                case "DUMPDONE": DumpDone = true; break;
                case "DATAOK": DataOk = true; break;
                case "DATASTALE": DataOk = false; break;
                default: recognised = ApplyWithArgs(cmd, a); break;
            }
            if (recognised) LastHeard = now;
            return recognised;
        }

        private bool ApplyWithArgs(string cmd, IReadOnlyList<string> a)
        {
            if (a.Count < 2) return false;
            var name = a[1];
            switch (cmd)
            {
                case "DELINFO": Variables.DelInfo(name); return true;
                case "ADDCMD": Variables.AddCommand(name); return true;
                case "DELCMD": Variables.DelCommand(name); return true;
                case "SETFLAGS":
                    Variables.SetFlags(name, VariableTable.ParseFlags(Skip(a, 2)));
                    return true;
                case "PID": return true;
            }
            if (a.Count < 3) return false;
            var value = a[2];
            switch (cmd)
            {
                case "SETINFO": Variables.SetInfo(name, value); return true;
                case "SETAUX":
                    if (RequireBase(name)) Variables.SetAux(name, CNumber.Atoi(value));
                    return true;
                case "ADDENUM":
                    if (RequireBase(name)) Variables.AddEnum(name, value);
                    return true;
                case "DELENUM":
                    if (RequireBase(name)) Variables.DelEnum(name, value);
                    return true;
                case "TRACKING":
                    var status = CNumber.Atoi(value);
                    if (_state.Tracking.SetResult(name, status))
                        _state.Log.Write(ServerLogLevel.Info, $"tracking ID: {name}\tresult: {TrackingTable.MapStatus(status)}");
                    return true;
            }
            if (a.Count < 4) return false;
            switch (cmd)
            {
                case "ADDRANGE":
                    if (RequireBase(name)) Variables.AddRange(name, CNumber.Atoi(value), CNumber.Atoi(a[3]));
                    return true;
                case "DELRANGE":
                    if (RequireBase(name)) Variables.DelRange(name, CNumber.Atoi(value), CNumber.Atoi(a[3]));
                    return true;
            }
            return false;
        }

        private bool RequireBase(string name)
        {
            if (Variables.Get(name) != null) return true;
            _state.Log.Write(ServerLogLevel.Warning, $"base variable ({name}) does not exist");
            return false;
        }

        private static IEnumerable<string> Skip(IReadOnlyList<string> a, int from)
        {
            for (var i = from; i < a.Count; i++) yield return a[i];
        }
    }
}
