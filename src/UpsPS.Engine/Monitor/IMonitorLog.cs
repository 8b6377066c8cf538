namespace UpsPS.Engine.Monitor
{
    /// <summary>Syslog severities used by upsmon.</summary>
    public enum MonitorLogLevel
    {
        Debug,
        Info,
        Notice,
        Warning,
        Error,
        Critical,
        Alert,
    }

    /// <summary>upsmon's log (syslog / Event Log / PowerShell streams). Never receives passwords.</summary>
    public interface IMonitorLog
    {
        void Log(MonitorLogLevel level, string message);
    }

    public sealed class NullMonitorLog : IMonitorLog
    {
        public static readonly NullMonitorLog Instance = new NullMonitorLog();
        public void Log(MonitorLogLevel level, string message) { }
    }
}
