using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.Serial;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>
    /// nutdrv_qx / blazer_ser over a serial line: Megatec/Q1 family (serial.md §1). Detects the protocol variant,
    /// publishes status, ratings, vendor data and estimated charge, and runs the Megatec instant commands.
    /// A failed read never changes ups.status: the data only goes stale.
    /// </summary>
    public sealed partial class QxDriver : IUpsDriver, IDisposable
    {
        public const string QxName = "nutdrv_qx";
        public const string BlazerName = "blazer_ser";
        public const int MaxTries = 3;

        private static readonly string[] ValueKeys =
        {
            "protocol", "pollfreq", "ondelay", "offdelay", "runtimecal", "chargetime", "idleload", "cablepower",
        };
        private static readonly string[] FlagKeys = { "stayoff", "novendor", "norating", "ignoresab", "battery_voltage_reports_one_pack" };

        public static readonly DriverDescriptor QxDescriptor = new DriverDescriptor(QxName, "0.32",
            () => new QxDriver(QxName), ValueKeys.Concat(QxVoltronicStartupOptions.ValueKeys), FlagKeys.Concat(QxVoltronicStartupOptions.FlagKeys));

        public static readonly DriverDescriptor BlazerDescriptor = new DriverDescriptor(BlazerName, "1.57",
            () => new QxDriver(BlazerName), ValueKeys.Where(k => k != "protocol"), FlagKeys);

        private readonly Func<string, ISerialLink> _openLink;
        private DriverHost? _host;
        private SerialReader? _reader;
        private QxSubdriver? _subdriver;
        private readonly QxBatteryEstimator _battery = new QxBatteryEstimator();
        private int _failures;
        private bool _ignoreSab;
        private bool _stayOff;
        private int _offDelay = 30;
        private int _onDelay = 180;
        private bool _chargeReported;
        private string? _model;
        private int _voltronicProtocol = -1;
        private bool _ratingsFromStatusDone;
        private bool? _alarmControl;
        private bool _ecoListed;
        private DateTime? _lastFullPoll;
        private DateTime? _lastFullUpdate;
        private bool _dataChanged;
        private TimeSpan _pollFreq = TimeSpan.FromSeconds(30);
        private bool _onePackVoltage;
        private bool _packsOverridden;
        private TimeSpan _replyTimeout = TimeSpan.FromSeconds(1);

        public QxDriver(string name, Func<string, ISerialLink>? openLink = null)
        {
            Name = name;
            _openLink = openLink ?? OpenSerialPort;
        }

        public string Name { get; }

        public TimeSpan PollInterval => Host.ConfiguredPollInterval;

        /// <summary>The detected or configured protocol variant.</summary>
        public QxSubdriver? Subdriver => _subdriver;

        /// <summary>Pause after opening the port before the first command (about 1.1 s in NUT; tests may shorten it).</summary>
        public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMilliseconds(1100);

        /// <summary>Reply timeout per query (1 s like NUT; tests may shorten it).</summary>
        public TimeSpan ReplyTimeout { get => _replyTimeout; set => _replyTimeout = value; }

        private DriverHost Host => _host ?? throw new InvalidOperationException("driver not initialised");

        private ISerialLink OpenSerialPort(string port)
        {
            var settings = new SerialSettings { BaudRate = 2400 };
            switch ((Host.Section.GetValue("cablepower") ?? "normal").ToLowerInvariant())
            {
                case "reverse": settings.Dtr = false; settings.Rts = true; break;
                case "both": settings.Dtr = true; settings.Rts = true; break;
                case "none": settings.Dtr = false; settings.Rts = false; break;
                case "normal": settings.Dtr = true; settings.Rts = false; break;
                default: throw new DriverException($"Invalid value for 'cablepower': {Host.Section.GetValue("cablepower")}");
            }
            return SerialPortLink.Open(port, settings);
        }

        public async Task InitializeAsync(DriverHost host, CancellationToken cancellationToken)
        {
            _host = host;
            var section = host.Section;
            _ignoreSab = section.HasFlag("ignoresab");
            _stayOff = section.HasFlag("stayoff");
            _offDelay = QxDelays.NormaliseShutdown(ReadInt("offdelay", 30, 12, 5940));
            _onDelay = QxDelays.NormaliseStart(ReadInt("ondelay", 180, 0, 599940));
            _pollFreq = TimeSpan.FromSeconds(ReadInt("pollfreq", 30, 0, int.MaxValue));
            _onePackVoltage = section.HasFlag("battery_voltage_reports_one_pack");
            ConfigureBattery();

            try { Connect(); }
            catch (SerialLinkException e) { throw new DriverException(e.Message, e); }
            if (SettleDelay > TimeSpan.Zero) await Task.Delay(SettleDelay, cancellationToken).ConfigureAwait(false);

            var protocol = section.GetValue("protocol");
            if (protocol != null)
            {
                _subdriver = QxSubdriver.Find(protocol)
                    ?? throw new DriverException($"Invalid protocol [{protocol}]; UpsPS knows: {string.Join(", ", QxSubdriver.Names)}");
                if (!await ClaimAsync(_subdriver, cancellationToken).ConfigureAwait(false))
                    throw new DriverException($"Device not supported! (protocol {protocol} did not answer on {section.Port})");
            }
            else
            {
                foreach (var candidate in QxSubdriver.DetectionOrder)
                {
                    // blazer_ser only knows the plain Q1-layout protocols.
                    if (Name == BlazerName && (candidate.Kind != QxProtocolKind.Q1Layout || candidate.ModelProbe != null)) continue;
                    if (!await ClaimAsync(candidate, cancellationToken).ConfigureAwait(false)) continue;
                    _subdriver = candidate;
                    break;
                }
                if (_subdriver == null) throw new DriverException($"Device not supported! (no Megatec/Q1 protocol answered on {section.Port})");
            }
            if (_offDelay > _subdriver.ShutdownDelayMax)
                throw new DriverException($"Invalid value for 'offdelay': {_offDelay} (allowed 12..{_subdriver.ShutdownDelayMax})");
            host.SetInfo("driver.version.data", _subdriver.VersionData);
            host.WriteLog(DriverLogLevel.Info, $"Using protocol: {_subdriver.VersionData}");

            if (_subdriver.Kind == QxProtocolKind.Voltronic)
            {
                // A UPS that reports its charge (QBV) gets no voltage-based guesses.
                await ReadVoltronicBatteryAsync(cancellationToken).ConfigureAwait(false);
                if (!section.HasFlag("norating")) await ReadVoltronicRatingAsync(cancellationToken).ConfigureAwait(false);
                if (!section.HasFlag("norating")) await ReadVoltronicModelAsync(cancellationToken).ConfigureAwait(false);
                if (!section.HasFlag("novendor")) await ReadVoltronicVendorAsync(cancellationToken).ConfigureAwait(false);
                await ReadVoltronicSettingsAsync(true, cancellationToken, _qflag).ConfigureAwait(false);
            }
            else if (_subdriver.Kind == QxProtocolKind.Q1Layout)
            {
                if (!section.HasFlag("norating")) await ReadRatingAsync(cancellationToken).ConfigureAwait(false);
                if (!section.HasFlag("novendor") && _subdriver.VendorCommand != null) await ReadVendorAsync(cancellationToken).ConfigureAwait(false);
            }
            PublishDelaysAndCommands();
            await UpdateAsync(cancellationToken).ConfigureAwait(false);
            // 2.8.0 starts counting pollfreq after its start-up walk: the next full update (and the first alarms) come later.
            if (_subdriver.Kind == QxProtocolKind.Voltronic)
            {
                // After the status walk, so that reset_to_default can see OFF (2.8.0 reads QGS/QMOD first too).
                await ApplyVoltronicStartupOptionsAsync(cancellationToken).ConfigureAwait(false);
                _lastFullUpdate = DateTime.UtcNow;
            }
        }

        public async Task UpdateAsync(CancellationToken cancellationToken)
        {
            byte[]? raw = null;
            try
            {
                if (_reader == null) Connect();
                raw = await QueryRawAsync(_subdriver!.StatusCommand, cancellationToken).ConfigureAwait(false);
            }
            catch (SerialLinkException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, e.Message);
                Disconnect();
                _failures = MaxTries + 1;
                Host.DataStale();
                return;
            }

            var status = ParseStatus(_subdriver!, raw);
            if (status == null || !status.InputVoltage.HasValue)
            {
                _failures++;
                Host.WriteLog(DriverLogLevel.Debug, $"status query {_subdriver!.StatusCommand} failed ({_failures}): {Describe(raw == null ? null : Encoding.ASCII.GetString(raw))}");
                if (_failures > MaxTries) Host.DataStale();
                return;
            }
            _failures = 0;
            // nutdrv_qx: status bits every poll, all values only every pollfreq and after a command (quick/full walk);
            // blazer_ser reads everything every poll.
            var now = DateTime.UtcNow;
            if (_dataChanged || !_lastFullUpdate.HasValue || now - _lastFullUpdate.Value > _pollFreq || Name == BlazerName)
            {
                _lastFullUpdate = now;
                _dataChanged = false;
                if (_subdriver!.Kind == QxProtocolKind.Voltronic)
                {
                    await VoltronicFullUpdateAsync(status, cancellationToken).ConfigureAwait(false);
                    Host.DataOk();
                    return;
                }
                PublishStatus(status);
                if (_subdriver!.Name == "Voltronic-QS") await ReadQsInfoAsync(cancellationToken).ConfigureAwait(false);
                if (_subdriver.Kind == QxProtocolKind.Voltronic && _voltronicBattery) await ReadVoltronicBatteryAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (_subdriver!.Kind == QxProtocolKind.Voltronic) VoltronicQuickUpdate(status);
            else Host.SetInfo("ups.status", string.Join(" ", StatusTokens(status, new List<string>())));
            Host.DataOk();
        }

        private bool _voltronicBattery = true;
        private string? _qflag;
        private bool _voltronicMode = true;
        private char? _mode;

        /// <summary>Voltronic <c>QMOD</c> working-mode letter, read on full polls; dropped after a (NAK.</summary>
        private async Task ReadVoltronicModeAsync(CancellationToken cancellationToken)
        {
            string? reply;
            try { reply = await QueryAsync("QMOD", cancellationToken).ConfigureAwait(false); }
            catch (SerialLinkException) { return; }
            if (reply == "(NAK") { _voltronicMode = false; _mode = null; return; }
            _mode = reply != null && reply.Length >= 2 && reply[0] == '(' ? reply[1] : (char?)null;
        }

        /// <summary>Voltronic <c>QBV</c>: packs, charge and runtime as the UPS reports them; dropped after a (NAK.</summary>
        private async Task ReadVoltronicBatteryAsync(CancellationToken cancellationToken)
        {
            string? reply;
            try { reply = await QueryAsync("QBV", cancellationToken).ConfigureAwait(false); }
            catch (SerialLinkException) { return; }
            var battery = QxVoltronicBattery.Parse(reply);
            if (battery == null)
            {
                if (reply == "(NAK") _voltronicBattery = false;
                return;
            }
            if (battery.Charge.HasValue) _chargeReported = true;
            if (battery.Count.HasValue) _batteryCount = (int)battery.Count.Value;
            Publish("battery.packs", battery.Packs, "F0");
            if (battery.Packs.HasValue && Host.GetVariable("battery.packs") is { IsWritable: false })
            {
                Host.SetFlags("battery.packs", VariableFlags.ReadWrite);
                Host.AddRange("battery.packs", 1, 99);
            }
            Publish("battery.charge", battery.Charge, "F0");
            Publish("battery.runtime", battery.Runtime, "F0");
        }

        /// <summary>Voltronic <c>QMD</c>, read once: model, nominal power, power factor, phases, nominal voltages.</summary>
        private async Task ReadVoltronicModelAsync(CancellationToken cancellationToken)
        {
            var model = QxVoltronicModel.Parse(await QueryWithRetriesAsync("QMD", cancellationToken).ConfigureAwait(false));
            if (model == null) return;
            if (model.Model != null) Host.SetInfo("device.model", model.Model);
            Publish("ups.power.nominal", model.PowerNominal, "F0");
            Publish("output.powerfactor", model.PowerFactor, "F1");
            Publish("input.phases", model.InputPhases, "F0");
            Publish("output.phases", model.OutputPhases, "F0");
            Publish("input.voltage.nominal", model.InputVoltageNominal, "F1");
            if (Host.GetInfo("output.voltage.nominal") == null) Publish("output.voltage.nominal", model.OutputVoltageNominal, "F1");
        }

        /// <summary>Voltronic-QS <c>QI</c> (NUT master): charge, runtime, input frequency, output current, transfer limits.</summary>
        private async Task ReadQsInfoAsync(CancellationToken cancellationToken)
        {
            string? reply;
            try { reply = await QueryAsync("QI", cancellationToken).ConfigureAwait(false); }
            catch (SerialLinkException) { return; }
            var info = QxQsInfoReply.Parse(reply);
            if (info == null) return;
            if (info.Charge.HasValue) _chargeReported = true;
            Publish("battery.charge", info.Charge, "F0");
            Publish("battery.runtime", info.Runtime, "F0");
            Publish("input.frequency", info.InputFrequency, "F1");
            Publish("output.current", info.OutputCurrent, "F1");
            Publish("input.transfer.low", info.TransferLow, "F0");
            Publish("input.transfer.high", info.TransferHigh, "F0");
        }

        /// <summary>
        /// NUT's <c>-k</c> for the Qx family: cancel a pending shutdown (shutdown.stop, up to 3 tries, failure
        /// ignored), then shutdown.return — or shutdown.stayoff with flag stayoff — up to 3 tries.
        /// </summary>
        public async Task<DriverResult> ShutdownUpsAsync(CancellationToken cancellationToken)
        {
            if (Host.HasCommand("shutdown.stop"))
            {
                var stopped = false;
                for (var i = 0; i < MaxTries && !stopped; i++)
                    stopped = await RunCommandAsync("shutdown.stop", null, cancellationToken).ConfigureAwait(false) == DriverResult.Handled;
                if (!stopped) Host.WriteLog(DriverLogLevel.Info, "No shutdown pending");
            }
            var command = _stayOff ? "shutdown.stayoff" : "shutdown.return";
            for (var i = 0; i < MaxTries; i++)
            {
                if (await RunCommandAsync(command, null, cancellationToken).ConfigureAwait(false) != DriverResult.Handled) continue;
                Host.WriteLog(DriverLogLevel.Info, $"Shutting down in {_offDelay} seconds");
                return DriverResult.Handled;
            }
            Host.WriteLog(DriverLogLevel.Error, "Shutdown failed!");
            return DriverResult.Failed;
        }

        public async Task<DriverResult> SetVariableAsync(string name, string value, CancellationToken cancellationToken)
        {
            if (_subdriver?.Kind == QxProtocolKind.Voltronic)
            {
                var letter = QxVoltronicReplies.FlagVariables.Where(f => f.variable == name).Select(f => (char?)f.letter).FirstOrDefault();
                if (letter.HasValue && Host.GetInfo(name) != null) return await SetVoltronicFlagAsync(name, letter.Value, value, cancellationToken).ConfigureAwait(false);
                if (IsVoltronicSetting(name)) return await SetVoltronicValueAsync(name, value, cancellationToken).ConfigureAwait(false);
            }
            return SetDelay(name, value);
        }

        private async Task<DriverResult> SetVoltronicFlagAsync(string name, char letter, string value, CancellationToken cancellationToken)
        {
            value = value.ToLowerInvariant();
            if (value != "yes" && value != "no") return DriverResult.Invalid;
            if (Host.GetInfo(name) == value) return DriverResult.Handled; // 2.8.0: "nothing to do", nothing sent
            try
            {
                if (_reader == null) Connect();
                // The command letter is upper case (PER, PDS, ...); QFLAG reports lower case.
                var reply = await QueryAsync((value == "yes" ? "PE" : "PD") + char.ToUpperInvariant(letter), cancellationToken).ConfigureAwait(false);
                if (reply != "(ACK") return DriverResult.Failed;
                Host.SetInfo(name, value);
                _dataChanged = _settingsChanged = true;
                return DriverResult.Handled;
            }
            catch (SerialLinkException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, e.Message);
                Disconnect();
                return DriverResult.Failed;
            }
        }

        private DriverResult SetDelay(string name, string value)
        {
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                return (name == "ups.delay.shutdown" || name == "ups.delay.start" ? DriverResult.Invalid : DriverResult.Unknown);
            switch (name)
            {
                case "ups.delay.shutdown":
                    if (seconds < 12 || seconds > (_subdriver?.ShutdownDelayMax ?? 600)) return (DriverResult.Invalid);
                    _offDelay = QxDelays.NormaliseShutdown(seconds);
                    Host.SetInfo(name, Int(_offDelay));
                    _dataChanged = true;
                    return (DriverResult.Handled);
                case "ups.delay.start":
                    if (seconds < 0 || seconds > 599940) return (DriverResult.Invalid);
                    _onDelay = QxDelays.NormaliseStart(seconds);
                    Host.SetInfo(name, Int(_onDelay));
                    _dataChanged = true;
                    return (DriverResult.Handled);
                default:
                    return (DriverResult.Unknown);
            }
        }

        public async Task<DriverResult> InstantCommandAsync(string command, string? parameter, CancellationToken cancellationToken)
        {
            if (string.Equals(command, "driver.killpower", StringComparison.OrdinalIgnoreCase))
                return await ShutdownUpsAsync(cancellationToken).ConfigureAwait(false);
            if (!Host.HasCommand(command)) return DriverResult.Unknown;
            var result = await RunCommandAsync(command, parameter, cancellationToken).ConfigureAwait(false);
            if (result == DriverResult.Handled) _dataChanged = _settingsChanged = true; // re-read the semi-static values too
            return result;
        }

        private async Task<DriverResult> RunCommandAsync(string command, string? parameter, CancellationToken cancellationToken)
        {
            var bytes = CommandBytes(command, parameter);
            if (bytes == null) return DriverResult.Invalid;
            try
            {
                if (_reader == null) Connect();
                var reply = await QueryAsync(bytes.TrimEnd('\r'), cancellationToken).ConfigureAwait(false);
                if (reply == null || reply.Length == 0) return DriverResult.Handled;
                var accept = _subdriver?.AcceptToken;
                if (accept != null && reply.TrimStart('(') == accept) return DriverResult.Handled;
                Host.WriteLog(DriverLogLevel.Warning, $"instcmd {command}: UPS replied {Describe(reply)}");
                return DriverResult.Failed;
            }
            catch (SerialLinkException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, e.Message);
                Disconnect();
                return DriverResult.Failed;
            }
        }

        /// <summary>The exact bytes a Megatec instant command sends (null = bad argument).</summary>
        public string? CommandBytes(string command, string? parameter)
        {
            if (_subdriver?.Kind == QxProtocolKind.Voltronic) return VoltronicCommandBytes(command, parameter);
            switch (command)
            {
                case "beeper.toggle": return "Q\r";
                case "load.off": return "S00R0000\r";
                case "load.on": return "C\r";
                case "shutdown.return": return QxDelays.ShutdownReturn(_offDelay, _onDelay);
                case "shutdown.stayoff": return QxDelays.ShutdownStayOff(_offDelay);
                case "shutdown.stop": return "C\r";
                case "test.battery.start":
                    var seconds = 600;
                    if (!string.IsNullOrEmpty(parameter) && !int.TryParse(parameter, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds)) return null;
                    return QxDelays.BatteryTest(seconds);
                case "test.battery.start.deep": return "TL\r";
                case "test.battery.start.quick": return "T\r";
                case "test.battery.stop": return "CT\r";
                default: return null;
            }
        }

        private string? VoltronicCommandBytes(string command, string? parameter)
        {
            switch (command)
            {
                case "beeper.toggle": return Host.GetInfo("ups.beeper.status") == "enabled" ? "BZOFF\r" : "BZON\r";
                case "beeper.enable": return "PEA\r";
                case "beeper.disable": return "PDA\r";
                case "bypass.start": return "PEE\r";
                case "bypass.stop": return "PDE\r";
                case "load.off": return "SOFF\r";
                case "load.on": return "SON\r";
                case "shutdown.return": return QxDelays.ShutdownReturn(_offDelay, _onDelay);
                case "shutdown.stayoff": return QxDelays.ShutdownStayOff(_offDelay);
                case "shutdown.stop": return "CS\r";
                case "test.battery.start":
                    var seconds = 600;
                    if (!string.IsNullOrEmpty(parameter) && !int.TryParse(parameter, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds)) return null;
                    if (seconds < 12 || seconds > 5940) return null;
                    return "T" + QxDelays.EncodeShutdown(seconds) + "\r";
                case "test.battery.start.deep": return "TL\r";
                case "test.battery.start.quick": return "T\r";
                case "test.battery.stop": return "CT\r";
            }
            if (command.Length == "outlet.1.load.off".Length || command.Length == "outlet.1.load.on".Length)
            {
                if (command.StartsWith("outlet.", StringComparison.Ordinal) && command.EndsWith(".load.on", StringComparison.Ordinal)) return "SKON" + command[7] + "\r";
                if (command.StartsWith("outlet.", StringComparison.Ordinal) && command.EndsWith(".load.off", StringComparison.Ordinal)) return "SKOFF" + command[7] + "\r";
            }
            return null;
        }

        // ------------------------------------------------------------------ internals

        private void Connect()
        {
            var link = _openLink(Host.Section.Port ?? "");
            _reader = new SerialReader(link);
        }

        private void Disconnect()
        {
            _reader?.Link.Dispose();
            _reader = null;
        }

        /// <summary>Flushes input, sends <paramref name="command"/>+CR, returns the CR-terminated reply (null on timeout).</summary>
        private async Task<string?> QueryAsync(string command, CancellationToken cancellationToken, List<byte>? partial = null)
        {
            var line = await QueryRawAsync(command, cancellationToken, partial).ConfigureAwait(false);
            return line == null ? null : Encoding.ASCII.GetString(line).TrimStart('\n', '\0');
        }

        /// <summary>Like <see cref="QueryAsync"/> but returns the reply bytes untouched (Voltronic-QS-Hex is binary).</summary>
        private async Task<byte[]?> QueryRawAsync(string command, CancellationToken cancellationToken, List<byte>? partial = null)
        {
            var reader = _reader!;
            reader.Discard();
            await reader.WriteAsync(Encoding.ASCII.GetBytes(command + "\r"), cancellationToken).ConfigureAwait(false);
            return await reader.ReadUntilAsync((byte)'\r', _replyTimeout, cancellationToken, partial).ConfigureAwait(false);
        }

        /// <summary>Parses a status reply of the given variant; null when it is missing, rejected or malformed.</summary>
        public static QxStatusReply? ParseStatus(QxSubdriver subdriver, byte[]? raw)
        {
            if (raw == null) return null;
            switch (subdriver.Kind)
            {
                case QxProtocolKind.QsHex:
                    return QxQsHexReply.Parse(raw);
                case QxProtocolKind.Voltronic:
                    return QxVoltronicReplies.ParseQgs(Encoding.ASCII.GetString(raw).TrimEnd('\r').TrimStart('\n', '\0'));
                default:
                    return QxStatusReply.Parse(Encoding.ASCII.GetString(raw).TrimEnd('\r').TrimStart('\n', '\0'));
            }
        }

        private async Task<bool> ClaimAsync(QxSubdriver candidate, CancellationToken cancellationToken)
        {
            if (candidate.ModelProbe != null)
            {
                var model = (await QueryWithRetriesAsync("M", cancellationToken).ConfigureAwait(false))?.Trim();
                if (model == null || model.Length != 1 || !candidate.ModelProbe.Contains(model)) return false;
                Host.SetInfo("ups.firmware.aux", "PM-" + model);
                _model = model;
            }
            var status = await QueryRawWithRetriesAsync(candidate.StatusCommand, cancellationToken).ConfigureAwait(false);
            var parsed = ParseStatus(candidate, status);
            if (parsed?.InputVoltage == null)
            {
                if (candidate.ModelProbe != null) Host.DelInfo("ups.firmware.aux");
                return false;
            }
            if (candidate.Kind == QxProtocolKind.Voltronic)
            {
                var protocol = QxVoltronicReplies.ParseProtocol(await QueryWithRetriesAsync("QPI", cancellationToken).ConfigureAwait(false));
                if (protocol == null) return false;
                _voltronicProtocol = protocol.Value;
                Host.SetInfo("ups.firmware.aux", "P" + protocol.Value.ToString("00", CultureInfo.InvariantCulture));
            }
            if (candidate.VendorCommand != null && !Host.Section.HasFlag("novendor"))
            {
                var vendor = await QueryWithRetriesAsync(candidate.VendorCommand, cancellationToken).ConfigureAwait(false);
                if (vendor == null || QxVendorReply.Parse(vendor) == null) return false;
            }
            return true;
        }

        // Retries only when nothing at all came back: an answer (or an unterminated echo of an unknown command)
        // that does not parse will not parse on a second try.
        private async Task<string?> QueryWithRetriesAsync(string command, CancellationToken cancellationToken)
        {
            var raw = await QueryRawWithRetriesAsync(command, cancellationToken).ConfigureAwait(false);
            var reply = raw == null ? null : Encoding.ASCII.GetString(raw).TrimStart('\n', '\0');
            return reply != null && _subdriver?.Kind == QxProtocolKind.Voltronic && reply == "(NAK" ? null : reply;
        }

        private async Task<byte[]?> QueryRawWithRetriesAsync(string command, CancellationToken cancellationToken)
        {
            var partial = new List<byte>();
            for (var attempt = 0; attempt < MaxTries; attempt++)
            {
                try
                {
                    var reply = await QueryRawAsync(command, cancellationToken, partial).ConfigureAwait(false);
                    if (reply != null) return reply;
                    if (partial.Count > 0) return null;
                }
                catch (SerialLinkException e) { throw new DriverException(e.Message, e); }
            }
            return null;
        }

        private async Task ReadRatingAsync(CancellationToken cancellationToken)
        {
            var reply = await QueryWithRetriesAsync("F", cancellationToken).ConfigureAwait(false);
            PublishRating(reply == null ? null : QxRatingReply.Parse(reply), _subdriver!.FrequencyIsOutput);
        }

        private async Task ReadVoltronicRatingAsync(CancellationToken cancellationToken)
        {
            var reply = await QueryWithRetriesAsync("QRI", cancellationToken).ConfigureAwait(false);
            var rating = QxVoltronicReplies.ParseRatings(reply);
            if (rating == null) return;
            // QRI formats differ from F's (NUT 2.8.0): voltages and frequency %.1f, current %.0f.
            Publish("output.voltage.nominal", rating.Voltage, "F1");
            Publish("output.current.nominal", rating.Current, "F0");
            Publish("battery.voltage.nominal", rating.BatteryVoltage, "F1");
            Publish("output.frequency.nominal", rating.Frequency, "F1");
            UseNominalBatteryVoltage(rating.BatteryVoltage);
        }

        private async Task ReadVoltronicVendorAsync(CancellationToken cancellationToken)
        {
            var firmware = QxVoltronicReplies.ParseFirmware(await QueryWithRetriesAsync("QVFW", cancellationToken).ConfigureAwait(false));
            if (firmware != null) Host.SetInfo("ups.firmware", firmware);
            var mfr = QxVoltronicReplies.ParseText(await QueryWithRetriesAsync("QMF", cancellationToken).ConfigureAwait(false));
            if (mfr != null) Host.SetInfo("device.mfr", mfr);
            var serial = QxVoltronicReplies.ParseText(await QueryWithRetriesAsync("QID", cancellationToken).ConfigureAwait(false));
            if (serial != null && serial.Trim('0').Length > 0) Host.SetInfo("device.serial", serial); // all-zero = no serial
            await ReadVoltronicCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        }

        // QFLAG decides which optional commands exist (NUT 2.8.0): 'a' alarm control → beeper.enable/disable,
        // 'e' ECO mode → bypass.start/stop. With alarm control the beeper reads enabled/muted, or disabled when 'a' is off.
        private async Task ReadVoltronicCapabilitiesAsync(CancellationToken cancellationToken)
        {
            var qflag = _qflag = await QueryWithRetriesAsync("QFLAG", cancellationToken).ConfigureAwait(false);
            var alarm = QxVoltronicReplies.Flag(qflag, 'a');
            if (alarm?.listed == true) _alarmControl = alarm.Value.enabled;
            _ecoListed = QxVoltronicReplies.Flag(qflag, 'e')?.listed == true;
            foreach (var (variable, letter) in QxVoltronicReplies.FlagVariables)
            {
                var flag = QxVoltronicReplies.Flag(qflag, letter);
                if (flag?.listed != true) continue;
                Host.SetInfo(variable, flag.Value.enabled ? "yes" : "no");
                Host.SetFlags(variable, VariableFlags.ReadWrite);
                Host.AddEnum(variable, "no");
                Host.AddEnum(variable, "yes");
            }
        }

        private void PublishRating(QxRatingReply? rating, bool output)
        {
            if (rating == null) return;
            Publish(output ? "output.voltage.nominal" : "input.voltage.nominal", rating.Voltage, "F0");
            Publish(output ? "output.current.nominal" : "input.current.nominal", rating.Current, "F1");
            Publish("battery.voltage.nominal", rating.BatteryVoltage, "F1");
            Publish(output ? "output.frequency.nominal" : "input.frequency.nominal", rating.Frequency, "F0");
            UseNominalBatteryVoltage(rating.BatteryVoltage);
        }

        private void UseNominalBatteryVoltage(double? nominal)
        {
            if (nominal.HasValue && !_battery.NominalVoltage.HasValue && !_chargeReported)
            {
                _battery.NominalVoltage = nominal;
                if (_battery.GuessLimits()) PublishBatteryLimits();
            }
        }

        private async Task ReadVendorAsync(CancellationToken cancellationToken)
        {
            var reply = await QueryWithRetriesAsync(_subdriver!.VendorCommand!, cancellationToken).ConfigureAwait(false);
            var vendor = reply == null ? null : QxVendorReply.Parse(reply);
            if (vendor == null) return;
            if (vendor.Manufacturer != null) Host.SetInfo("device.mfr", vendor.Manufacturer);
            if (vendor.Model != null) Host.SetInfo("device.model", vendor.Model);
            if (vendor.Firmware != null) Host.SetInfo("ups.firmware", vendor.Firmware);
        }

        private void PublishDelaysAndCommands()
        {
            Host.SetInfo("ups.delay.start", Int(_onDelay));
            Host.SetFlags("ups.delay.start", VariableFlags.ReadWrite | VariableFlags.Number);
            Host.AddRange("ups.delay.start", 0, 599940);
            Host.SetInfo("ups.delay.shutdown", Int(_offDelay));
            Host.SetFlags("ups.delay.shutdown", VariableFlags.ReadWrite | VariableFlags.Number);
            Host.AddRange("ups.delay.shutdown", 12, _subdriver!.ShutdownDelayMax);
            foreach (var c in CommandNames()) Host.AddCommand(c);
        }

        /// <summary>Instant commands the detected variant offers.</summary>
        public IReadOnlyList<string> CommandNames()
        {
            var commands = new List<string> { "beeper.toggle", "load.off", "load.on", "shutdown.return", "shutdown.stayoff", "shutdown.stop" };
            if (_subdriver!.Kind == QxProtocolKind.Voltronic && _alarmControl.HasValue)
                commands.AddRange(new[] { "beeper.enable", "beeper.disable" });
            if (_subdriver.Kind == QxProtocolKind.Voltronic && _ecoListed)
                commands.AddRange(new[] { "bypass.start", "bypass.stop" });
            if (_subdriver.SupportsBatteryTestCommands)
                commands.AddRange(new[] { "test.battery.start", "test.battery.start.deep", "test.battery.start.quick", "test.battery.stop" });
            else if (_subdriver.Kind == QxProtocolKind.QsHex && _model == "T")
                commands.Add("test.battery.start.quick");
            return commands;
        }

        private void PublishValues(QxStatusReply s)
        {
            Publish("input.voltage", s.InputVoltage, "F1");
            Publish("input.voltage.fault", s.InputFaultVoltage, "F1");
            Publish("output.voltage", s.OutputVoltage, "F1");
            Publish("ups.load", s.Load, "F0");
            Publish(_subdriver!.FrequencyIsOutput ? "output.frequency" : "input.frequency", s.Frequency, "F1");
            Publish("output.frequency", s.OutputFrequency, "F1");
            Publish("output.current", s.OutputCurrent, "F1");
            if (!_ratingsFromStatusDone && s.NominalOutputVoltage.HasValue)
            {
                _ratingsFromStatusDone = true;
                Publish("output.voltage.nominal", s.NominalOutputVoltage, "F1");
                Publish("output.frequency.nominal", s.NominalOutputFrequency, "F1");
                Publish("battery.voltage.nominal", s.NominalBatteryVoltage, "F1");
                UseNominalBatteryVoltage(s.NominalBatteryVoltage);
            }
            // battery_voltage_reports_one_pack + override.battery.packs: publish the whole string's voltage.
            Publish("battery.voltage", _onePackVoltage && _packsOverridden && s.BatteryVoltage.HasValue
                ? s.BatteryVoltage * _battery.Packs : s.BatteryVoltage, "F2");
            Publish("ups.temperature", s.Temperature, "F1");

            if (_alarmControl == false) Host.SetInfo("ups.beeper.status", "disabled");
            else if (s.BeeperOn.HasValue) Host.SetInfo("ups.beeper.status", s.BeeperOn.Value ? "enabled" : _alarmControl == true ? "muted" : "disabled");
            if (s.TypeText != null && Host.GetInfo("ups.type") == null) Host.SetInfo("ups.type", s.TypeText);
            if (s.LineInteractive.HasValue && Host.GetInfo("ups.type") == null)
                Host.SetInfo("ups.type", s.LineInteractive.Value ? "offline / line interactive" : "online");
        }

        private void PublishStatus(QxStatusReply s)
        {
            PublishValues(s);

            var alarms = new List<string>();
            if (s.UpsFailed == true) alarms.Add("UPS selftest failed!");
            var tokens = StatusTokens(s, alarms);
            // (Voltronic takes VoltronicFullUpdateAsync instead, with 2.8.0's own alarm order.)
            if (s.ShutdownActive == true && !_ignoreSab) alarms.Add("Shutdown imminent!");
            if (alarms.Count > 0) Host.SetInfo("ups.alarm", string.Join(" ", alarms));
            else if (Host.GetInfo("ups.alarm") != null) Host.DelInfo("ups.alarm");
            Host.SetInfo("ups.status", string.Join(" ", tokens));

            UpdateBatteryEstimate(s);
        }

        // Voltronic has its own walk (QxDriver.Voltronic.cs); this is the Q1-layout/QS-Hex status.
        private List<string> StatusTokens(QxStatusReply s, List<string> alarms) => s.StatusTokens(_ignoreSab).ToList();

        private void UpdateBatteryEstimate(QxStatusReply s)
        {
            if (!s.BatteryVoltage.HasValue || _chargeReported) return;
            var charge = _battery.ChargeFromVoltage(s.BatteryVoltage.Value);
            if (!charge.HasValue) return;
            var now = DateTime.UtcNow;
            var elapsed = _lastFullPoll.HasValue ? (now - _lastFullPoll.Value).TotalSeconds : 0;
            _lastFullPoll = now;
            var estimate = _battery.Estimate(charge.Value, s.Load ?? 0, s.UtilityFail == true, elapsed);
            if (estimate.HasValue)
            {
                Host.SetInfo("battery.charge", QxFields.Format(estimate.Value.Charge, "F0"));
                Host.SetInfo("battery.runtime", QxFields.Format(estimate.Value.Runtime, "F0"));
            }
            else Host.SetInfo("battery.charge", QxFields.Format(charge.Value, "F0"));
        }

        private void ConfigureBattery()
        {
            _battery.NominalVoltage = ReadHostNumber("battery.voltage.nominal");
            _battery.LowVoltage = ReadHostNumber("battery.voltage.low");
            _battery.HighVoltage = ReadHostNumber("battery.voltage.high");
            _battery.Packs = ReadHostNumber("battery.packs");
            _packsOverridden = _battery.Packs.HasValue;
            var cal = Host.Section.GetValue("runtimecal");
            if (cal != null)
            {
                var parts = cal.Split(',').Select(p => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1).ToArray();
                if (parts.Length != 4 || parts.Any(p => p <= 0)) throw new DriverException($"Invalid runtimecal: {cal} (expected r_high,load_high,r_low,load_low)");
                _battery.RuntimeCalibration = parts;
            }
            _battery.ChargeTime = ReadInt("chargetime", 43200, 1, int.MaxValue);
            _battery.IdleLoad = ReadInt("idleload", 10, 0, 100) / 100.0;
            _chargeReported = false;
            if (_battery.NominalVoltage.HasValue && _battery.GuessLimits()) PublishBatteryLimits();
        }

        private void PublishBatteryLimits()
        {
            Publish("battery.voltage.low", _battery.LowVoltage, "F2");
            Publish("battery.voltage.high", _battery.HighVoltage, "F2");
        }

        private double? ReadHostNumber(string name)
        {
            var text = Host.GetInfo(name);
            return text != null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null;
        }

        private int ReadInt(string key, int fallback, int min, int max)
        {
            var text = Host.Section.GetValue(key);
            if (text == null) return fallback;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                throw new DriverException($"Invalid value for '{key}': {text} (allowed {min}..{max})");
            return v;
        }

        private void Publish(string name, double? value, string format)
        {
            if (value.HasValue) Host.SetInfo(name, QxFields.Format(value.Value, format));
        }

        public void Dispose() => Disconnect();

        private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

        private static string Describe(string? reply) => reply == null ? "no reply" : $"'{reply}'";
    }
}
