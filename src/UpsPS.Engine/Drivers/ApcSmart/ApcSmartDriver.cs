using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.Serial;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers.ApcSmart
{
    /// <summary>
    /// apcsmart: APC Smart protocol over a serial line (serial.md §2). Smart-mode handshake, capability discovery
    /// from <c>a</c> and <c>^Z</c>, polled variables, status register with interleaved alert characters, EEPROM
    /// settings and instant commands. A failed read marks the data stale and never changes ups.status.
    /// </summary>
    public sealed class ApcSmartDriver : IUpsDriver, IDisposable
    {
        public const string DriverName = "apcsmart";
        private static readonly TimeSpan NastyWindowMin = TimeSpan.FromSeconds(3), NastyWindowMax = TimeSpan.FromSeconds(15);

        public static readonly DriverDescriptor Descriptor = new DriverDescriptor(DriverName, "3.2",
            () => new ApcSmartDriver(),
            valueKeys: new[] { "cable", "sdtype", "advorder", "cshdelay", "awd", "ttymode" });

        private readonly Func<string, ISerialLink> _open;
        private DriverHost? _host;
        private SerialReader? _reader;
        private string _supported = "";
        private readonly Dictionary<char, List<string>> _enums = new Dictionary<char, List<string>>();
        private int _register = -1;
        private readonly Dictionary<string, DateTime> _armed = new Dictionary<string, DateTime>();

        public ApcSmartDriver(Func<string, ISerialLink>? open = null) { _open = open ?? OpenPort; }

        public string Name => DriverName;
        public TimeSpan PollInterval => Host.ConfiguredPollInterval;
        public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>Pause between the two bytes of commands sent twice (1.3 s in NUT; tests may shorten it).</summary>
        public TimeSpan RepeatDelay { get; set; } = TimeSpan.FromMilliseconds(1300);

        /// <summary>Time a client has to confirm a "nasty" command (starts 3 s after arming in NUT).</summary>
        public TimeSpan NastyConfirmAfter { get; set; } = NastyWindowMin;

        private DriverHost Host => _host ?? throw new InvalidOperationException("driver not initialised");

        private ISerialLink OpenPort(string port)
        {
            var settings = new SerialSettings();
            if (string.Equals(Host.Section.GetValue("cable"), "940-0095B", StringComparison.OrdinalIgnoreCase))
            {
                settings.Dtr = true; settings.Rts = false; settings.ModemLinesRequired = true;
            }
            return SerialPortLink.Open(port, settings);
        }

        public async Task InitializeAsync(DriverHost host, CancellationToken cancellationToken)
        {
            _host = host;
            try
            {
                _reader = new SerialReader(_open(host.Section.Port ?? ""));
                if (!await SmartModeAsync(5, cancellationToken).ConfigureAwait(false))
                    throw new DriverException($"Communications with UPS lost: no APC Smart UPS answered on {host.Section.Port} (Y → SM)");
                await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SerialLinkException e) { throw new DriverException(e.Message, e); }
            await UpdateAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task UpdateAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (_reader == null)
                {
                    _reader = new SerialReader(_open(Host.Section.Port ?? ""));
                    if (!await SmartModeAsync(1, cancellationToken).ConfigureAwait(false)) { Stale("no smart-mode reply after reconnect"); return; }
                }
                if (Host.IsStale && !await SmartModeAsync(1, cancellationToken).ConfigureAwait(false)) { Stale("no smart-mode reply"); return; }
                var q = await QueryAsync('Q', cancellationToken).ConfigureAwait(false);
                if (q == null || !int.TryParse(q, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var reg)) { Stale($"status read failed: {Describe(q)}"); return; }
                _register = reg;
                PublishStatus();
                foreach (var v in ApcProtocol.Variables.Where(v => v.Polled && _supported.IndexOf(v.Command) >= 0))
                {
                    var reply = await QueryAsync(v.Command, cancellationToken).ConfigureAwait(false);
                    if (reply == null) { Stale($"read of {v.Name} failed"); return; }
                    PublishVariable(v, reply);
                }
                Host.DataOk();
            }
            catch (SerialLinkException e)
            {
                _reader?.Link.Dispose();
                _reader = null;
                Stale(e.Message);
            }
        }

        public async Task<DriverResult> SetVariableAsync(string name, string value, CancellationToken cancellationToken)
        {
            var v = ApcProtocol.Variables.FirstOrDefault(x => x.Name == name);
            if (v == null || Host.GetVariable(name)?.IsWritable != true) return DriverResult.Unknown;
            try
            {
                if (v.Command == 'c' || v.Command == 'x') return await SetStringAsync(v, value, cancellationToken).ConfigureAwait(false);
                if (!_enums.TryGetValue(v.Command, out var allowed) || !allowed.Contains(value)) return DriverResult.Invalid;
                return await SetEnumAsync(v, value, cancellationToken).ConfigureAwait(false);
            }
            catch (SerialLinkException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, e.Message);
                return DriverResult.Failed;
            }
        }

        public async Task<DriverResult> InstantCommandAsync(string command, string? parameter, CancellationToken cancellationToken)
        {
            if (!Host.HasCommand(command)) return DriverResult.Unknown;
            var cmd = ApcProtocol.Commands.First(c => c.Name == command).Command;
            try
            {
                if (command == "shutdown.return" || command == "shutdown.stayoff" || command == "load.off")
                {
                    var now = DateTime.UtcNow;
                    if (!_armed.TryGetValue(command, out var armedAt) || now - armedAt < NastyConfirmAfter || now - armedAt > NastyWindowMax)
                    {
                        _armed[command] = now;
                        Host.WriteLog(DriverLogLevel.Info, $"{command} armed: send it again within 3..15 s to execute");
                        return DriverResult.Handled;
                    }
                    _armed.Remove(command);
                }
                if (command == "calibrate.start" || command == "calibrate.stop")
                {
                    var q = await QueryAsync('Q', cancellationToken).ConfigureAwait(false);
                    if (q != null && int.TryParse(q, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var reg)
                        && ((reg & 1) != 0) == (command == "calibrate.start")) return DriverResult.Handled;
                }
                if (cmd == '\x0e' || cmd == 'Z' || cmd == 'K') return await SendTwiceAsync(cmd, cancellationToken).ConfigureAwait(false);
                var reply = await QueryAsync(cmd, cancellationToken).ConfigureAwait(false);
                return reply == "OK" || reply == "*" || (cmd == '^' && reply != null && reply != "NA" && reply != "NO")
                    ? DriverResult.Handled : DriverResult.Failed;
            }
            catch (SerialLinkException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, e.Message);
                return DriverResult.Failed;
            }
        }

        // ---------------------------------------------------------------- discovery

        private async Task<bool> SmartModeAsync(int attempts, CancellationToken cancellationToken)
        {
            for (var i = 0; i < attempts; i++)
            {
                var reply = await QueryAsync('Y', cancellationToken, TimeSpan.FromMilliseconds(1500)).ConfigureAwait(false);
                if (reply == "SM") return true;
                await _reader!.WriteAsync(new byte[] { 0x1b }, cancellationToken).ConfigureAwait(false);
                await ReadReplyAsync(TimeSpan.FromMilliseconds(300), true, cancellationToken).ConfigureAwait(false);
            }
            return false;
        }

        private async Task DiscoverAsync(CancellationToken cancellationToken)
        {
            Host.SetInfo("ups.mfr", "APC");
            var v = await QueryAsync('V', cancellationToken).ConfigureAwait(false);
            var b = await QueryAsync('b', cancellationToken).ConfigureAwait(false);
            var firmware = b != null && b != "NA" && b.Count(c => c == '.') == 2 ? b : v != null && v != "NA" ? v : b;
            if (firmware != null && firmware != "NA") Host.SetInfo("ups.firmware", firmware);

            var a = await QueryAsync('a', cancellationToken, TimeSpan.FromSeconds(6), filterAlerts: false).ConfigureAwait(false);
            _supported = a == null ? null! : ApcProtocol.SupportedCommands(a)!;
            if (_supported == null)
            {
                Host.WriteLog(DriverLogLevel.Info, $"no usable protocol info ({Describe(a)}): probing the commands one by one");
                _supported = new string(ApcProtocol.Variables.Select(x => x.Command).Concat(ApcProtocol.Commands.Select(c => c.Command)).Distinct().ToArray());
            }

            foreach (var variable in ApcProtocol.Variables)
            {
                if (_supported.IndexOf(variable.Command) < 0) continue;
                var reply = await QueryAsync(variable.Command, cancellationToken).ConfigureAwait(false);
                if (reply == null || reply == "NA") continue;
                PublishVariable(variable, reply);
            }
            if (_supported.IndexOf('\x1a') >= 0 && firmware != null)
            {
                var caps = await QueryAsync('\x1a', cancellationToken, TimeSpan.FromSeconds(6), filterAlerts: false).ConfigureAwait(false);
                if (caps != null)
                    foreach (var entry in ApcProtocol.Capabilities(caps, firmware[firmware.Length - 1])) _enums[entry.Key] = entry.Value;
            }
            foreach (var entry in _enums)
            {
                var variable = ApcProtocol.Find(entry.Key);
                if (variable == null || Host.GetInfo(variable.Name) == null) continue;
                Host.SetFlags(variable.Name, VariableFlags.ReadWrite | VariableFlags.Number);
                foreach (var value in entry.Value) Host.AddEnum(variable.Name, variable.Convert(value) ?? value);
            }
            foreach (var s in new[] { 'c', 'x' })
            {
                var variable = ApcProtocol.Find(s)!;
                if (Host.GetInfo(variable.Name) == null) continue;
                Host.SetFlags(variable.Name, VariableFlags.ReadWrite | VariableFlags.String);
                Host.SetAux(variable.Name, 8);
            }
            foreach (var (name, cmd) in ApcProtocol.Commands)
                if (_supported.IndexOf(cmd) >= 0) Host.AddCommand(name);
        }

        // ---------------------------------------------------------------- settings and commands

        private async Task<DriverResult> SetEnumAsync(ApcVariable v, string target, CancellationToken cancellationToken)
        {
            var original = await QueryAsync(v.Command, cancellationToken).ConfigureAwait(false);
            if (original == null) return DriverResult.Failed;
            if (v.Convert(original) == target) return DriverResult.Handled;
            for (var i = 0; i < 32; i++)
            {
                var ok = await QueryAsync('-', cancellationToken).ConfigureAwait(false);
                if (ok != "OK") return DriverResult.Failed;
                var now = await QueryAsync(v.Command, cancellationToken).ConfigureAwait(false);
                if (now == null) return DriverResult.Failed;
                PublishVariable(v, now);
                if (v.Convert(now) == target) return DriverResult.Handled;
                if (now == original) return DriverResult.Failed; // wrapped around
            }
            return DriverResult.Failed;
        }

        private async Task<DriverResult> SetStringAsync(ApcVariable v, string value, CancellationToken cancellationToken)
        {
            if (value.Length > 8) return DriverResult.Invalid;
            if (await QueryAsync(v.Command, cancellationToken).ConfigureAwait(false) == null) return DriverResult.Failed;
            await _reader!.WriteAsync(new[] { (byte)'-' }, cancellationToken).ConfigureAwait(false);
            if (await ReadReplyAsync(TimeSpan.FromMilliseconds(200), true, cancellationToken).ConfigureAwait(false) != null) return DriverResult.Failed;
            foreach (var c in value.PadRight(8) + "\r")
            {
                await _reader.WriteAsync(new[] { (byte)c }, cancellationToken).ConfigureAwait(false);
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            var reply = await ReadReplyAsync(ReplyTimeout, true, cancellationToken).ConfigureAwait(false);
            if (reply == null || reply == "NO") return DriverResult.Failed;
            var now = await QueryAsync(v.Command, cancellationToken).ConfigureAwait(false);
            if (now != null) PublishVariable(v, now);
            return DriverResult.Handled;
        }

        private async Task<DriverResult> SendTwiceAsync(char cmd, CancellationToken cancellationToken)
        {
            _reader!.Discard();
            await _reader.WriteAsync(ApcProtocol.Bytes(cmd), cancellationToken).ConfigureAwait(false);
            var early = await ReadReplyAsync(TimeSpan.FromMilliseconds(200), true, cancellationToken).ConfigureAwait(false);
            if (early != null && early != "OK" && early != "*") return DriverResult.Failed;
            await Task.Delay(RepeatDelay, cancellationToken).ConfigureAwait(false);
            await _reader.WriteAsync(ApcProtocol.Bytes(cmd), cancellationToken).ConfigureAwait(false);
            var reply = await ReadReplyAsync(TimeSpan.FromMilliseconds(1500), true, cancellationToken).ConfigureAwait(false);
            return reply == null || reply == "OK" || reply == "*" ? DriverResult.Handled : DriverResult.Failed;
        }

        // ---------------------------------------------------------------- I/O

        private async Task<string?> QueryAsync(char command, CancellationToken cancellationToken, TimeSpan? timeout = null, bool filterAlerts = true)
        {
            _reader!.Discard();
            await _reader.WriteAsync(ApcProtocol.Bytes(command), cancellationToken).ConfigureAwait(false);
            return await ReadReplyAsync(timeout ?? ReplyTimeout, filterAlerts, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>One reply up to LF (CR ignored), alert characters removed and applied; null on timeout.</summary>
        private async Task<string?> ReadReplyAsync(TimeSpan timeout, bool filterAlerts, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + timeout;
            var text = new StringBuilder();
            var alerts = new List<char>();
            while (true)
            {
                var b = await _reader!.ReadByteAsync(deadline, cancellationToken).ConfigureAwait(false);
                if (b < 0) { ApplyAlerts(alerts); return null; }
                var c = (char)b;
                if (c == '\n') break;
                if (c == '\r') continue;
                if (filterAlerts && ApcProtocol.AlertCharacters.IndexOf(c) >= 0) { alerts.Add(c); continue; }
                text.Append(c);
            }
            ApplyAlerts(alerts);
            return text.ToString();
        }

        private void ApplyAlerts(List<char> alerts)
        {
            if (alerts.Count == 0 || _register < 0) return;
            foreach (var a in alerts) _register = ApcProtocol.ApplyAlert(_register, a);
            PublishStatus();
        }

        private void PublishStatus() => Host.SetInfo("ups.status", ApcProtocol.Status(_register));

        private void PublishVariable(ApcVariable v, string reply)
        {
            if (reply == "NA") return;
            var value = v.Convert(reply);
            if (value != null) Host.SetInfo(v.Name, value);
        }

        private void Stale(string why)
        {
            Host.WriteLog(DriverLogLevel.Warning, why);
            Host.DataStale();
        }

        private static string Describe(string? reply) => reply == null ? "no reply" : $"'{ApcProtocol.Printable(reply)}'";

        public void Dispose()
        {
            _reader?.Link.Dispose();
            _reader = null;
        }
    }
}
