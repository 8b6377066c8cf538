using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Snmp;
using UpsPS.Engine.Snmp.Usm;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers.Snmp
{
    /// <summary>
    /// snmp-ups: reads a UPS network card over SNMP v1/v2c/v3 through a MIB mapping (spec drivers/snmp.md).
    /// Unlike NUT, each update asks all of a mapping's live rows in a few multi-varbind GETs.
    /// </summary>
    public sealed partial class SnmpUpsDriver : IUpsDriver
    {
        public const string DriverName = "snmp-ups";
        public const string InternalVersion = "1.21";

        public static readonly DriverDescriptor Descriptor = new DriverDescriptor(
            DriverName, InternalVersion, () => new SnmpUpsDriver(),
            valueKeys: new[] { "mibs", "community", "snmp_version", "pollfreq", "semistaticfreq", "snmp_retries", "snmp_timeout",
                "secLevel", "secName", "authPassword", "privPassword", "authProtocol", "privProtocol", "ondelay", "offdelay", "max_varbinds" },
            flagKeys: new[] { "notransferoids", "symmetrathreephase" },
            secretKeys: new[] { "community", "authPassword", "privPassword" });

        /// <summary>The row whose value counts active alarms listed in an alarm table of OID pointers (powerware).</summary>
        public const string OidAlarmsRow = "ups.alarms";

        private DriverHost? _host;
        private IReadOnlyList<SnmpOidAlarm> _oidAlarmHits = Array.Empty<SnmpOidAlarm>();
        private SnmpClient? _client;
        private SnmpBatchReader? _reader;
        private SnmpMapping? _mapping;
        private List<SnmpMappingRow> _rows = new List<SnmpMappingRow>();
        private readonly Dictionary<string, SnmpMappingRow> _commands = new Dictionary<string, SnmpMappingRow>(StringComparer.OrdinalIgnoreCase);
        private int _semiStaticEvery = 10;
        private bool _symmetraThreePhase;
        private bool _alarmWasActive;
        // EMP002 sensors: the unit code of the last temperature-unit row read (0 K, 1 C, 2 F; -1 unknown).
        private int _sensorTemperatureUnit = -1;

        // APC integrated environmental monitor, first probe: temperature, its unit (1 = C, 2 = F).
        internal const string IemTemperatureOid = "1.3.6.1.4.1.318.1.1.10.2.3.2.1.4.1";
        internal const string IemUnitOid = "1.3.6.1.4.1.318.1.1.10.2.3.2.1.5.1";
        private const int IemFahrenheit = 2;
        private int _updates;
        private TimeSpan _pollInterval = TimeSpan.FromSeconds(30);

        public string Name => DriverName;
        public TimeSpan PollInterval => _pollInterval;

        /// <summary>The mapping chosen at start-up.</summary>
        public SnmpMapping? Mapping => _mapping;

        /// <summary>The SNMP session (PDU counters for benchmarks).</summary>
        public SnmpClient? Client => _client;

        private DriverHost Host => _host ?? throw new InvalidOperationException("driver not initialised");

        public async Task InitializeAsync(DriverHost host, CancellationToken cancellationToken)
        {
            _host = host;
            var options = BuildClientOptions(host);
            _pollInterval = TimeSpan.FromSeconds(PositiveInt(host, "pollfreq", 30));
            _semiStaticEvery = PositiveInt(host, "semistaticfreq", 10);
            _client = await SnmpClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            _reader = new SnmpBatchReader(_client, PositiveInt(host, "max_varbinds", 40));

            try
            {
                _mapping = await SnmpMibDetector.DetectAsync(_reader, host.Section.GetValue("mibs") ?? "auto", cancellationToken).ConfigureAwait(false);
            }
            catch (SnmpException e)
            {
                throw new DriverException($"Communication with {options.Host}:{options.Port} failed: {e.Message}", e);
            }
            host.SetInfo("driver.version.data", $"{_mapping.Name} MIB {_mapping.Version}");
            await InitialReadAsync(cancellationToken).ConfigureAwait(false);
            await SetDelaysAsync(cancellationToken).ConfigureAwait(false);
            host.WriteLog(DriverLogLevel.Info, $"Detected {host.GetInfo("ups.model")} on host {options.Host}:{options.Port} (mib: {_mapping.Name} {_mapping.Version})");
            host.DataOk();
        }

        internal static SnmpClientOptions BuildClientOptions(DriverHost host)
        {
            var section = host.Section;
            var (h, p) = SnmpClientOptions.ParseAddress(section.Port ?? "");
            var options = new SnmpClientOptions
            {
                Host = h,
                Port = p,
                Community = section.GetValue("community") ?? "public",
                Retries = PositiveInt(host, "snmp_retries", 5, allowZero: true),
                Timeout = TimeSpan.FromSeconds(PositiveInt(host, "snmp_timeout", 1)),
            };
            var version = (section.GetValue("snmp_version") ?? "v1").ToLowerInvariant();
            options.Version = version switch
            {
                "v1" => SnmpVersion.V1,
                "v2c" => SnmpVersion.V2c,
                "v3" => SnmpVersion.V3,
                _ => throw new DriverException($"Bad SNMP version: {version}"),
            };
            if (options.Version == SnmpVersion.V3)
            {
                try
                {
                    options.SecurityLevel = UsmNames.ParseLevel(section.GetValue("secLevel"));
                    options.SecurityName = section.GetValue("secName") ?? throw new DriverException("SNMPv3 requires secName");
                    options.AuthProtocol = UsmNames.ParseAuth(section.GetValue("authProtocol"));
                    options.PrivProtocol = UsmNames.ParsePriv(section.GetValue("privProtocol"));
                }
                catch (ArgumentException e) { throw new DriverException(e.Message, e); }
                options.AuthPassword = section.GetValue("authPassword");
                options.PrivPassword = section.GetValue("privPassword");
                if (options.SecurityLevel != SnmpSecurityLevel.NoAuthNoPriv && string.IsNullOrEmpty(options.AuthPassword))
                    throw new DriverException("authPassword is required for SNMPv3 in authNoPriv/authPriv mode");
                if (options.SecurityLevel == SnmpSecurityLevel.AuthPriv && string.IsNullOrEmpty(options.PrivPassword))
                    throw new DriverException("privPassword is required for SNMPv3 in authPriv mode");
            }
            return options;
        }

        private static int PositiveInt(DriverHost host, string key, int fallback, bool allowZero = false)
        {
            var text = host.Section.GetValue(key);
            if (text == null) return fallback;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && (v > 0 || allowZero && v == 0)) return v;
            throw new DriverException($"invalid {key}: {text}");
        }

        // ------------------------------------------------------------------ init

        private async Task InitialReadAsync(CancellationToken cancellationToken)
        {
            var mapping = _mapping!;
            var mappingRows = await UnitRowsAsync(mapping, cancellationToken).ConfigureAwait(false);
            _symmetraThreePhase = Host.Section.HasFlag("symmetrathreephase");
            var oids = mappingRows.Where(r => r.Oid != null && !r.IsTemplate).Select(r => r.Oid!).ToList();
            if (oids.Contains(IemTemperatureOid)) oids.Add(IemUnitOid);
            var values = new Dictionary<string, SnmpValue>(StringComparer.Ordinal);
            try
            {
                foreach (var kv in await _reader!.GetAsync(oids, cancellationToken).ConfigureAwait(false)) values[kv.Key] = kv.Value;
            }
            catch (SnmpException e) { throw new DriverException($"Initial read failed: {e.Message}", e); }

            var phases = new Dictionary<string, int>
            {
                ["input"] = PhaseCount(mappingRows, values, "input.phases"),
                ["output"] = PhaseCount(mappingRows, values, "output.phases"),
                ["bypass"] = PhaseCount(mappingRows, values, "input.bypass.phases"),
            };
            var noTransfer = Host.Section.HasFlag("notransferoids");

            // Outlet tables: where each kind starts and how many items it has, then one batched GET of every instance.
            var layouts = new Dictionary<string, SnmpTemplateLayout>(StringComparer.Ordinal);
            foreach (var template in mappingRows.Where(r => r.IsTemplate && PhaseApplies(r, phases)))
            {
                var kind = SnmpTemplateLayout.Kind(template);
                if (layouts.ContainsKey(kind)) continue;
                var countRow = mappingRows.LastOrDefault(r => r.Name == kind + ".count" && r.Oid != null && values.ContainsKey(r.Oid));
                var published = countRow == null ? null : SnmpTemplateLayout.ParseCount(FormatRow(countRow, values[countRow.Oid!], values));
                try { layouts[kind] = await SnmpTemplateLayout.FindAsync(_reader!, template, published, cancellationToken).ConfigureAwait(false); }
                catch (SnmpException e) { throw new DriverException($"Initial read failed: {e.Message}", e); }
            }
            var instanceOids = mappingRows.Where(r => r.IsTemplate && !r.Has(SnmpRowFlags.Command) && r.Oid != null && layouts.ContainsKey(SnmpTemplateLayout.Kind(r)))
                .SelectMany(r => layouts[SnmpTemplateLayout.Kind(r)].Indexes.Select(i => r.Instantiate(i).Oid!)).Distinct().ToList();
            if (instanceOids.Count > 0)
            {
                try
                {
                    foreach (var kv in await _reader!.GetAsync(instanceOids, cancellationToken).ConfigureAwait(false)) values[kv.Key] = kv.Value;
                }
                catch (SnmpException e) { throw new DriverException($"Initial read failed: {e.Message}", e); }
            }

            _rows = new List<SnmpMappingRow>();
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            var countsPublished = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in mappingRows)
            {
                if (!PhaseApplies(row, phases)) continue;
                if (noTransfer && row.Name.StartsWith("input.transfer.", StringComparison.Ordinal)
                               && row.Name != "input.transfer.reason") continue;
                if (row.IsTemplate)
                {
                    var kind = SnmpTemplateLayout.Kind(row);
                    if (!layouts.TryGetValue(kind, out var layout) || layout.Count == 0) continue;
                    if (layout.CountGuessed && countsPublished.Add(kind))
                        _rows.Add(new SnmpMappingRow(kind + ".count", SnmpRowFlags.Absent | SnmpRowFlags.Static, 1, null,
                            layout.Count.ToString(CultureInfo.InvariantCulture), null));
                    if (row.Has(SnmpRowFlags.Command))
                    {
                        // snmp-ups offers every item's command without asking the agent first.
                        foreach (var i in layout.Indexes) { var c = row.Instantiate(i); if (!_commands.ContainsKey(c.Name)) _commands[c.Name] = c; }
                        continue;
                    }
                    // 2.8.0 quirk: a template without OID does not use the table's first index but starts at -1
                    // (raritan's outlet.%i.id gives outlet.-1.id ... outlet.6.id for 8 outlets).
                    var indexes = row.Oid == null ? Enumerable.Range(-1, layout.Count) : layout.Indexes;
                    var instances = indexes.Select(i => row.Instantiate(i)).ToList();
                    var accepted = instances.Where(r => r.Oid == null || Accept(r, values, claimed)).ToList();
                    // 2.8.0 stops refreshing a whole template once one of its items failed at start-up.
                    if (accepted.Count < instances.Count)
                        accepted = accepted.Select(r => new SnmpMappingRow(r.Name, r.Flags | SnmpRowFlags.Static, r.Multiplier, r.Oid, r.Default, r.Lookup)).ToList();
                    // 2.8.0 applies the "absent" flag to no template: one with an OID is read like any other row.
                    _rows.AddRange(accepted.Select(r => r.Oid == null
                        ? new SnmpMappingRow(r.Name, r.Flags | SnmpRowFlags.Absent | SnmpRowFlags.Static, r.Multiplier, null, r.Default, r.Lookup)
                        : new SnmpMappingRow(r.Name, r.Flags & ~SnmpRowFlags.Absent, r.Multiplier, r.Oid, r.Default, r.Lookup)));
                    continue;
                }
                if (row.Has(SnmpRowFlags.Command))
                {
                    if (values.ContainsKey(row.Oid!) && !_commands.ContainsKey(row.Name)) _commands[row.Name] = row;
                    continue;
                }
                if (row.Has(SnmpRowFlags.Absent))
                {
                    _rows.Add(row);
                    continue;
                }
                if (!row.Has(SnmpRowFlags.Status) && !row.IsAlarm && claimed.Contains(row.Name)) continue;
                if (Accept(row, values, claimed)) _rows.Add(row);
            }

            // snmp-ups assumes and publishes one phase when a mapping's phase-count OID does not answer.
            foreach (var name in new[] { "input.phases", "output.phases", "input.bypass.phases" })
                if (mappingRows.Any(r => r.Name == name && !r.Has(SnmpRowFlags.String)) && !_rows.Any(r => r.Name == name))
                    _rows.Add(new SnmpMappingRow(name, SnmpRowFlags.Absent | SnmpRowFlags.Static, 1, null, "1", null));

            _oidAlarmHits = await ReadOidAlarmsAsync(values, cancellationToken).ConfigureAwait(false);
            Publish(values, initial: true);
            foreach (var row in _rows.Where(r => r.Has(SnmpRowFlags.ReadWrite)))
            {
                Host.SetFlags(row.Name, row.Has(SnmpRowFlags.String) ? VariableFlags.ReadWrite | VariableFlags.String : VariableFlags.ReadWrite);
                if (row.Has(SnmpRowFlags.String)) Host.SetAux(row.Name, SnmpValueFormatter.MaxStringBytes);
            }
            RegisterCommands();
        }

        /// <summary>Whether a row answered at start-up with a usable value (and so is kept for updates).</summary>
        private bool Accept(SnmpMappingRow row, IReadOnlyDictionary<string, SnmpValue> values, HashSet<string> claimed)
        {
            if (!values.TryGetValue(row.Oid!, out var value)) return false;
            // Status and alarm rows stay as long as they answer a number, whatever the code (snmp-ups reads them as ints).
            if (row.Has(SnmpRowFlags.Status) || row.IsAlarm) return !value.IsException && SnmpValueFormatter.ToNumber(value) != null;
            var text = FormatRow(row, value, values);
            if (text == null)
            {
                // NUT quirk kept: an invalid value on a UNIQUE row also removes its fallbacks.
                if (row.Has(SnmpRowFlags.Unique)) claimed.Add(row.Name);
                return false;
            }
            // Only a UNIQUE row shuts out later rows of the same name; otherwise snmp-ups reads them all and the
            // last one that answers wins (huawei's three output.L1.realpower rows).
            if (row.Has(SnmpRowFlags.Unique)) claimed.Add(row.Name);
            return true;
        }

        /// <summary>
        /// A row's published text, with the two per-variable special cases of snmp-ups: the APC IEM probe temperature
        /// (converted from Fahrenheit when the probe's unit says so or does not answer) and the symmetrathreephase
        /// transfer points (line-to-line to line-to-neutral, x0.707).
        /// </summary>
        private string? FormatRow(SnmpMappingRow row, SnmpValue value, IReadOnlyDictionary<string, SnmpValue> values)
        {
            if (row.Has(SnmpRowFlags.Ambient) && row.Name.EndsWith(".temperature.unit", StringComparison.Ordinal))
            {
                // 2.8.0's unit lookup remembers the unit for the temperature rows that follow and always shows "celsius".
                var code = SnmpValueFormatter.ToNumber(value);
                _sensorTemperatureUnit = code == null ? -1 : (int)code.Value;
                return "celsius";
            }
            if (row.Has(SnmpRowFlags.Ambient) && row.Name.EndsWith(".temperature", StringComparison.Ordinal))
                return SensorTemperature(value);
            if (row.Oid == IemTemperatureOid && row.Name == "ambient.temperature")
            {
                var reading = SnmpValueFormatter.ToNumber(value);
                if (reading == null || value.IsException) return null;
                var fahrenheit = !values.TryGetValue(IemUnitOid, out var unit) || SnmpValueFormatter.ToNumber(unit) == IemFahrenheit;
                // snmp-ups keeps the result in a C float before printing it with one decimal.
                var celsius = fahrenheit ? (float)((reading.Value - 32) / 1.8) : (float)reading.Value;
                return ((double)celsius).ToString("F1", CultureInfo.InvariantCulture);
            }
            var text = SnmpValueFormatter.Format(row, value);
            if (text != null && _symmetraThreePhase && row.Has(SnmpRowFlags.String)
                && (row.Name == "input.transfer.low" || row.Name == "input.transfer.high"))
                text = (SnmpValueFormatter.AtoF(text) * 0.707).ToString("F2", CultureInfo.InvariantCulture);
            return text;
        }

        /// <summary>
        /// An external sensor's temperature as 2.8.0 prints it: tenths of the unit last read, converted to Celsius with
        /// integer arithmetic and printed as an integer; empty while the unit is unknown.
        /// </summary>
        private string? SensorTemperature(SnmpValue value)
        {
            var reading = SnmpValueFormatter.ToNumber(value);
            if (reading == null) return null;
            var tenths = (long)reading.Value;
            long celsius;
            switch (_sensorTemperatureUnit)
            {
                case 0: celsius = (long)(tenths / 10 - 273.15); break;
                case 1: celsius = tenths / 10; break;
                case 2: celsius = (tenths / 10 - 32) * 5 / 9; break;
                default: return "";
            }
            return celsius.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// For a daisy-chain MIB, the first unit's index: 0 when the model OID answers at unit 0, else 1 (snmp-ups'
        /// template base test on device.model), put into every OID.
        /// </summary>
        private async Task<IReadOnlyList<SnmpMappingRow>> UnitRowsAsync(SnmpMapping mapping, CancellationToken cancellationToken)
        {
            if (!mapping.DaisyChain) return mapping.Rows;
            var model = mapping.Rows.FirstOrDefault(r => r.Name == "device.model" && r.Oid != null && r.Oid.Contains("%i"));
            if (model == null) return mapping.ForUnit(1);
            var probes = new[] { model.Instantiate(0).Oid!, model.Instantiate(1).Oid! };
            IReadOnlyDictionary<string, SnmpValue> answers;
            try { answers = await _reader!.GetAsync(probes, cancellationToken).ConfigureAwait(false); }
            catch (SnmpException e) { throw new DriverException($"Initial read failed: {e.Message}", e); }
            // A NAINVALID model row answering "N/A" at index 0 means the table starts at 1 (Avocent firmware).
            var zero = answers.TryGetValue(probes[0], out var atZero)
                       && !(model.Has(SnmpRowFlags.NaInvalid) && atZero.BytesAsText.StartsWith("N/A", StringComparison.Ordinal));
            return mapping.ForUnit(zero ? 0 : answers.ContainsKey(probes[1]) ? 1 : 2);
        }

        private static int PhaseCount(IReadOnlyList<SnmpMappingRow> rows, IReadOnlyDictionary<string, SnmpValue> values, string name)
        {
            var row = rows.FirstOrDefault(r => r.Name == name && r.Oid != null && values.ContainsKey(r.Oid));
            if (row == null) return 1;
            var n = SnmpValueFormatter.ToNumber(values[row.Oid!]);
            return n == 3 ? 3 : 1;
        }

        private static bool PhaseApplies(SnmpMappingRow row, Dictionary<string, int> phases)
        {
            if (row.Has(SnmpRowFlags.Input1) && phases["input"] != 1) return false;
            if (row.Has(SnmpRowFlags.Input3) && phases["input"] != 3) return false;
            if (row.Has(SnmpRowFlags.Output1) && phases["output"] != 1) return false;
            if (row.Has(SnmpRowFlags.Output3) && phases["output"] != 3) return false;
            // Bypass1/Bypass3 are not filtered: snmp-ups 2.8.0 takes "input.bypass" rows for "input" ones when it
            // classifies them, finds neither input flag set and keeps the row, so every answering bypass row is published.
            return true;
        }

        private void RegisterCommands()
        {
            foreach (var name in _commands.Keys) Host.AddCommand(name);
            if (_commands.ContainsKey("load.off.delay")) Host.AddCommand("load.off");
            if (_commands.ContainsKey("load.on.delay")) Host.AddCommand("load.on");
            if (_commands.ContainsKey("load.off.delay") && _commands.ContainsKey("load.on.delay"))
            {
                Host.AddCommand("shutdown.return");
                Host.AddCommand("shutdown.stayoff");
            }
        }

        // ------------------------------------------------------------------ update

        public async Task UpdateAsync(CancellationToken cancellationToken)
        {
            _updates++;
            var semiStatic = _updates % _semiStaticEvery == 0;
            var oids = _rows.Where(r => r.Oid != null && !r.Has(SnmpRowFlags.Static) && (semiStatic || !r.Has(SnmpRowFlags.SemiStatic)))
                .Select(r => r.Oid!).ToList();
            if (oids.Contains(IemTemperatureOid)) oids.Add(IemUnitOid);
            IReadOnlyDictionary<string, SnmpValue> values;
            try { values = await _reader!.GetAsync(oids, cancellationToken).ConfigureAwait(false); }
            catch (SnmpException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, $"Data for {Host.UpsName} is stale: {e.Message}");
                Host.DataStale();
                return;
            }
            var missing = oids.Count(o => !values.ContainsKey(o));
            try { _oidAlarmHits = await ReadOidAlarmsAsync(values, cancellationToken).ConfigureAwait(false); }
            catch (SnmpException e) { Host.WriteLog(DriverLogLevel.Warning, $"Alarm table walk failed: {e.Message}"); }
            Publish(values, initial: false);
            if (missing > 0 && values.Count == 0) Host.DataStale();
            else Host.DataOk();
        }

        private void Publish(IReadOnlyDictionary<string, SnmpValue> values, bool initial)
        {
            var status = new List<string>();
            var alarms = new List<string>();
            var statusSeen = false;
            foreach (var row in _rows)
            {
                if (row.Has(SnmpRowFlags.Absent))
                {
                    if (initial) Host.SetInfo(row.Name, row.Default ?? "");
                    continue;
                }
                if (!values.TryGetValue(row.Oid!, out var value)) continue;
                if (row.Name == OidAlarmsRow)
                {
                    foreach (var hit in _oidAlarmHits)
                    {
                        if (hit.Status != null) AddTokens(status, hit.Status);
                        if (hit.Alarm != null) alarms.Add(hit.Alarm);
                    }
                    continue;
                }
                if (row.Has(SnmpRowFlags.Status))
                {
                    statusSeen = true;
                    var tokens = SnmpValueFormatter.Format(row, value);
                    if (tokens != null) AddTokens(status, tokens);
                    continue;
                }
                if (row.IsAlarm)
                {
                    var alarm = AlarmText(row, value);
                    if (!string.IsNullOrEmpty(alarm)) alarms.Add(alarm!);
                    continue;
                }
                var text = FormatRow(row, value, values);
                if (text != null) Host.SetInfo(row.Name, text);
            }
            // Like 2.8.0's alarm_commit then status_commit: alarms are joined as they come (no merging), and an active
            // alarm puts ALARM in front of the status. ups.status is published (possibly empty) even when no row answered.
            if (alarms.Count > 0) Host.SetInfo("ups.alarm", string.Join(" ", alarms));
            else if (Host.GetVariable("ups.alarm") != null) Host.DelInfo("ups.alarm");
            // With a daisy-chain MIB 2.8.0 commits the alarms after the status, so ALARM shows one poll late.
            // The start-up walk commits no alarms in 2.8.0, so it does not count as that earlier poll.
            var alarmActive = _mapping!.DaisyChain ? _alarmWasActive : alarms.Count > 0;
            if (!initial) _alarmWasActive = alarms.Count > 0;
            if (statusSeen || values.Count > 0)
                Host.SetInfo("ups.status", alarmActive ? ("ALARM " + string.Join(" ", status)) : string.Join(" ", status));
        }

        /// <summary>
        /// snmp-ups' "ups.alarms" row: when the alarm count is above zero, walk the alarm table and keep, in table order,
        /// every value that is one of the mapping's alarm OIDs. 2.8.0 walks on from the count OID to the end of the MIB;
        /// we walk only the branch holding the count and the table.
        /// </summary>
        private async Task<IReadOnlyList<SnmpOidAlarm>> ReadOidAlarmsAsync(IReadOnlyDictionary<string, SnmpValue> values, CancellationToken cancellationToken)
        {
            var row = _rows.FirstOrDefault(r => r.Name == OidAlarmsRow && r.Oid != null);
            if (row == null || _mapping!.OidAlarms.Count == 0 || !values.TryGetValue(row.Oid!, out var count)
                || !(SnmpValueFormatter.ToNumber(count) > 0)) return Array.Empty<SnmpOidAlarm>();
            var arcs = row.Oid!.Split('.');
            var branch = string.Join(".", arcs.Take(arcs.Length - 2));
            var hits = new List<SnmpOidAlarm>();
            foreach (var vb in await _client!.WalkAsync(branch, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (vb.Value.Type != SnmpValueType.ObjectIdentifier) continue;
                var hit = _mapping.OidAlarms.FirstOrDefault(a => a.Oid == vb.Value.Oid);
                if (hit != null) hits.Add(hit);
            }
            return hits;
        }

        /// <summary>The text an alarm row adds to ups.alarm: outlet alarms name their outlet, phase alarms their phase.</summary>
        private static string? AlarmText(SnmpMappingRow row, SnmpValue value)
        {
            var number = SnmpValueFormatter.ToNumber(value);
            if (number == null || row.Lookup == null || !row.Lookup.TryGetValue((long)number.Value, out var text) || text.Length == 0) return null;
            if (row.Has(SnmpRowFlags.OutletGroup) || row.Has(SnmpRowFlags.Outlet))
            {
                var prefix = row.Has(SnmpRowFlags.OutletGroup) ? "outlet.group." : "outlet.";
                var item = SnmpValueFormatter.StrToL(row.Name.Substring(prefix.Length));
                text = (row.Has(SnmpRowFlags.OutletGroup) ? "outlet group " : "outlet ") + item.ToString(CultureInfo.InvariantCulture) + " " + text;
            }
            if (row.Name.StartsWith("L", StringComparison.Ordinal))
                text = "phase L" + SnmpValueFormatter.StrToL(row.Name.Substring(1)).ToString(CultureInfo.InvariantCulture) + " " + text;
            return text;
        }

        // snmp-ups 2.8.0 appends every answering status row's text as is, so two rows both saying OL give "OL OL".
        private static void AddTokens(List<string> status, string text)
        {
            foreach (var token in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                status.Add(token);
        }

        // ------------------------------------------------------------------ set / instcmd

        public async Task<DriverResult> SetVariableAsync(string name, string value, CancellationToken cancellationToken)
        {
            var row = _rows.FirstOrDefault(r => r.Name == name && r.Has(SnmpRowFlags.ReadWrite));
            if (row == null) return Host.GetVariable(name) == null ? DriverResult.Unknown : DriverResult.Invalid;
            // 2.8.0 has nothing to send for a row without OID (MGE's delays) and answers FAILED, keeping the default.
            if (row.Has(SnmpRowFlags.Absent)) return DriverResult.Failed;
            SnmpValue encoded;
            if (row.Has(SnmpRowFlags.String) && row.Lookup == null) encoded = SnmpValue.OctetString(value);
            else if (row.Lookup != null)
            {
                var code = row.Lookup.FirstOrDefault(kv => kv.Value == value);
                if (code.Value == null) return DriverResult.Invalid;
                encoded = SnmpValue.Integer(code.Key);
            }
            else
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return DriverResult.Invalid;
                var raw = (long)Math.Round(number / row.Multiplier);
                encoded = row.Has(SnmpRowFlags.Time) ? SnmpValue.TimeTicks(raw * 100) : SnmpValue.Integer(raw);
            }
            var result = await SendSetAsync(row.Oid!, encoded, cancellationToken).ConfigureAwait(false);
            if (result == DriverResult.Handled) Host.SetInfo(name, value);
            return result;
        }

        public async Task<DriverResult> InstantCommandAsync(string command, string? parameter, CancellationToken cancellationToken)
        {
            if (string.Equals(command, "driver.killpower", StringComparison.OrdinalIgnoreCase))
                return await ShutdownAsync(cancellationToken).ConfigureAwait(false) ? DriverResult.Handled : DriverResult.Failed;
            if (!_commands.TryGetValue(command, out var row))
            {
                // load.off / load.on derived from their .delay variants (spec 2.3).
                if ((command == "load.off" || command == "load.on") && _commands.TryGetValue(command + ".delay", out var delay))
                    return await SendSetAsync(delay.Oid!, SnmpValue.Integer(0), cancellationToken).ConfigureAwait(false);
                Host.WriteLog(DriverLogLevel.Info, $"instcmd: unknown command [{command}] [{parameter ?? "(null)"}]");
                return DriverResult.Unknown;
            }
            var text = parameter ?? row.Default;
            // A command whose row has no value (e.g. outlet.N.load.off.delay) needs the caller's parameter.
            if (text == null) return DriverResult.Invalid;
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return DriverResult.Invalid;
            var value = row.Has(SnmpRowFlags.Time) ? SnmpValue.TimeTicks(v * 100) : SnmpValue.Integer(v);
            return await SendSetAsync(row.Oid!, value, cancellationToken).ConfigureAwait(false);
        }

        private async Task<DriverResult> SendSetAsync(string oid, SnmpValue value, CancellationToken cancellationToken)
        {
            try
            {
                var response = await _client!.SetAsync(new[] { new SnmpVarBind(oid, value) }, cancellationToken).ConfigureAwait(false);
                if (response.ErrorStatus == 0) return DriverResult.Handled;
                Host.WriteLog(DriverLogLevel.Warning, $"SET {oid} failed: {response.Error}");
                return DriverResult.Failed;
            }
            catch (SnmpException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, $"SET {oid} failed: {e.Message}");
                return DriverResult.Failed;
            }
        }
    }
}
