using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Errors;
using UpsPS.Engine.Client;

namespace UpsPS.Commands
{
    /// <summary>Get-Ups: the devices a NUT server offers (LIST UPS), or one by name (GET UPSDESC).</summary>
    [Cmdlet(VerbsCommon.Get, "Ups")]
    [OutputType(typeof(UpsInfo))]
    public sealed class GetUpsCommand : UpsCmdletBase
    {
        /// <summary>Device names; wildcards allowed; <c>ups@host:port</c> accepted.</summary>
        [Parameter(Position = 0)]
        [Alias("UpsName")]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (Name == null || Name.Length == 0)
            {
                ListServer(ComputerName, Port, _ => true);
                return;
            }
            foreach (var spec in Name)
            {
                Guard(spec, () =>
                {
                    var target = ResolveTarget(spec);
                    var pattern = target.UpsName ?? "*";
                    if (WildcardPattern.ContainsWildcardCharacters(pattern))
                    {
                        var match = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
                        ListServer(target.Host, target.Port, match.IsMatch);
                        return;
                    }
                    var client = GetClient(target.Host, target.Port);
                    var description = Run(ct => client.GetUpsDescriptionAsync(pattern, ct));
                    WriteObject(new UpsInfo { Name = pattern, Description = description, ComputerName = target.Host, Port = target.Port });
                });
            }
        }

        private void ListServer(string host, int port, System.Func<string, bool> filter)
        {
            Guard(host, () =>
            {
                var client = GetClient(host, port);
                foreach (var ups in Run(ct => client.ListUpsAsync(ct)).Where(u => filter(u.Name)))
                    WriteObject(new UpsInfo { Name = ups.Name, Description = ups.Description, ComputerName = host, Port = port });
            });
        }
    }
}
