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

    /// <summary>C atoi(): optional blanks and sign, leading digits, garbage → 0. NUT parses every number this way.</summary>
    internal static class Atoi
    {
        public static int Parse(string s)
        {
            int i = 0;
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
            bool neg = false;
            if (i < s.Length && (s[i] == '-' || s[i] == '+')) { neg = s[i] == '-'; i++; }
            long v = 0;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                v = v * 10 + (s[i] - '0');
                if (v > int.MaxValue) { v = int.MaxValue; }
                i++;
            }
            return (int)(neg ? -v : v);
        }

        public static bool IsInteger(string s)
        {
            if (s.Length == 0) return false;
            int i = s[0] == '-' || s[0] == '+' ? 1 : 0;
            if (i == s.Length) return false;
            for (; i < s.Length; i++) if (s[i] < '0' || s[i] > '9') return false;
            return true;
        }
    }
}
