using System;

namespace UpsPS
{
    /// <summary>One log line of a server or driver job (Receive-Job, or the output of -Wait).</summary>
    public sealed class UpsLogEntry
    {
        public DateTime Time { get; set; }
        public string Level { get; set; } = "";
        public string Message { get; set; } = "";

        public override string ToString() => $"{Time:yyyy-MM-dd HH:mm:ss} {Level}: {Message}";
    }
}
