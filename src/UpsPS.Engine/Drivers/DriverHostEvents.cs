using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Drivers
{
    /// <summary>One change the driver published, as the driver socket protocol line it was sent as.</summary>
    public sealed class DriverStateChangedEventArgs : EventArgs
    {
        public DriverStateChangedEventArgs(IReadOnlyList<string> words) { Words = words; }
        public IReadOnlyList<string> Words { get; }
    }

    public enum DriverLogLevel { Debug, Info, Warning, Error }

    public sealed class DriverLogEventArgs : EventArgs
    {
        public DriverLogEventArgs(DriverLogLevel level, string message)
        {
            Level = level;
            Message = message;
        }

        public DriverLogLevel Level { get; }
        public string Message { get; }
    }

    /// <summary>A built-in command that the host cannot carry out itself (driver.exit, driver.reload*).</summary>
    public sealed class DriverControlEventArgs : EventArgs
    {
        public DriverControlEventArgs(string command) { Command = command; }
        public string Command { get; }
    }
}
