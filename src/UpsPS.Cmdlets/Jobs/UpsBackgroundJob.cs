using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Cmdlets.Jobs
{
    /// <summary>
    /// A job in Get-Job that runs engine work (server, driver) on the thread pool. Log lines become
    /// job output (Receive-Job); Stop-Job cancels the work and waits for it to end.
    /// </summary>
    public sealed class UpsBackgroundJob : Job
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly string _location;
        private readonly string _typeName;
        private Task? _work;

        public UpsBackgroundJob(string command, string name, string location, string typeName)
            : base(command, name)
        {
            _location = location;
            _typeName = typeName;
            PSJobTypeName = typeName;
        }

        public override string Location => _location;
        public override bool HasMoreData => Output.Count > 0 || Error.Count > 0 || Warning.Count > 0 || Verbose.Count > 0;
        public override string StatusMessage => JobStateInfo.State.ToString();

        /// <summary>The engine object the job runs (server, driver host), for Stop-/Get- cmdlets.</summary>
        public object? Engine { get; set; }

        public CancellationToken StopToken => _stop.Token;

        /// <summary>Starts <paramref name="work"/>; the job completes when it returns, fails when it throws.</summary>
        public void Start(Func<CancellationToken, Task> work)
        {
            SetJobState(JobState.Running);
            _work = Task.Run(async () =>
            {
                try
                {
                    await work(_stop.Token).ConfigureAwait(false);
                    SetJobState(_stop.IsCancellationRequested ? JobState.Stopped : JobState.Completed);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    SetJobState(JobState.Stopped);
                }
                catch (Exception ex)
                {
                    Error.Add(new ErrorRecord(ex, "UpsPS." + _typeName + "Failed", ErrorCategory.OperationStopped, Name));
                    SetJobState(JobState.Failed);
                }
            });
        }

        public void AddOutput(object item) => Output.Add(PSObject.AsPSObject(item));

        public void WriteLog(string line) => AddOutput(line);

        public void WriteWarningLine(string line) => Warning.Add(new WarningRecord(line));

        public override void StopJob()
        {
            _stop.Cancel();
            try { _work?.Wait(TimeSpan.FromSeconds(15)); } catch (AggregateException) { }
            if (!IsFinishedState(JobStateInfo.State)) SetJobState(JobState.Stopped);
        }

        private static bool IsFinishedState(JobState state) =>
            state == JobState.Completed || state == JobState.Failed || state == JobState.Stopped;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (!IsFinishedState(JobStateInfo.State)) StopJob();
                _stop.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
