using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Jobs;

namespace UpsPS.Cmdlets.Hosting
{
    /// <summary>Finds this session's UpsPS jobs of one kind in the job repository.</summary>
    internal static class UpsJobs
    {
        public const string ServerType = "UpsServer";
        public const string DriverType = "UpsDriver";

        public static IEnumerable<UpsBackgroundJob> OfType(JobRepository repository, string typeName) =>
            repository.Jobs.OfType<UpsBackgroundJob>().Where(j => string.Equals(j.PSJobTypeName, typeName, StringComparison.Ordinal));

        public static bool IsActive(Job job) =>
            job.JobStateInfo.State == JobState.Running || job.JobStateInfo.State == JobState.NotStarted;
    }
}
