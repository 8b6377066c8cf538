using System.Globalization;
using System.Linq;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>
    /// Settable Voltronic values (serial.md §1.6) and the ranges NUT 2.8.0 publishes for them, which depend on the
    /// protocol number from QPI and on the nominal output voltage/frequency/current.
    /// </summary>
    public static class QxVoltronicSettings
    {
        private static bool IsP01Family(int protocol) => protocol == 1 || protocol == 9;
        private static bool IsP02Family(int protocol) => new[] { 2, 3, 10, 13, 14, 99 }.Contains(protocol);

        /// <summary>ECO-mode voltage window (QHE): (low.min, low.max, high.min, high.max); null when the protocol has no ECO mode.</summary>
        public static (int lowMin, int lowMax, int highMin, int highMax)? EcoVoltageRange(int protocol, int outputVoltageNominal)
        {
            var ovn = outputVoltageNominal;
            var high = ovn >= 200;
            if (IsP01Family(protocol))
                return high ? (ovn - 24, ovn - 7, ovn + 7, ovn + 24) : (ovn - 12, ovn - 3, ovn + 3, ovn + 12);
            if (IsP02Family(protocol))
                return high ? (ovn - 24, ovn - 11, ovn + 11, ovn + 24) : (ovn - 12, ovn - 5, ovn + 5, ovn + 12);
            return null;
        }

        /// <summary>ECO-mode frequency window (QFRE) ranges for input.frequency.low and .high; null = none published.</summary>
        public static ((int min, int max) low, (int min, int max) high)? EcoFrequencyRange(int protocol, double outputFrequencyNominal)
        {
            var fifty = outputFrequencyNominal == 50.0;
            var sixty = outputFrequencyNominal == 60.0;
            if (!fifty && !sixty) return null;
            if (IsP01Family(protocol)) return fifty ? ((40, 47), (53, 60)) : ((50, 57), (63, 70));
            if (IsP02Family(protocol)) return fifty ? ((46, 48), (52, 54)) : ((56, 58), (62, 64));
            return null;
        }

        /// <summary>battery.voltage.low (RE0) range: 20..24 for units under 1000 VA (nominal V × A), else 20..28.</summary>
        public static (int min, int max)? BatteryLowRange(double? outputVoltageNominal, double? outputCurrentNominal)
        {
            if (!outputVoltageNominal.HasValue || !outputCurrentNominal.HasValue) return null;
            return (long)outputVoltageNominal.Value * (long)outputCurrentNominal.Value < 1000 ? (20, 24) : (20, 28);
        }

        /// <summary>P31 battery types, index = the two-digit code of QBT/PBT.</summary>
        public static readonly string[] BatteryTypes = { "Li", "Flooded", "AGM" };

        /// <summary>Two numbers <c>(aaa bbb</c> (QHE, QFRE): the first and the second field, or null.</summary>
        public static (double first, double second)? ParsePair(string? reply, int firstEnd, int secondStart, int secondEnd)
        {
            if (reply == null || reply.Length <= secondEnd || reply[0] != '(' || reply == "(NAK") return null;
            var a = QxFields.Number(reply, 1, firstEnd);
            var b = QxFields.Number(reply, secondStart, secondEnd);
            return a.HasValue && b.HasValue ? (a.Value, b.Value) : ((double, double)?)null;
        }

        /// <summary><c>QSK&lt;n&gt;</c> → outlet status "on"/"off" (the outlet is then switchable), or null.</summary>
        public static string? ParseOutletStatus(string? reply) =>
            reply == null || reply.Length < 2 || reply[0] != '(' ? null : reply[1] == '1' ? "on" : reply[1] == '0' ? "off" : null;

        /// <summary><c>QSKT&lt;n&gt;</c> minutes → seconds.</summary>
        public static double? ParseOutletDelay(string? reply)
        {
            if (reply == null || reply.Length < 4 || reply[0] != '(' || reply == "(NAK") return null;
            var text = reply.Substring(1, 3);
            return text.All(c => char.IsDigit(c) || c == ' ' || c == '.') ? QxFields.Number(reply, 1, 3) * 60 : null;
        }

        /// <summary><c>RE0</c> <c>#20</c> → battery.voltage.low.</summary>
        public static double? ParseBatteryLow(string? reply) =>
            reply == null || reply.Length < 3 || reply[0] != '#' ? null : QxFields.Number(reply, 1, 2);

        /// <summary><c>QBT</c> <c>(01</c> → battery type name (P31 only).</summary>
        public static string? ParseBatteryType(string? reply) =>
            reply == null || reply.Length < 3 || reply[0] != '(' || reply[1] != '0' || reply[2] < '0' || reply[2] > '2' ? null : BatteryTypes[reply[2] - '0'];

        /// <summary>The exact setting command for a variable and requested value (the number as NUT's printf formats it); null = not a setting.</summary>
        public static string? SetCommand(string variable, double value)
        {
            string F(string format) => value.ToString(format, CultureInfo.InvariantCulture);
            switch (variable)
            {
                case "input.transfer.high": return "HEH" + Pad(F("F0"), 3);
                case "input.transfer.low": return "HEL" + Pad(F("F0"), 3);
                case "input.frequency.high": return "FREH" + Pad(F("F1"), 4);
                case "input.frequency.low": return "FREL" + Pad(F("F1"), 4);
                case "battery.packs": return "BATGN" + Pad(F("F0"), 2);
                case "battery.voltage.low": return "W0E" + Pad(F("F0"), 2);
                case "battery.type": return "PBT" + Pad(F("F0"), 2);
            }
            if (variable.StartsWith("outlet.", System.StringComparison.Ordinal) && variable.EndsWith(".delay.shutdown", System.StringComparison.Ordinal))
                return "PSK" + variable.Substring(7, 1) + Pad(((long)value / 60).ToString(CultureInfo.InvariantCulture), 3);
            return null;
        }

        // printf's %0Nx: zero-padded to a minimum width (a leading '-' stays in front).
        private static string Pad(string text, int width) =>
            text.StartsWith("-", System.StringComparison.Ordinal) ? "-" + text.Substring(1).PadLeft(width - 1, '0') : text.PadLeft(width, '0');
    }
}
