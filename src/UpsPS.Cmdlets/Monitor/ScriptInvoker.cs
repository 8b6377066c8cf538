using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Cmdlets.Monitor
{
    /// <summary>
    /// Runs a user script block with one argument on the runspace that owns it — never on a thread-pool thread.
    /// The task completes when the script finished (with its error message, or null).
    /// </summary>
    public interface IScriptInvoker : IDisposable
    {
        Task<string?> InvokeAsync(ScriptBlock script, object argument);
    }

    /// <summary>
    /// Job mode: a hidden engine-event subscription whose action calls the handler. PowerShell runs event actions
    /// on its own pipeline thread whenever the runspace is idle or between statements, so script blocks keep
    /// their session state. A runspace that stays busy in one long native call delays handlers.
    /// </summary>
    public sealed class EventQueueScriptInvoker : IScriptInvoker
    {
        private const string Wrapper =
            "param($handler, $argument, $done) " +
            "try { $null = & $handler $argument; $done.Invoke($true, '') } " +
            "catch { $done.Invoke($false, [string]$_.Exception.Message) }";

        private readonly PSEventManager _events;
        private readonly string _sourceIdentifier = "UpsPS.Invoke." + Guid.NewGuid().ToString("N");
        private readonly PSEventSubscriber _subscriber;

        public EventQueueScriptInvoker(PSEventManager events)
        {
            _events = events;
            _subscriber = events.SubscribeEvent(null, null, _sourceIdentifier, null, ScriptBlock.Create(Wrapper), true, false);
        }

        public Task<string?> InvokeAsync(ScriptBlock script, object argument)
        {
            var tcs = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            Action<bool, string> done = (ok, error) => tcs.TrySetResult(ok ? null : (error ?? "failed"));
            try
            {
                _events.GenerateEvent(_sourceIdentifier, null, new object[] { script, argument, done }, null);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ObjectDisposedException || ex is PSInvalidOperationException)
            {
                tcs.TrySetResult("the PowerShell session that owns the handler is gone: " + ex.Message);
            }
            return tcs.Task;
        }

        public void Dispose()
        {
            try { _events.UnsubscribeEvent(_subscriber); }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ObjectDisposedException || ex is ArgumentException) { }
        }
    }

    /// <summary>Foreground (-Wait) mode: work items the cmdlet's pipeline thread runs in its wait loop.</summary>
    public sealed class PipelineQueueScriptInvoker : IScriptInvoker
    {
        private readonly BlockingCollection<Action> _work = new BlockingCollection<Action>();

        public Task<string?> InvokeAsync(ScriptBlock script, object argument)
        {
            var tcs = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(() =>
            {
                try
                {
                    script.Invoke(argument);
                    tcs.TrySetResult(null);
                }
                catch (Exception ex)
                {
                    tcs.TrySetResult(ex is RuntimeException rte && rte.ErrorRecord != null ? rte.ErrorRecord.ToString() : ex.Message);
                }
            });
            return tcs.Task;
        }

        /// <summary>Queues any work for the pipeline thread (log lines, output).</summary>
        public void Post(Action action)
        {
            try { _work.Add(action); }
            catch (InvalidOperationException) { }
        }

        /// <summary>Runs queued work on the calling (pipeline) thread until <paramref name="until"/> completes or the token fires.</summary>
        public void Pump(Task until, CancellationToken cancellationToken)
        {
            while (true)
            {
                while (_work.TryTake(out var item)) item();
                if (until.IsCompleted) return;
                try
                {
                    if (_work.TryTake(out var next, 200, cancellationToken)) next();
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        public void Dispose()
        {
            _work.CompleteAdding();
            _work.Dispose();
        }
    }
}
