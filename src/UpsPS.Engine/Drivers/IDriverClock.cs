using System;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Drivers
{
    /// <summary>Time source and delays for drivers, replaceable so timing can be tested without waiting.</summary>
    public interface IDriverClock
    {
        DateTimeOffset UtcNow { get; }
        Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);
    }

    public sealed class SystemDriverClock : IDriverClock
    {
        public static readonly SystemDriverClock Instance = new SystemDriverClock();
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }
}
