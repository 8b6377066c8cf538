using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Monitor;

namespace UpsPS.Commands
{
    /// <summary>Unregister-UpsNotification: removes script-block handlers by object or id.</summary>
    [Cmdlet(VerbsLifecycle.Unregister, "UpsNotification")]
    public sealed class UnregisterUpsNotificationCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Object")]
        public UpsNotificationHandler[] InputObject { get; set; } = new UpsNotificationHandler[0];

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Id")]
        public int[] Id { get; set; } = new int[0];

        protected override void ProcessRecord()
        {
            var handlers = ParameterSetName == "Object"
                ? InputObject.ToList()
                : UpsMonitorSession.All.SelectMany(s => s.Handlers).Where(h => Id.Contains(h.Id)).ToList();
            if (ParameterSetName == "Id")
                foreach (var missing in Id.Where(i => handlers.All(h => h.Id != i)))
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No notification handler with id {missing}."), "UpsPS.HandlerNotFound", ErrorCategory.ObjectNotFound, missing));
            foreach (var h in handlers) h.Session.RemoveHandler(h);
        }
    }
}
