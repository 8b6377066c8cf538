using System;
using UpsPS.Engine.Timing;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Cmdlets.Jobs;
using UpsPS.Cmdlets.Monitor;
using UpsPS.Engine.Config;
using UpsPS.Engine.Monitor;
using UpsPS.Engine.Monitor.Net;
using UpsPS.Engine.Monitor.Syslog;

namespace UpsPS.Commands
{
    /// <summary>
    /// Start-UpsMonitor: upsmon in PowerShell. Builds a MonitorConfig from -ConfigDirectory (upsmon.conf +
    /// upssched.conf), -Settings or parameters, wires notifications (script blocks, event queue, NOTIFYCMD,
    /// syslog, wall, upssched) and runs the decision core as a job (default) or in the foreground (-Wait).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "UpsMonitor", DefaultParameterSetName = "Parameters")]
    [OutputType(typeof(UpsBackgroundJob), typeof(UpsNotification))]
    public sealed class StartUpsMonitorCommand : PSCmdlet
    {
        [Parameter(Position = 0, ParameterSetName = "Parameters")]
        [ValidateNotNullOrEmpty]
        public string[]? UpsName { get; set; }

        [Parameter(ParameterSetName = "Parameters")]
        [Credential]
        public PSCredential? Credential { get; set; }

        [Parameter(ParameterSetName = "Parameters")]
        [ValidateRange(0, int.MaxValue)]
        public int PowerValue { get; set; } = 1;

        [Parameter(ParameterSetName = "Parameters")]
        public MonitorRole Role { get; set; } = MonitorRole.Secondary;

        [Parameter(ParameterSetName = "Parameters")]
        public Hashtable[]? Monitor { get; set; }

        [Parameter(ParameterSetName = "Parameters")]
        public Hashtable? Settings { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ConfigDirectory")]
        [ValidateNotNullOrEmpty]
        public string? ConfigDirectory { get; set; }

        [Parameter] public int? MinSupplies { get; set; }
        [Parameter] public int? PollFreq { get; set; }
        [Parameter] public int? PollFreqAlert { get; set; }
        [Parameter] public int? DeadTime { get; set; }
        [Parameter] public int? HostSync { get; set; }
        [Parameter] public int? FinalDelay { get; set; }
        [Parameter] public int? RbWarnTime { get; set; }
        [Parameter] public int? NoCommWarnTime { get; set; }
        [Parameter] public int? OffDuration { get; set; }
        [Parameter] public int? OverDuration { get; set; }
        [Parameter] public int? ObLbDuration { get; set; }
        [Parameter] public int? ShutdownExit { get; set; }
        [Parameter] public string? PowerDownFlag { get; set; }

        /// <summary>Require TLS to every server (FORCESSL 1) and verify certificates (CERTVERIFY 1) unless -SkipCertificateCheck.</summary>
        [Parameter] public SwitchParameter UseTls { get; set; }

        /// <summary>CA file or directory for verifying servers (CERTPATH); default: the system store.</summary>
        [Parameter] public string? CertificateAuthorityFile { get; set; }

        /// <summary>With -UseTls: do not verify server certificates (CERTVERIFY 0); a warning is written.</summary>
        [Parameter] public SwitchParameter SkipCertificateCheck { get; set; }
        [Parameter] public Hashtable? NotifyMessage { get; set; }
        [Parameter] public Hashtable? NotifyFlag { get; set; }
        [Parameter] public string[]? NotifyCommand { get; set; }
        [Parameter] public string[]? ShutdownCommand { get; set; }

        /// <summary>Notify type (or '*') → script block receiving the UpsNotification.</summary>
        [Parameter] public Hashtable? OnNotify { get; set; }

        /// <summary>Notify type → seconds to hold it back; the opposite event cancels it.</summary>
        [Parameter] public Hashtable? Delay { get; set; }

        /// <summary>upssched.conf to drive in-process (also picked up from -ConfigDirectory).</summary>
        [Parameter] public string? UpsschedConfig { get; set; }

        [Parameter] public ScriptBlock? ShutdownAction { get; set; }
        [Parameter] public string? Name { get; set; }
        [Parameter] public SwitchParameter Wait { get; set; }
        [Parameter] public SwitchParameter NoSystemLog { get; set; }
        [Parameter] public SwitchParameter NoEventQueue { get; set; }

        [Parameter]
        [ValidateRange(1, 86400)]
        public int HandlerTimeoutSeconds { get; set; } = 30;

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected override void EndProcessing()
        {
            var config = BuildConfig(out var upsschedConfig);
            string name = Name ?? "UpsMonitor" + (UpsMonitorSession.All.Count + 1);

            var jobLog = new ForwardingLog();
            var logs = new List<IMonitorLog> { jobLog };
            SystemLogSink? syslog = null;
            if (!NoSystemLog)
            {
                syslog = new SystemLogSink("upsmon");
                if (syslog.Unavailable != null) WriteVerbose("System log: " + syslog.Unavailable);
                else logs.Add(syslog);
            }
            var log = new TeeMonitorLog(logs);

            PipelineQueueScriptInvoker? pump = Wait ? new PipelineQueueScriptInvoker() : null;
            IScriptInvoker invoker = pump ?? (IScriptInvoker)new EventQueueScriptInvoker(Events);
            var dispatcher = new NotificationDispatcher(log, new ProcessWallSink(), () => config.NotifyCommand)
            {
                HandlerTimeout = TimeSpan.FromSeconds(HandlerTimeoutSeconds),
            };

            INotificationSink sink = dispatcher;
            DelayedNotificationFilter? delayFilter = null;
            if (Delay != null && Delay.Count > 0)
            {
                delayFilter = new DelayedNotificationFilter(dispatcher, SystemClock.Instance);
                foreach (DictionaryEntry e in Delay)
                    delayFilter.Delays[ParseType(e.Key)] = TimeSpan.FromSeconds(Convert.ToDouble(PSObject.AsPSObject(e.Value).BaseObject, System.Globalization.CultureInfo.InvariantCulture));
                sink = delayFilter;
            }

            UpsMonitor monitor;
            try
            {
                monitor = new UpsMonitor(config, new MonitorDependencies
                {
                    ConnectionFactory = new NutUpsConnectionFactory(),
                    Notifications = sink,
                    ShutdownAction = ShutdownAction != null ? new ScriptBlockShutdownAction(invoker, ShutdownAction) : null,
                    Log = log,
                });
            }
            catch (ConfigException ex)
            {
                invoker.Dispose();
                syslog?.Dispose();
                ThrowTerminatingError(new ErrorRecord(ex, "UpsPS.MonitorConfigInvalid", ErrorCategory.InvalidArgument, ex.File));
                return;
            }

            var session = new UpsMonitorSession(name, monitor, dispatcher, invoker) { DelayFilter = delayFilter };
            if (OnNotify != null)
                foreach (DictionaryEntry e in OnNotify)
                {
                    string type = e.Key.ToString() == "*" ? "*" : ParseType(e.Key).ToString();
                    var script = PSObject.AsPSObject(e.Value).BaseObject as ScriptBlock
                        ?? throw new PSArgumentException($"-OnNotify {type}: the value must be a script block.");
                    session.AddHandler(type, script, null);
                }
            if (upsschedConfig != null)
            {
                var runner = upsschedConfig.CmdScript.Count > 0 ? new UpsschedCommandRunner(upsschedConfig.CmdScript, log) : null;
                session.Upssched = new UpsschedEngine(upsschedConfig, SystemClock.Instance, action =>
                {
                    PublishEvent("UpsPS.Upssched", session, action);
                    if (runner != null) Task.Run(() => runner.Run(action));
                }, log);
                dispatcher.AddExecHandler("upssched", (n, ct) => { session.Upssched.HandleEvent(n); return Task.CompletedTask; });
            }
            var events = NoEventQueue ? null : Events;
            dispatcher.AddObserver(n =>
            {
                if (events != null)
                {
                    Publish(events, "UpsPS.Notify", session, n);
                    Publish(events, "UpsPS.Notify." + n.TypeName, session, n);
                }
            });

            var job = new UpsBackgroundJob(MyInvocation.Line, name, "upsmon " + string.Join(", ", config.Monitors.Select(m => m.System)), "UpsMonitorJob") { Engine = session };
            session.Job = job;
            jobLog.Target = (level, line) =>
            {
                if (pump != null) { pump.Post(() => WriteLogLine(level, line)); return; }
                if (level >= MonitorLogLevel.Warning) job.WriteWarningLine(line);
                else job.Information.Add(new InformationRecord(line, "UpsPS.Monitor"));
            };
            dispatcher.AddObserver(n =>
            {
                if (pump != null) pump.Post(() => WriteObject(n));
                else job.Output.Add(PSObject.AsPSObject(n));
            });
            session.Register();

            var completion = new TaskCompletionSource<MonitorExitReason>(TaskCreationOptions.RunContinuationsAsynchronously);
            session.Completion = completion.Task;
            job.Start(async jobToken =>
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(jobToken, session.StopToken, _stopping.Token);
                using var helpers = new CancellationTokenSource();
                var background = new List<Task>();
                if (delayFilter != null) background.Add(delayFilter.RunAsync(helpers.Token));
                if (session.Upssched != null) background.Add(session.Upssched.RunAsync(helpers.Token));
                try
                {
                    var reason = await monitor.RunAsync(linked.Token).ConfigureAwait(false);
                    await dispatcher.WhenIdleAsync().ConfigureAwait(false);
                    completion.TrySetResult(reason);
                    if (reason == MonitorExitReason.Fatal) throw new InvalidOperationException("The reloaded configuration is unusable; monitoring ended.");
                }
                catch (Exception ex)
                {
                    completion.TrySetException(ex);
                    throw;
                }
                finally
                {
                    helpers.Cancel();
                    try { await Task.WhenAll(background).ConfigureAwait(false); } catch (OperationCanceledException) { }
                    syslog?.Dispose();
                    if (pump == null) invoker.Dispose();
                }
            });
            if (!Wait) JobRepository.Add(job);

            if (!Wait)
            {
                WriteObject(job);
                return;
            }
            try
            {
                pump!.Pump(completion.Task, _stopping.Token);
                if (_stopping.IsCancellationRequested) session.Stop(TimeSpan.FromSeconds(15));
                pump.Pump(completion.Task, CancellationToken.None);
                if (completion.Task.IsFaulted)
                    WriteError(new ErrorRecord(completion.Task.Exception!.GetBaseException(), "UpsPS.MonitorFailed", ErrorCategory.OperationStopped, name));
            }
            finally
            {
                UpsMonitorSession.Forget(session);
                invoker.Dispose();
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();

        private void WriteLogLine(MonitorLogLevel level, string line)
        {
            if (level >= MonitorLogLevel.Warning) WriteWarning(line);
            else if (level == MonitorLogLevel.Debug) WriteDebug(line);
            else WriteVerbose(line);
        }

        private static void Publish(PSEventManager events, string id, UpsMonitorSession session, object data)
        {
            try { events.GenerateEvent(id, session, new[] { data }, PSObject.AsPSObject(data)); }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ObjectDisposedException) { }
        }

        private void PublishEvent(string id, UpsMonitorSession session, UpsschedAction action)
        {
            if (NoEventQueue) return;
            Publish(Events, id, session, action);
            Publish(Events, id + "." + action.Name, session, action);
        }

        private static NotifyType ParseType(object key)
        {
            if (Enum.TryParse(key.ToString(), true, out NotifyType t) && Enum.IsDefined(typeof(NotifyType), t)) return t;
            throw new PSArgumentException($"Unknown notify type '{key}'. Valid: {string.Join(", ", Enum.GetNames(typeof(NotifyType)))}.");
        }

        private MonitorConfig BuildConfig(out UpsschedConfig? upssched)
        {
            upssched = null;
            MonitorConfig config;
            bool parameterMode = ConfigDirectory == null;
            if (ConfigDirectory != null)
            {
                string dir = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ConfigDirectory);
                var read = UpsmonConfReader.ReadFile(Path.Combine(dir, "upsmon.conf"));
                Report(read.Diagnostics);
                config = read.GetConfigOrThrow();
                string schedFile = Path.Combine(dir, "upssched.conf");
                if (UpsschedConfig == null && File.Exists(schedFile) && NotifyCommandIsUpssched(config.NotifyCommand))
                {
                    upssched = ReadUpssched(schedFile);
                    // upssched runs in-process; NOTIFYCMD pointing at the upssched binary is replaced by it.
                    config.NotifyCommand = new List<string>();
                }
            }
            else if (Settings != null)
            {
                var read = MonitorSettingsConverter.Read(Settings);
                Report(read.Diagnostics);
                config = read.GetConfigOrThrow();
            }
            else
            {
                config = new MonitorConfig();
            }
            if (UpsschedConfig != null) upssched = ReadUpssched(SessionState.Path.GetUnresolvedProviderPathFromPSPath(UpsschedConfig));

            if (UpsName != null)
            {
                string user = Credential?.UserName ?? string.Empty;
                string password = Credential?.GetNetworkCredential().Password ?? string.Empty;
                foreach (var system in UpsName) config.Monitors.Add(new MonitoredUps(system, PowerValue, user, password, Role));
            }
            if (Monitor != null) foreach (var m in Monitor) config.Monitors.Add(MonitorSettingsConverter.ToMonitor(m));
            if (config.Monitors.Count == 0)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException("No UPS to monitor: give -UpsName, -Monitor, a MONITOR setting or -ConfigDirectory."),
                    "UpsPS.NoMonitor", ErrorCategory.InvalidArgument, null));

            if (MinSupplies.HasValue) config.MinSupplies = MinSupplies.Value;
            if (PollFreq.HasValue) config.PollFreq = PollFreq.Value;
            if (PollFreqAlert.HasValue) config.PollFreqAlert = PollFreqAlert.Value;
            if (DeadTime.HasValue) config.DeadTime = DeadTime.Value;
            if (HostSync.HasValue) config.HostSync = HostSync.Value;
            if (FinalDelay.HasValue) config.FinalDelay = FinalDelay.Value;
            if (RbWarnTime.HasValue) config.RbWarnTime = RbWarnTime.Value;
            if (NoCommWarnTime.HasValue) config.NoCommWarnTime = NoCommWarnTime.Value;
            if (OffDuration.HasValue) config.OffDuration = OffDuration.Value;
            if (OverDuration.HasValue) config.OverDuration = OverDuration.Value;
            if (ObLbDuration.HasValue) config.ObLbDuration = ObLbDuration.Value;
            if (ShutdownExit.HasValue) config.ShutdownExit = ShutdownExit.Value;
            if (PowerDownFlag != null) config.PowerDownFlag = SessionState.Path.GetUnresolvedProviderPathFromPSPath(PowerDownFlag);
            if (UseTls)
            {
                config.ForceSsl = true;
                config.CertVerify = !SkipCertificateCheck;
            }
            if (SkipCertificateCheck)
            {
                config.CertVerify = false;
                WriteWarning("-SkipCertificateCheck: server certificates are not verified; the monitor's password and the UPS status can be read and changed on the way.");
            }
            if (CertificateAuthorityFile != null)
            {
                config.CertPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificateAuthorityFile);
                if (!SkipCertificateCheck) config.CertVerify = true;
            }
            if (NotifyCommand != null) config.NotifyCommand = NotifyCommand.ToList();
            if (ShutdownCommand != null) config.ShutdownCommand = ShutdownCommand.ToList();
            if (NotifyMessage != null)
                foreach (DictionaryEntry e in NotifyMessage) config.NotifyMessages[ParseType(e.Key)] = e.Value?.ToString() ?? string.Empty;
            if (NotifyFlag != null)
                foreach (DictionaryEntry e in NotifyFlag) config.NotifyFlags[ParseType(e.Key)] = ParseFlags(e.Value);

            // PowerShell-native configurations default to SYSLOG+EXEC so -OnNotify handlers run; a NUT
            // configuration keeps NUT's defaults except for types that have a handler.
            var handled = OnNotify?.Keys.Cast<object>().Select(k => k.ToString() ?? "").ToList() ?? new List<string>();
            foreach (NotifyType t in Enum.GetValues(typeof(NotifyType)))
            {
                if (config.NotifyFlags.ContainsKey(t)) continue;
                bool wantsExec = parameterMode || handled.Contains("*") || handled.Any(h => string.Equals(h, t.ToString(), StringComparison.OrdinalIgnoreCase));
                if (wantsExec) config.NotifyFlags[t] = (parameterMode ? NotifyFlags.Syslog : config.GetFlags(t)) | NotifyFlags.Exec;
            }
            if (ShutdownAction == null && config.ShutdownCommand.Count == 0 && parameterMode && config.MinSupplies > 0)
                config.ShutdownCommand = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                    ? new List<string> { "shutdown.exe /s /t 0" }
                    : new List<string> { "/sbin/shutdown -h +0" };
            return config;
        }

        private static bool NotifyCommandIsUpssched(List<string> command) =>
            command.Count > 0 && Path.GetFileNameWithoutExtension(command[0].Split(' ')[0]).Equals("upssched", StringComparison.OrdinalIgnoreCase);

        private UpsschedConfig ReadUpssched(string path)
        {
            var read = UpsschedConfReader.ReadFile(path);
            Report(read.Diagnostics);
            return read.GetConfigOrThrow();
        }

        private static NotifyFlags ParseFlags(object? value)
        {
            var v = PSObject.AsPSObject(value).BaseObject;
            if (v is NotifyFlags f) return f;
            var words = v is string s ? s.Split('+', ',', ' ') : v is IEnumerable e ? e.Cast<object>().Select(x => x.ToString()!).ToArray() : new[] { v?.ToString() ?? "" };
            var flags = NotifyFlags.None;
            foreach (var w in words.Where(w => w.Length > 0))
            {
                if (!Enum.TryParse(w, true, out NotifyFlags one)) throw new PSArgumentException($"Unknown NOTIFYFLAG '{w}' (SYSLOG, WALL, EXEC, IGNORE).");
                flags |= one;
            }
            return flags;
        }

        private void Report(IReadOnlyList<ConfigDiagnostic> diagnostics)
        {
            foreach (var d in diagnostics.Where(d => !d.IsFatal)) WriteWarning(d.ToString());
        }

        /// <summary>An IMonitorLog whose destination is set once the job exists.</summary>
        private sealed class ForwardingLog : IMonitorLog
        {
            public Action<MonitorLogLevel, string>? Target { get; set; }
            public void Log(MonitorLogLevel level, string message) => Target?.Invoke(level, message);
        }
    }
}
