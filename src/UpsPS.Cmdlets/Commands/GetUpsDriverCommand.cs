using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Hosting;
using UpsPS.Cmdlets.Jobs;
using UpsPS.Engine.Hosting;

namespace UpsPS.Commands
{
    /// <summary>Get-UpsDriver: the drivers this session runs, standalone (Start-UpsDriver) or inside server jobs.</summary>
    [Cmdlet(VerbsCommon.Get, "UpsDriver")]
    [OutputType(typeof(UpsDriverInfo))]
    public sealed class GetUpsDriverCommand : PSCmdlet
    {
        /// <summary>UPS names (wildcards allowed).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [SupportsWildcards]
        public string[]? UpsName { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var info in Running(JobRepository))
            {
                if (UpsName == null || UpsName.Any(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase).IsMatch(info.UpsName)))
                    WriteObject(info);
            }
        }

        internal static IEnumerable<UpsDriverInfo> Running(JobRepository repository)
        {
            foreach (var job in repository.Jobs.OfType<UpsBackgroundJob>().Where(UpsJobs.IsActive))
            {
                IEnumerable<DriverSupervisor> drivers = job.Engine switch
                {
                    DriverSupervisor single => new[] { single },
                    UpsServerHost host => host.Drivers,
                    _ => Enumerable.Empty<DriverSupervisor>(),
                };
                foreach (var d in drivers) yield return Describe(d, job);
            }
        }

        private static UpsDriverInfo Describe(DriverSupervisor d, UpsBackgroundJob job) => new UpsDriverInfo
        {
            UpsName = d.UpsName,
            Driver = d.DriverName,
            Port = d.Port,
            State = d.Current != null ? "Running" : "Down",
            Location = d.Location,
            Failures = d.Failures,
            LastError = d.LastError,
            JobId = job.Id,
            JobName = job.Name,
        };
    }
}
