using System;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Monitor
{
    /// <summary>Time source and sleeps for the monitor and the timer engines (a fake one makes tests deterministic).</summary>
    public interface IMonitorClock
    {
        DateTimeOffset UtcNow { get; }

        /// <summary>Sleeps; cancellation ends the sleep early with <see cref="OperationCanceledException"/>.</summary>
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }

    public sealed class SystemMonitorClock : IMonitorClock
    {
        public static readonly SystemMonitorClock Instance = new SystemMonitorClock();
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }
}
