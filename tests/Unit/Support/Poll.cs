using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace UpsPS.Tests.Unit.Support
{
    /// <summary>Waits for a condition by polling with a deadline (never a bare sleep as synchronisation).</summary>
    public static class Poll
    {
        public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string>? describe = null) =>
            UntilAsync(() => Task.FromResult(condition()), timeout, describe);

        public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? describe = null)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                if (await condition().ConfigureAwait(false)) return;
                if (watch.Elapsed > timeout)
                    throw new TimeoutException(describe?.Invoke() ?? $"condition not met within {timeout}");
                await Task.Delay(25).ConfigureAwait(false);
            }
        }
    }
}
