using System;

namespace UpsPS.Engine.Config
{
    /// <summary>A fatal configuration problem (NUT exits on these). Message is "&lt;file&gt;:&lt;line&gt;: &lt;message&gt;".</summary>
    public sealed class ConfigException : Exception
    {
        public ConfigException(string file, int line, string message, Exception? inner = null)
            : base($"{file}:{line}: {message}", inner)
        {
            File = file;
            Line = line;
            Detail = message;
        }

        public string File { get; }

        /// <summary>1-based line, 0 when the problem concerns the whole file (missing, unreadable).</summary>
        public int Line { get; }

        /// <summary>The message without the file:line prefix.</summary>
        public string Detail { get; }
    }
}
