using System;
using System.Collections;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Cmdlets.Errors;
using UpsPS.Cmdlets.Hosting;
using UpsPS.Cmdlets.Jobs;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Hosting;
using UpsPS.Engine.Server;
using UpsPS.Engine.Tls;
using System.Net;
using System.Security;

namespace UpsPS.Commands
{
    /// <summary>
    /// Start-UpsServer: a NUT-compatible upsd with its drivers, from a NUT configuration directory or from
    /// parameters. Runs as a job (Get-Job, Receive-Job, Stop-Job) or in the foreground with -Wait.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "UpsServer", DefaultParameterSetName = DirectorySet)]
    [OutputType(typeof(UpsBackgroundJob), typeof(UpsLogEntry))]
    public sealed class StartUpsServerCommand : PSCmdlet
    {
        private const string DirectorySet = "ConfigDirectory";
        private const string ParameterSet = "Parameters";
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>A NUT configuration directory (ups.conf, upsd.conf, upsd.users), like NUT_CONFPATH.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DirectorySet)]
        [Alias("Path", "ConfPath")]
        [ValidateNotNullOrEmpty]
        public string ConfigDirectory { get; set; } = "";

        /// <summary>Devices as hashtables: @{ Name='sim'; Driver='dummy-ups'; Port='sim.dev'; Description='…' } plus any ups.conf key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSet)]
        public Hashtable[] Device { get; set; } = Array.Empty<Hashtable>();

        /// <summary>upsd.users as a hashtable: @{ admin = @{ Password='…'; Actions='SET','FSD'; InstCmds='ALL' }; mon = @{ Password='…'; Upsmon='primary' } }.</summary>
        [Parameter(ParameterSetName = ParameterSet)]
        public Hashtable? User { get; set; }

        /// <summary>Where relative driver ports (.dev/.seq files) are found; default the current location.</summary>
        [Parameter(ParameterSetName = ParameterSet)]
        public string? DataDirectory { get; set; }

        /// <summary>Addresses to listen on ("127.0.0.1", "[::1]:3493", "*"); replaces upsd.conf's LISTEN lines.</summary>
        [Parameter]
        public string[]? Listen { get; set; }

        /// <summary>TCP port for every listener (default 3493, or upsd.conf's).</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int? Port { get; set; }

        /// <summary>Do not run drivers: connect to the NUT driver sockets in STATEPATH, like upsd (e.g. real NUT drivers).</summary>
        [Parameter]
        public SwitchParameter NoDriver { get; set; }

        /// <summary>Also expose every in-process driver on its NUT driver socket in STATEPATH.</summary>
        [Parameter]
        public SwitchParameter ExposeDriverSocket { get; set; }

        /// <summary>Directory of the driver sockets (upsd.conf STATEPATH).</summary>
        [Parameter]
        public string? StatePath { get; set; }

        /// <summary>Job name (default UpsServer).</summary>
        [Parameter]
        public string? Name { get; set; }

        /// <summary>Serve in the foreground, writing log entries, until Ctrl+C (services, scheduled tasks).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Server certificate for STARTTLS: PEM (certificate and key, like CERTFILE) or PKCS#12 (.pfx). Overrides upsd.conf.</summary>
        [Parameter]
        public string? CertificateFile { get; set; }

        /// <summary>Private key PEM when it is not inside -CertificateFile.</summary>
        [Parameter]
        public string? CertificateKeyFile { get; set; }

        /// <summary>Password of the .pfx file or the encrypted PEM key.</summary>
        [Parameter]
        public SecureString? CertificatePassword { get; set; }

        /// <summary>Certificate from the certificate store (CurrentUser/LocalMachine \ My) by thumbprint or subject name.</summary>
        [Parameter]
        public string? CertificateThumbprint { get; set; }

        /// <summary>Client certificates (CERTREQUEST): None, Request (checked when sent) or Require.</summary>
        [Parameter]
        public CertificateRequest? ClientCertificate { get; set; }

        /// <summary>CA file or directory that client certificates must chain to (CERTPATH); default: the system store.</summary>
        [Parameter]
        public string? ClientCertificateAuthorityFile { get; set; }

        /// <summary>TLS 1.2 and newer only (DISABLE_WEAK_SSL).</summary>
        [Parameter]
        public SwitchParameter DisableWeakTls { get; set; }

        /// <summary>At most this many simultaneous connections from one client address (0 = no limit besides MAXCONN).</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int MaxConnectionsPerAddress { get; set; } = UpsServerOptions.DefaultMaxConnectionsPerAddress;

        protected override void EndProcessing()
        {
            var log = new BlockingCollection<UpsLogEntry>();
            var host = CreateHost(JobLog.Into(log));
            try
            {
                host.StartAsync(_stopping.Token).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                host.StopAsync().GetAwaiter().GetResult();
                Fail(e);
                return;
            }

            var hangup = host.ReloadOnHangup();
            if (Wait)
            {
                using (hangup)
                using (WritePidFile(host, log))
                    RunInForeground(host, log);
                return;
            }

            var where = string.Join(", ", host.Server.BoundEndpoints.Select(ep => ep.ToString()));
            var job = new UpsBackgroundJob(MyInvocation.Line, Name ?? "UpsServer", where, "UpsServer") { Engine = host };
            job.Start(async ct =>
            {
                var pump = Task.Run(() => { foreach (var entry in log.GetConsumingEnumerable()) job.AddOutput(entry); });
                try { await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
                hangup?.Dispose();
                await host.StopAsync().ConfigureAwait(false);
                log.CompleteAdding();
                await pump.ConfigureAwait(false);
            });
            JobRepository.Add(job);
            WriteObject(job);
        }

        protected override void StopProcessing() => _stopping.Cancel();

        // In the foreground UpsPS stands in for upsd, so NUT's `upsd -c reload|stop` must find it.
        private static IDisposable? WritePidFile(UpsServerHost host, BlockingCollection<UpsLogEntry> log)
        {
            var path = PidFile.DefaultPath(host.Configuration.Upsd.StatePath);
            if (!Directory.Exists(Path.GetDirectoryName(path))) return null;
            try
            {
                return PidFile.Write(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                JobLog.Into(log).Write(ServerLogLevel.Warning, $"Cannot write the pid file {path} (upsd -c reload will not find this server): {e.Message}");
                return null;
            }
        }

        private void RunInForeground(UpsServerHost host, BlockingCollection<UpsLogEntry> log)
        {
            try
            {
                while (!_stopping.IsCancellationRequested)
                {
                    try
                    {
                        if (log.TryTake(out var entry, Timeout.Infinite, _stopping.Token)) WriteObject(entry);
                    }
                    catch (OperationCanceledException) { break; }
                }
            }
            finally
            {
                host.StopAsync().GetAwaiter().GetResult();
            }
        }

        private UpsServerHost CreateHost(JobLog log)
        {
            var registry = DriverRegistry.CreateDefault();
            NutConfiguration config;
            try
            {
                config = ParameterSetName == DirectorySet ? LoadDirectory(registry) : FromParameters(registry);
            }
            catch (Exception e) when (e is ConfigException || e is FormatException || e is ArgumentException)
            {
                Fail(e);
                throw new InvalidOperationException("unreachable");
            }
            var options = new ServerHostOptions
            {
                Registry = registry,
                StartDrivers = !NoDriver,
                ExposeDriverSockets = ExposeDriverSocket,
                StatePath = StatePath,
            };
            if (Listen != null) options.Listen = ListenParser.Parse(Listen, Port);
            else if (Port.HasValue) options.Listen = config.Upsd.EffectiveListeners.Select(l => new ListenAddress(l.Address, Port.Value)).ToList();
            options.Server.MaxConnectionsPerAddress = MaxConnectionsPerAddress;
            try
            {
                ApplyTlsParameters(config.Upsd);
                return new UpsServerHost(config, options, log);
            }
            catch (Exception e) when (e is TlsConfigurationException || e is ConfigException)
            {
                Fail(e);
                throw new InvalidOperationException("unreachable");
            }
        }

        // TLS parameters are written into the upsd.conf settings so that both sources go through one mapping.
        private void ApplyTlsParameters(UpsdConfig upsd)
        {
            if (DisableWeakTls.IsPresent) upsd.DisableWeakSsl = DisableWeakTls;
            if (ClientCertificate.HasValue) upsd.CertRequest = ClientCertificate.Value;
            if (ClientCertificateAuthorityFile != null) upsd.CertPath = GetUnresolvedProviderPathFromPSPath(ClientCertificateAuthorityFile);
            if (CertificateFile != null)
            {
                upsd.CertFile = GetUnresolvedProviderPathFromPSPath(CertificateFile);
                upsd.CertIdentPassword = CertificatePassword == null ? null : new NetworkCredential("", CertificatePassword).Password;
            }
            if (CertificateKeyFile != null) upsd.CertKeyFile = GetUnresolvedProviderPathFromPSPath(CertificateKeyFile);
            if (CertificateThumbprint != null) upsd.CertStoreName = CertificateThumbprint;
        }

        private NutConfiguration LoadDirectory(DriverRegistry registry)
        {
            var directory = GetUnresolvedProviderPathFromPSPath(ConfigDirectory);
            if (!Directory.Exists(directory))
                throw new ConfigException(directory, 0, "configuration directory not found");
            return NutConfiguration.Load(directory, registry);
        }

        private NutConfiguration FromParameters(DriverRegistry registry)
        {
            var dataDirectory = GetUnresolvedProviderPathFromPSPath(DataDirectory ?? SessionState.Path.CurrentFileSystemLocation.Path);
            var upsText = string.Concat(Device.Select(HashtableConfig.UpsSection));
            var ups = UpsConfReader.Parse(upsText, "-Device");
            var upsd = UpsdConfigReader.Parse("", "-Listen");
            var users = User == null ? UserTable.Empty : UpsdUsersReader.Parse(HashtableConfig.Users(User), "-User");
            return NutConfiguration.From(dataDirectory, ups, upsd, users, registry);
        }

        private void Fail(Exception e)
        {
            var record = UpsErrorMap.ToErrorRecord(e, ConfigDirectory)
                ?? new ErrorRecord(e, "UpsPS.ServerStartFailed", ErrorCategory.NotSpecified, null);
            ThrowTerminatingError(record);
        }
    }
}
