namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary><c>F</c> rating reply <c>#220.0 000 024.0 50.0</c> (serial.md §1.4); unreadable fields stay null.</summary>
    public sealed class QxRatingReply
    {
        public const int MinimumLength = 21;

        public double? Voltage { get; private set; }
        public double? Current { get; private set; }
        public double? BatteryVoltage { get; private set; }
        public double? Frequency { get; private set; }

        public static QxRatingReply? Parse(string reply)
        {
            if (reply.Length < MinimumLength || reply[0] != '#') return null;
            return new QxRatingReply
            {
                Voltage = QxFields.Number(reply, 1, 5),
                Current = QxFields.Number(reply, 7, 9),
                BatteryVoltage = QxFields.Number(reply, 11, 15),
                Frequency = QxFields.Number(reply, 17, 20),
            };
        }
    }

    /// <summary><c>I</c> (or <c>FW?</c>) vendor reply with the classic Megatec widths: mfr 1–15, model 17–26, firmware 28–37.</summary>
    public sealed class QxVendorReply
    {
        public const int MinimumLength = 37;

        public string? Manufacturer { get; private set; }
        public string? Model { get; private set; }
        public string? Firmware { get; private set; }

        public static QxVendorReply? Parse(string reply)
        {
            if (reply.Length < MinimumLength || reply[0] != '#') return null;
            return new QxVendorReply
            {
                Manufacturer = QxFields.Text(reply, 1, 15),
                Model = QxFields.Text(reply, 17, 26),
                Firmware = QxFields.Text(reply, 28, reply.Length >= 38 ? 37 : -1),
            };
        }
    }
}
