using System.IO.Ports;

namespace UpsPS.Engine.Drivers.Serial
{
    /// <summary>Line settings a protocol needs; all UPS protocols here are 8N1 without flow control.</summary>
    public sealed class SerialSettings
    {
        public int BaudRate { get; set; } = 2400;
        public int DataBits { get; set; } = 8;
        public Parity Parity { get; set; } = Parity.None;
        public StopBits StopBits { get; set; } = StopBits.One;

        /// <summary>DTR after open (null = leave as the OS opened it).</summary>
        public bool? Dtr { get; set; }

        /// <summary>RTS after open (null = leave as the OS opened it).</summary>
        public bool? Rts { get; set; }

        /// <summary>When true a failure to set DTR/RTS (a pty has no modem lines) fails the open.</summary>
        public bool ModemLinesRequired { get; set; }

        /// <summary>Clear HUPCL so that closing the port does not drop DTR/RTS (contact-closure cables).</summary>
        public bool KeepLinesOnClose { get; set; }
    }
}
