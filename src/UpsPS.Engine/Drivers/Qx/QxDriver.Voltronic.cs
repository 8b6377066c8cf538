using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.Serial;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>
    /// Voltronic (QPI family) status/alarm walk, QWS warnings and the settable values (serial.md §1.6), following
    /// nutdrv_qx 2.8.0: status bits persist between full updates (quick polls only apply QGS on top), alarms are
    /// committed only by full updates, and the first full update comes pollfreq after start-up.
    /// </summary>
    public sealed partial class QxDriver
    {
        private static readonly string[] VoltronicStatusOrder = { "LB", "OVER", "RB", "TRIM", "BOOST", "BYPASS", "OFF", "CAL", "FSD" };

        private readonly HashSet<string> _upsStatus = new HashSet<string>(StringComparer.Ordinal);
        private bool _alarmActive;
        private bool _warningsSupported = true;
        private bool _voltronicInitDone;
        private readonly List<int> _outlets = new List<int>();
        private readonly HashSet<string> _settingsQueries = new HashSet<string>(StringComparer.Ordinal);

        private void UpdateStatusBit(string token)
        {
            if (token.StartsWith("!", StringComparison.Ordinal)) _upsStatus.Remove(token.Substring(1));
            else _upsStatus.Add(token);
        }

        private string RenderVoltronicStatus()
        {
            var tokens = new List<string> { _upsStatus.Contains("OL") ? "OL" : "OB" };
            tokens.AddRange(VoltronicStatusOrder.Where(_upsStatus.Contains));
            return (_alarmActive ? "ALARM " : "") + string.Join(" ", tokens);
        }

        /// <summary>The QGS status items (all quick-poll items in 2.8.0) applied to the persistent status bits.</summary>
        private void ApplyQgs(QxStatusReply s, List<string>? alarms)
        {
            if (s.UtilityFail.HasValue) UpdateStatusBit(s.UtilityFail.Value ? "!OL" : "OL");
            if (s.BatteryLow.HasValue) UpdateStatusBit(s.BatteryLow.Value ? "LB" : "!LB");
            if (s.BypassBoostBuck == true)
            {
                var (token, avr) = QxVoltronicReplies.Regulation(s, _voltronicProtocol);
                if (token != null) UpdateStatusBit(token);
                if (avr) alarms?.Add("UPS is in AVR Mode.");
            }
            if (s.TestInProgress.HasValue) UpdateStatusBit(s.TestInProgress.Value ? "CAL" : "!CAL");
            if (s.ShutdownActive.HasValue) UpdateStatusBit(s.ShutdownActive.Value ? "FSD" : "!FSD");
        }

        private void VoltronicQuickUpdate(QxStatusReply s)
        {
            ApplyQgs(s, null);
            Host.SetInfo("ups.status", RenderVoltronicStatus());
        }

        /// <summary>
        /// A full Voltronic walk: QGS values and bits, QMOD, QWS, QBV, then the settings after a change.
        /// The start-up walk sets the bits but commits no alarm (2.8.0 only commits alarms on full updates).
        /// </summary>
        private async Task VoltronicFullUpdateAsync(QxStatusReply s, CancellationToken cancellationToken)
        {
            var initial = !_voltronicInitDone;
            _voltronicInitDone = true;
            _upsStatus.Clear();
            var alarms = new List<string>();
            PublishValues(s);
            ApplyQgs(s, alarms);
            if (_voltronicMode)
            {
                await ReadVoltronicModeAsync(cancellationToken).ConfigureAwait(false);
                if (_mode.HasValue)
                {
                    var (status, alarm) = QxVoltronicAlarms.Mode(_mode.Value);
                    if (alarm != null) alarms.Add(alarm);
                    if (status != null) UpdateStatusBit(status);
                }
            }
            if (_warningsSupported)
            {
                string? reply = null;
                try { reply = await QueryAsync("QWS", cancellationToken).ConfigureAwait(false); }
                catch (SerialLinkException) { }
                var warnings = QxVoltronicAlarms.ParseWarnings(reply);
                if (warnings == null && initial) _warningsSupported = false;
                if (warnings?.Text != null) alarms.Add(warnings.Text);
                foreach (var token in warnings?.Status ?? Array.Empty<string>()) UpdateStatusBit(token);
            }
            if (_voltronicBattery) await ReadVoltronicBatteryAsync(cancellationToken).ConfigureAwait(false);
            await ReadVoltronicItemsAsync(initial, cancellationToken).ConfigureAwait(false);
            if (!initial && _settingsChanged)
            {
                _settingsChanged = false;
                await RereadVoltronicFlagsAsync(cancellationToken).ConfigureAwait(false);
                await ReadVoltronicSettingsAsync(false, cancellationToken).ConfigureAwait(false);
            }
            if (_upsStatus.Contains("RB")) alarms.Add("Replace battery!");
            if (_upsStatus.Contains("FSD")) alarms.Add("Shutdown imminent!");
            if (!initial)
            {
                _alarmActive = alarms.Count > 0;
                if (_alarmActive) Host.SetInfo("ups.alarm", string.Join(" ", alarms));
                else if (Host.GetInfo("ups.alarm") != null) Host.DelInfo("ups.alarm");
            }
            Host.SetInfo("ups.status", RenderVoltronicStatus());
            UpdateBatteryEstimate(s);
        }

        private bool _settingsChanged;

        /// <summary>QFLAG is semi-static in 2.8.0: after a change the yes/no variables come from the UPS again.</summary>
        private async Task RereadVoltronicFlagsAsync(CancellationToken cancellationToken)
        {
            if (_qflag == null) return;
            string? reply;
            try { reply = await QueryAsync("QFLAG", cancellationToken).ConfigureAwait(false); }
            catch (SerialLinkException) { return; }
            if (reply == null || reply == "(NAK") return;
            foreach (var (variable, letter) in QxVoltronicReplies.FlagVariables)
            {
                var flag = QxVoltronicReplies.Flag(reply, letter);
                if (flag?.listed == true && Host.GetInfo(variable) != null) Host.SetInfo(variable, flag.Value.enabled ? "yes" : "no");
            }
        }
        private List<QxVoltronicItem>? _voltronicItems;

        /// <summary>QLDL and the protocol's multi-phase items; at start-up an item without a usable value is dropped for good.</summary>
        private async Task ReadVoltronicItemsAsync(bool initial, CancellationToken cancellationToken)
        {
            _voltronicItems ??= QxVoltronicPolledItems.For(_voltronicProtocol).ToList();
            var replies = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var item in _voltronicItems.ToList())
            {
                if (!replies.TryGetValue(item.Command, out var reply))
                {
                    try { reply = await QueryAsync(item.Command, cancellationToken).ConfigureAwait(false); }
                    catch (SerialLinkException) { reply = null; }
                    replies[item.Command] = reply;
                }
                var value = item.Parse(reply);
                if (value.HasValue) Host.SetInfo(item.Variable, QxFields.Format(value.Value, item.Format));
                else if (initial) _voltronicItems.Remove(item);
            }
        }

        /// <summary>
        /// The semi-static Voltronic settings in 2.8.0's table order: outlets (QSKn/QSKTn, only with QFLAG 'j' enabled),
        /// ECO limits (QHE/QFRE, only with QFLAG 'e' listed), battery type (QBT, P31), battery low voltage (RE0).
        /// At start-up a query that fails is never asked again.
        /// </summary>
        private async Task ReadVoltronicSettingsAsync(bool initial, CancellationToken cancellationToken, string? qflag = null)
        {
            async Task<string?> Ask(string command)
            {
                if (!initial && !_settingsQueries.Contains(command)) return null;
                string? reply;
                try { reply = await QueryAsync(command, cancellationToken).ConfigureAwait(false); }
                catch (SerialLinkException) { return null; }
                if (reply == "(NAK") reply = null;
                if (initial && reply != null) _settingsQueries.Add(command);
                return reply;
            }

            if (initial && QxVoltronicReplies.Flag(qflag, 'j') is { listed: true, enabled: true })
                _outlets.AddRange(new[] { 1, 2, 3, 4 });
            foreach (var n in _outlets.ToList())
            {
                var status = QxVoltronicSettings.ParseOutletStatus(await Ask($"QSK{n}").ConfigureAwait(false));
                if (status == null) { if (initial) _outlets.Remove(n); continue; }
                Host.SetInfo($"outlet.{n}.switchable", "yes");
                Host.SetInfo($"outlet.{n}.status", status);
                if (initial)
                {
                    Host.AddCommand($"outlet.{n}.load.off");
                    Host.AddCommand($"outlet.{n}.load.on");
                }
            }
            foreach (var n in _outlets)
            {
                var delay = QxVoltronicSettings.ParseOutletDelay(await Ask($"QSKT{n}").ConfigureAwait(false));
                if (!delay.HasValue) continue;
                PublishSetting($"outlet.{n}.delay.shutdown", QxFields.Format(delay.Value, "F0"), initial, (0, 59940));
            }

            if (_ecoListed)
            {
                var eco = QxVoltronicSettings.ParsePair(await Ask("QHE").ConfigureAwait(false), 3, 5, 7);
                if (eco.HasValue)
                {
                    var ovn = ReadHostNumber("output.voltage.nominal");
                    var range = ovn.HasValue ? QxVoltronicSettings.EcoVoltageRange(_voltronicProtocol, (int)ovn.Value) : null;
                    PublishSetting("input.transfer.high", QxFields.Format(eco.Value.first, "F0"), initial, range.HasValue ? (range.Value.highMin, range.Value.highMax) : ((int, int)?)null);
                    PublishSetting("input.transfer.low", QxFields.Format(eco.Value.second, "F0"), initial, range.HasValue ? (range.Value.lowMin, range.Value.lowMax) : ((int, int)?)null);
                    if (range.HasValue)
                    {
                        Host.SetInfo("input.transfer.low.min", Int(range.Value.lowMin));
                        Host.SetInfo("input.transfer.low.max", Int(range.Value.lowMax));
                        Host.SetInfo("input.transfer.high.min", Int(range.Value.highMin));
                        Host.SetInfo("input.transfer.high.max", Int(range.Value.highMax));
                    }
                }
                var freq = QxVoltronicSettings.ParsePair(await Ask("QFRE").ConfigureAwait(false), 4, 6, 9);
                if (freq.HasValue)
                {
                    var ofn = ReadHostNumber("output.frequency.nominal");
                    var range = ofn.HasValue ? QxVoltronicSettings.EcoFrequencyRange(_voltronicProtocol, ofn.Value) : null;
                    PublishSetting("input.frequency.high", QxFields.Format(freq.Value.first, "F1"), initial, range?.high);
                    PublishSetting("input.frequency.low", QxFields.Format(freq.Value.second, "F1"), initial, range?.low);
                }
            }

            if (_voltronicProtocol == 31)
            {
                var type = QxVoltronicSettings.ParseBatteryType(await Ask("QBT").ConfigureAwait(false));
                if (type != null)
                {
                    Host.SetInfo("battery.type", type);
                    if (initial)
                    {
                        Host.SetFlags("battery.type", VariableFlags.ReadWrite);
                        foreach (var t in QxVoltronicSettings.BatteryTypes) Host.AddEnum("battery.type", t);
                    }
                }
            }

            var low = QxVoltronicSettings.ParseBatteryLow(await Ask("RE0").ConfigureAwait(false));
            if (low.HasValue)
                PublishSetting("battery.voltage.low", QxFields.Format(low.Value, "F1"), initial,
                    QxVoltronicSettings.BatteryLowRange(ReadHostNumber("output.voltage.nominal"), ReadHostNumber("output.current.nominal")));
        }

        private void PublishSetting(string name, string value, bool initial, (int min, int max)? range)
        {
            // Without a reported charge 2.8.0's voltage guesses (low and high together) replace RE0's value.
            var guessed = name == "battery.voltage.low" && !_chargeReported && Host.GetInfo(name) != null;
            if (!guessed) Host.SetInfo(name, value);
            if (!initial) return;
            Host.SetFlags(name, VariableFlags.ReadWrite);
            if (range.HasValue) Host.AddRange(name, range.Value.min, range.Value.max);
        }

        private static readonly string[] VoltronicSettingNames =
        {
            "battery.packs", "battery.voltage.low", "battery.type", "input.transfer.high", "input.transfer.low",
            "input.frequency.high", "input.frequency.low",
        };

        private static bool IsVoltronicSetting(string name) =>
            VoltronicSettingNames.Contains(name)
            || (name.StartsWith("outlet.", StringComparison.Ordinal) && name.EndsWith(".delay.shutdown", StringComparison.Ordinal) && name.Length == "outlet.1.delay.shutdown".Length);

        /// <summary>Writes a Voltronic setting with its command; the UPS must answer <c>(ACK</c>.</summary>
        private async Task<DriverResult> SetVoltronicValueAsync(string name, string value, CancellationToken cancellationToken)
        {
            var variable = Host.GetVariable(name);
            if (variable == null || !variable.IsWritable) return DriverResult.Unknown;
            // 2.8.0: a value equal to the current one is "nothing to do" (nothing sent); a range-checked setting
            // whose range could not be worked out (e.g. ECO limits on P00) cannot be set.
            if (string.Equals(variable.Value, value, StringComparison.OrdinalIgnoreCase)) return DriverResult.Handled;
            if (name != "battery.type" && variable.Ranges.Count == 0) return DriverResult.Unknown;
            double number;
            if (name == "battery.type")
            {
                var index = Array.FindIndex(QxVoltronicSettings.BatteryTypes, t => string.Equals(t, value, StringComparison.OrdinalIgnoreCase));
                if (index < 0) return DriverResult.Invalid;
                number = index;
            }
            else
            {
                if (!QxVoltronicStartupOptions.IsNumeric(value) || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return DriverResult.Invalid;
                // Like 2.8.0, only the integer part is compared with the range (48.5 passes 46..48).
                var whole = Math.Truncate(number);
                if (!variable.Ranges.Any(r => whole >= r.Min && whole <= r.Max)) return DriverResult.Invalid;
            }
            var command = QxVoltronicSettings.SetCommand(name, number);
            if (command == null) return DriverResult.Unknown;
            try
            {
                if (_reader == null) Connect();
                var reply = await QueryAsync(command, cancellationToken).ConfigureAwait(false);
                if (reply != "(ACK")
                {
                    Host.WriteLog(DriverLogLevel.Warning, $"setvar {name}: UPS replied {Describe(reply)}");
                    return DriverResult.Failed;
                }
                _dataChanged = true;
                _settingsChanged = true;
                return DriverResult.Handled;
            }
            catch (SerialLinkException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, e.Message);
                Disconnect();
                return DriverResult.Failed;
            }
        }
    
        private int? _batteryCount;

        /// <summary>
        /// One-time writes from ups.conf options without a NUT variable, in 2.8.0's table order: reset_to_default (only
        /// when OFF), QFLAG capabilities, bypass voltage/frequency limits, battery_number, work_range_type (P31),
        /// output_phase_angle. Each is sent only when the UPS's current value differs and the value is allowed; a
        /// refusal is logged.
        /// </summary>
        private async Task ApplyVoltronicStartupOptionsAsync(CancellationToken cancellationToken)
        {
            var section = Host.Section;
            if (!QxVoltronicStartupOptions.AllOptions.Any(o => section.GetValue(o) != null || section.HasFlag(o))) return;

            async Task<string?> Ask(string command)
            {
                try { var r = await QueryAsync(command, cancellationToken).ConfigureAwait(false); return r == "(NAK" ? null : r; }
                catch (SerialLinkException) { return null; }
            }
            async Task Send(string option, string command)
            {
                var reply = await Ask(command).ConfigureAwait(false);
                Host.WriteLog(reply == "(ACK" ? DriverLogLevel.Info : DriverLogLevel.Error,
                    reply == "(ACK" ? $"{option}: set ({command})" : $"{option}: UPS refused {command}");
            }

            if (section.HasFlag("reset_to_default"))
            {
                if (_upsStatus.Contains("OFF") || _mode == 'S') await Send("reset_to_default", "PF").ConfigureAwait(false);
                else Host.WriteLog(DriverLogLevel.Error, "reset_to_default: UPS capability options can be reset only when the UPS is in Standby Mode (i.e. ups.status = 'OFF').");
            }

            foreach (var (option, letter) in QxVoltronicStartupOptions.Capabilities)
            {
                var wanted = section.GetValue(option);
                var flag = QxVoltronicReplies.Flag(_qflag, letter);
                if (wanted == null || flag?.listed != true) continue;
                var current = flag.Value.enabled ? "enabled" : "disabled";
                if (!string.Equals(wanted, "enabled", StringComparison.OrdinalIgnoreCase) && !string.Equals(wanted, "disabled", StringComparison.OrdinalIgnoreCase))
                { Host.WriteLog(DriverLogLevel.Error, $"{option}: value out of range [{wanted}]"); continue; }
                if (string.Equals(wanted, current, StringComparison.OrdinalIgnoreCase)) { Host.WriteLog(DriverLogLevel.Info, $"{option} is already {current}"); continue; }
                await Send(option, (string.Equals(wanted, "enabled", StringComparison.OrdinalIgnoreCase) ? "PE" : "PD") + char.ToUpperInvariant(letter)).ConfigureAwait(false);
            }

            if (_voltronicProtocol != 0 && _voltronicProtocol != 8 && _voltronicProtocol != 31)
            {
                foreach (var (query, options, firstEnd, secondStart, secondEnd, nominal) in new[]
                {
                    ("QBYV", new[] { "max_bypass_volt", "min_bypass_volt" }, 3, 5, 7, "input.voltage.nominal"),
                    ("QBYF", new[] { "max_bypass_freq", "min_bypass_freq" }, 4, 6, 9, "output.frequency.nominal"),
                })
                {
                    if (options.All(o => section.GetValue(o) == null)) continue;
                    var current = QxVoltronicSettings.ParsePair(await Ask(query).ConfigureAwait(false), firstEnd, secondStart, secondEnd);
                    if (!current.HasValue) continue;
                    for (var i = 0; i < options.Length; i++)
                    {
                        var text = section.GetValue(options[i]);
                        if (text == null) continue;
                        if (!QxVoltronicStartupOptions.IsNumeric(text) || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                            || !QxVoltronicStartupOptions.InBypassRange(options[i], _voltronicProtocol, ReadHostNumber(nominal), value))
                        { Host.WriteLog(DriverLogLevel.Error, $"{options[i]}: value out of range [{text}]"); continue; }
                        var now = i == 0 ? current.Value.first : current.Value.second;
                        if (Math.Abs(now - value) < 1e-9) { Host.WriteLog(DriverLogLevel.Info, $"{options[i]} is already set to {text}"); continue; }
                        await Send(options[i], QxVoltronicStartupOptions.BypassCommand(options[i], value)).ConfigureAwait(false);
                    }
                }
            }

            var number = section.GetValue("battery_number");
            if (number != null && _batteryCount.HasValue)
            {
                if (!QxVoltronicStartupOptions.IsNumeric(number) || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || Math.Truncate(n) < 1 || Math.Truncate(n) > 9)
                    Host.WriteLog(DriverLogLevel.Error, $"battery_number: value out of range [{number}]");
                else if (Math.Abs(n - _batteryCount.Value) < 1e-9) Host.WriteLog(DriverLogLevel.Info, $"battery_number is already set to {number}");
                else await Send("battery_number", "BATN" + n.ToString("F0", CultureInfo.InvariantCulture)).ConfigureAwait(false);
            }

            var range = section.GetValue("work_range_type");
            if (range != null && _voltronicProtocol == 31)
            {
                var reply = await Ask("QGR").ConfigureAwait(false);
                var index = Array.FindIndex(QxVoltronicStartupOptions.WorkRanges, w => string.Equals(w, range, StringComparison.OrdinalIgnoreCase));
                if (reply != null && reply.Length >= 3 && reply[1] == '0' && (reply[2] == '0' || reply[2] == '1'))
                {
                    if (index < 0) Host.WriteLog(DriverLogLevel.Error, $"work_range_type: value out of range [{range}]");
                    else if (index == reply[2] - '0') Host.WriteLog(DriverLogLevel.Info, $"work_range_type is already set to {QxVoltronicStartupOptions.WorkRanges[index]}");
                    else await Send("work_range_type", "PGR" + index.ToString("00", CultureInfo.InvariantCulture)).ConfigureAwait(false);
                }
            }

            // 2.8.0 sends the angle's position in its list (PPD001 for 120°); we send the angle itself (docs/differences-from-nut.md).
            var angle = section.GetValue("output_phase_angle");
            if (angle != null)
            {
                var reply = await Ask("QPD").ConfigureAwait(false);
                var current = reply == null ? null : QxFields.Number(reply, 5, 7);
                var wanted = QxVoltronicStartupOptions.PhaseAngles.FirstOrDefault(a => a == angle);
                if (current.HasValue)
                {
                    if (wanted == null) Host.WriteLog(DriverLogLevel.Error, $"output_phase_angle: value out of range [{angle}]");
                    else if ((int)current.Value == int.Parse(wanted, CultureInfo.InvariantCulture)) Host.WriteLog(DriverLogLevel.Info, $"output_phase_angle is already set to {wanted}");
                    else await Send("output_phase_angle", "PPD" + wanted).ConfigureAwait(false);
                }
            }
        }
    }
}
