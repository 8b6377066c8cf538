using System.Collections.Generic;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>
    /// A parsed 47-byte Q1-layout status reply (<c>Q1</c>, Mustek <c>QS</c>, Megatec/old <c>D</c>, Voltronic-QS <c>QS</c>).
    /// Offsets as in serial.md §1.3, counted from the leading '('.
    /// </summary>
    public sealed class QxStatusReply
    {
        /// <summary>Length without the trailing CR.</summary>
        public const int MinimumLength = 46;

        public double? InputVoltage { get; internal set; }
        public double? InputFaultVoltage { get; internal set; }
        public double? OutputVoltage { get; internal set; }
        public double? Load { get; internal set; }
        public double? Frequency { get; internal set; }
        public double? BatteryVoltage { get; internal set; }
        public double? Temperature { get; internal set; }

        /// <summary>Voltronic QGS only: output.frequency and output.current (the Q1 layout has neither).</summary>
        public double? OutputFrequency { get; internal set; }
        public double? OutputCurrent { get; internal set; }

        /// <summary>ups.type text when the protocol gives it directly (Voltronic QGS 63–64); null = from bit b3.</summary>
        public string? TypeText { get; internal set; }

        /// <summary>Voltronic-QS-Hex 'T' units: ratings carried in the status reply.</summary>
        public double? NominalOutputVoltage { get; internal set; }
        public double? NominalOutputFrequency { get; internal set; }
        public double? NominalBatteryVoltage { get; internal set; }

        /// <summary>The 8 status characters b7..b0; a character other than 0/1 is null (ignored).</summary>
        public bool?[] Bits { get; } = new bool?[8];

        public bool? UtilityFail => Bits[0];
        public bool? BatteryLow => Bits[1];
        public bool? BypassBoostBuck => Bits[2];
        public bool? UpsFailed => Bits[3];
        public bool? LineInteractive => Bits[4];
        public bool? TestInProgress => Bits[5];
        public bool? ShutdownActive => Bits[6];
        public bool? BeeperOn => Bits[7];

        /// <summary>Parses a reply (without CR); null when it is not a valid status line (too short or wrong lead).</summary>
        public static QxStatusReply? Parse(string reply)
        {
            if (reply.Length < MinimumLength || reply[0] != '(') return null;
            var r = new QxStatusReply
            {
                InputVoltage = QxFields.Number(reply, 1, 5),
                InputFaultVoltage = QxFields.Number(reply, 7, 11),
                OutputVoltage = QxFields.Number(reply, 13, 17),
                Load = QxFields.Number(reply, 19, 21),
                Frequency = QxFields.Number(reply, 23, 26),
                BatteryVoltage = QxFields.Number(reply, 28, 31),
                Temperature = QxFields.Number(reply, 33, 36),
            };
            for (var i = 0; i < 8; i++)
            {
                var c = reply[38 + i];
                r.Bits[i] = c == '1' ? true : c == '0' ? false : (bool?)null;
            }
            return r;
        }

        /// <summary>
        /// Status tokens in NUT's order (OL/OB, LB, TRIM, BOOST, BYPASS, CAL, FSD). Bit b5 is resolved from the
        /// voltages of the same reply. <paramref name="ignoreShutdownActive"/> = flag <c>ignoresab</c>.
        /// </summary>
        public IReadOnlyList<string> StatusTokens(bool ignoreShutdownActive)
        {
            var tokens = new List<string>();
            if (UtilityFail.HasValue) tokens.Add(UtilityFail.Value ? "OB" : "OL");
            if (BatteryLow == true) tokens.Add("LB");
            if (BypassBoostBuck == true)
            {
                var mode = VoltageRegulation(InputVoltage, OutputVoltage);
                if (mode != null) tokens.Add(mode);
            }
            if (TestInProgress == true) tokens.Add("CAL");
            if (ShutdownActive == true && !ignoreShutdownActive) tokens.Add("FSD");
            return tokens;
        }

        /// <summary>Bit b5 meaning from input vs output voltage (TRIM, BYPASS, BOOST or null = ignored).</summary>
        public static string? VoltageRegulation(double? input, double? output)
        {
            if (!input.HasValue || !output.HasValue) return null;
            double vi = input.Value, vo = output.Value;
            if (vo < 0.5 * vi) return null;
            if (vo < 0.95 * vi) return "TRIM";
            if (vo < 1.05 * vi) return "BYPASS";
            if (vo < 1.5 * vi) return "BOOST";
            return null;
        }
    }
}
