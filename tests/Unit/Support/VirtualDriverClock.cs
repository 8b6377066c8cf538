using System;
using UpsPS.Engine.Timing;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;

namespace UpsPS.Tests.Unit.Support
{
    /// <summary>A driver clock whose delays complete at once by moving virtual time forward.</summary>
    public sealed class VirtualDriverClock : IClock
    {
        private long _ticks = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        public DateTimeOffset Start { get; } = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public DateTimeOffset UtcNow => new DateTimeOffset(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        /// <summary>Virtual seconds since <see cref="Start"/>.</summary>
        public double Elapsed => (UtcNow - Start).TotalSeconds;

        /// <summary>Virtual second at which delays stop completing (so a poll loop halts deterministically).</summary>
        public double? StopAt { get; set; }

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

        public async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (delay > TimeSpan.Zero) Advance(delay);
            // Past the horizon time stops: the caller waits until it is cancelled.
            if (StopAt.HasValue && Elapsed >= StopAt.Value) await Task.Delay(Timeout.Infinite, cancellationToken);
            await Task.Yield();
        }
    }
}
