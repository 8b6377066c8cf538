namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>Voltronic <c>QBV</c> battery reply (serial.md §1.6): <c>(026.5 02 01 068 255</c>.</summary>
    public sealed class QxVoltronicBattery
    {
        public double? Voltage { get; private set; }
        public double? Packs { get; private set; }

        /// <summary>Batteries per pack (2.8.0's battery_number, not a NUT variable).</summary>
        public double? Count { get; private set; }
        public double? Charge { get; private set; }

        /// <summary>Remaining runtime in seconds (the UPS reports minutes).</summary>
        public double? Runtime { get; private set; }

        public static QxVoltronicBattery? Parse(string? reply)
        {
            if (reply == null || reply.Length < 20 || reply[0] != '(' || reply == "(NAK") return null;
            var runtime = QxFields.Number(reply, 17, -1);
            return new QxVoltronicBattery
            {
                Voltage = QxFields.Number(reply, 1, 5),
                Packs = QxFields.Number(reply, 10, 11),
                Count = QxFields.Number(reply, 7, 8),
                Charge = QxFields.Number(reply, 13, 15),
                Runtime = runtime * 60,
            };
        }
    }

    /// <summary>Voltronic <c>QMD</c> model/ratings reply: <c>(#######OLHVT1K0 ###1000 80 1/1 230 230 02 12.0</c>.</summary>
    public sealed class QxVoltronicModel
    {
        public string? Model { get; private set; }
        public double? PowerNominal { get; private set; }
        public double? PowerFactor { get; private set; }
        public double? InputPhases { get; private set; }
        public double? OutputPhases { get; private set; }
        public double? InputVoltageNominal { get; private set; }
        public double? OutputVoltageNominal { get; private set; }

        public static QxVoltronicModel? Parse(string? reply)
        {
            if (reply == null || reply.Length < 47 || reply[0] != '(' || reply == "(NAK") return null;
            var power = QxFields.Text(reply, 17, 23);
            return new QxVoltronicModel
            {
                Model = QxFields.Text(reply, 1, 15),
                PowerNominal = power == null ? null : QxFields.Number(power, 0, power.Length - 1),
                PowerFactor = QxFields.Number(reply, 25, 26) / 100,
                InputPhases = QxFields.Number(reply, 28, 28),
                OutputPhases = QxFields.Number(reply, 30, 30),
                InputVoltageNominal = QxFields.Number(reply, 32, 34),
                OutputVoltageNominal = QxFields.Number(reply, 36, 38),
            };
        }
    }
}
