using System.Management.Automation;

namespace UpsPS.Commands
{
    /// <summary>Get-UpsClient: connections logged in to a UPS (LIST CLIENT), e.g. upsmon instances.</summary>
    [Cmdlet(VerbsCommon.Get, "UpsClient")]
    [OutputType(typeof(UpsClientInfo))]
    public sealed class GetUpsClientCommand : UpsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Ups")]
        [ValidateNotNullOrEmpty]
        public string UpsName { get; set; } = "";

        protected override void ProcessRecord()
        {
            Guard(UpsName, () =>
            {
                var (target, ups) = ResolveUpsTarget(UpsName);
                var client = GetClient(target.Host, target.Port);
                foreach (var entry in Run(ct => client.ListClientsAsync(ups, ct)))
                    WriteObject(new UpsClientInfo { UpsName = ups, Address = entry.Address, ComputerName = target.Host, Port = target.Port });
            });
        }
    }
}
