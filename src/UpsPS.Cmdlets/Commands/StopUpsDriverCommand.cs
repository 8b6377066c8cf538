using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Hosting;

namespace UpsPS.Commands
{
    /// <summary>Stop-UpsDriver: stops drivers started by Start-UpsDriver (upsdrvctl stop). Drivers inside a
    /// server job stop with the server.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "UpsDriver", SupportsShouldProcess = true)]
    public sealed class StopUpsDriverCommand : PSCmdlet
    {
        /// <summary>UPS names (wildcards allowed); default every running standalone driver.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [SupportsWildcards]
        public string[]? UpsName { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var job in UpsJobs.OfType(JobRepository, UpsJobs.DriverType).Where(UpsJobs.IsActive).ToList())
            {
                var ups = job.Engine is UpsPS.Engine.Hosting.DriverSupervisor d ? d.UpsName : job.Name;
                if (UpsName != null && !UpsName.Any(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase).IsMatch(ups))) continue;
                if (ShouldProcess($"{ups} ({job.Location})", "Stop UPS driver")) job.StopJob();
            }
        }
    }
}
