using System;
using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Monitor.Syslog
{
    /// <summary>Sends every log line to several logs; one failing log never stops the others.</summary>
    public sealed class TeeMonitorLog : IMonitorLog
    {
        private readonly IMonitorLog[] _logs;

        public TeeMonitorLog(IEnumerable<IMonitorLog> logs)
        {
            _logs = logs.Where(l => l != null).ToArray();
        }

        public void Log(MonitorLogLevel level, string message)
        {
            foreach (var log in _logs)
            {
                try { log.Log(level, message); }
                catch (Exception) { /* a broken log must not break monitoring */ }
            }
        }
    }
}
