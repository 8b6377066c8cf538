using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Errors;
using UpsPS.Engine.Client;

namespace UpsPS.Commands
{
    /// <summary>Get-UpsCommand: instant commands a UPS supports, with descriptions (LIST CMD + GET CMDDESC).</summary>
    [Cmdlet(VerbsCommon.Get, "UpsCommand")]
    [OutputType(typeof(UpsCommandInfo))]
    public sealed class GetUpsCommandCommand : UpsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Ups")]
        [ValidateNotNullOrEmpty]
        public string UpsName { get; set; } = "";

        [Parameter(Position = 1)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            Guard(UpsName, () =>
            {
                var (target, ups) = ResolveUpsTarget(UpsName);
                var client = GetClient(target.Host, target.Port);
                var commands = Run(ct => client.ListCommandsAsync(ups, ct));
                var match = Matcher(Name);
                foreach (var command in commands.Where(c => match(c)))
                {
                    WriteObject(new UpsCommandInfo
                    {
                        UpsName = ups,
                        Name = command,
                        Description = Run(ct => client.GetCommandDescriptionAsync(ups, command, ct)),
                        ComputerName = target.Host,
                        Port = target.Port,
                    });
                }
                // A plain name that is not on the list is an error, as GET VAR of a missing variable is.
                if (Name != null)
                {
                    foreach (var name in Name.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
                    {
                        if (!commands.Any(c => string.Equals(c, name, System.StringComparison.OrdinalIgnoreCase)))
                            WriteError(UpsErrorMap.NotFound(NutErrorCode.CmdNotSupported, $"UPS '{ups}' has no instant command '{name}'.", name));
                    }
                }
            });
        }
    }
}
