using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
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

namespace UpsPS.Commands
{
    /// <summary>
    /// Start-UpsDriver: runs drivers like upsdrvctl, each as a job serving NUT's driver socket in STATEPATH,
    /// so a NUT upsd or a UpsPS server (in this process: without the socket) can serve the device.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "UpsDriver", DefaultParameterSetName = DirectorySet)]
    [OutputType(typeof(UpsBackgroundJob))]
    public sealed class StartUpsDriverCommand : PSCmdlet
    {
        private const string DirectorySet = "ConfigDirectory";
        private const string ParameterSet = "Parameters";

        /// <summary>The NUT configuration directory whose ups.conf defines the devices.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DirectorySet)]
        [Alias("Path", "ConfPath")]
        public string ConfigDirectory { get; set; } = "";

        /// <summary>Device names from ups.conf (one or more), or the device's name with -Driver/-Port.</summary>
        [Parameter(Position = 1, ParameterSetName = DirectorySet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSet)]
        [Alias("UpsName")]
        public string[]? Name { get; set; }

        /// <summary>Every device of ups.conf (upsdrvctl start).</summary>
        [Parameter(ParameterSetName = DirectorySet)]
        public SwitchParameter All { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ParameterSet)]
        public string Driver { get; set; } = "";

        /// <summary>The driver's port (a .dev/.seq file for dummy-ups, a device path, ups@host for a repeater).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSet)]
        public string Port { get; set; } = "";

        /// <summary>Other ups.conf keys of the device: @{ pollinterval = 1; mode = 'dummy-once'; ignorelb = $true }.</summary>
        [Parameter(ParameterSetName = ParameterSet)]
        public Hashtable? Option { get; set; }

        /// <summary>Directory of the driver sockets; default NUT_STATEPATH, ups.conf's statepath, or upsd.conf's STATEPATH.</summary>
        [Parameter]
        public string? StatePath { get; set; }

        protected override void ProcessRecord()
        {
            var registry = DriverRegistry.CreateDefault();
            List<UpsSection> sections;
            string configDirectory;
            string statePath;
            try
            {
                (sections, configDirectory, statePath) = ParameterSetName == DirectorySet ? FromDirectory(registry) : FromParameters(registry);
            }
            catch (Exception e) when (e is ConfigException || e is ArgumentException || e is FormatException)
            {
                ThrowTerminatingError(UpsErrorMap.ToErrorRecord(e, ConfigDirectory)!);
                return;
            }
            Directory.CreateDirectory(statePath);
            foreach (var section in sections) WriteObject(StartOne(section, registry, configDirectory, statePath));
        }

        private UpsBackgroundJob StartOne(UpsSection section, DriverRegistry registry, string configDirectory, string statePath)
        {
            var log = new BlockingCollection<UpsLogEntry>();
            var supervisor = new DriverSupervisor(section, registry, new DriverHostOptions { ConfigDirectory = configDirectory },
                JobLog.Into(log), statePath);
            var job = new UpsBackgroundJob(MyInvocation.Line, $"UpsDriver-{section.Name}", supervisor.Location, UpsJobs.DriverType)
            {
                Engine = supervisor,
            };
            job.Start(async ct =>
            {
                var pump = Task.Run(() => { foreach (var entry in log.GetConsumingEnumerable()) job.AddOutput(entry); });
                try { await supervisor.RunAsync(ct).ConfigureAwait(false); }
                finally
                {
                    supervisor.Dispose();
                    log.CompleteAdding();
                    await pump.ConfigureAwait(false);
                }
            });
            JobRepository.Add(job);
            return job;
        }

        private (List<UpsSection>, string, string) FromDirectory(DriverRegistry registry)
        {
            var directory = GetUnresolvedProviderPathFromPSPath(ConfigDirectory);
            var ups = UpsConfReader.ReadFile(Path.Combine(directory, "ups.conf"));
            foreach (var warning in ups.Warnings) WriteWarning(warning);
            IEnumerable<UpsSection> chosen;
            if (All || Name == null) chosen = ups.CompleteSections;
            else
            {
                chosen = Name.Select(n => ups.Find(n) ?? throw new ArgumentException($"{ups.File}: no UPS [{n}] is defined"));
            }
            var sections = chosen.ToList();
            if (sections.Count == 0) throw new ConfigException(ups.File, 0, "no UPS is defined");
            foreach (var section in sections) registry.Validate(section);
            return (sections, directory, ResolveStatePath(directory, ups));
        }

        private (List<UpsSection>, string, string) FromParameters(DriverRegistry registry)
        {
            var device = new Hashtable(StringComparer.OrdinalIgnoreCase) { ["Name"] = Name![0], ["driver"] = Driver, ["port"] = Port };
            if (Option != null) foreach (DictionaryEntry e in Option) device[e.Key] = e.Value;
            var ups = UpsConfReader.Parse(HashtableConfig.UpsSection(device), "-Option");
            var section = ups.Sections.Single();
            registry.Validate(section);
            var directory = SessionState.Path.CurrentFileSystemLocation.Path;
            return (new List<UpsSection> { section }, directory, ResolveStatePath(directory, ups));
        }

        private string ResolveStatePath(string configDirectory, UpsConfig ups)
        {
            if (StatePath != null) return GetUnresolvedProviderPathFromPSPath(StatePath);
            var env = Environment.GetEnvironmentVariable("NUT_STATEPATH");
            if (!string.IsNullOrEmpty(env)) return env!;
            if (ups.Globals.TryGetValue("statepath", out var global) && !string.IsNullOrEmpty(global)) return global!;
            var upsdConf = Path.Combine(configDirectory, "upsd.conf");
            return File.Exists(upsdConf) ? UpsdConfigReader.Load(upsdConf).StatePath : new UpsdConfig().StatePath;
        }
    }
}
