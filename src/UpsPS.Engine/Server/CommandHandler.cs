using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using UpsPS.Engine.Config;
using UpsPS.Engine.Protocol;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Server
{
    /// <summary>
    /// upsd's network commands (net-protocol.md §4-§7) as a pure function of the server state, the session and the
    /// tokenized words of one request line. The caller holds <see cref="ServerState.Gate"/>.
    /// </summary>
    /// <remarks>
    /// Replies are always sent whole. upsd 2.8.0 formats replies into a 512-byte buffer and cuts longer ones
    /// (losing the LF); UpsPS deliberately does not reproduce that (see docs/differences-from-nut.md).
    /// </remarks>
    public sealed class CommandHandler
    {
        public const string ProtocolVersion = "1.3";
        public const string HelpText = "Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME PASSWORD STARTTLS";

        private readonly ServerState _state;

        public CommandHandler(ServerState state) { _state = state; }

        public CommandReply Handle(ClientSession session, IReadOnlyList<string> words)
        {
            var reply = HandleCommand(session, words);
            return IsPrivileged(words) && session.Username != null && session.Password != null ? Throttle(session, reply) : reply;
        }

        private static bool IsPrivileged(IReadOnlyList<string> words)
        {
            if (words.Count == 0) return false;
            switch (words[0].ToUpperInvariant())
            {
                case "LOGIN": case "PRIMARY": case "MASTER": case "FSD": case "SET": case "INSTCMD": return true;
                default: return false;
            }
        }

        // Bad credentials surface only as ACCESS-DENIED at a privileged command (like upsd); that is where failures are
        // logged (address and user, never the password) and counted.
        private CommandReply Throttle(ClientSession s, CommandReply reply)
        {
            var now = _state.Now;
            if (_state.Users.IsValidLogin(s.Username, s.Password))
            {
                var delay = _state.LoginThrottle.DelayFor(s.PeerAddress, now);
                _state.LoginThrottle.RecordSuccess(s.PeerAddress);
                return reply.WithDelay(delay);
            }
            if (reply.Text.StartsWith("ERR ACCESS-DENIED", StringComparison.Ordinal) && !s.FailureCounted)
            {
                s.FailureCounted = true;
                var count = _state.LoginThrottle.RecordFailure(s.PeerAddress, now);
                _state.Log.Write(ServerLogLevel.Warning,
                    $"Failed login: user '{s.Username}' from {s.PeerAddress} (unknown user or wrong password; {count} recent failure(s) from this address)");
            }
            return reply.WithDelay(_state.LoginThrottle.DelayFor(s.PeerAddress, now));
        }

        private CommandReply HandleCommand(ClientSession session, IReadOnlyList<string> words)
        {
            if (words.Count == 0) return Err("UNKNOWN-COMMAND");
            var args = new ArraySegmentList(words, 1);
            switch (words[0].ToUpperInvariant())
            {
                case "VER": return args.Count != 0 ? InvalidArgument : CommandReply.Line(_state.VersionLine);
                case "NETVER":
                case "PROTVER": return args.Count != 0 ? InvalidArgument : CommandReply.Line(ProtocolVersion);
                case "HELP": return args.Count != 0 ? InvalidArgument : CommandReply.Line(HelpText);
                case "STARTTLS": return StartTls(session);
                case "GET": return Get(session, args);
                case "LIST": return List(args);
                case "USERNAME": return Username(session, args);
                case "PASSWORD": return Password(session, args);
                case "LOGOUT": return Logout(session, args);
                case "LOGIN": return RequireCredentials(session) ?? Login(session, args);
                case "PRIMARY": return RequireCredentials(session) ?? Primary(session, args, "PRIMARY");
                case "MASTER": return RequireCredentials(session) ?? Primary(session, args, "MASTER");
                case "FSD": return RequireCredentials(session) ?? Fsd(session, args);
                case "SET": return RequireCredentials(session) ?? Set(session, args);
                case "INSTCMD": return RequireCredentials(session) ?? InstCmd(session, args);
                default: return Err("UNKNOWN-COMMAND");
            }
        }

        private static readonly CommandReply InvalidArgument = CommandReply.Error("INVALID-ARGUMENT");

        private static CommandReply Err(string code) => CommandReply.Error(code);

        // Only presence is checked here; the credentials are validated by each privileged handler.
        private static CommandReply? RequireCredentials(ClientSession s)
        {
            if (s.Username == null) return Err("USERNAME-REQUIRED");
            if (s.Password == null) return Err("PASSWORD-REQUIRED");
            return null;
        }

        private CommandReply StartTls(ClientSession s)
        {
            if (s.IsTls) return Err("ALREADY-SSL-MODE");
            if (!_state.TlsAvailable) return Err("FEATURE-NOT-CONFIGURED");
            return new CommandReply("OK STARTTLS\n", startTls: true);
        }

        private static CommandReply Username(ClientSession s, IReadOnlyList<string> a)
        {
            if (a.Count != 1) return InvalidArgument;
            if (s.Username != null) return Err("ALREADY-SET-USERNAME");
            s.Username = a[0];
            return CommandReply.Line("OK");
        }

        private static CommandReply Password(ClientSession s, IReadOnlyList<string> a)
        {
            if (a.Count != 1) return InvalidArgument;
            if (s.Password != null) return Err("ALREADY-SET-PASSWORD");
            s.Password = a[0];
            return CommandReply.Line("OK");
        }

        private CommandReply Logout(ClientSession s, IReadOnlyList<string> a)
        {
            if (a.Count != 0) return InvalidArgument;
            if (s.LoggedInto != null)
                _state.Log.Write(ServerLogLevel.Info, $"User {s.LogName} logged out from UPS [{s.LoggedInto.Name}]");
            return new CommandReply("OK Goodbye\n", closeAfter: true);
        }

        private CommandReply Login(ClientSession s, IReadOnlyList<string> a)
        {
            if (a.Count != 1) return InvalidArgument;
            if (s.LoggedInto != null)
            {
                _state.Log.Write(ServerLogLevel.Notice, $"Client {s.LogName} tried to login twice");
                return Err("ALREADY-LOGGED-IN");
            }
            var ups = _state.FindDevice(a[0]);
            if (ups == null) return Err("UNKNOWN-UPS");
            if (!_state.Users.HasAction(s.Username, s.Password, "LOGIN")) return Err("ACCESS-DENIED");
            ups.NumLogins++;
            s.LoggedInto = ups;
            _state.Log.Write(ServerLogLevel.Info, $"User {s.LogName} logged into UPS [{ups.Name}]{(s.IsTls ? " (SSL)" : "")}");
            return CommandReply.Line("OK");
        }

        private CommandReply Primary(ClientSession s, IReadOnlyList<string> a, string keyword)
        {
            if (a.Count != 1) return InvalidArgument;
            if (_state.FindDevice(a[0]) == null) return Err("UNKNOWN-UPS");
            var users = _state.Users;
            if (!users.HasAction(s.Username, s.Password, "PRIMARY") && !users.HasAction(s.Username, s.Password, "MASTER"))
                return Err("ACCESS-DENIED");
            return CommandReply.Line($"OK {keyword}-GRANTED");
        }

        private CommandReply Fsd(ClientSession s, IReadOnlyList<string> a)
        {
            if (a.Count != 1) return InvalidArgument;
            var ups = _state.FindDevice(a[0]);
            if (ups == null) return Err("UNKNOWN-UPS");
            if (!_state.Users.HasAction(s.Username, s.Password, "FSD")) return Err("ACCESS-DENIED");
            _state.Log.Write(ServerLogLevel.Notice, $"Client {s.LogName} set FSD on UPS [{ups.Name}]");
            ups.ForcedShutdown = true;
            return CommandReply.Line("OK FSD-SET");
        }

        // ---- GET ----------------------------------------------------------------------------------------

        private CommandReply Get(ClientSession s, IReadOnlyList<string> a)
        {
            if (a.Count < 1) return InvalidArgument;
            var sub = a[0].ToUpperInvariant();
            if (sub == "TRACKING") return GetTracking(s, a);
            if (a.Count < 2) return InvalidArgument;
            switch (sub)
            {
                case "NUMLOGINS":
                {
                    var error = FindAvailable(a[1], out var ups);
                    if (error != null) return error;
                    return CommandReply.Line($"NUMLOGINS {a[1]} {ups.NumLogins.ToString(CultureInfo.InvariantCulture)}");
                }
                case "UPSDESC":
                {
                    var ups = _state.FindDevice(a[1]);
                    if (ups == null) return Err("UNKNOWN-UPS");
                    return CommandReply.Line($"UPSDESC {a[1]} {NutEncoding.Quote(ups.Description ?? "Unavailable")}");
                }
            }
            if (a.Count < 3) return InvalidArgument;
            switch (sub)
            {
                case "VAR": return GetVar(a[1], a[2]);
                case "TYPE": return GetType(a[1], a[2]);
                case "DESC": return GetDescription("DESC", a[1], a[2], _state.Descriptions.Variable);
                case "CMDDESC": return GetDescription("CMDDESC", a[1], a[2], _state.Descriptions.Command);
                default: return InvalidArgument;
            }
        }

        private CommandReply GetTracking(ClientSession s, IReadOnlyList<string> a)
        {
            if (a.Count < 2) return CommandReply.Line(s.TrackingEnabled ? "ON" : "OFF");
            if (!s.TrackingEnabled) return Err("FEATURE-NOT-CONFIGURED");
            return CommandReply.Line(_state.Tracking.Reply(a[1]));
        }

        private CommandReply GetVar(string upsName, string varName)
        {
            if (varName.StartsWith("server.", StringComparison.OrdinalIgnoreCase))
            {
                // upsd answers these itself and echoes the canonical lower-case name, not the name as sent.
                if (string.Equals(varName, "server.info", StringComparison.OrdinalIgnoreCase))
                    return CommandReply.Line($"VAR {upsName} server.info {NutEncoding.Quote(_state.VersionLine)}");
                if (string.Equals(varName, "server.version", StringComparison.OrdinalIgnoreCase))
                    return CommandReply.Line($"VAR {upsName} server.version {NutEncoding.Quote(_state.Version)}");
                return Err("VAR-NOT-SUPPORTED");
            }
            var error = FindVariable(upsName, varName, out var ups, out var v);
            if (error != null) return error;
            return CommandReply.Line($"VAR {upsName} {varName} {NutEncoding.Quote(DisplayValue(ups, v.Name, v.Value))}");
        }

        private CommandReply GetType(string upsName, string varName)
        {
            var error = FindVariable(upsName, varName, out var ups, out var v);
            if (error != null) return error;
            var sb = new StringBuilder("TYPE ").Append(upsName).Append(' ').Append(varName);
            if (v.IsWritable) sb.Append(" RW");
            if (v.Enums.Count > 0) sb.Append(" ENUM");
            if (v.Ranges.Count > 0) sb.Append(" RANGE");
            if (v.IsString) sb.Append(" STRING:").Append(v.Aux.ToString(CultureInfo.InvariantCulture));
            else sb.Append(" NUMBER");
            return CommandReply.Line(sb.ToString());
        }

        // The description is inserted as is (upsd does not encode it); the name is not checked against the device.
        private CommandReply GetDescription(string keyword, string upsName, string name, Func<string, string> lookup)
        {
            var error = FindAvailable(upsName, out var ups);
            if (error != null) return error;
            return CommandReply.Line($"{keyword} {upsName} {name} \"{lookup(name)}\"");
        }

        // ---- LIST ---------------------------------------------------------------------------------------

        private CommandReply List(IReadOnlyList<string> a)
        {
            if (a.Count < 1) return InvalidArgument;
            var sub = a[0].ToUpperInvariant();
            if (sub == "UPS") return ListUps();
            if (a.Count < 2) return InvalidArgument;
            switch (sub)
            {
                case "VAR": return ListVariables("VAR", a[1], rwOnly: false);
                case "RW": return ListVariables("RW", a[1], rwOnly: true);
                case "CMD": return ListCommands(a[1]);
                case "CLIENT": return ListClients(a[1]);
            }
            if (a.Count < 3) return InvalidArgument;
            switch (sub)
            {
                case "ENUM": return ListEnum(a[1], a[2]);
                case "RANGE": return ListRange(a[1], a[2]);
                default: return InvalidArgument;
            }
        }

        private static CommandReply Block(string query, StringBuilder items) =>
            new CommandReply($"BEGIN LIST {query}\n{items}END LIST {query}\n");

        private CommandReply ListUps()
        {
            var sb = new StringBuilder();
            foreach (var d in _state.Devices)
                sb.Append("UPS ").Append(d.Name).Append(' ').Append(NutEncoding.Quote(d.Description ?? "Description unavailable")).Append('\n');
            return Block("UPS", sb);
        }

        private CommandReply ListVariables(string keyword, string upsName, bool rwOnly)
        {
            var error = FindAvailable(upsName, out var ups);
            if (error != null) return error;
            var sb = new StringBuilder();
            foreach (var v in ups.Variables.Variables)
            {
                if (rwOnly && !v.IsWritable) continue;
                var value = rwOnly ? v.Value : DisplayValue(ups, v.Name, v.Value);
                sb.Append(keyword).Append(' ').Append(upsName).Append(' ').Append(v.Name).Append(' ').Append(NutEncoding.Quote(value)).Append('\n');
            }
            return Block($"{keyword} {upsName}", sb);
        }

        private CommandReply ListCommands(string upsName)
        {
            var error = FindAvailable(upsName, out var ups);
            if (error != null) return error;
            var sb = new StringBuilder();
            foreach (var c in ups.Variables.Commands) sb.Append("CMD ").Append(upsName).Append(' ').Append(c).Append('\n');
            return Block($"CMD {upsName}", sb);
        }

        private CommandReply ListClients(string upsName)
        {
            var ups = _state.FindDevice(upsName);
            if (ups == null) return Err("UNKNOWN-UPS");
            var sb = new StringBuilder();
            var sessions = _state.Sessions;
            for (var i = sessions.Count - 1; i >= 0; i--)
                if (sessions[i].LoggedInto == ups)
                    sb.Append("CLIENT ").Append(ups.Name).Append(' ').Append(sessions[i].PeerAddress).Append('\n');
            return Block($"CLIENT {upsName}", sb);
        }

        private CommandReply ListEnum(string upsName, string varName)
        {
            var error = FindVariable(upsName, varName, out var ups, out var v);
            if (error != null) return error;
            var sb = new StringBuilder();
            foreach (var e in v.Enums)
                sb.Append("ENUM ").Append(upsName).Append(' ').Append(varName).Append(' ').Append(NutEncoding.Quote(e)).Append('\n');
            return Block($"ENUM {upsName} {varName}", sb);
        }

        private CommandReply ListRange(string upsName, string varName)
        {
            var error = FindVariable(upsName, varName, out var ups, out var v);
            if (error != null) return error;
            var sb = new StringBuilder();
            foreach (var r in v.Ranges)
                sb.Append("RANGE ").Append(upsName).Append(' ').Append(varName)
                  .Append(" \"").Append(r.Min.ToString(CultureInfo.InvariantCulture)).Append("\" \"")
                  .Append(r.Max.ToString(CultureInfo.InvariantCulture)).Append("\"\n");
            return Block($"RANGE {upsName} {varName}", sb);
        }

        // ---- SET / INSTCMD ------------------------------------------------------------------------------

        private CommandReply Set(ClientSession s, IReadOnlyList<string> a)
        {
            if (a.Count < 2) return InvalidArgument;
            switch (a[0].ToUpperInvariant())
            {
                case "VAR":
                    return a.Count < 4 ? InvalidArgument : SetVar(s, a[1], a[2], a[3]);
                case "TRACKING":
                    var v = a[1].ToUpperInvariant();
                    if (v == "ON") s.TrackingEnabled = true;
                    else if (v == "OFF") s.TrackingEnabled = false;
                    else return InvalidArgument;
                    return CommandReply.Line("OK");
                default:
                    return InvalidArgument;
            }
        }

        private CommandReply SetVar(ClientSession s, string upsName, string varName, string value)
        {
            var error = FindAvailable(upsName, out var ups);
            if (error != null) return error;
            if (!_state.Users.HasAction(s.Username, s.Password, "SET")) return Err("ACCESS-DENIED");
            var v = ups.Variables.Get(varName);
            if (v == null) return Err("VAR-NOT-SUPPORTED");
            if (!v.IsWritable) return Err("READONLY");
            if (v.IsString)
            {
                if (v.Aux < 1) return Err("SET-FAILED");
                if (value.Length > v.Aux) return Err("TOO-LONG");
            }
            if (v.Enums.Count > 0 && !v.Enums.Contains(value)) return Err("INVALID-VALUE");
            if (v.Ranges.Count > 0)
            {
                var n = CNumber.Atoi(value);
                if (!v.Ranges.Exists(r => r.Contains(n))) return Err("INVALID-VALUE");
            }
            var words = new List<string> { "SET", varName, value };
            var id = AddTracking(s, words);
            if (!ups.Relay(words)) return Err("SET-FAILED");
            _state.Log.Write(ServerLogLevel.Info,
                $"Set variable: {s.LogName} set {varName} on {ups.Name} to {value} (tracking ID: {id ?? "disabled"})");
            return CommandReply.Line(id == null ? "OK" : "OK TRACKING " + id);
        }

        private CommandReply InstCmd(ClientSession s, IReadOnlyList<string> a)
        {
            if (a.Count < 2) return InvalidArgument;
            var error = FindAvailable(a[0], out var ups);
            if (error != null) return error;
            var cmd = a[1];
            if (!ups.Variables.HasCommand(cmd)) return Err("CMD-NOT-SUPPORTED");
            if (!_state.Users.MayRunCommand(s.Username, s.Password, cmd)) return Err("ACCESS-DENIED");
            // Like upsd, a parameter is used only when it is the one and only extra word.
            var param = a.Count == 3 ? a[2] : null;
            var words = new List<string> { "INSTCMD", cmd };
            if (param != null) words.Add(param);
            var id = AddTracking(s, words);
            if (!ups.Relay(words)) return Err("INSTCMD-FAILED");
            _state.Log.Write(ServerLogLevel.Info,
                $"Instant command: {s.LogName} did {cmd}{(param == null ? "" : " with value " + param)} on {ups.Name} (tracking ID: {id ?? "disabled"})");
            return CommandReply.Line(id == null ? "OK" : "OK TRACKING " + id);
        }

        private string? AddTracking(ClientSession s, List<string> words)
        {
            if (!s.TrackingEnabled) return null;
            var id = _state.Tracking.Create(_state.Now);
            words.Add("TRACKING");
            words.Add(id);
            return id;
        }

        // ---- helpers ------------------------------------------------------------------------------------

        // The first checks of every data command, in upsd's order: UNKNOWN-UPS, then DRIVER-NOT-CONNECTED / DATA-STALE.
        private CommandReply? FindAvailable(string upsName, out ServerDevice ups)
        {
            ups = _state.FindDevice(upsName)!;
            return ups == null ? Err("UNKNOWN-UPS") : CheckAvailable(ups);
        }

        // ... then VAR-NOT-SUPPORTED.
        private CommandReply? FindVariable(string upsName, string varName, out ServerDevice ups, out UpsVariable v)
        {
            v = null!;
            var error = FindAvailable(upsName, out ups);
            if (error != null) return error;
            v = ups.Variables.Get(varName)!;
            return v == null ? Err("VAR-NOT-SUPPORTED") : null;
        }

        private CommandReply? CheckAvailable(ServerDevice ups)
        {
            switch (ups.Availability(_state.Now))
            {
                case DeviceAvailability.DriverNotConnected: return Err("DRIVER-NOT-CONNECTED");
                case DeviceAvailability.DataStale: return Err("DATA-STALE");
                default: return null;
            }
        }

        private static string DisplayValue(ServerDevice ups, string name, string value) =>
            ups.ForcedShutdown && string.Equals(name, "ups.status", StringComparison.OrdinalIgnoreCase) ? "FSD " + value : value;

        /// <summary>Read-only view of the words after the command word, without copying.</summary>
        private sealed class ArraySegmentList : IReadOnlyList<string>
        {
            private readonly IReadOnlyList<string> _inner;
            private readonly int _offset;

            public ArraySegmentList(IReadOnlyList<string> inner, int offset)
            {
                _inner = inner;
                _offset = Math.Min(offset, inner.Count);
            }

            public string this[int index] => _inner[index + _offset];
            public int Count => _inner.Count - _offset;

            public IEnumerator<string> GetEnumerator()
            {
                for (var i = _offset; i < _inner.Count; i++) yield return _inner[i];
            }

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
