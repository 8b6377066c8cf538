using System;

namespace UpsPS.Engine.Drivers.Serial
{
    /// <summary>A serial port could not be opened or failed while in use (the port vanished).</summary>
    public sealed class SerialLinkException : Exception
    {
        public SerialLinkException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
