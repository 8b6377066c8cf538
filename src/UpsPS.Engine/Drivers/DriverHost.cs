using System;
using UpsPS.Engine.Timing;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.DriverSocket;
using UpsPS.Engine.Protocol;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers
{
    /// <summary>
    /// The common driver core (NUT drivers/main.c + dstate.c): owns one device's variable table and stale
    /// flag, runs the driver's poll loop, pushes every change to all attached server channels, and answers
    /// the server's requests (DUMPALL, PING, SET, INSTCMD, …) on each of them.
    /// </summary>
    public sealed partial class DriverHost : IDisposable
    {
        public const string UpsPsVersion = "0.1.0";

        private readonly object _gate = new object();
        private readonly VariableTable _table = new VariableTable();
        private readonly List<DriverConnection> _connections = new List<DriverConnection>();
        private readonly HashSet<string> _overridden = new HashSet<string>(VariableTable.NameComparer);
        private readonly SemaphoreSlim _driverGate = new SemaphoreSlim(1, 1);
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly DriverHostOptions _options;
        private readonly ISet<string> _secretKeys;
        private bool _stale = true;
        private bool _started;

        public DriverHost(UpsSection section, IUpsDriver driver, DriverHostOptions? options = null, DriverDescriptor? descriptor = null)
        {
            Section = section;
            Driver = driver;
            _options = options ?? new DriverHostOptions();
            if (descriptor != null && options == null) _options.InternalVersion = descriptor.InternalVersion;
            _secretKeys = descriptor?.SecretKeys ?? new HashSet<string>();
            ConfiguredPollInterval = TimeSpan.FromSeconds(ReadPollInterval(section));
            IgnoreLowBattery = section.HasFlag("ignorelb");
            AllowKillpower = section.HasFlag("allow_killpower");
        }

        /// <summary>Validates the section against the registry and creates host + driver.</summary>
        public static DriverHost Create(UpsSection section, DriverRegistry registry, DriverHostOptions? options = null)
        {
            var descriptor = registry.Validate(section);
            options ??= new DriverHostOptions();
            options.InternalVersion = descriptor.InternalVersion;
            return new DriverHost(section, descriptor.Factory(), options, descriptor);
        }

        public UpsSection Section { get; }
        public IUpsDriver Driver { get; }
        public string UpsName => Section.Name;
        public string DriverName => Section.Driver ?? Driver.Name;
        public string ConfigDirectory => _options.ConfigDirectory;
        public IClock Clock => _options.Clock;

        /// <summary>pollinterval from ups.conf (default 2 s).</summary>
        public TimeSpan ConfiguredPollInterval { get; }

        public bool IgnoreLowBattery { get; }
        public bool AllowKillpower { get; private set; }
        public int DebugLevel { get; private set; }

        public bool IsStale { get { lock (_gate) return _stale; } }

        /// <summary>Every published change, as its socket protocol line. Raised outside the host's lock.</summary>
        public event EventHandler<DriverStateChangedEventArgs>? StateChanged;

        public event EventHandler<DriverLogEventArgs>? Log;

        /// <summary>driver.exit / driver.reload* were requested (the host itself stops on driver.exit).</summary>
        public event EventHandler<DriverControlEventArgs>? ControlRequested;

        public int ConnectionCount { get { lock (_gate) return _connections.Count; } }

        // ---------------------------------------------------------------- reading state

        public string? GetInfo(string name) { lock (_gate) return _table.GetValue(name); }

        public UpsVariable? GetVariable(string name) { lock (_gate) return _table.Get(name)?.Clone(); }

        public IReadOnlyList<UpsVariable> GetVariables() { lock (_gate) return _table.Variables.Select(v => v.Clone()).ToList(); }

        public IReadOnlyList<string> GetCommands() { lock (_gate) return _table.Commands.ToList(); }

        public bool HasCommand(string name) { lock (_gate) return _table.HasCommand(name); }

        // ---------------------------------------------------------------- driver API (dstate_*)

        /// <summary>Creates or updates a variable; pushes SETINFO only when the value changed.
        /// Overridden variables (override.&lt;var&gt;) ignore the driver's updates.</summary>
        public void SetInfo(string name, string value)
        {
            var sent = new List<IReadOnlyList<string>>();
            lock (_gate)
            {
                if (_overridden.Contains(name)) return;
                SetInfoLocked(name, value, sent);
            }
            Raise(sent);
        }

        public void DelInfo(string name)
        {
            var sent = new List<IReadOnlyList<string>>();
            lock (_gate)
            {
                if (_overridden.Contains(name)) return;
                DelInfoLocked(name, sent);
                var mirror = DeviceMirror(name);
                if (mirror != null) DelInfoLocked(mirror, sent);
            }
            Raise(sent);
        }

        public void SetFlags(string name, VariableFlags flags) =>
            Change(t => t.SetFlags(name, flags), () => new[] { "SETFLAGS", name }.Concat(VariableTable.FormatFlags(flags)).ToArray());

        public void SetAux(string name, int aux) =>
            Change(t => t.SetAux(name, aux), () => new[] { "SETAUX", name, aux.ToString(CultureInfo.InvariantCulture) });

        public void AddEnum(string name, string value) =>
            Change(t => t.AddEnum(name, value), () => new[] { "ADDENUM", name, value });

        public void DelEnum(string name, string value) =>
            Change(t => t.DelEnum(name, value), () => new[] { "DELENUM", name, value });

        public void AddRange(string name, int min, int max) =>
            Change(t => t.AddRange(name, min, max), () => new[] { "ADDRANGE", name, Int(min), Int(max) });

        public void DelRange(string name, int min, int max) =>
            Change(t => t.DelRange(name, min, max), () => new[] { "DELRANGE", name, Int(min), Int(max) });

        public void AddCommand(string name) => Change(t => t.AddCommand(name), () => new[] { "ADDCMD", name });

        public void DelCommand(string name) => Change(t => t.DelCommand(name), () => new[] { "DELCMD", name });

        /// <summary>Marks the data valid; pushes DATAOK only on a transition.</summary>
        public void DataOk() => SetStale(false);

        public void DataStale() => SetStale(true);

        public void WriteLog(DriverLogLevel level, string message) => Log?.Invoke(this, new DriverLogEventArgs(level, message));

        // ---------------------------------------------------------------- internals

        private void SetStale(bool stale)
        {
            var sent = new List<IReadOnlyList<string>>();
            lock (_gate)
            {
                if (_stale == stale) return;
                _stale = stale;
                Broadcast(new[] { stale ? "DATASTALE" : "DATAOK" }, sent);
            }
            Raise(sent);
        }

        private void Change(Func<VariableTable, bool> apply, Func<string[]> line)
        {
            var sent = new List<IReadOnlyList<string>>();
            lock (_gate)
            {
                if (!apply(_table)) return;
                Broadcast(line(), sent);
            }
            Raise(sent);
        }

        private void SetInfoLocked(string name, string value, List<IReadOnlyList<string>> sent)
        {
            if (IgnoreLowBattery && string.Equals(name, "ups.status", StringComparison.OrdinalIgnoreCase))
                value = ApplyIgnoreLowBattery(value);
            if (_table.SetExact(name, value)) Broadcast(new[] { "SETINFO", name, value }, sent);
            var mirror = DeviceMirror(name);
            if (mirror == null || _overridden.Contains(mirror)) return;
            // NUT 2.8.0's driver core copies the value already escaped for the socket, so a device.* mirror of
            // 'Fake "Q" Corp' reads 'Fake \"Q\" Corp' in upsc (observed; the ups.* original is unescaped).
            var mirrored = NutEncoding.Encode(value);
            if (_table.SetExact(mirror, mirrored)) Broadcast(new[] { "SETINFO", mirror, mirrored }, sent);
        }

        private void DelInfoLocked(string name, List<IReadOnlyList<string>> sent)
        {
            if (_table.DelInfo(name)) Broadcast(new[] { "DELINFO", name }, sent);
        }

        // NUT's driver core keeps device.mfr/model/serial equal to the legacy ups.* names.
        private static string? DeviceMirror(string name)
        {
            if (string.Equals(name, "ups.mfr", StringComparison.OrdinalIgnoreCase)) return "device.mfr";
            if (string.Equals(name, "ups.model", StringComparison.OrdinalIgnoreCase)) return "device.model";
            if (string.Equals(name, "ups.serial", StringComparison.OrdinalIgnoreCase)) return "device.serial";
            return null;
        }

        // ignorelb: the device's LB is dropped; LB is raised from the charge/runtime thresholds instead.
        private string ApplyIgnoreLowBattery(string status)
        {
            var tokens = status.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)
                .Where(t => !string.Equals(t, "LB", StringComparison.OrdinalIgnoreCase)).ToList();
            if (Below("battery.charge", "battery.charge.low") || Below("battery.runtime", "battery.runtime.low"))
                tokens.Add("LB");
            return string.Join(" ", tokens);
        }

        private bool Below(string valueName, string limitName)
        {
            var value = _table.GetValue(valueName);
            var limit = _table.GetValue(limitName);
            if (value == null || limit == null) return false;
            return CNumber.Atoi(value) < CNumber.Atoi(limit);
        }

        private void Broadcast(IReadOnlyList<string> words, List<IReadOnlyList<string>> sent)
        {
            foreach (var c in _connections) c.Enqueue(words);
            sent.Add(words);
        }

        private void Raise(List<IReadOnlyList<string>> sent)
        {
            var handler = StateChanged;
            if (handler == null) return;
            foreach (var words in sent) handler(this, new DriverStateChangedEventArgs(words));
        }

        private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

        private static int ReadPollInterval(UpsSection section)
        {
            var text = section.GetValue("pollinterval");
            if (text == null) return 2;
            var value = CNumber.Atoi(text);
            if (value <= 0) throw new DriverException($"Error: UPS [{section.Name}]: invalid pollinterval: {text}");
            return value;
        }

        internal static string EngineVersion
        {
            get
            {
                var info = typeof(DriverHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
                if (string.IsNullOrEmpty(info)) return UpsPsVersion;
                var plus = info!.IndexOf('+');
                return plus > 0 ? info.Substring(0, plus) : info;
            }
        }

        public void Dispose()
        {
            _stopping.Cancel();
            lock (_gate)
            {
                foreach (var c in _connections) c.Dispose();
                _connections.Clear();
            }
        }
    }
}
