using System;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Timing
{
    /// <summary>Time source and waits for drivers, the monitor and the timer engines; a fake one makes timing
    /// testable without waiting, a scaled one runs simulations faster than real time.</summary>
    public interface IClock
    {
        DateTimeOffset UtcNow { get; }

        /// <summary>Waits; cancellation ends the wait early with <see cref="OperationCanceledException"/>.</summary>
        Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);
    }

    public sealed class SystemClock : IClock
    {
        public static readonly SystemClock Instance = new SystemClock();
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }
}
