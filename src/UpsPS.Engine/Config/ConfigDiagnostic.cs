namespace UpsPS.Engine.Config
{
    public enum ConfigSeverity { Notice, Warning, Error }

    /// <summary>A non-fatal finding while reading a config file; the offending line was ignored (or partly applied).</summary>
    public sealed class ConfigDiagnostic
    {
        public ConfigDiagnostic(string file, int line, ConfigSeverity severity, string message)
        {
            File = file;
            Line = line;
            Severity = severity;
            Message = message;
        }

        public string File { get; }
        public int Line { get; }
        public ConfigSeverity Severity { get; }

        /// <summary>NUT's log text for the problem (e.g. "upsd.conf: invalid directive maxage 20").</summary>
        public string Message { get; }

        public override string ToString() => $"{File}:{Line}: {Message}";
    }
}
