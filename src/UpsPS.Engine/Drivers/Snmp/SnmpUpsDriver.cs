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
    public sealed class SnmpUpsDriver : IUpsDriver
    {
        public const string DriverName = "snmp-ups";
        public const string InternalVersion = "1.21";

        public static readonly DriverDescriptor Descriptor = new DriverDescriptor(
            DriverName, InternalVersion, () => new SnmpUpsDriver(),
            valueKeys: new[] { "mibs", "community", "snmp_version", "pollfreq", "semistaticfreq", "snmp_retries", "snmp_timeout",
                "secLevel", "secName", "authPassword", "privPassword", "authProtocol", "privProtocol", "ondelay", "offdelay", "max_varbinds" },
            flagKeys: new[] { "notransferoids", "symmetrathreephase" },
            secretKeys: new[] { "community", "authPassword", "privPassword" });

        private DriverHost? _host;
        private SnmpClient? _client;
        private SnmpBatchReader? _reader;
        private SnmpMapping? _mapping;
        private List<SnmpMappingRow> _rows = new List<SnmpMappingRow>();
        private readonly Dictionary<string, SnmpMappingRow> _commands = new Dictionary<string, SnmpMappingRow>(StringComparer.OrdinalIgnoreCase);
        private int _semiStaticEvery = 10;
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
            var oids = mapping.Rows.Where(r => r.Oid != null).Select(r => r.Oid!).ToList();
            IReadOnlyDictionary<string, SnmpValue> values;
            try { values = await _reader!.GetAsync(oids, cancellationToken).ConfigureAwait(false); }
            catch (SnmpException e) { throw new DriverException($"Initial read failed: {e.Message}", e); }

            var phases = new Dictionary<string, int>
            {
                ["input"] = PhaseCount(mapping, values, "input.phases"),
                ["output"] = PhaseCount(mapping, values, "output.phases"),
                ["bypass"] = PhaseCount(mapping, values, "input.bypass.phases"),
            };
            var noTransfer = Host.Section.HasFlag("notransferoids");

            _rows = new List<SnmpMappingRow>();
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in mapping.Rows)
            {
                if (!PhaseApplies(row, phases)) continue;
                if (noTransfer && row.Name.StartsWith("input.transfer.", StringComparison.Ordinal)
                               && row.Name != "input.transfer.reason") continue;
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
                if (!row.Has(SnmpRowFlags.Status) && !row.Has(SnmpRowFlags.Alarm) && claimed.Contains(row.Name)) continue;
                if (!values.TryGetValue(row.Oid!, out var value)) continue;
                var text = SnmpValueFormatter.Format(row, value);
                if (text == null)
                {
                    // NUT quirk kept: an invalid value on a UNIQUE row also removes its fallbacks.
                    if (row.Has(SnmpRowFlags.Unique)) claimed.Add(row.Name);
                    continue;
                }
                // Only a UNIQUE row shuts out later rows of the same name; otherwise snmp-ups reads them all and the
                // last one that answers wins (huawei's three output.L1.realpower rows).
                if (row.Has(SnmpRowFlags.Unique)) claimed.Add(row.Name);
                _rows.Add(row);
            }

            // snmp-ups assumes and publishes one phase when a mapping's phase-count OID does not answer.
            foreach (var name in new[] { "input.phases", "output.phases", "input.bypass.phases" })
                if (mapping.Rows.Any(r => r.Name == name && !r.Has(SnmpRowFlags.String)) && !_rows.Any(r => r.Name == name))
                    _rows.Add(new SnmpMappingRow(name, SnmpRowFlags.Absent | SnmpRowFlags.Static, 1, null, "1", null));

            Publish(values, initial: true);
            foreach (var row in _rows.Where(r => r.Has(SnmpRowFlags.ReadWrite)))
            {
                Host.SetFlags(row.Name, row.Has(SnmpRowFlags.String) ? VariableFlags.ReadWrite | VariableFlags.String : VariableFlags.ReadWrite);
                if (row.Has(SnmpRowFlags.String)) Host.SetAux(row.Name, SnmpValueFormatter.MaxStringBytes);
            }
            RegisterCommands();
        }

        private static int PhaseCount(SnmpMapping mapping, IReadOnlyDictionary<string, SnmpValue> values, string name)
        {
            var row = mapping.Rows.FirstOrDefault(r => r.Name == name && r.Oid != null && values.ContainsKey(r.Oid));
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
            IReadOnlyDictionary<string, SnmpValue> values;
            try { values = await _reader!.GetAsync(oids, cancellationToken).ConfigureAwait(false); }
            catch (SnmpException e)
            {
                Host.WriteLog(DriverLogLevel.Warning, $"Data for {Host.UpsName} is stale: {e.Message}");
                Host.DataStale();
                return;
            }
            var missing = oids.Count(o => !values.ContainsKey(o));
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
                var text = SnmpValueFormatter.Format(row, value);
                if (row.Has(SnmpRowFlags.Status))
                {
                    statusSeen = true;
                    if (text != null) AddTokens(status, text);
                    continue;
                }
                if (row.Has(SnmpRowFlags.Alarm))
                {
                    if (!string.IsNullOrEmpty(text) && !alarms.Contains(text!)) alarms.Add(text!);
                    continue;
                }
                if (text != null) Host.SetInfo(row.Name, text);
            }
            // Like snmp-ups' status_commit, ups.status is published (possibly empty) even when no status row answered.
            if (statusSeen || values.Count > 0) Host.SetInfo("ups.status", string.Join(" ", status));
            if (alarms.Count > 0) Host.SetInfo("ups.alarm", string.Join(" ", alarms));
            else if (!initial && Host.GetVariable("ups.alarm") != null) Host.DelInfo("ups.alarm");
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
            if (row.Has(SnmpRowFlags.Absent))
            {
                Host.SetInfo(name, value);
                return DriverResult.Handled;
            }
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
            if (!_commands.TryGetValue(command, out var row))
            {
                // load.off / load.on derived from their .delay variants (spec 2.3).
                if ((command == "load.off" || command == "load.on") && _commands.TryGetValue(command + ".delay", out var delay))
                    return await SendSetAsync(delay.Oid!, SnmpValue.Integer(0), cancellationToken).ConfigureAwait(false);
                Host.WriteLog(DriverLogLevel.Info, $"instcmd: unknown command [{command}] [{parameter ?? "(null)"}]");
                return DriverResult.Unknown;
            }
            var text = parameter ?? row.Default ?? "0";
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
