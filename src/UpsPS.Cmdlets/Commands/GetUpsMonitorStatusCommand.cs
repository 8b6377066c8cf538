using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Monitor;

namespace UpsPS.Commands
{
    /// <summary>Get-UpsMonitorStatus: each monitored UPS's state, the power value total, pending timers and the shutdown decision.</summary>
    [Cmdlet(VerbsCommon.Get, "UpsMonitorStatus")]
    [OutputType(typeof(UpsMonitorStatus))]
    public sealed class GetUpsMonitorStatusCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        [Parameter] public int[]? Id { get; set; }

        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            var sessions = MonitorSessionResolver.Resolve(Name, Id, InputObject);
            if (sessions.Count == 0 && (InputObject != null || (Name != null && !Name.Any(WildcardPattern.ContainsWildcardCharacters)) || Id != null))
                WriteError(new ErrorRecord(new ItemNotFoundException("No UPS monitor matches."), "UpsPS.MonitorNotFound", ErrorCategory.ObjectNotFound, (object?)InputObject ?? Name));
            foreach (var s in sessions) WriteObject(ToStatus(s));
        }

        internal static UpsMonitorStatus ToStatus(UpsMonitorSession s)
        {
            var snap = s.Monitor.Snapshot;
            var timers = (s.Upssched?.PendingTimers ?? new Engine.Monitor.PendingTimer[0])
                .Select(t => new UpsPendingTimer { Kind = "upssched", Name = t.Name, Due = t.Due, UpsName = string.Join(",", t.UpsNameList) })
                .Concat((s.DelayFilter?.Pending ?? new Engine.Monitor.DelayedNotification[0])
                .Select(d => new UpsPendingTimer { Kind = "Delay", Name = d.Notification.TypeName, Due = d.Due, UpsName = d.Notification.UpsName }))
                .ToList();
            return new UpsMonitorStatus
            {
                Id = s.Id,
                Name = s.Name,
                State = s.State,
                JobId = s.Job?.Id,
                StartTime = s.StartTime,
                SnapshotTime = snap.Time,
                Cycles = snap.Cycles,
                PowerValueTotal = snap.PowerValueTotal,
                MinSupplies = snap.MinSupplies,
                PollIntervalSeconds = snap.PollIntervalSeconds,
                Ups = snap.Ups,
                PendingTimers = timers,
                Handlers = s.Handlers.Count,
                ShutdownDecision = s.Monitor.ShutdownDecision,
            };
        }
    }
}
