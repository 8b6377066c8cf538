using System;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace UpsPS.Commands
{
    /// <summary>
    /// Invoke-UpsCommand: INSTCMD. Commands that can cut power (load.off*, shutdown.*, outlet.N.load.off*/shutdown*)
    /// are treated as ConfirmImpact High: they ask for confirmation unless -Force, -Confirm:$false or $ConfirmPreference = 'None'.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "UpsCommand", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(UpsTrackingResult))]
    public sealed class InvokeUpsCommandCommand : UpsCmdletBase
    {
        private static readonly Regex PowerCutting = new Regex(
            @"^(load\.off|shutdown\.|outlet\.[^.]+\.(load\.off|shutdown))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ups")]
        [ValidateNotNullOrEmpty]
        public string UpsName { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Command")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>Optional command parameter (protocol 1.3), e.g. a delay in seconds.</summary>
        [Parameter(Position = 2)]
        public string? Parameter { get; set; }

        /// <summary>Wait for the driver's result (SET TRACKING) and output it.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Skip the extra confirmation for power-cutting commands (-WhatIf still applies).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The impact this cmdlet assigns to an instant command.</summary>
        public static ConfirmImpact GetConfirmImpact(string command) =>
            PowerCutting.IsMatch(command) ? ConfirmImpact.High : ConfirmImpact.Medium;

        protected override void ProcessRecord()
        {
            Guard(UpsName, () =>
            {
                var (target, ups) = ResolveUpsTarget(UpsName);
                var where = $"{ups}@{target.Host}:{target.Port}";
                var action = Parameter == null ? $"INSTCMD {Name}" : $"INSTCMD {Name} {Parameter}";
                if (!ShouldProcess(where, action)) return;
                if (GetConfirmImpact(Name) == ConfirmImpact.High && NeedsHighImpactPrompt() &&
                    !ShouldContinue($"'{Name}' can cut power to the equipment on {where}. Continue?", "Confirm power-affecting UPS command"))
                    return;

                var client = GetClient(target.Host, target.Port);
                if (Wait)
                {
                    var result = Run(ct => client.InstantCommandTrackedAsync(ups, Name, Parameter, TimeSpan.FromSeconds(TimeoutSeconds), ct));
                    TrackingOutput.Write(this, result, ups, "INSTCMD " + Name, target);
                }
                else
                {
                    Run(ct => client.InstantCommandAsync(ups, Name, Parameter, ct));
                    WriteVerbose($"{where}: {action} accepted (relayed to the driver).");
                }
            });
        }

        // ShouldProcess already prompted when -Confirm was given; -Confirm:$false, -Force and
        // $ConfirmPreference = None all waive the prompt a High-impact cmdlet would show.
        private bool NeedsHighImpactPrompt()
        {
            if (Force) return false;
            if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm)) return false;
            var preference = SessionState.PSVariable.GetValue("ConfirmPreference");
            if (preference is ConfirmImpact impact) return impact != ConfirmImpact.None && impact <= ConfirmImpact.High;
            if (preference != null && Enum.TryParse(preference.ToString(), true, out ConfirmImpact parsed))
                return parsed != ConfirmImpact.None && parsed <= ConfirmImpact.High;
            return true;
        }
    }
}
