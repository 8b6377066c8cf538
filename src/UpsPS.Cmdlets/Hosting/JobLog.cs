using System;
using System.Collections.Concurrent;
using UpsPS.Engine.Server;

namespace UpsPS.Cmdlets.Hosting
{
    /// <summary>Collects engine log lines as <see cref="UpsLogEntry"/> objects for a job or a foreground pipeline.
    /// Passwords never reach it: the engine does not log them.</summary>
    internal sealed class JobLog : IServerLog
    {
        private readonly Action<UpsLogEntry> _write;

        public JobLog(Action<UpsLogEntry> write) { _write = write; }

        public static JobLog Into(BlockingCollection<UpsLogEntry> queue) => new JobLog(e => queue.TryAdd(e));

        public bool IncludeDebug { get; set; }

        public void Write(ServerLogLevel level, string message)
        {
            if (level == ServerLogLevel.Debug && !IncludeDebug) return;
            _write(new UpsLogEntry { Time = DateTime.Now, Level = level.ToString(), Message = message });
        }
    }
}
