namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>
    /// Voltronic-QS <c>QI</c> reply (serial.md §1.7), at least 49 bytes:
    /// <c>(100 00979 50.0 000.3 177 290 0 0000010000112000</c>.
    /// </summary>
    public sealed class QxQsInfoReply
    {
        public const int MinimumLength = 48; // without the CR

        public double? Charge { get; private set; }
        public double? Runtime { get; private set; }
        public double? InputFrequency { get; private set; }
        public double? OutputCurrent { get; private set; }
        public double? TransferLow { get; private set; }
        public double? TransferHigh { get; private set; }

        public static QxQsInfoReply? Parse(string? reply)
        {
            if (reply == null) return null;
            reply = reply.TrimEnd('\r');
            if (reply.Length < MinimumLength || reply[0] != '(') return null;
            return new QxQsInfoReply
            {
                Charge = QxFields.Number(reply, 1, 3),
                Runtime = QxFields.Number(reply, 5, 9),
                InputFrequency = QxFields.Number(reply, 11, 14),
                OutputCurrent = QxFields.Number(reply, 16, 20),
                TransferLow = QxFields.Number(reply, 22, 24),
                TransferHigh = QxFields.Number(reply, 26, 28),
            };
        }
    }
}
