using System;
using UpsPS.Engine.Timing;

namespace UpsPS.Engine.Monitor
{
    /// <summary>Everything the monitor core needs from the outside world.</summary>
    public sealed class MonitorDependencies
    {
        /// <summary>Required: makes one NUT session per monitored UPS.</summary>
        public IUpsConnectionFactory? ConnectionFactory { get; set; }

        public IClock Clock { get; set; } = SystemClock.Instance;
        public INotificationSink Notifications { get; set; } = NullNotificationSink.Instance;

        /// <summary>Null = run SHUTDOWNCMD through the shell (<see cref="ShellShutdownAction"/>).</summary>
        public IShutdownAction? ShutdownAction { get; set; }

        public IMonitorLog Log { get; set; } = NullMonitorLog.Instance;

        /// <summary>How much longer than asked a sleep may last before it counts as a clock jump / suspend
        /// (SUSPEND_TIMEJUMP_UNEXPECTED). Null disables the check (simulated time, where a CPU stall is no suspend).</summary>
        public TimeSpan? ClockJumpSlack { get; set; } = TimeSpan.FromSeconds(5);
    }

    public enum MonitorExitReason
    {
        /// <summary>Stopped on request (connections logged out).</summary>
        Stopped,

        /// <summary>The shutdown sequence ran (once).</summary>
        Shutdown,

        /// <summary>A reloaded configuration was unusable (insufficient power); monitoring ended.</summary>
        Fatal,
    }

    public sealed class NullNotificationSink : INotificationSink
    {
        public static readonly NullNotificationSink Instance = new NullNotificationSink();
        public void Notify(UpsNotification notification) { }
        public void Announce(string message) { }
    }
}
