using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Hosting;
using UpsPS.Cmdlets.Jobs;

namespace UpsPS.Commands
{
    /// <summary>Stop-UpsServer: stops server jobs started by Start-UpsServer (all running ones when none is named).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "UpsServer", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
    public sealed class StopUpsServerCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "Job")]
        public UpsBackgroundJob[] Job { get; set; } = new UpsBackgroundJob[0];

        /// <summary>Job names (wildcards allowed); default every running UpsPS server job.</summary>
        [Parameter(Position = 0, ParameterSetName = "Name")]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var jobs = ParameterSetName == "Job"
                ? Job.Where(j => j.PSJobTypeName == UpsJobs.ServerType)
                : UpsJobs.OfType(JobRepository, UpsJobs.ServerType).Where(j => Matches(j.Name));
            foreach (var job in jobs.Where(UpsJobs.IsActive).ToList())
            {
                if (ShouldProcess($"{job.Name} (Id {job.Id}, {job.Location})", "Stop UPS server")) job.StopJob();
            }
        }

        private bool Matches(string jobName) =>
            Name == null || Name.Any(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase).IsMatch(jobName));
    }
}
