using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.UsbHid.Replay;
using UpsPS.Engine.Drivers.UsbHid.Subdrivers;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers.UsbHid
{
    /// <summary>
    /// usbhid-ups: HID Power Device Class UPSes over hidraw, hid.dll, libusb or a replayed recording
    /// (<c>port = replay:FOLDER</c>). Spec: shared/spec/drivers/usbhid.md.
    /// </summary>
    public sealed partial class UsbHidUpsDriver : IUpsDriver, IHidConversionContext
    {
        public const string DriverName = "usbhid-ups";
        public const string InternalVersion = "0.47";
        public const string ReplayPrefix = "replay:";

        public static readonly DriverDescriptor Descriptor = new DriverDescriptor(
            DriverName, InternalVersion, () => new UsbHidUpsDriver(),
            valueKeys: HidDeviceMatcher.Keys.Concat(new[]
            {
                "subdriver", "pollfreq", "offdelay", "ondelay", "lowbatt", "interruptsize", "usb_hid_rep_index",
                "usb_hid_desc_index", "usb_hid_ep_in", "usb_hid_ep_out", "interrupt_pipe_no_events_tolerance",
                "lbrb_log_delay_sec", "onlinedischarge_log_throttle_sec", "usb_set_altinterface", "record",
            }),
            flagKeys: new[]
            {
                "pollonly", "interruptonly", "maxreport", "explore", "onlinedischarge", "onlinedischarge_onbattery",
                "onlinedischarge_calibration", "disable_fix_report_desc", "lbrb_log_delay_without_calibrating",
                "powercom_sdcmd_byte_order_fallback", "powercom_sdcmd_discrete_delay",
                PowercomSubdriver.CorrectedByteOrderOption, LaterNutOption,
            });

        /// <summary>
        /// UpsPS extension: what later NUT adds to 2.8.0's tables and status (the ECO token, rows flagged
        /// <see cref="HidRowFlags.LaterNut"/>). Without it the driver publishes what 2.8.0 publishes.
        /// </summary>
        public const string LaterNutOption = "upsps_later_nut";

        private static readonly TimeSpan InterruptTimeout = TimeSpan.FromMilliseconds(750);

        private readonly IHidDeviceProvider? _injectedProvider;
        private DriverHost? _host;
        private IHidDeviceProvider? _provider;
        private IHidDevice? _device;
        private HidReportDescriptor? _descriptor;
        private HidSubdriver? _subdriver;
        private HidSubdriverContext? _context;
        private readonly HidReportCache _cache = new HidReportCache();
        private readonly HidStatusComposer _status = new HidStatusComposer();
        private List<ActiveRow> _rows = new List<ActiveRow>();
        private readonly Dictionary<string, ActiveRow> _commands = new Dictionary<string, ActiveRow>(StringComparer.Ordinal);
        private DateTimeOffset _lastFullWalk = DateTimeOffset.MinValue;
        private bool _changedSinceWalk;
        private bool _alarmPublished;
        private bool _useInterrupts;
        private bool _maxReport;
        private int _emptyInterruptReads;
        private int _interruptSize;
        private HidRecorder? _recorder;

        public UsbHidUpsDriver() { }

        /// <summary>Uses <paramref name="provider"/> instead of choosing one from the port (tests, embedding).</summary>
        public UsbHidUpsDriver(IHidDeviceProvider provider) => _injectedProvider = provider;

        public string Name => DriverName;

        public TimeSpan PollInterval => Host.ConfiguredPollInterval;

        /// <summary>The chosen subdriver (after initialisation).</summary>
        public HidSubdriver? Subdriver => _subdriver;

        public HidReportDescriptor? ReportDescriptor => _descriptor;

        public bool Connected => _device != null;

        private DriverHost Host => _host ?? throw new InvalidOperationException("driver not initialised");

        private sealed class ActiveRow
        {
            public ActiveRow(HidMappingRow row, HidDataItem item) { Row = row; Item = item; }
            public HidMappingRow Row { get; }
            public HidDataItem Item { get; }
            public bool ReadOnce { get; set; }
        }

        // ------------------------------------------------------------------ options

        private string? Option(string key) => Host.Section.GetValue(key);
        private bool Flag(string key) => Host.Section.HasFlag(key);

        private int IntOption(string key, int fallback) =>
            int.TryParse(Option(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

        private TimeSpan PollFrequency => TimeSpan.FromSeconds(Math.Max(1, IntOption("pollfreq", _subdriver?.DefaultPollFrequency ?? 30)));

        // ------------------------------------------------------------------ IUpsDriver

        public async Task InitializeAsync(DriverHost host, CancellationToken cancellationToken)
        {
            _host = host;
            _provider = _injectedProvider ?? CreateProvider(host.Section.Port ?? "auto", host.ConfigDirectory);
            try { Open(); }
            catch (HidTransportException e) { throw new DriverException(e.Message, e); }
            await UpdateAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task UpdateAsync(CancellationToken cancellationToken)
        {
            if (_device == null && !TryReconnect()) return;
            try
            {
                if (_useInterrupts) await ReadInterruptAsync(cancellationToken).ConfigureAwait(false);
                var now = Host.Clock.UtcNow;
                var full = now - _lastFullWalk >= PollFrequency || _changedSinceWalk;
                Walk(full);
                if (full)
                {
                    _lastFullWalk = now;
                    _changedSinceWalk = false;
                }
                PublishStatus(refreshAlarms: full);
                Host.DataOk();
            }
            catch (HidTransportException e) when (e.NeedsReconnect)
            {
                Host.WriteLog(DriverLogLevel.Warning, $"Got disconnected: {e.Message}");
                Close();
                Host.DataStale();
            }
        }

        public async Task<DriverResult> SetVariableAsync(string name, string value, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var active = _rows.FirstOrDefault(r => r.Row.Kind == HidRowKind.Variable && r.Row.Name == name && r.Row.Has(HidRowFlags.ReadWrite));
            if (active == null) return Host.GetVariable(name) == null ? DriverResult.Unknown : DriverResult.Invalid;
            if (active.Row.Has(HidRowFlags.Absent))
            {
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) return DriverResult.Invalid;
                Host.SetInfo(name, value);
                return DriverResult.Handled;
            }
            double? number = active.Row.Converter != null ? active.Row.Converter.FromText(value) : null;
            if (number == null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) number = parsed;
            if (number == null) return DriverResult.ConversionFailed;
            if (_device == null) return DriverResult.Failed;
            try
            {
                WriteItem(active.Item, number.Value);
                Host.WriteLog(DriverLogLevel.Info, $"setvar: {name} = {value}");
                if (TryRead(active.Item, out var fresh)) Publish(active, fresh);
                return DriverResult.Handled;
            }
            catch (HidTransportException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, $"setvar {name} failed: {e.Message}");
                if (e.NeedsReconnect) { Close(); Host.DataStale(); }
                return DriverResult.Failed;
            }
            catch (InvalidOperationException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, $"setvar {name}: {e.Message}");
                return DriverResult.Invalid;
            }
        }

        public async Task<DriverResult> InstantCommandAsync(string command, string? parameter, CancellationToken cancellationToken)
        {
            if (command == "beeper.on") command = "beeper.enable";
            else if (command == "beeper.off") command = "beeper.disable";
            if (_device == null) return Host.HasCommand(command) ? DriverResult.Failed : DriverResult.Unknown;
            try
            {
                if (_commands.TryGetValue(command, out var row)) return RunCommandRow(row, parameter);
                switch (command)
                {
                    case "load.off" when _commands.ContainsKey("load.off.delay"):
                        return RunCommandRow(_commands["load.off.delay"], "0");
                    case "load.on" when _commands.ContainsKey("load.on.delay"):
                        return RunCommandRow(_commands["load.on.delay"], "0");
                    case "shutdown.return" when HasDelayCommands:
                    case "shutdown.stayoff" when HasDelayCommands:
                        var stayOff = command == "shutdown.stayoff";
                        if (Host.GetVariable("ups.start.auto") != null) await SetVariableAsync("ups.start.auto", stayOff ? "no" : "yes", cancellationToken).ConfigureAwait(false);
                        var on = RunCommandRow(_commands["load.on.delay"], stayOff ? "-1" : null);
                        if (on != DriverResult.Handled) return on;
                        await Host.Clock.DelayAsync(TimeSpan.FromMilliseconds(125), cancellationToken).ConfigureAwait(false);
                        return RunCommandRow(_commands["load.off.delay"], null);
                }
                Host.WriteLog(DriverLogLevel.Info, $"instcmd: unknown command [{command}] [{parameter ?? "(null)"}]");
                return DriverResult.Unknown;
            }
            catch (HidTransportException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, $"instcmd {command} failed: {e.Message}");
                if (e.NeedsReconnect) { Close(); Host.DataStale(); }
                return DriverResult.Failed;
            }
        }

        /// <summary>
        /// The driver's own shutdown (upsdrvctl shutdown / <c>-k</c>): shutdown.return, shutdown.reboot, load.off.delay,
        /// shutdown.stayoff in that order; the first one the UPS accepts wins.
        /// </summary>
        public async Task<DriverResult> ShutdownUpsAsync(CancellationToken cancellationToken)
        {
            foreach (var command in new[] { "shutdown.return", "shutdown.reboot", "load.off.delay", "shutdown.stayoff" })
            {
                if (!Host.HasCommand(command)) continue;
                var result = await InstantCommandAsync(command, null, cancellationToken).ConfigureAwait(false);
                if (result == DriverResult.Handled)
                {
                    Host.WriteLog(DriverLogLevel.Info, $"shutdown: {command} accepted");
                    return result;
                }
            }
            Host.WriteLog(DriverLogLevel.Error, "shutdown not supported by this UPS");
            return DriverResult.Failed;
        }

        private bool HasDelayCommands => _commands.ContainsKey("load.off.delay") && _commands.ContainsKey("load.on.delay");

        private DriverResult RunCommandRow(ActiveRow active, string? parameter)
        {
            var value = active.Row.CommandValue;
            var text = parameter;
            if (text == null && active.Row.DefaultText != null) text = Host.GetInfo(active.Row.DefaultText) ?? DefaultDelay(active.Row.DefaultText);
            if (text != null)
            {
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return DriverResult.Invalid;
            }
            value = _subdriver!.EncodeCommand(active.Row, value, _context!);
            WriteItem(active.Item, value);
            Host.WriteLog(DriverLogLevel.Info, $"instcmd: {active.Row.Name} wrote {value.ToString(CultureInfo.InvariantCulture)} to {HidPath.Format(active.Item.Path, _subdriver!.Usages)}");
            return DriverResult.Handled;
        }

        private string? DefaultDelay(string variable) => variable switch
        {
            "ups.delay.shutdown" => Option("offdelay") ?? _subdriver!.DefaultOffDelay.ToString(CultureInfo.InvariantCulture),
            "ups.delay.start" => Option("ondelay") ?? _subdriver!.DefaultOnDelay.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };

        string? IHidConversionContext.GetString(int index)
        {
            try { return _device?.GetString(index); }
            catch (HidTransportException) { return null; }
        }

        // ------------------------------------------------------------------ provider choice

        /// <summary><c>replay:FOLDER</c> (relative to the configuration directory) or a platform backend for <c>auto</c> / a device path.</summary>
        public static IHidDeviceProvider CreateProvider(string port, string configDirectory)
        {
            if (port.StartsWith(ReplayPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var folder = Dummy.DummyUpsDriver.ResolvePath(port.Substring(ReplayPrefix.Length), configDirectory);
                try { return ReplayHidBackend.Load(folder); }
                catch (HidTransportException e) { throw new DriverException(e.Message, e); }
            }
            return HidPlatform.CreateProvider(port);
        }
    }
}
