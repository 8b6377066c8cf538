using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Cmdlets.Jobs;
using UpsPS.Engine.Logging;

namespace UpsPS.Commands
{
    /// <summary>
    /// Start-UpsLog: upslog. Every -Interval seconds one line per UPS, formatted with upslog's tokens, to -Path
    /// (with optional size rotation) and/or as UpsLogRecord objects: on the pipeline in the foreground, or as a
    /// job (-AsJob) whose output is the records.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "UpsLog")]
    [OutputType(typeof(UpsLogRecord), typeof(UpsBackgroundJob))]
    public sealed class StartUpsLogCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] UpsName { get; set; } = Array.Empty<string>();

        [Parameter(Position = 1)] public string? Path { get; set; }
        [Parameter] public string Format { get; set; } = UpsLogFormat.Default;

        [Parameter]
        [ValidateRange(1, 86400)]
        public int Interval { get; set; } = 30;

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Count { get; set; }

        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaxSizeKB { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int MaxFiles { get; set; } = 5;

        [Parameter] public SwitchParameter AsJob { get; set; }
        [Parameter] public SwitchParameter PassThru { get; set; }
        [Parameter] public string? Name { get; set; }

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected override void EndProcessing()
        {
            var logger = new UpsLogger(UpsName, UpsLogFormat.Parse(Format), TimeSpan.FromSeconds(Interval)) { Count = Count };
            UpsLogFileWriter? file = Path == null ? null : new UpsLogFileWriter(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path), MaxSizeKB * 1024, MaxFiles);
            bool emit = Path == null || PassThru;
            if (file != null) logger.RecordWritten += r => file.WriteLine(r.Line);
            foreach (var ups in UpsName) WriteVerbose($"logging status of {ups} to {(Path ?? "the pipeline")} ({Interval}s intervals)");

            if (AsJob)
            {
                var job = new UpsBackgroundJob(MyInvocation.Line, Name ?? "UpsLog", string.Join(", ", UpsName), "UpsLogJob") { Engine = logger };
                if (emit) logger.RecordWritten += r => job.Output.Add(PSObject.AsPSObject(r));
                logger.Message += m => job.WriteWarningLine(m);
                job.Start(async ct =>
                {
                    try { await logger.RunAsync(ct).ConfigureAwait(false); }
                    finally { file?.Dispose(); }
                });
                JobRepository.Add(job);
                WriteObject(job);
                return;
            }

            var queue = new BlockingCollection<object>();
            if (emit) logger.RecordWritten += r => queue.Add(r);
            logger.Message += m => queue.Add(new WarningRecord(m));
            var run = Task.Run(() => logger.RunAsync(_stopping.Token));
            try
            {
                while (!run.IsCompleted || queue.Count > 0)
                {
                    if (!queue.TryTake(out var item, 200)) continue;
                    if (item is WarningRecord w) WriteWarning(w.Message);
                    else WriteObject(item);
                }
                run.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
            finally
            {
                file?.Dispose();
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();
    }
}
