using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.Serial;

namespace UpsPS.Engine.Drivers.GenericUps
{
    /// <summary>
    /// genericups: contact-closure UPSes read through RS-232 modem lines (serial.md §3). The lines come through
    /// <see cref="IModemLines"/> so the logic runs without a real port (a pty has no modem lines).
    /// </summary>
    public sealed class GenericUpsDriver : IUpsDriver, IDisposable
    {
        public const string DriverName = "genericups";

        public static readonly DriverDescriptor Descriptor = new DriverDescriptor(DriverName, "1.40",
            () => new GenericUpsDriver(),
            valueKeys: new[] { "upstype", "mfr", "model", "serial", "sdtime", "CP", "OL", "LB", "RB", "BYPASS", "SD" });

        private readonly Func<string, IModemLines> _open;
        private DriverHost? _host;
        private IModemLines? _lines;
        private GenericUpsLogic? _logic;

        public GenericUpsDriver(Func<string, IModemLines>? open = null)
        {
            _open = open ?? (port => SerialPortLink.Open(port, new SerialSettings { ModemLinesRequired = true, KeepLinesOnClose = true }));
        }

        public string Name => DriverName;
        public TimeSpan PollInterval => Host.ConfiguredPollInterval;
        public GenericUpsLogic Logic => _logic ?? throw new InvalidOperationException("driver not initialised");
        private DriverHost Host => _host ?? throw new InvalidOperationException("driver not initialised");

        public Task InitializeAsync(DriverHost host, CancellationToken cancellationToken)
        {
            _host = host;
            var section = host.Section;
            var typeText = section.GetValue("upstype") ?? "0";
            if (!int.TryParse(typeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id < 0 || id >= GenericUpsType.All.Count)
                throw new DriverException($"UPS type {typeText} is not valid; choose 0..{GenericUpsType.All.Count - 1}");
            var type = GenericUpsType.All[id];
            var logic = new GenericUpsLogic(type);
            if (section.GetValue("CP") is { } cp) logic.CablePower = GenericUpsLogic.ParseOutputs(cp);
            if (section.GetValue("OL") is { } ol) logic.Online = GenericUpsLogic.ParseInput(ol);
            if (section.GetValue("LB") is { } lb) logic.LowBattery = GenericUpsLogic.ParseInput(lb);
            if (section.GetValue("RB") is { } rb) logic.ReplaceBattery = GenericUpsLogic.ParseInput(rb);
            if (section.GetValue("BYPASS") is { } bp) logic.Bypass = GenericUpsLogic.ParseInput(bp);
            if (section.GetValue("SD") is { } sd) logic.Shutdown = GenericUpsLogic.ParseOutputs(sd);
            _logic = logic;

            try
            {
                _lines = _open(section.Port ?? "");
                ApplyCablePower();
            }
            catch (SerialLinkException e)
            {
                Dispose();
                throw new DriverException(e.Message, e);
            }

            host.SetInfo("ups.mfr", section.GetValue("mfr") ?? type.Manufacturer);
            host.SetInfo("ups.model", section.GetValue("model") ?? type.Model);
            if (section.GetValue("serial") is { } serial) host.SetInfo("ups.serial", serial);
            host.WriteLog(DriverLogLevel.Info, $"UPS type: {type.Description}");
            return UpdateAsync(cancellationToken);
        }

        public Task UpdateAsync(CancellationToken cancellationToken)
        {
            try
            {
                var lines = _lines!.ReadInputs();
                Host.SetInfo("ups.status", Logic.Status(lines));
                Host.DataOk();
            }
            catch (Exception e) when (e is System.IO.IOException || e is InvalidOperationException || e is SerialLinkException)
            {
                Host.WriteLog(DriverLogLevel.Warning, $"cannot read modem lines: {e.Message}");
                Host.DataStale();
            }
            return Task.CompletedTask;
        }

        public Task<DriverResult> SetVariableAsync(string name, string value, CancellationToken cancellationToken) =>
            Task.FromResult(DriverResult.Unknown);

        public async Task<DriverResult> InstantCommandAsync(string command, string? parameter, CancellationToken cancellationToken)
        {
            if (!string.Equals(command, "driver.killpower", StringComparison.OrdinalIgnoreCase)) return DriverResult.Unknown;
            return await ShutdownAsync(cancellationToken).ConfigureAwait(false) ? DriverResult.Handled : DriverResult.Failed;
        }

        /// <summary>The power-kill: BREAK, or exactly the shutdown output set (dropping cable power not in it), held sdtime s.</summary>
        public async Task<bool> ShutdownAsync(CancellationToken cancellationToken)
        {
            var set = Logic.Shutdown;
            if (!set.HasValue)
            {
                Host.WriteLog(DriverLogLevel.Error, "No shutdown command defined for this model!");
                return false;
            }
            if ((set.Value & ModemLineState.Break) != 0)
                await _lines!.SendBreakAsync(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            else
                _lines!.SetOutputs((set.Value & ModemLineState.Dtr) != 0, (set.Value & ModemLineState.Rts) != 0);
            var sdtime = Host.Section.GetValue("sdtime");
            if (sdtime != null && int.TryParse(sdtime, NumberStyles.Integer, CultureInfo.InvariantCulture, out var hold) && hold > 0)
                await Host.Clock.DelayAsync(TimeSpan.FromSeconds(hold), cancellationToken).ConfigureAwait(false);
            return true;
        }

        private void ApplyCablePower() =>
            _lines!.SetOutputs((Logic.CablePower & ModemLineState.Dtr) != 0, (Logic.CablePower & ModemLineState.Rts) != 0);

        public void Dispose() => (_lines as IDisposable)?.Dispose();
    }
}
