using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using UpsPS.Engine.Client;

namespace UpsPS.Commands
{
    /// <summary>Get-UpsVariable: variables of a UPS with value, type, limits and description.</summary>
    [Cmdlet(VerbsCommon.Get, "UpsVariable")]
    [OutputType(typeof(UpsVariableInfo))]
    public sealed class GetUpsVariableCommand : UpsCmdletBase
    {
        /// <summary>Device name, or <c>ups@host[:port]</c> as upsc takes it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Ups")]
        [ValidateNotNullOrEmpty]
        public string UpsName { get; set; } = "";

        /// <summary>Variable names; wildcards allowed. Names without wildcards are fetched directly (GET VAR).</summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            Guard(UpsName, () =>
            {
                var (target, ups) = ResolveUpsTarget(UpsName);
                var client = GetClient(target.Host, target.Port);

                IEnumerable<NutVariableValue> values;
                if (Name != null && Name.Length > 0 && !HasWildcards(Name))
                {
                    var found = new List<NutVariableValue>();
                    foreach (var name in Name)
                        Guard(name, () => found.Add(new NutVariableValue(name, Run(ct => client.GetVariableAsync(ups, name, ct)))));
                    values = found;
                }
                else
                {
                    var match = Matcher(Name);
                    values = Run(ct => client.ListVariablesAsync(ups, ct)).Where(v => match(v.Name));
                }

                foreach (var value in values)
                    Guard(value.Name, () => WriteObject(Describe(client, ups, value, target)));
            });
        }

        private UpsVariableInfo Describe(NutClient client, string ups, NutVariableValue value, NutTarget target)
        {
            var type = Run(ct => client.GetTypeAsync(ups, value.Name, ct));
            var info = new UpsVariableInfo
            {
                UpsName = ups,
                Name = value.Name,
                Value = value.Value,
                Type = type.Kind,
                Writable = type.Writable,
                MaxLength = type.MaxLength,
                Description = Run(ct => client.GetDescriptionAsync(ups, value.Name, ct)),
                ComputerName = target.Host,
                Port = target.Port,
            };
            if (type.IsEnum) info.Enum = Run(ct => client.ListEnumAsync(ups, value.Name, ct)).ToArray();
            if (type.IsRange)
                info.Range = Run(ct => client.ListRangeAsync(ups, value.Name, ct)).Select(r => new UpsValueRange(r.Minimum, r.Maximum)).ToArray();
            return info;
        }
    }
}
