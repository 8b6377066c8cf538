using System;

namespace UpsPS.Engine.Drivers
{
    /// <summary>A fatal driver error (the driver would exit), with NUT's message text.</summary>
    public sealed class DriverException : Exception
    {
        public DriverException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
