using System;

namespace UpsPS.Engine.Config
{
    /// <summary>A fatal configuration error that names the file and logical line it comes from.</summary>
    public sealed class ConfigException : Exception
    {
        public ConfigException(string file, int line, string message)
            : base($"{file}:{line}: {message}")
        {
            File = file;
            Line = line;
        }

        public string File { get; }
        public int Line { get; }
    }
}
