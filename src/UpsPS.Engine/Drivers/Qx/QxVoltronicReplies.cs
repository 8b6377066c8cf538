using System.Linq;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>Voltronic (QPI family) replies, serial.md §1.6. Replies are given without the trailing CR.</summary>
    public static class QxVoltronicReplies
    {
        /// <summary>QGS minimum length without CR (76 with it).</summary>
        public const int QgsMinimumLength = 75;

        /// <summary>Protocol numbers the Voltronic subdriver claims (from <c>(PIxx</c>).</summary>
        public static readonly int[] KnownProtocols = { 0, 1, 2, 3, 8, 9, 10, 13, 14, 31, 99 };

        /// <summary><c>QGS</c> status (beeper character 72 is '0' when the beeper is on). Bits map to the Q1 order; the "UPS fault" character is never honoured (2.8.0 quirk).</summary>
        public static QxStatusReply? ParseQgs(string reply)
        {
            if (reply.Length < QgsMinimumLength || reply[0] != '(') return null;
            var r = new QxStatusReply
            {
                InputVoltage = QxFields.Number(reply, 1, 5),
                Frequency = QxFields.Number(reply, 7, 10),
                OutputVoltage = QxFields.Number(reply, 12, 16),
                OutputFrequency = QxFields.Number(reply, 18, 21),
                OutputCurrent = QxFields.Number(reply, 23, 27),
                Load = QxFields.Number(reply, 29, 31),
                BatteryVoltage = QxFields.Number(reply, 45, 49),
                Temperature = QxFields.Number(reply, 57, 61),
            };
            switch (reply.Substring(63, 2))
            {
                case "00": r.TypeText = "offline"; break;
                case "01": r.TypeText = "line-interactive"; break;
                case "10": r.TypeText = "online"; break;
            }
            r.Bits[0] = Bit(reply[65]);
            r.Bits[1] = Bit(reply[66]);
            r.Bits[2] = Bit(reply[67]);
            r.Bits[3] = null;
            r.Bits[4] = null;
            r.Bits[5] = Bit(reply[70]);
            r.Bits[6] = Bit(reply[71]);
            r.Bits[7] = !Bit(reply[72]); // inverted: '0' = beeper on (NUT 2.8.0; units with alarm control say "muted")
            return r;
        }

        /// <summary><c>(PIxx</c> → protocol number when the subdriver supports it, else null.</summary>
        public static int? ParseProtocol(string? reply)
        {
            if (reply == null || reply.Length < 5 || !reply.StartsWith("(PI")) return null;
            if (!int.TryParse(reply.Substring(3, 2), out var n)) return null;
            return KnownProtocols.Contains(n) ? n : (int?)null;
        }

        /// <summary><c>QRI</c> ratings: output.voltage.nominal, output.current.nominal, battery.voltage.nominal, output.frequency.nominal.</summary>
        public static QxRatingReply? ParseRatings(string? reply)
        {
            if (reply == null || reply.Length < 21 || reply[0] != '(') return null;
            return QxRatingReply.Parse("#" + reply.Substring(1));
        }

        /// <summary><c>QVFW</c> <c>(VERFW:00322.02</c> → ups.firmware (7–14).</summary>
        public static string? ParseFirmware(string? reply) =>
            reply == null || reply.Length < 15 || reply[0] != '(' ? null : QxFields.Text(reply, 7, 14);

        /// <summary><c>QMF</c>/<c>QID</c>: the text after '(' trimmed of spaces and '#'.</summary>
        public static string? ParseText(string? reply) =>
            reply == null || reply.Length < 2 || reply[0] != '(' || reply == "(NAK" ? null : QxFields.Text(reply, 1, -1);

        /// <summary>
        /// Bit 67 for protocols P00/P08: a "≈equal" voltage result is AVR mode (alarm), not BYPASS.
        /// Returns the status token (TRIM/BOOST/BYPASS or null) and whether the AVR alarm applies.
        /// </summary>
        public static (string? token, bool avr) Regulation(QxStatusReply s, int protocol)
        {
            var mode = QxStatusReply.VoltageRegulation(s.InputVoltage, s.OutputVoltage);
            if (mode == "BYPASS" && (protocol == 0 || protocol == 8)) return (null, true);
            return (mode, false);
        }

        /// <summary>
        /// <c>QFLAG</c> <c>(EpashcDbroegfl</c>: letters before 'D' are enabled settings, after it disabled ones.
        /// Returns (whether the flag letter is listed at all, whether it is enabled); null for a missing/rejected reply.
        /// </summary>
        public static (bool listed, bool enabled)? Flag(string? qflag, char letter)
        {
            if (qflag == null || qflag.Length < 2 || qflag[0] != '(' || qflag == "(NAK") return null;
            var body = qflag.Substring(1);
            var split = body.IndexOf('D');
            var enabled = split < 0 ? body : body.Substring(0, split);
            return (body.IndexOf(letter) >= 0, enabled.IndexOf(letter) >= 0);
        }

        /// <summary>QFLAG letters published as NUT variables (yes/no, settable with <c>PE&lt;x&gt;</c>/<c>PD&lt;x&gt;</c>).</summary>
        public static readonly (string variable, char letter)[] FlagVariables =
        {
            ("ups.start.auto", 'r'), ("battery.protection", 's'), ("battery.energysave", 'g'),
            ("ups.start.battery", 'c'), ("outlet.0.switchable", 'j'),
        };

        private static bool? Bit(char c) => c == '1' ? true : c == '0' ? false : (bool?)null;
    }
}
