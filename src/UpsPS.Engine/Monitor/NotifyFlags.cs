using System;

namespace UpsPS.Engine.Monitor
{
    /// <summary>NOTIFYFLAG sinks. IGNORE wins over everything it is combined with.</summary>
    [Flags]
    public enum NotifyFlags
    {
        None = 0,
        Syslog = 1,
        Wall = 2,
        Exec = 4,
        Ignore = 8,
    }
}
