namespace UpsPS.Engine.Config
{
    /// <summary>Fatal: the file cannot be used and nothing may start; the others are logged and the line ignored.</summary>
    public enum ConfigSeverity { Notice, Warning, Error, Fatal }

    /// <summary>A finding while reading a config file, naming file:line (line 0: the whole file).</summary>
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

        public bool IsFatal => Severity == ConfigSeverity.Fatal;

        public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
    }
}
