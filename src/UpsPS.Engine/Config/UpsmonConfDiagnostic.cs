using System;

namespace UpsPS.Engine.Config
{
    /// <summary>A warning or fatal error from the upsmon.conf / upssched.conf readers, naming file:line.</summary>
    public sealed class MonitorConfDiagnostic
    {
        public MonitorConfDiagnostic(string file, int line, string message, bool isFatal)
        {
            File = file;
            Line = line;
            Message = message;
            IsFatal = isFatal;
        }

        public string File { get; }

        /// <summary>1-based logical line; 0 when the problem concerns the whole file.</summary>
        public int Line { get; }

        public string Message { get; }
        public bool IsFatal { get; }

        public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
    }

    /// <summary>Thrown when a configuration cannot be used at all (nothing may start).</summary>
    public sealed class MonitorConfException : Exception
    {
        public MonitorConfException(MonitorConfDiagnostic diagnostic) : base(diagnostic.ToString())
        {
            Diagnostic = diagnostic;
        }

        public MonitorConfDiagnostic Diagnostic { get; }
    }
}
