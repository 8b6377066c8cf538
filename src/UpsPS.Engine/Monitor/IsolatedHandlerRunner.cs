using System;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// Runs a user handler off the monitor loop with a time bound: a throw is logged, a hang is abandoned
    /// after the timeout (its token is cancelled; the work cannot be killed but is no longer awaited).
    /// </summary>
    public static class IsolatedHandlerRunner
    {
        /// <summary>True when the handler completed successfully within the timeout.</summary>
        public static async Task<bool> RunAsync(string description, Func<CancellationToken, Task> handler, TimeSpan timeout, IMonitorLog log)
        {
            using var cts = new CancellationTokenSource();
            Task task;
            try
            {
                task = Task.Run(() => handler(cts.Token));
            }
            catch (Exception ex)
            {
                log.Log(MonitorLogLevel.Error, $"{description} failed: {ex.Message}");
                return false;
            }
            var finished = await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false);
            if (finished != task)
            {
                cts.Cancel();
                _ = task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                log.Log(MonitorLogLevel.Error, $"{description} did not finish within {timeout.TotalSeconds:0.###} s; abandoned");
                return false;
            }
            try
            {
                await task.ConfigureAwait(false);
                return true;
            }
            catch (Exception ex)
            {
                log.Log(MonitorLogLevel.Error, $"{description} failed: {ex.GetBaseException().Message}");
                return false;
            }
        }
    }
}
