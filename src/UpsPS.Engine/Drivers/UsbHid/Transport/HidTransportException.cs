using System;

namespace UpsPS.Engine.Drivers.UsbHid.Transport
{
    public enum HidFault
    {
        /// <summary>No matching device present.</summary>
        NotFound,
        /// <summary>The device exists but we may not open it (permissions).</summary>
        AccessDenied,
        /// <summary>The device went away (unplugged, ENODEV).</summary>
        Disconnected,
        /// <summary>A transfer failed (EIO, EPIPE/stall, timeout) but the device is still there.</summary>
        Io,
        /// <summary>The platform has no such backend (wrong OS, library missing).</summary>
        Unsupported,
    }

    public sealed class HidTransportException : Exception
    {
        public HidTransportException(HidFault fault, string message, Exception? inner = null) : base(message, inner) => Fault = fault;

        public HidFault Fault { get; }

        /// <summary>True when the device handle is unusable and the driver must reconnect.</summary>
        public bool NeedsReconnect => Fault == HidFault.Disconnected || Fault == HidFault.NotFound || Fault == HidFault.AccessDenied;
    }
}
