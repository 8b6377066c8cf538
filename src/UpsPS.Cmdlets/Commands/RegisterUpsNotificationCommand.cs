using System;
using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Monitor;
using UpsPS.Engine.Monitor;

namespace UpsPS.Commands
{
    /// <summary>Register-UpsNotification: adds a script-block handler for a notify type to running monitors.</summary>
    [Cmdlet(VerbsLifecycle.Register, "UpsNotification")]
    [OutputType(typeof(UpsNotificationHandler))]
    public sealed class RegisterUpsNotificationCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] Type { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, Position = 1)]
        public ScriptBlock Action { get; set; } = null!;

        [Parameter]
        [SupportsWildcards]
        public string[]? MonitorName { get; set; }

        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter] public string? HandlerName { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var t in Type)
                if (t != "*" && !Enum.TryParse(t, true, out NotifyType _))
                    ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"Unknown notify type '{t}'."), "UpsPS.UnknownNotifyType", ErrorCategory.InvalidArgument, t));
            var sessions = MonitorSessionResolver.Resolve(MonitorName, null, InputObject);
            if (sessions.Count == 0)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException("No running UPS monitor matches."), "UpsPS.MonitorNotFound", ErrorCategory.ObjectNotFound, (object?)InputObject ?? MonitorName));
                return;
            }
            foreach (var s in sessions)
                foreach (var t in Type)
                {
                    string type = t == "*" ? "*" : ((NotifyType)Enum.Parse(typeof(NotifyType), t, true)).ToString();
                    WriteObject(s.AddHandler(type, Action, HandlerName));
                }
        }
    }
}
