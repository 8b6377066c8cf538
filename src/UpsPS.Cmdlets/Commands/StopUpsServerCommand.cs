using System.Management.Automation;

namespace UpsPS.Commands
{
    /// <summary>Stop-UpsServer: stops server jobs started by Start-UpsServer (all running ones when none is named).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "UpsServer", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
    public sealed class StopUpsServerCommand : UpsServerJobCmdlet
    {
        protected override void ProcessRecord()
        {
            foreach (var job in SelectedServerJobs())
            {
                if (ShouldProcess($"{job.Name} (Id {job.Id}, {job.Location})", "Stop UPS server")) job.StopJob();
            }
        }
    }
}
