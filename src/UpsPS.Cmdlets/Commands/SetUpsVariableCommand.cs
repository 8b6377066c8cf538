using System;
using System.Globalization;
using System.Management.Automation;

namespace UpsPS.Commands
{
    /// <summary>Set-UpsVariable: SET VAR on a writable variable; -Wait reports the driver's verdict (tracking).</summary>
    [Cmdlet(VerbsCommon.Set, "UpsVariable", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(UpsTrackingResult))]
    public sealed class SetUpsVariableCommand : UpsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ups")]
        [ValidateNotNullOrEmpty]
        public string UpsName { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>New value; numbers are sent with '.' as decimal separator.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [AllowEmptyString]
        public object Value { get; set; } = "";

        /// <summary>Wait for the driver's result (SET TRACKING) and output it.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        protected override void ProcessRecord()
        {
            Guard(UpsName, () =>
            {
                var (target, ups) = ResolveUpsTarget(UpsName);
                var value = Convert.ToString(Value is PSObject pso ? pso.BaseObject : Value, CultureInfo.InvariantCulture) ?? "";
                var where = $"{ups}@{target.Host}:{target.Port}";
                if (!ShouldProcess(where, $"SET VAR {Name} = '{value}'"))
                    return;

                var client = GetClient(target.Host, target.Port);
                if (Wait)
                {
                    var result = Run(ct => client.SetVariableTrackedAsync(ups, Name, value, TimeSpan.FromSeconds(TimeoutSeconds), ct));
                    TrackingOutput.Write(this, result, ups, "SET " + Name, target);
                }
                else
                {
                    Run(ct => client.SetVariableAsync(ups, Name, value, ct));
                    WriteVerbose($"{where}: SET VAR {Name} accepted (relayed to the driver).");
                }
            });
        }
    }
}
