using System;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Drivers.Serial
{
    /// <summary>
    /// One open serial line as the protocol drivers see it. Implemented on System.IO.Ports
    /// (<see cref="SerialPortLink"/>) and by test doubles. Reads return 0 on timeout; a vanished or
    /// failed port throws <see cref="SerialLinkException"/>.
    /// </summary>
    public interface ISerialLink : IDisposable
    {
        string PortName { get; }

        Task WriteAsync(byte[] data, CancellationToken cancellationToken);

        /// <summary>Waits up to <paramref name="timeout"/> for at least one byte; returns how many were read (0 = timeout).</summary>
        Task<int> ReadAsync(byte[] buffer, int offset, int count, TimeSpan timeout, CancellationToken cancellationToken);

        /// <summary>Drops whatever the device sent that nobody read yet.</summary>
        void DiscardInput();
    }

    /// <summary>RS-232 control lines for contact-closure UPSes (genericups) and cable power.</summary>
    public interface IModemLines
    {
        /// <summary>Current input lines (CTS, DCD, RI, DSR).</summary>
        ModemLineState ReadInputs();

        /// <summary>Sets DTR and RTS exactly (the other output lines are not touched).</summary>
        void SetOutputs(bool dtr, bool rts);

        /// <summary>Holds a BREAK ("ST") on the transmit line.</summary>
        Task SendBreakAsync(TimeSpan duration, CancellationToken cancellationToken);
    }

    [Flags]
    public enum ModemLineState
    {
        None = 0,
        Cts = 1,
        Dcd = 2,
        Ring = 4,
        Dsr = 8,
        Dtr = 16,
        Rts = 32,
        Break = 64,
    }
}
