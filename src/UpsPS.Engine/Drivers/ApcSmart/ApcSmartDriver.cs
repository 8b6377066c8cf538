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
        private readonly List<ApcVariable> _present = new List<ApcVariable>();
        private readonly Dictionary<char, List<string>> _enums = new Dictionary<char, List<string>>();
        private int _register = -1;
        private DateTime _lastNastyRequest = DateTime.MinValue;
        private int _staleUpdates;
        private DateTime _lastFullUpdate = DateTime.MinValue;

        public ApcSmartDriver(Func<string, ISerialLink>? open = null) { _open = open ?? OpenPort; }

        public string Name => DriverName;
        public TimeSpan PollInterval => Host.ConfiguredPollInterval;
        public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>Pause between the two bytes of commands sent twice (1.3 s in NUT; tests may shorten it).</summary>
        public TimeSpan RepeatDelay { get; set; } = TimeSpan.FromMilliseconds(1300);

        /// <summary>Time a client has to confirm a "nasty" command (starts 3 s after arming in NUT).</summary>
        public TimeSpan NastyConfirmAfter { get; set; } = NastyWindowMin;

        /// <summary>While stale, updates 1…n−1 stay silent and the n-th and later ones send <c>Y</c> (10 in NUT 2.8.0).</summary>
        public int StaleNudgeAfter { get; set; } = 10;

        /// <summary>Non-polled variables are re-read this often (hourly in NUT).</summary>
        public TimeSpan FullUpdateInterval { get; set; } = TimeSpan.FromHours(1);

        /// <summary>The CS-hack pause between <c>U</c> and <c>S</c> (option cshdelay, 3.5 s default).</summary>
        public TimeSpan? CsHackDelay { get; set; }

        /// <summary>The variables found at start-up (in table order), after resolving letters with several meanings.</summary>
        public IReadOnlyList<ApcVariable> PresentVariables => _present;

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
            ValidateOptions(host.Section);
            try
            {
                _reader = new SerialReader(_open(host.Section.Port ?? ""));
                if (!await SmartModeAsync(5, cancellationToken).ConfigureAwait(false))
                    throw new DriverException($"Communications with UPS lost: no APC Smart UPS answered on {host.Section.Port} (Y → SM)");
                await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SerialLinkException e) { throw new DriverException(e.Message, e); }
            Host.DataOk(); // so the first update does not start in the stale (silent) path
            await UpdateAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The option formats NUT 2.8.0's apcsmart accepts; anything else stops the driver.</summary>
        private static void ValidateOptions(Config.UpsSection section)
        {
            void Check(string key, string pattern)
            {
                var value = section.GetValue(key);
                if (value != null && !System.Text.RegularExpressions.Regex.IsMatch(value, pattern))
                    throw new DriverException($"invalid value ({value}) for option '{key}'");
            }
            Check("awd", "^[0-9]{1,3}$");
            Check("sdtype", "^[0-5]$");
            Check("advorder", "^([0-4]{1,5}|[Nn][Oo])$");
            Check("cshdelay", @"^([0-9]\.?|[0-9]?\.[0-9])$");
        }

        public async Task UpdateAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (_reader == null)
                {
                    _reader = new SerialReader(_open(Host.Section.Port ?? ""));
                    if (!await SmartModeAsync(1, cancellationToken).ConfigureAwait(false)) { Stale("no smart-mode reply after reconnect"); return; }
                    _staleUpdates = 0;
                }
                else if (Host.IsStale)
                {
                    // NUT 2.8.0: stay quiet for a while, then nudge with Y on every update until the UPS answers.
                    _lastFullUpdate = DateTime.MinValue;
                    if (++_staleUpdates < StaleNudgeAfter) return;
                    if (!await SmartModeAsync(1, cancellationToken).ConfigureAwait(false)) return;
                    _staleUpdates = 0;
                }
                var q = await QueryAsync('Q', cancellationToken).ConfigureAwait(false);
                if (q == null || q == "NA" || !int.TryParse(q, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var reg)) { Stale($"status read failed: {Describe(q)}"); return; }
                _register = reg & 0xff;
                PublishStatus();
                var now = DateTime.UtcNow;
                var all = now - _lastFullUpdate > FullUpdateInterval;
                if (all) _lastFullUpdate = now;
                foreach (var v in _present.ToList())
                {
                    if (!all && !v.Polled) continue;
                    var reply = await QueryAsync(v.Request, cancellationToken, null, true).ConfigureAwait(false);
                    if (reply == null) { Stale($"read of {v.Name} failed"); return; }
                    if (reply == "NA")
                    {
                        Host.WriteLog(DriverLogLevel.Warning, $"verified variable {v.Name} returned NA, removing");
                        _present.Remove(v);
                        RemoveVariable(v);
                        continue;
                    }
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
            var v = _present.FirstOrDefault(x => x.Name == name);
            if (v == null || Host.GetVariable(name)?.IsWritable != true) return DriverResult.Unknown;
            try
            {
                if (v.Command == 'c' || v.Command == 'x') return await SetStringAsync(v, value, cancellationToken).ConfigureAwait(false);
                if (!_enums.TryGetValue(v.Command, out var allowed) || !allowed.Any(a => (v.Convert(a) ?? a) == value)) return DriverResult.Invalid;
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
            if (string.Equals(command, "driver.killpower", StringComparison.OrdinalIgnoreCase))
                return await ShutdownUpsAsync(cancellationToken).ConfigureAwait(false);
            if (!Host.HasCommand(command)) return DriverResult.Unknown;
            var hasParameter = !string.IsNullOrEmpty(parameter);
            string? at = null;
            var cs = false;
            if (command == "shutdown.return" && hasParameter)
            {
                if (System.Text.RegularExpressions.Regex.IsMatch(parameter!, "^[Aa][Tt]:[0-9]{1,3}$")) at = parameter!.Substring(3);
                else if (string.Equals(parameter, "cs", StringComparison.OrdinalIgnoreCase)) cs = true;
                else return DriverResult.Invalid;
            }
            else if (hasParameter) return DriverResult.Invalid;
            try
            {
                if (command == "shutdown.return" || command == "shutdown.stayoff" || command == "load.off")
                {
                    // One window for all of them, measured from the previous nasty request, like NUT.
                    var now = DateTime.UtcNow;
                    var elapsed = now - _lastNastyRequest;
                    _lastNastyRequest = now;
                    if (elapsed < NastyConfirmAfter || elapsed > NastyWindowMax)
                    {
                        Host.WriteLog(DriverLogLevel.Info, $"{command} armed: send it again within 3..15 s to execute");
                        return DriverResult.Handled;
                    }
                }
                switch (command)
                {
                    case "calibrate.start":
                    case "calibrate.stop":
                        var q = await QueryAsync('Q', cancellationToken).ConfigureAwait(false);
                        if (q == null || q == "NA" || !int.TryParse(q, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var reg)) return DriverResult.Failed;
                        if (((reg & 1) != 0) == (command == "calibrate.start")) return DriverResult.Handled;
                        var reply = await QueryAsync('D', cancellationToken).ConfigureAwait(false);
                        return reply == null || reply == "NA" || reply == "NO" ? DriverResult.Failed : DriverResult.Handled;
                    case "load.on":
                        return await SendTwiceAsync('\x0e', cancellationToken).ConfigureAwait(false) ? DriverResult.Handled : DriverResult.Failed;
                    case "load.off":
                        return await ShutdownZAsync(cancellationToken).ConfigureAwait(false);
                    case "shutdown.stayoff":
                        return await ShutdownKAsync(cancellationToken).ConfigureAwait(false);
                    case "shutdown.return":
                        if (at != null) return await ShutdownAtAsync(at, cancellationToken).ConfigureAwait(false);
                        if (cs) return await ShutdownCsAsync(cancellationToken).ConfigureAwait(false);
                        return await ShutdownSAsync(cancellationToken).ConfigureAwait(false);
                }
                var cmd = ApcProtocol.Commands.First(c => c.Name == command).Command;
                var answer = await QueryAsync(cmd, cancellationToken).ConfigureAwait(false);
                if (answer == "OK") return DriverResult.Handled;
                Host.WriteLog(DriverLogLevel.Warning, $"got [{Describe(answer)}] after command [{command}]");
                return DriverResult.Failed;
            }
            catch (SerialLinkException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, e.Message);
                return DriverResult.Failed;
            }
        }

        // ---------------------------------------------------------------- shutdown (serial.md §2.6)

        /// <summary>
        /// The driver's own power-kill (NUT's <c>-k</c>): smart mode, read the status register (assume OB+LB when
        /// that fails), then the <c>advorder</c> list or the <c>sdtype</c> method.
        /// </summary>
        public async Task<DriverResult> ShutdownUpsAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (_reader == null) _reader = new SerialReader(_open(Host.Section.Port ?? ""));
                if (!await SmartModeAsync(1, cancellationToken).ConfigureAwait(false)) Host.WriteLog(DriverLogLevel.Warning, "setting SmartMode failed !");
                var q = await QueryAsync('Q', cancellationToken, TimeSpan.FromMilliseconds(1500)).ConfigureAwait(false);
                if (q != null && int.TryParse(q, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var reg)) _register = reg & 0xff;
                else
                {
                    Host.WriteLog(DriverLogLevel.Warning, "status read failed, assuming LB+OB");
                    _register = 0x40 | 0x10;
                }
                var advorder = Host.Section.GetValue("advorder");
                if (!string.IsNullOrEmpty(advorder) && char.ToUpperInvariant(advorder![0]) != 'N')
                {
                    foreach (var method in advorder)
                        if (await ShutdownMethodAsync(method - '0', cancellationToken).ConfigureAwait(false) == DriverResult.Handled) return DriverResult.Handled;
                    return DriverResult.Failed;
                }
                var sdtype = int.TryParse(Host.Section.GetValue("sdtype"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : 0;
                var awd = Host.Section.GetValue("awd");
                switch (sdtype)
                {
                    case 5: return await ShutdownAtAsync(awd, cancellationToken).ConfigureAwait(false);
                    case 4: return await ShutdownCsAsync(cancellationToken).ConfigureAwait(false);
                    case 3: return await ShutdownKAsync(cancellationToken).ConfigureAwait(false);
                    case 2: return await ShutdownZAsync(cancellationToken).ConfigureAwait(false);
                    case 1:
                        if ((_register & 0x10) != 0 && await ShutdownSAsync(cancellationToken).ConfigureAwait(false) == DriverResult.Handled) return DriverResult.Handled;
                        return await ShutdownAtAsync(awd, cancellationToken).ConfigureAwait(false);
                    default:
                        return (_register & 0x08) != 0
                            ? await ShutdownAtAsync(awd, cancellationToken).ConfigureAwait(false)
                            : await ShutdownSAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (SerialLinkException e)
            {
                Host.WriteLog(DriverLogLevel.Error, $"shutdown failed: {e.Message}");
                return DriverResult.Failed;
            }
        }

        /// <summary>advorder digits: 0 S, 1 @, 2 K, 3 Z, 4 CS.</summary>
        private Task<DriverResult> ShutdownMethodAsync(int method, CancellationToken cancellationToken) => method switch
        {
            0 => ShutdownSAsync(cancellationToken),
            1 => ShutdownAtAsync(Host.Section.GetValue("awd"), cancellationToken),
            2 => ShutdownKAsync(cancellationToken),
            3 => ShutdownZAsync(cancellationToken),
            _ => ShutdownCsAsync(cancellationToken),
        };

        /// <summary>Soft hibernate <c>S</c> (only acts on battery).</summary>
        private async Task<DriverResult> ShutdownSAsync(CancellationToken cancellationToken)
        {
            _reader!.Discard();
            await _reader.WriteAsync(new[] { (byte)'S' }, cancellationToken).ConfigureAwait(false);
            return await ShutdownReplyAsync(false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>CS 350 hack: when on line simulate a power failure (<c>U</c>), wait cshdelay, then <c>S</c>.</summary>
        private async Task<DriverResult> ShutdownCsAsync(CancellationToken cancellationToken)
        {
            if ((_register & 0x08) != 0)
            {
                _reader!.Discard();
                await _reader.WriteAsync(new[] { (byte)'U' }, cancellationToken).ConfigureAwait(false);
                await ReadReplyAsync(TimeSpan.FromMilliseconds(1500), true, cancellationToken).ConfigureAwait(false);
                var delay = CsHackDelay ?? TimeSpan.FromSeconds(
                    double.TryParse(Host.Section.GetValue("cshdelay") ?? "3.5", NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 3.5);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            return await ShutdownSAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Hard hibernate <c>@nnn</c> (or <c>@nn</c> when awd has 2 digits): <c>@</c>, nothing may come back within
        /// 200 ms, then the digits 50 ms apart. A failed 2-digit form is aborted with <c>Y</c>.
        /// </summary>
        private async Task<DriverResult> ShutdownAtAsync(string? awd, CancellationToken cancellationToken)
        {
            awd ??= "000";
            var digits = awd.Length == 2 ? awd : awd.PadLeft(3, '0');
            _reader!.Discard();
            await _reader.WriteAsync(new[] { (byte)'@' }, cancellationToken).ConfigureAwait(false);
            if (await ReadReplyAsync(TimeSpan.FromMilliseconds(200), true, cancellationToken).ConfigureAwait(false) != null)
            {
                Host.WriteLog(DriverLogLevel.Error, $"issuing [@] with {digits.Length} digits failed");
                return DriverResult.Failed;
            }
            await WritePacedAsync(digits, cancellationToken).ConfigureAwait(false);
            var result = await ShutdownReplyAsync(false, cancellationToken).ConfigureAwait(false);
            if (result == DriverResult.Handled || digits.Length == 3) return result;
            Host.WriteLog(DriverLogLevel.Error, "command [@] with 2 digits doesn't work - try 3 digits");
            await _reader.WriteAsync(new[] { (byte)'Y' }, cancellationToken).ConfigureAwait(false);
            await ReadReplyAsync(TimeSpan.FromMilliseconds(1500), true, cancellationToken).ConfigureAwait(false);
            return DriverResult.Failed;
        }

        /// <summary>Delayed power-off <c>K</c>, sent twice.</summary>
        private async Task<DriverResult> ShutdownKAsync(CancellationToken cancellationToken) =>
            await SendTwiceAsync('K', cancellationToken).ConfigureAwait(false)
                ? await ShutdownReplyAsync(false, cancellationToken).ConfigureAwait(false)
                : DriverResult.Failed;

        /// <summary>Immediate power-off <c>Z</c>, sent twice; the UPS says nothing afterwards.</summary>
        private async Task<DriverResult> ShutdownZAsync(CancellationToken cancellationToken) =>
            await SendTwiceAsync('Z', cancellationToken).ConfigureAwait(false)
                ? await ShutdownReplyAsync(true, cancellationToken).ConfigureAwait(false)
                : DriverResult.Failed;

        /// <summary>A shutdown command's reply: <c>OK</c> or <c>*</c> = done; silence only counts when <paramref name="silenceOk"/>.</summary>
        private async Task<DriverResult> ShutdownReplyAsync(bool silenceOk, CancellationToken cancellationToken)
        {
            var reply = await ReadReplyAsync(TimeSpan.FromMilliseconds(1500), true, cancellationToken, starIsOk: true).ConfigureAwait(false);
            return (reply == null && silenceOk) || reply == "OK" ? DriverResult.Handled : DriverResult.Failed;
        }

        private async Task WritePacedAsync(string text, CancellationToken cancellationToken)
        {
            foreach (var c in text)
            {
                await _reader!.WriteAsync(new[] { (byte)c }, cancellationToken).ConfigureAwait(false);
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
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
            // Firmware lookup as NUT 2.8.0: V first, b only when V says nothing.
            var firmware = await QueryAsync('V', cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(firmware) || firmware == "NA") firmware = await QueryAsync('b', cancellationToken).ConfigureAwait(false);
            var key = firmware == null ? null : ApcProtocol.CompatibilityKey(firmware);
            if (key != null && key != "451.2.I" && ApcProtocol.CompatibilityTable.TryGetValue(key, out var compat))
            {
                Host.WriteLog(DriverLogLevel.Info, $"firmware {ApcProtocol.Printable(firmware!)} is in the compatibility table");
                Host.SetInfo("ups.model", ApcProtocol.CompatibilityModel(key));
                _supported = compat;
                await VerifyVariablesAsync(new Dictionary<char, string>(), cancellationToken).ConfigureAwait(false);
                RegisterCommands();
                return;
            }

            var a = await QueryAsync('a', cancellationToken, TimeSpan.FromSeconds(6), filterAlerts: false).ConfigureAwait(false);
            var supported = a == null || a == "NA" ? null : ApcProtocol.SupportedCommands(a);
            if (supported == null)
            {
                Host.WriteLog(DriverLogLevel.Info, $"very old or unknown APC model ({Describe(a)}), support will be limited");
                await LegacySetupAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            _supported = supported;
            await VerifyVariablesAsync(ApcProtocol.MultiByteCommands(a!), cancellationToken).ConfigureAwait(false);

            var fw = Host.GetInfo("ups.firmware");
            if (_supported.IndexOf('\x1a') >= 0)
            {
                var caps = await QueryAsync('\x1a', cancellationToken, TimeSpan.FromSeconds(6), filterAlerts: false).ConfigureAwait(false);
                if (caps != null && caps.StartsWith("#", StringComparison.Ordinal))
                    foreach (var entry in ApcProtocol.Capabilities(caps, string.IsNullOrEmpty(fw) ? '\0' : fw![fw.Length - 1])) _enums[entry.Key] = entry.Value;
            }
            foreach (var entry in _enums)
            {
                var variable = _present.FirstOrDefault(v => v.Command == entry.Key && v.SubCommand == 0);
                if (variable == null || variable.Packed || Host.GetInfo(variable.Name) == null) continue;
                Host.SetFlags(variable.Name, VariableFlags.ReadWrite | VariableFlags.Number);
                foreach (var value in entry.Value) Host.AddEnum(variable.Name, variable.Convert(value) ?? value);
            }
            RegisterCommands();
        }

        /// <summary>
        /// Reads every variable whose letter is supported, once. A letter with several meanings (T: ambient
        /// temperature or uptime; b/V: firmware) keeps the first meaning whose reply matches; with the 0x9F 0xD3
        /// multi-byte command present, plain F is the output frequency.
        /// </summary>
        private async Task VerifyVariablesAsync(Dictionary<char, string> multiByte, CancellationToken cancellationToken)
        {
            var outputFrequency = multiByte.TryGetValue(ApcProtocol.MultiBytePrefix, out var subs) && subs.IndexOf('\xd3') >= 0;
            foreach (var table in ApcProtocol.Variables)
            {
                var variable = table;
                if (variable.SubCommand != 0)
                {
                    if (!multiByte.TryGetValue(variable.Command, out var s) || s.IndexOf((char)variable.SubCommand) < 0) continue;
                }
                else if (_supported.IndexOf(variable.Command) < 0) continue;
                if (variable.Command == 'F' && outputFrequency) variable = new ApcVariable('F', "output.frequency", true);
                if (_present.Any(p => p.Name == variable.Name || (p.Command == variable.Command && p.SubCommand == variable.SubCommand))) continue;
                await VerifyAsync(variable, cancellationToken).ConfigureAwait(false);
            }
            await VerifyFirmwareAsync(cancellationToken).ConfigureAwait(false);
        }

        private async Task<bool> VerifyAsync(ApcVariable variable, CancellationToken cancellationToken)
        {
            var reply = await QueryAsync(variable.Request, cancellationToken, null, true).ConfigureAwait(false);
            if (reply == null || reply == "NA" || !variable.Accepts(reply))
            {
                Host.WriteLog(DriverLogLevel.Debug, $"{variable.Name} [{ApcProtocol.Printable(variable.Command.ToString())}] - variable invalid");
                return false;
            }
            _present.Add(variable);
            PublishVariable(variable, reply);
            if (variable.Command == 'c' || variable.Command == 'x')
            {
                Host.SetFlags(variable.Name, VariableFlags.ReadWrite | VariableFlags.String);
                Host.SetAux(variable.Name, 8);
            }
            return true;
        }

        /// <summary>ups.firmware from <c>b</c> when it looks like x.y.z, else from <c>V</c> (both read once).</summary>
        private async Task VerifyFirmwareAsync(CancellationToken cancellationToken)
        {
            if (_supported.IndexOf('b') >= 0)
            {
                var b = await QueryAsync('b', cancellationToken).ConfigureAwait(false);
                if (b != null && System.Text.RegularExpressions.Regex.IsMatch(b, @"^[A-Za-z0-9]+\.[A-Za-z0-9]+\.[A-Za-z0-9]+$")) { Host.SetInfo("ups.firmware", b); return; }
            }
            if (_supported.IndexOf('V') >= 0)
            {
                var v = await QueryAsync('V', cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(v) && v != "NA") Host.SetInfo("ups.firmware", v!);
            }
        }

        /// <summary>Very old units: probe NUT 2.8.0's short list; Matrix-UPS if output.current answers, Smart-UPS if no model.</summary>
        private async Task LegacySetupAsync(CancellationToken cancellationToken)
        {
            foreach (var name in ApcProtocol.LegacyProbe)
                foreach (var variable in ApcProtocol.Variables.Where(v => v.Name == name && v.SubCommand == 0))
                    if (!_present.Any(p => p.Name == name)) await VerifyAsync(variable, cancellationToken).ConfigureAwait(false);
            _supported = "bV";
            await VerifyFirmwareAsync(cancellationToken).ConfigureAwait(false);
            _supported = "";
            if (_present.Any(p => p.Name == "output.current")) Host.SetInfo("ups.model", "Matrix-UPS");
            else if (!_present.Any(p => p.Name == "ups.model")) Host.SetInfo("ups.model", "Smart-UPS");
        }

        private void RegisterCommands()
        {
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
            var current = await QueryAsync(v.Command, cancellationToken).ConfigureAwait(false);
            if (current == null || current == "NA") return DriverResult.Failed;
            if (current == value) return DriverResult.Handled;
            // '-' then the value padded with CRs to 8 characters, as NUT 2.8.0 writes it.
            await _reader!.WriteAsync(new[] { (byte)'-' }, cancellationToken).ConfigureAwait(false);
            if (await ReadReplyAsync(TimeSpan.FromMilliseconds(200), true, cancellationToken).ConfigureAwait(false) != null) return DriverResult.Failed;
            await WritePacedAsync(value + new string('\r', 8 - value.Length), cancellationToken).ConfigureAwait(false);
            var reply = await ReadReplyAsync(ReplyTimeout, true, cancellationToken).ConfigureAwait(false);
            if (reply == null || reply == "NO") return DriverResult.Failed;
            var now = await QueryAsync(v.Command, cancellationToken).ConfigureAwait(false);
            if (now != null && now != "NA") PublishVariable(v, now);
            return DriverResult.Handled;
        }

        /// <summary>Sends <paramref name="cmd"/>, checks nothing comes back within 200 ms, waits 1.3 s, sends it again.</summary>
        private async Task<bool> SendTwiceAsync(char cmd, CancellationToken cancellationToken)
        {
            _reader!.Discard();
            await _reader.WriteAsync(ApcProtocol.Bytes(cmd), cancellationToken).ConfigureAwait(false);
            if (await ReadReplyAsync(TimeSpan.FromMilliseconds(200), true, cancellationToken).ConfigureAwait(false) != null) return false;
            await Task.Delay(RepeatDelay, cancellationToken).ConfigureAwait(false);
            await _reader.WriteAsync(ApcProtocol.Bytes(cmd), cancellationToken).ConfigureAwait(false);
            return true;
        }

        // ---------------------------------------------------------------- I/O

        private Task<string?> QueryAsync(char command, CancellationToken cancellationToken, TimeSpan? timeout = null, bool filterAlerts = true) =>
            QueryAsync(ApcProtocol.Bytes(command), cancellationToken, timeout, filterAlerts);

        private async Task<string?> QueryAsync(byte[] request, CancellationToken cancellationToken, TimeSpan? timeout, bool filterAlerts)
        {
            _reader!.Discard();
            await _reader.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            return await ReadReplyAsync(timeout ?? ReplyTimeout, filterAlerts, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// One reply up to LF (CR ignored), alert characters removed and applied; null on timeout. With
        /// <paramref name="starIsOk"/> (shutdown replies) a <c>*</c> ends the read as "OK".
        /// </summary>
        private async Task<string?> ReadReplyAsync(TimeSpan timeout, bool filterAlerts, CancellationToken cancellationToken, bool starIsOk = false)
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
                if (starIsOk && c == '*') { ApplyAlerts(alerts); return "OK"; }
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

        private readonly Dictionary<string, int> _packedCounts = new Dictionary<string, int>();

        private void PublishVariable(ApcVariable v, string reply)
        {
            if (reply == "NA") return;
            if (!v.Packed)
            {
                var value = v.Convert(reply);
                if (value != null) Host.SetInfo(v.Name, value);
                return;
            }
            var fields = ApcProtocol.Unpack(reply);
            if (_packedCounts.TryGetValue(v.Name, out var before))
                for (var i = fields.Count; i < before; i++) Host.DelInfo(ApcProtocol.InstanceName(v.Name, i + 1));
            _packedCounts[v.Name] = fields.Count;
            for (var i = 0; i < fields.Count; i++)
                Host.SetInfo(ApcProtocol.InstanceName(v.Name, i + 1), fields[i] == "N/A" ? "N/A" : v.Convert(fields[i]) ?? fields[i]);
        }

        private void RemoveVariable(ApcVariable v)
        {
            if (!v.Packed) { Host.DelInfo(v.Name); return; }
            if (_packedCounts.TryGetValue(v.Name, out var count))
                for (var i = 0; i < count; i++) Host.DelInfo(ApcProtocol.InstanceName(v.Name, i + 1));
            _packedCounts.Remove(v.Name);
        }

        private void Stale(string why)
        {
            Host.WriteLog(DriverLogLevel.Warning, why);
            Host.DataStale();
        }

        private static string Describe(string? reply) => reply == null ? "no reply" : $"'{ApcProtocol.Printable(reply)}'";

        /// <summary>Returns the UPS to dumb mode (<c>R</c> → <c>BYE</c>, best effort) and closes the port.</summary>
        public void Dispose()
        {
            var reader = _reader;
            _reader = null;
            if (reader == null) return;
            try
            {
                reader.Discard();
                reader.WriteAsync(new[] { (byte)'R' }, CancellationToken.None).Wait(TimeSpan.FromSeconds(1));
                var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(500);
                while (reader.ReadByteAsync(deadline, CancellationToken.None).GetAwaiter().GetResult() is var b && b >= 0 && b != '\n') { }
            }
            catch (Exception e) when (e is SerialLinkException || e is AggregateException || e is InvalidOperationException) { }
            reader.Link.Dispose();
        }
    }
}
