namespace UpsPS
{
    /// <summary>A driver this session runs (Start-UpsDriver, or inside a Start-UpsServer job).</summary>
    public sealed class UpsDriverInfo
    {
        public string UpsName { get; set; } = "";
        public string Driver { get; set; } = "";
        public string Port { get; set; } = "";
        /// <summary>Running, or Down while it waits to be restarted after a failure.</summary>
        public string State { get; set; } = "";
        /// <summary>The NUT driver socket other processes reach it on, or "in-process".</summary>
        public string Location { get; set; } = "";
        public int Failures { get; set; }
        public string? LastError { get; set; }
        public int JobId { get; set; }
        public string JobName { get; set; } = "";
    }
}
