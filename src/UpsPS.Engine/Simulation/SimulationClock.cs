using System;
using UpsPS.Engine.Timing;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Monitor;

namespace UpsPS.Engine.Simulation
{
    /// <summary>
    /// Simulated time that runs <see cref="TimeScale"/> times faster than the wall clock, shared by the dummy
    /// drivers (TIMER lines) and every simulated monitor (POLLFREQ, DEADTIME, HOSTSYNC, FINALDELAY…), so a
    /// topology's timeline keeps its shape while taking a fraction of the real time.
    /// </summary>
    public sealed class SimulationClock : IClock
    {
        private readonly Stopwatch _elapsed = Stopwatch.StartNew();

        public SimulationClock(double timeScale = 1, DateTimeOffset? origin = null)
        {
            if (!(timeScale > 0) || double.IsInfinity(timeScale)) throw new ArgumentOutOfRangeException(nameof(timeScale), "the time scale must be a positive number");
            TimeScale = timeScale;
            Origin = origin ?? DateTimeOffset.UtcNow;
        }

        public double TimeScale { get; }

        /// <summary>Simulated time 0.</summary>
        public DateTimeOffset Origin { get; }

        /// <summary>Simulated seconds since <see cref="Origin"/>.</summary>
        public double ElapsedSeconds => _elapsed.Elapsed.TotalSeconds * TimeScale;

        public DateTimeOffset UtcNow => Origin + TimeSpan.FromTicks((long)(_elapsed.Elapsed.Ticks * TimeScale));

        /// <summary>Simulated seconds of a simulated instant.</summary>
        public double SecondsAt(DateTimeOffset time) => (time - Origin).TotalSeconds;

        /// <summary>Real time a simulated span takes.</summary>
        public TimeSpan ToReal(TimeSpan simulated) => TimeSpan.FromTicks((long)(simulated.Ticks / TimeScale));

        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(ToReal(delay), cancellationToken);
    }
}
