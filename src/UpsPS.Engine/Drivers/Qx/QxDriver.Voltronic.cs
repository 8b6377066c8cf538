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
            if (!initial && _settingsChanged)
            {
                _settingsChanged = false;
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
            // ECO voltage limits are only settable when 2.8.0 could work out their range.
            if ((name == "input.transfer.high" || name == "input.transfer.low") && variable.Ranges.Count == 0) return DriverResult.Unknown;
            double number;
            if (name == "battery.type")
            {
                var index = Array.FindIndex(QxVoltronicSettings.BatteryTypes, t => string.Equals(t, value, StringComparison.OrdinalIgnoreCase));
                if (index < 0) return DriverResult.Invalid;
                number = index;
            }
            else
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return DriverResult.Invalid;
                if (variable.Ranges.Count > 0 && !variable.Ranges.Any(r => number >= r.Min && number <= r.Max)) return DriverResult.Invalid;
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
    }
}
