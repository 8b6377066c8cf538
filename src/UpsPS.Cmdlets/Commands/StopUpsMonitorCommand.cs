using System;
using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Monitor;

namespace UpsPS.Commands
{
    /// <summary>Stop-UpsMonitor: LOGOUT and end a monitor started with Start-UpsMonitor (its job ends as Stopped).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "UpsMonitor", SupportsShouldProcess = true)]
    [OutputType(typeof(UpsMonitorStatus))]
    public sealed class StopUpsMonitorCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        [Parameter] public int[]? Id { get; set; }

        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter] public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var sessions = MonitorSessionResolver.Resolve(Name, Id, InputObject);
            if (sessions.Count == 0 && (InputObject != null || Id != null || (Name != null && !Name.Any(WildcardPattern.ContainsWildcardCharacters))))
                WriteError(new ErrorRecord(new ItemNotFoundException("No UPS monitor matches."), "UpsPS.MonitorNotFound", ErrorCategory.ObjectNotFound, (object?)InputObject ?? Name));
            foreach (var s in sessions)
            {
                if (!ShouldProcess(s.Name, "Stop UPS monitor")) continue;
                s.Stop(TimeSpan.FromSeconds(15));
                if (s.Job != null && s.Job.JobStateInfo.State == System.Management.Automation.JobState.Running) s.Job.StopJob();
                UpsMonitorSession.Forget(s);
                if (PassThru) WriteObject(GetUpsMonitorStatusCommand.ToStatus(s));
            }
        }
    }
}
