using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.UsbHid.Subdrivers;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers.UsbHid
{
    public sealed partial class UsbHidUpsDriver
    {
        // ------------------------------------------------------------------ open / reconnect

        private void Open()
        {
            var matcher = new HidDeviceMatcher(Option);
            HidSubdriver? chosen = null;
            var productIdGiven = Option("productid") != null;
            var device = _provider!.Open(info =>
            {
                if (!matcher.Matches(info)) return false;
                chosen = ChooseSubdriver(info, productIdGiven);
                return chosen != null;
            });
            try
            {
                var raw = device.GetReportDescriptor();
                HidReportDescriptor descriptor;
                try { descriptor = HidReportDescriptor.Parse(raw); }
                catch (HidDescriptorException e) { throw new HidTransportException(HidFault.Io, "unusable report descriptor: " + e.Message); }
                foreach (var w in descriptor.Warnings) Host.WriteLog(DriverLogLevel.Debug, "HIDParse: " + w);
                if (_subdriver != null && _subdriver.Name != chosen!.Name)
                    Host.WriteLog(DriverLogLevel.Warning, $"reconnected to a device served by subdriver {chosen.Name}, was {_subdriver.Name}");
                _subdriver = _subdriver != null && _subdriver.Name == chosen!.Name ? _subdriver : chosen!.Fresh();
                _context = new HidSubdriverContext(device.Info, Option, Flag, n => Host.GetInfo(n),
                    n => { if (Host.GetVariable(n) != null) Host.DelInfo(n); }, _status.Has);
                _subdriver.Attach(_context);
                if (!Flag("disable_fix_report_desc")) _subdriver.FixReportDescriptor(descriptor, device.Info);
                _descriptor = descriptor;
                _device = device;
                var record = Option("record");
                if (record != null && _recorder == null)
                {
                    _recorder = new HidRecorder(Dummy.DummyUpsDriver.ResolvePath(record, Host.ConfigDirectory), device.Info, raw);
                }
                if (_recorder != null) _device = _recorder.Wrap(device);
            }
            catch
            {
                device.Dispose();
                throw;
            }
            _cache.InvalidateAll();
            _useInterrupts = !Flag("pollonly") && !_subdriver.InterruptPipeDisabled(_device.Info);
            _interruptSize = InterruptSizeOption();
            _maxReport = Flag("maxreport") || _subdriver.NeedsMaxReport(_device.Info);
            _emptyInterruptReads = 0;
            Host.WriteLog(DriverLogLevel.Info, $"Using subdriver: {_subdriver.Version} for {_device.Info}");
            BuildRows();
            ApplyLowBattOption();
            PublishIdentity();
            // Building the rows read every one of them (NUT's init walk): the next full walk is pollfreq away.
            _lastFullWalk = Host.Clock.UtcNow;
        }

        /// <summary>Subdrivers in NUT's order; <c>subdriver=</c> (regex on name or version) forces one.</summary>
        private HidSubdriver? ChooseSubdriver(HidDeviceInfo info, bool productIdGiven)
        {
            var forced = Option("subdriver");
            foreach (var s in HidSubdrivers.All)
            {
                if (forced != null)
                {
                    if (Regex.IsMatch(s.Name, forced, RegexOptions.IgnoreCase) || Regex.IsMatch(s.Version, forced, RegexOptions.IgnoreCase)) return s;
                    continue;
                }
                var claim = s.Claim(info, productIdGiven);
                if (claim == HidClaim.Supported || (claim == HidClaim.Possibly && productIdGiven)) return s;
            }
            if (forced == null && Flag("explore")) return HidSubdrivers.Explore;
            return null;
        }

        private bool TryReconnect()
        {
            try
            {
                Open();
                Host.WriteLog(DriverLogLevel.Info, "Successfully reconnected");
                return true;
            }
            catch (HidTransportException e)
            {
                Host.WriteLog(DriverLogLevel.Debug, $"reconnect failed: {e.Message}");
                Host.DataStale();
                return false;
            }
        }

        private void Close()
        {
            try { _device?.Dispose(); } catch (Exception) { /* already gone */ }
            _device = null;
            _cache.InvalidateAll();
        }

        // ------------------------------------------------------------------ table → active rows

        private HidReportType ReadType => Flag("interruptonly") ? HidReportType.Input : HidReportType.Feature;

        private void BuildRows()
        {
            var rows = new List<ActiveRow>();
            var produced = new HashSet<string>(StringComparer.Ordinal);
            _commands.Clear();
            foreach (var row in _subdriver!.Table)
            {
                var nodes = HidPath.Parse(row.Path, _subdriver.Usages);
                if (nodes == null) continue;
                var item = _descriptor!.Find(nodes, ReadType);
                if (item == null || _subdriver.SkipItem(item, _device!.Info)) continue;
                if (row.Has(HidRowFlags.LaterNut) && !Flag(LaterNutOption)) continue;
                var active = new ActiveRow(row, item);
                switch (row.Kind)
                {
                    case HidRowKind.Command:
                        if (!_commands.ContainsKey(row.Name)) { _commands[row.Name] = active; Host.AddCommand(row.Name); }
                        break;
                    case HidRowKind.Bool:
                        rows.Add(active);
                        break;
                    default:
                        if (row.Has(HidRowFlags.Internal))
                        {
                            // Feeds state only; read now so later rows see it (ABMEnable before the status rows).
                            if (TryRead(item, out var internalValue)) Publish(active, internalValue);
                            active.ReadOnce = true;
                            rows.Add(active);
                            break;
                        }
                        if (produced.Contains(row.Name)) break;
                        if (row.Has(HidRowFlags.Absent) || (TryRead(item, out var value) && Publish(active, value)))
                        {
                            produced.Add(row.Name);
                            active.ReadOnce = true;
                            rows.Add(active);
                            if (row.Has(HidRowFlags.Absent)) Host.SetInfo(row.Name, DefaultDelay(row.Name) ?? row.DefaultText ?? "");
                            DeclareWritable(active);
                        }
                        break;
                }
            }
            if (HasDelayCommands)
            {
                foreach (var c in new[] { "load.off", "load.on", "shutdown.return", "shutdown.stayoff" }) Host.AddCommand(c);
            }
            _rows = rows;
        }

        private void DeclareWritable(ActiveRow active)
        {
            var row = active.Row;
            if (!row.Has(HidRowFlags.ReadWrite)) return;
            var isString = row.Has(HidRowFlags.String) || row.Converter != null;
            Host.SetFlags(row.Name, VariableFlags.ReadWrite | (isString ? VariableFlags.String : VariableFlags.Number));
            if (isString) Host.SetAux(row.Name, row.MaxLength > 0 ? row.MaxLength : 20);
            if (row.Converter is HidLookupConverter lookup) foreach (var text in lookup.Texts) Host.AddEnum(row.Name, text);
        }

        private void PublishIdentity()
        {
            var info = _device!.Info;
            var s = _subdriver!;
            var mfr = s.FormatManufacturer(info.Manufacturer?.TrimEnd() == "" ? null : info.Manufacturer, info);
            var model = s.FormatModel(info.Product, info, n => Host.GetInfo(n));
            var serial = s.FormatSerial(info.Serial, info);
            foreach (var (name, value) in new[] { ("ups.mfr", mfr), ("device.mfr", mfr), ("ups.model", model), ("device.model", model), ("ups.serial", serial), ("device.serial", serial) })
                if (!string.IsNullOrEmpty(value)) Host.SetInfo(name, value!);
            Host.SetInfo("ups.vendorid", info.VendorIdText);
            Host.SetInfo("ups.productid", info.ProductIdText);
            Host.SetInfo("driver.version.data", s.Version);
            foreach (var (name, value) in s.ExtraIdentity(info)) Host.SetInfo(name, value);
        }

        // ------------------------------------------------------------------ polling

        private void Walk(bool full)
        {
            var attempted = 0;
            var failed = 0;
            foreach (var active in _rows)
            {
                var row = active.Row;
                if (row.Has(HidRowFlags.Absent)) continue;
                if (!full && !row.Has(HidRowFlags.QuickPoll)) continue;
                // STATIC/SEMI_STATIC skipping only while the interrupt pipe is in use (so a dead link is still noticed).
                if (full && _useInterrupts && active.ReadOnce && row.Has(HidRowFlags.Static)) continue;
                if (full && _useInterrupts && active.ReadOnce && row.Has(HidRowFlags.SemiStatic) && !_changedSinceWalk) continue;
                attempted++;
                if (TryRead(active.Item, out var value)) Publish(active, value);
                else failed++;
            }
            if (attempted > 0 && failed == attempted)
                throw new HidTransportException(HidFault.Disconnected, "no report could be read");
        }

        private async Task ReadInterruptAsync(CancellationToken cancellationToken)
        {
            var report = await _device!.ReadInputReportAsync(InterruptTimeout, cancellationToken).ConfigureAwait(false);
            if (report == null || report.Length == 0)
            {
                var tolerance = IntOption("interrupt_pipe_no_events_tolerance", -1);
                if (tolerance >= 0 && ++_emptyInterruptReads > tolerance)
                    throw new HidTransportException(HidFault.Disconnected, $"{_emptyInterruptReads} interrupt reads without events");
                return;
            }
            _emptyInterruptReads = 0;
            if (_interruptSize > 0 && report.Length > _interruptSize)
            {
                // interruptsize=N: the transfer asks for N bytes, so anything beyond them never arrives.
                var cut = new byte[_interruptSize];
                Array.Copy(report, cut, cut.Length);
                report = cut;
            }
            var id = _descriptor!.UsesReportIds ? report[0] : (byte)0;
            var length = _descriptor.ReportLength(id, HidReportType.Input);
            var buffer = new byte[Math.Max(length, 1)];
            if (_descriptor.UsesReportIds) Array.Copy(report, buffer, Math.Min(report.Length, buffer.Length));
            else Array.Copy(report, 0, buffer, 1, Math.Min(report.Length, buffer.Length - 1));
            buffer[0] = id;
            _cache.Store(buffer, Host.Clock.UtcNow);
            foreach (var input in _descriptor.Items.Where(i => i.Type == HidReportType.Input && i.ReportId == id))
            {
                var value = HidValueCodec.Decode(input, buffer);
                foreach (var active in _rows.Where(r => HidPath.Equal(r.Item.Path, input.Path)))
                    Publish(active, value);
            }
        }

        private bool TryRead(HidDataItem item, out double value)
        {
            value = 0;
            var buffer = GetReport(item.ReportId, Host.ConfiguredPollInterval);
            if (buffer == null) return false;
            value = HidValueCodec.Decode(item, buffer);
            return true;
        }

        /// <summary>The report from the cache when fresh enough, else GET_REPORT(Feature); short replies are zero-padded like NUT does.</summary>
        private byte[]? GetReport(byte reportId, TimeSpan maxAge)
        {
            var now = Host.Clock.UtcNow;
            var cached = _cache.Get(reportId, now, maxAge);
            if (cached != null) return cached;
            if (Flag("interruptonly"))
            {
                // Never GET_REPORT: the values are what the last Input report said, zeros until one arrives (as NUT).
                var last = _cache.GetAny(reportId);
                if (last != null) return last;
                var empty = new byte[Math.Max(1, _descriptor!.ReportLength(reportId, HidReportType.Input))];
                empty[0] = reportId;
                return empty;
            }
            var expected = _descriptor!.ReportLength(reportId, HidReportType.Feature);
            var buffer = new byte[_maxReport ? Math.Max(expected, _descriptor.MaxReportLength(HidReportType.Feature)) : expected];
            int received;
            try { received = _device!.GetFeatureReport(reportId, buffer); }
            catch (HidTransportException e) when (!e.NeedsReconnect)
            {
                Host.WriteLog(DriverLogLevel.Debug, $"Can't retrieve Report 0x{reportId:x2}: {e.Message}");
                return null;
            }
            if (received <= 0) return null;
            if (received < expected)
            {
                Host.WriteLog(DriverLogLevel.Debug, $"refresh_report_buffer: expected {expected} bytes, but got {received} instead");
                Array.Clear(buffer, received, buffer.Length - received);
            }
            buffer[0] = reportId;
            _cache.Store(buffer, now);
            return buffer;
        }

        private void WriteItem(HidDataItem item, double value)
        {
            var type = item.Type;
            var target = type == HidReportType.Feature ? item : _descriptor!.Find(item.Path, HidReportType.Feature) ?? item;
            var current = GetReport(target.ReportId, TimeSpan.MaxValue)
                          ?? new byte[_descriptor!.ReportLength(target.ReportId, HidReportType.Feature)];
            current[0] = target.ReportId;
            var updated = HidValueCodec.Encode(target, current, value);
            _device!.SetFeatureReport(updated);
            _cache.InvalidateAll();
            _changedSinceWalk = true;
        }

        /// <summary>Publishes a variable or applies a status flag; false when the value has no text (lookup miss).</summary>
        private bool Publish(ActiveRow active, double value)
        {
            var row = active.Row;
            value = _subdriver!.AdjustValue(row, value, _context!);
            if (row.Kind == HidRowKind.Bool)
            {
                var flags = row.Converter?.ToText(value, this);
                if (flags != null) _status.Apply(flags);
                return true;
            }
            if (row.Has(HidRowFlags.Absent)) return true;
            var text = row.Converter != null ? row.Converter.ToText(value, this) : HidConverters.Format(row.Format, value);
            if (text == null) return false;
            Host.SetInfo(row.Name, text);
            return true;
        }

        private int InterruptSizeOption()
        {
            var text = Option("interruptsize");
            if (text == null) return 0;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size <= 0)
                throw new DriverException($"Error: invalid interruptsize: {text}");
            return size;
        }

        /// <summary>lowbatt=N replaces the published battery.charge.low (the device is not written), as NUT does at start-up.</summary>
        private void ApplyLowBattOption()
        {
            var lowbatt = Option("lowbatt");
            if (lowbatt == null || Host.GetInfo("battery.charge.low") == null) return;
            if (long.TryParse(lowbatt.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent))
                Host.SetInfo("battery.charge.low", percent.ToString(CultureInfo.InvariantCulture));
        }

        // As 2.8.0: ups.alarm is recomputed on full updates only (so the first alarms come pollfreq after start-up),
        // and while an alarm stands ups.status starts with ALARM.
        private void PublishStatus(bool refreshAlarms)
        {
            _status.OnlineDischargeOnBattery = Flag("onlinedischarge") || Flag("onlinedischarge_onbattery");
            _status.OnlineDischargeCalibration = Flag("onlinedischarge_calibration");
            _status.LbRbLogDelay = TimeSpan.FromSeconds(Math.Max(0, IntOption("lbrb_log_delay_sec", 0)));
            _status.LbRbDelayWithoutCalibrating = Flag("lbrb_log_delay_without_calibrating");
            _status.EcoToken = Flag(LaterNutOption);
            var status = _status.ComposeStatus(Host.GetInfo("battery.charge"), Host.Clock.UtcNow);
            if (_status.Has("online") && _status.Has("dischrg") && !_status.OnlineDischargeOnBattery && !_status.OnlineDischargeCalibration)
                Host.WriteLog(DriverLogLevel.Debug, "UPS reports OL and DISCHRG together; see the onlinedischarge_* options");
            if (status.Length == 0) Host.WriteLog(DriverLogLevel.Debug, "the device does not report a power state");
            if (refreshAlarms)
            {
                var alarm = _status.ComposeAlarm();
                if (alarm.Length > 0) { Host.SetInfo("ups.alarm", alarm); _alarmPublished = true; }
                else if (_alarmPublished) { Host.DelInfo("ups.alarm"); _alarmPublished = false; }
            }
            Host.SetInfo("ups.status", _alarmPublished ? "ALARM " + status : status);
            var reason = _status.TransferReason();
            if (reason != null) Host.SetInfo("input.transfer.reason", reason);
            else if (Host.GetVariable("input.transfer.reason") != null) Host.DelInfo("input.transfer.reason");
        }
    }
}
