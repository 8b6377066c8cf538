using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Hosting;
using UpsPS.Cmdlets.Jobs;

namespace UpsPS.Commands
{
    /// <summary>Base of the cmdlets that act on running server jobs: piped jobs, or jobs by name (default all).</summary>
    public abstract class UpsServerJobCmdlet : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "Job")]
        public UpsBackgroundJob[] Job { get; set; } = new UpsBackgroundJob[0];

        /// <summary>Job names (wildcards allowed); default every running UpsPS server job.</summary>
        [Parameter(Position = 0, ParameterSetName = "Name")]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        /// <summary>The running server jobs the parameters select.</summary>
        protected IReadOnlyList<UpsBackgroundJob> SelectedServerJobs()
        {
            var jobs = ParameterSetName == "Job"
                ? Job.Where(j => j.PSJobTypeName == UpsJobs.ServerType)
                : UpsJobs.OfType(JobRepository, UpsJobs.ServerType).Where(j => Matches(j.Name));
            return jobs.Where(UpsJobs.IsActive).ToList();
        }

        private bool Matches(string jobName) =>
            Name == null || Name.Any(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase).IsMatch(jobName));
    }
}
