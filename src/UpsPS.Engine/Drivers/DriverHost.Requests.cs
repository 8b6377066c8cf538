using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.DriverSocket;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers
{
    public sealed partial class DriverHost
    {
        /// <summary>
        /// Attaches a server channel: from now on every change is pushed to it, and its requests are
        /// answered until it closes. The returned task completes when the channel is gone.
        /// </summary>
        public Task AttachAsync(IDriverChannel channel, CancellationToken cancellationToken = default)
        {
            var connection = new DriverConnection(channel);
            lock (_gate) _connections.Add(connection);
            return ServeAsync(connection, cancellationToken);
        }

        private async Task ServeAsync(DriverConnection connection, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            var writer = Task.Run(() => connection.WriteLoopAsync(linked.Token));
            try
            {
                while (!linked.IsCancellationRequested)
                {
                    var words = await connection.Peer.ReceiveAsync(linked.Token).ConfigureAwait(false);
                    if (words == null) break;
                    if (!await HandleRequestAsync(connection, words, linked.Token).ConfigureAwait(false)) break;
                }
            }
            catch (OperationCanceledException) { }
            catch (System.IO.IOException) { }
            finally
            {
                lock (_gate) _connections.Remove(connection);
                connection.Complete();
                try { await writer.ConfigureAwait(false); }
                catch (Exception) { /* peer gone while writing */ }
                connection.Dispose();
            }
        }

        /// <summary>Handles one server → driver line; false ends the connection (LOGOUT).</summary>
        private async Task<bool> HandleRequestAsync(DriverConnection connection, IReadOnlyList<string> words, CancellationToken ct)
        {
            if (words.Count == 0) return true;
            switch (words[0].ToUpperInvariant())
            {
                case "DUMPALL":
                    lock (_gate) foreach (var line in BuildDumpLocked()) connection.Enqueue(line);
                    return true;
                case "PING":
                    connection.Enqueue(new[] { "PONG" });
                    return true;
                case "GETPID":
                    connection.Enqueue(new[] { "PID", Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture) });
                    return true;
                case "LOGOUT":
                    connection.Enqueue(new[] { "OK", "Goodbye" });
                    return false;
                case "SET":
                    await HandleSetAsync(connection, words, ct).ConfigureAwait(false);
                    return true;
                case "INSTCMD":
                    await HandleInstCmdAsync(connection, words, ct).ConfigureAwait(false);
                    return true;
                default:
                    WriteLog(DriverLogLevel.Debug, $"Unknown command on socket: {words[0]}");
                    return true;
            }
        }

        /// <summary>The DUMPALL reply, in the exact order of server.md §9.2.</summary>
        public IReadOnlyList<IReadOnlyList<string>> BuildDump()
        {
            lock (_gate) return BuildDumpLocked();
        }

        private List<IReadOnlyList<string>> BuildDumpLocked()
        {
            var lines = new List<IReadOnlyList<string>>();
            if (_stale) lines.Add(new[] { "DATASTALE" });
            foreach (var v in _table.Variables)
            {
                lines.Add(new[] { "SETINFO", v.Name, v.Value });
                foreach (var e in v.Enums) lines.Add(new[] { "ADDENUM", v.Name, e });
                foreach (var r in v.Ranges) lines.Add(new[] { "ADDRANGE", v.Name, Int(r.Min), Int(r.Max) });
                if (v.Aux != 0) lines.Add(new[] { "SETAUX", v.Name, Int(v.Aux) });
                if (v.Flags != VariableFlags.None)
                    lines.Add(new[] { "SETFLAGS", v.Name }.Concat(VariableTable.FormatFlags(v.Flags)).ToArray());
            }
            foreach (var cmd in _table.Commands) lines.Add(new[] { "ADDCMD", cmd });
            if (!_stale) lines.Add(new[] { "DATAOK" });
            lines.Add(new[] { "DUMPDONE" });
            return lines;
        }

        // SET <var> <value> [TRACKING <id>]
        private async Task HandleSetAsync(DriverConnection connection, IReadOnlyList<string> words, CancellationToken ct)
        {
            if (words.Count < 3) return;
            var tracking = ReadTracking(words, 3);
            var result = await SetVariableAsync(words[1], words[2], ct).ConfigureAwait(false);
            if (tracking != null) connection.Enqueue(new[] { "TRACKING", tracking, Int((int)result) });
        }

        // INSTCMD <cmd> [<param>] [TRACKING <id>]
        private async Task HandleInstCmdAsync(DriverConnection connection, IReadOnlyList<string> words, CancellationToken ct)
        {
            if (words.Count < 2) return;
            string? parameter = null;
            string? tracking = null;
            if (words.Count >= 4 && words[2] == "TRACKING") tracking = words[3];
            else
            {
                if (words.Count >= 3) parameter = words[2];
                tracking = ReadTracking(words, 3);
            }
            var result = await InstantCommandAsync(words[1], parameter, ct).ConfigureAwait(false);
            if (tracking != null) connection.Enqueue(new[] { "TRACKING", tracking, Int((int)result) });
        }

        private static string? ReadTracking(IReadOnlyList<string> words, int index) =>
            words.Count >= index + 2 && words[index] == "TRACKING" ? words[index + 1] : null;

        /// <summary>A write request, as the server sends it: built-in driver.* variables first, then the driver.</summary>
        public async Task<DriverResult> SetVariableAsync(string name, string value, CancellationToken cancellationToken = default)
        {
            if (string.Equals(name, "driver.debug", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) || level < 0)
                    return DriverResult.Invalid;
                DebugLevel = level;
                if (_options.PublishCoreCommands) SetInfo("driver.debug", Int(level));
                return DriverResult.Handled;
            }
            if (string.Equals(name, "driver.flag.allow_killpower", StringComparison.OrdinalIgnoreCase))
            {
                if (value != "0" && value != "1") return DriverResult.Invalid;
                AllowKillpower = value == "1";
                SetInfo("driver.flag.allow_killpower", value);
                return DriverResult.Handled;
            }
            await _driverGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { return await Driver.SetVariableAsync(name, value, cancellationToken).ConfigureAwait(false); }
            finally { _driverGate.Release(); }
        }

        /// <summary>An instant command: driver.* built-ins first, then the driver.</summary>
        public async Task<DriverResult> InstantCommandAsync(string command, string? parameter, CancellationToken cancellationToken = default)
        {
            switch (command.ToLowerInvariant())
            {
                case "driver.killpower":
                    if (!AllowKillpower)
                    {
                        WriteLog(DriverLogLevel.Warning, "driver.killpower is not allowed (set the allow_killpower flag)");
                        return DriverResult.Invalid;
                    }
                    break; // the driver decides whether it can cut the power
                case "driver.exit":
                    ControlRequested?.Invoke(this, new DriverControlEventArgs(command));
                    _stopping.Cancel();
                    return DriverResult.Handled;
                case "driver.reload":
                case "driver.reload-or-error":
                case "driver.reload-or-exit":
                    ControlRequested?.Invoke(this, new DriverControlEventArgs(command));
                    return DriverResult.Handled;
            }
            await _driverGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { return await Driver.InstantCommandAsync(command, parameter, cancellationToken).ConfigureAwait(false); }
            finally { _driverGate.Release(); }
        }
    }
}
