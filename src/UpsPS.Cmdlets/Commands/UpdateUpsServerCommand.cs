using System;
using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Errors;
using UpsPS.Engine.Config;
using UpsPS.Engine.Hosting;

namespace UpsPS.Commands
{
    /// <summary>
    /// Update-UpsServer: re-reads ups.conf, upsd.conf and upsd.users of running servers, like upsd's
    /// <c>upsd -c reload</c>. A file with an error changes nothing and is reported with its line.
    /// </summary>
    [Cmdlet(VerbsData.Update, "UpsServer", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
    [OutputType(typeof(UpsServerReloadInfo))]
    public sealed class UpdateUpsServerCommand : UpsServerJobCmdlet
    {
        protected override void ProcessRecord()
        {
            foreach (var job in SelectedServerJobs())
            {
                if (!(job.Engine is UpsServerHost host)) continue;
                if (!ShouldProcess($"{job.Name} (Id {job.Id}, {host.Configuration.Directory})", "Reload configuration")) continue;
                try
                {
                    var report = host.ReloadAsync().GetAwaiter().GetResult();
                    foreach (var warning in report.Warnings) WriteWarning(warning);
                    WriteObject(new UpsServerReloadInfo
                    {
                        Server = job.Name,
                        Added = report.Added.ToArray(),
                        Removed = report.Removed.ToArray(),
                        Redefined = report.Redefined.ToArray(),
                        Users = report.Users,
                        Warnings = report.Warnings.ToArray(),
                    });
                }
                catch (Exception e) when (e is ConfigException || e is InvalidOperationException || e is FormatException)
                {
                    WriteError(UpsErrorMap.ToErrorRecord(e, job.Name)
                        ?? new ErrorRecord(e, "UpsPS.ServerReloadFailed", ErrorCategory.InvalidOperation, job.Name));
                }
            }
        }
    }
}
