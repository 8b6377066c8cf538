using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers.Dummy
{
    /// <summary>
    /// dummy-ups (dummy-ups.md): publishes the variables of a .dev/.seq file (dummy-once / dummy-loop) or of a
    /// device on another NUT server (repeater). Every update first waits 1 s, then applies the file up to the
    /// next TIMER. In dummy-once mode the file is played once and re-read from the top when its modification
    /// time changes. (NUT 2.8.0 compares a relative path's first modification time against an unset value and
    /// so plays such a file twice; UpsPS records the time when it loads the file and plays it once.)
    /// </summary>
    public sealed class DummyUpsDriver : IUpsDriver
    {
        public const string DriverName = "dummy-ups";
        public const string InternalVersion = "0.15";

        public static readonly DriverDescriptor Descriptor = new DriverDescriptor(
            DriverName, InternalVersion, () => new DummyUpsDriver(),
            valueKeys: new[] { "mode" },
            flagKeys: new[] { "repeater_disable_strict_start" });

        private static readonly TimeSpan UpdateSleep = TimeSpan.FromSeconds(1);

        private DriverHost? _host;
        private string _path = "";
        private DummyFile _file = new DummyFile();
        private int _position;
        private DateTimeOffset? _timerUntil;
        private bool _finished;
        private DateTime _loadedWriteTime;
        private IReadOnlyList<string> _statusTokens = new[] { "OL" };
        private readonly List<string> _alarms = new List<string>();
        private DummyRepeaterSource? _repeater;

        public string Name => DriverName;

        public DummyMode Mode { get; private set; }

        /// <summary>Full path of the data file (dummy modes).</summary>
        public string FilePath => _path;

        public TimeSpan PollInterval => Host.ConfiguredPollInterval;

        private DriverHost Host => _host ?? throw new InvalidOperationException("driver not initialised");

        public async Task InitializeAsync(DriverHost host, CancellationToken cancellationToken)
        {
            _host = host;
            var port = host.Section.Port ?? "";
            var (mode, shown) = DummyModeResolver.Resolve(host.Section.GetValue("mode"), port);
            Mode = mode;
            host.SetInfo("driver.parameter.mode", shown);
            if (mode != DummyMode.Repeater)
            {
                _path = ResolvePath(port, host.ConfigDirectory);
                _file = Load();
            }

            // A file that declares flags (#@SETFLAGS) decides itself what is writable.
            var initialFlags = _file.DeclaresFlags ? VariableFlags.String : VariableFlags.String | VariableFlags.ReadWrite;
            foreach (var (name, value) in new[] { ("ups.mfr", "Dummy Manufacturer"), ("ups.model", "Dummy UPS"), ("ups.status", "OL") })
            {
                host.SetInfo(name, value);
                host.SetFlags(name, initialFlags);
                host.SetAux(name, DummyVariableTypes.DefaultStringLength);
            }
            host.AddCommand("load.off");

            if (mode == DummyMode.Repeater)
            {
                _repeater = new DummyRepeaterSource(port);
                try { await CopyFromSourceAsync(cancellationToken).ConfigureAwait(false); }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    var message = $"Error: Failed to get variables from {port}: {e.Message}";
                    if (!host.Section.HasFlag("repeater_disable_strict_start"))
                        throw new DriverException(message + " -- perhaps you want to set the 'repeater_disable_strict_start' option?", e);
                    host.WriteLog(DriverLogLevel.Warning, message);
                    host.DataStale();
                    return;
                }
                host.DataOk();
                return;
            }

            ProcessChunk();
            host.DataOk();
        }

        public async Task UpdateAsync(CancellationToken cancellationToken)
        {
            await Host.Clock.DelayAsync(UpdateSleep, cancellationToken).ConfigureAwait(false);

            if (Mode == DummyMode.Repeater)
            {
                try
                {
                    await CopyFromSourceAsync(cancellationToken).ConfigureAwait(false);
                    Host.DataOk();
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    Host.WriteLog(DriverLogLevel.Warning, $"Failed to update from {Host.Section.Port}: {e.Message}");
                    Host.DataStale();
                }
                return;
            }

            if (_finished)
            {
                if (!FileChanged()) return;
                ReloadFromTop();
            }
            if (_timerUntil.HasValue && Host.Clock.UtcNow < _timerUntil.Value) return;
            _timerUntil = null;
            ProcessChunk();
            Host.DataOk();
        }

        public Task<DriverResult> SetVariableAsync(string name, string value, CancellationToken cancellationToken)
        {
            var variable = Host.GetVariable(name);
            if (variable == null) return Task.FromResult(DriverResult.Unknown);
            if (!variable.IsWritable) return Task.FromResult(DriverResult.Invalid);

            if (string.Equals(name, "ups.status", StringComparison.Ordinal))
            {
                _statusTokens = DummyFileParser.SplitStatus(value);
                PublishStatus();
            }
            else if (value.Length == 0) Host.DelInfo(name);
            else Host.SetInfo(name, value.Length > DummyFileParser.MaxValueLength ? value.Substring(0, DummyFileParser.MaxValueLength) : value);
            return Task.FromResult(DriverResult.Handled);
        }

        public Task<DriverResult> InstantCommandAsync(string command, string? parameter, CancellationToken cancellationToken)
        {
            if (string.Equals(command, "driver.killpower", StringComparison.OrdinalIgnoreCase))
            {
                Host.WriteLog(DriverLogLevel.Error, "shutdown not supported");
                return Task.FromResult(DriverResult.Failed);
            }
            Host.WriteLog(DriverLogLevel.Info, $"instcmd: unknown command [{command}] [{parameter ?? "(null)"}]");
            return Task.FromResult(DriverResult.Unknown);
        }

        /// <summary>Absolute paths as given; anything else relative to the configuration directory.</summary>
        public static string ResolvePath(string port, string configDirectory)
        {
            var windowsDrive = port.Length >= 2 && port[1] == ':' && char.IsLetter(port[0]);
            if (Path.IsPathRooted(port) || windowsDrive) return port;
            return Path.Combine(configDirectory, port);
        }

        // ------------------------------------------------------------------ file playback

        private DummyFile Load()
        {
            string text;
            try
            {
                _loadedWriteTime = File.GetLastWriteTimeUtc(_path);
                text = File.ReadAllText(_path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DriverException($"Can't open dummy-ups definition file {_path}: {e.Message}", e);
            }
            var file = DummyFileParser.Parse(text, _path);
            foreach (var w in file.Warnings) Host.WriteLog(DriverLogLevel.Warning, w);
            return file;
        }

        private bool FileChanged()
        {
            try { return File.GetLastWriteTimeUtc(_path) != _loadedWriteTime; }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return false; }
        }

        private void ReloadFromTop()
        {
            try { _file = Load(); }
            catch (DriverException e)
            {
                // Keep playing what we have; a file being rewritten may be briefly unreadable.
                Host.WriteLog(DriverLogLevel.Warning, e.Message);
            }
            _position = 0;
            _finished = false;
            _timerUntil = null;
            if (_alarms.Count > 0)
            {
                _alarms.Clear();
                PublishStatus();
            }
        }

        /// <summary>Applies entries from the current position up to the next TIMER or the end of the file.</summary>
        private void ProcessChunk()
        {
            var capabilities = new List<DummyFileEntry>();
            var reachedEnd = true;
            while (_position < _file.Entries.Count)
            {
                var entry = _file.Entries[_position++];
                if (entry.Kind == DummyEntryKind.Timer)
                {
                    _timerUntil = Host.Clock.UtcNow + TimeSpan.FromSeconds(entry.Seconds);
                    reachedEnd = false;
                    break;
                }
                Apply(entry, capabilities);
            }
            // Capabilities apply after the chunk's variables exist, whatever their order in the file.
            foreach (var c in capabilities) ApplyCapability(c.Words);

            if (!reachedEnd) return;
            if (Mode == DummyMode.Once) _finished = true;
            else ReloadFromTop();
        }

        private void Apply(DummyFileEntry entry, List<DummyFileEntry> capabilities)
        {
            switch (entry.Kind)
            {
                case DummyEntryKind.Set:
                    SetFromSource(entry.Name, entry.Value!);
                    break;
                case DummyEntryKind.Delete:
                    Host.DelInfo(entry.Name);
                    break;
                case DummyEntryKind.Status:
                    _statusTokens = entry.Tokens;
                    PublishStatus();
                    break;
                case DummyEntryKind.Alarm:
                    if (entry.Value == null) _alarms.Clear();
                    else _alarms.Add(entry.Value);
                    PublishStatus();
                    break;
                case DummyEntryKind.Capability:
                    capabilities.Add(entry);
                    break;
            }
        }

        /// <summary>Sets a variable coming from the file or the source server; a new one gets dummy-ups' flags.</summary>
        private void SetFromSource(string name, string value)
        {
            var isNew = Host.GetVariable(name) == null;
            Host.SetInfo(name, value);
            if (!isNew) return;
            var (type, aux) = DummyVariableTypes.Lookup(name);
            var flags = _file.DeclaresFlags ? type : type | VariableFlags.ReadWrite;
            Host.SetFlags(name, flags);
            if (aux > 0) Host.SetAux(name, aux);
        }

        private void PublishStatus()
        {
            var tokens = _alarms.Count > 0 ? new[] { "ALARM" }.Concat(_statusTokens.Where(t => t != "ALARM")) : _statusTokens;
            Host.SetInfo("ups.status", string.Join(" ", tokens));
            if (_alarms.Count > 0) Host.SetInfo("ups.alarm", string.Join(" ", _alarms));
            else if (Host.GetVariable("ups.alarm") != null && _alarmsPublished) Host.DelInfo("ups.alarm");
            _alarmsPublished = _alarms.Count > 0;
        }

        private bool _alarmsPublished;

        private void ApplyCapability(IReadOnlyList<string> words)
        {
            var host = Host;
            int Number(int i) => words.Count > i ? DummyFileParser.ParseInt(words[i]) : 0;
            switch (words[0])
            {
                case "SETFLAGS" when words.Count >= 2:
                    host.SetFlags(words[1], VariableTable.ParseFlags(words.Skip(2)));
                    break;
                case "SETAUX" when words.Count >= 3:
                    host.SetAux(words[1], Number(2));
                    break;
                case "ADDENUM" when words.Count >= 3:
                    host.AddEnum(words[1], words[2]);
                    break;
                case "DELENUM" when words.Count >= 3:
                    host.DelEnum(words[1], words[2]);
                    break;
                case "ADDRANGE" when words.Count >= 4:
                    host.AddRange(words[1], Number(2), Number(3));
                    break;
                case "DELRANGE" when words.Count >= 4:
                    host.DelRange(words[1], Number(2), Number(3));
                    break;
                case "ADDCMD" when words.Count >= 2:
                    host.AddCommand(words[1]);
                    break;
                case "DELCMD" when words.Count >= 2:
                    host.DelCommand(words[1]);
                    break;
                case "SETINFO" when words.Count >= 3:
                    SetFromSource(words[1], words[2]);
                    break;
                case "DELINFO" when words.Count >= 2:
                    host.DelInfo(words[1]);
                    break;
                default:
                    host.WriteLog(DriverLogLevel.Warning, $"{_path}: ignoring unsupported #@ line: {string.Join(" ", words)}");
                    break;
            }
        }

        // ------------------------------------------------------------------ repeater

        private async Task CopyFromSourceAsync(CancellationToken cancellationToken)
        {
            var variables = await _repeater!.ListVariablesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (name, value) in variables)
            {
                if (name.StartsWith("driver.", StringComparison.Ordinal)) continue;
                if (name == "ups.status")
                {
                    _statusTokens = DummyFileParser.SplitStatus(value);
                    PublishStatus();
                }
                else SetFromSource(name, value);
            }
        }
    }
}
