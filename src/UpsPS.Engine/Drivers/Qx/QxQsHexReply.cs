using System;
using System.Globalization;
using System.Text;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>
    /// Voltronic-QS-Hex binary <c>QS</c> reply (serial.md §1.7): '#' + space-separated raw-byte tokens with 0x28 escapes,
    /// decoded to a text line of hex digits (tokens 1–9) and 8-char binary strings (tokens 10–11), then cut at fixed offsets.
    /// </summary>
    public static class QxQsHexReply
    {
        /// <summary>Decoded length of a 'P' unit's line (10 tokens) and of a 'T' unit's line (11 tokens, with ratings).</summary>
        public const int ShortLength = 46, LongLength = 55;

        /// <summary>Unescapes and converts the raw reply (CR optional); null when it is not a compliant line.</summary>
        public static string? Decode(byte[] raw)
        {
            if (raw.Length == 0 || raw[0] != (byte)'#') return null;
            var text = new StringBuilder("#");
            var token = 1;
            for (var i = 1; i < raw.Length; i++)
            {
                var b = raw[i];
                if (b == 0x20) { text.Append(' '); token++; continue; }
                if (b == 0x0D) break;
                if (b == 0x28 && i + 1 < raw.Length && raw[i + 1] <= 0x04)
                {
                    b = Unescape(raw[i + 1]);
                    i++;
                }
                text.Append(token >= 10 ? Convert.ToString(b, 2).PadLeft(8, '0') : b.ToString("x2", CultureInfo.InvariantCulture));
            }
            var line = text.ToString();
            if (token == 10 && line.Length == ShortLength) return line;
            if (token == 11 && line.Length == LongLength) return line;
            return null;
        }

        private static byte Unescape(byte code)
        {
            switch (code)
            {
                case 0x00: return 0x0D;
                case 0x01: return 0x11;
                case 0x02: return 0x13;
                case 0x03: return 0x0A;
                default: return 0x20;
            }
        }

        /// <summary>Parses a decoded line; null when the line is invalid.</summary>
        public static QxStatusReply? Parse(string decoded)
        {
            if (decoded.Length < ShortLength || decoded[0] != '#') return null;
            var r = new QxStatusReply
            {
                InputVoltage = Voltage(decoded, 1, 7),
                OutputVoltage = Voltage(decoded, 9, 15),
                Load = Hex(QxFields.Slice(decoded, 17, 18)),
                Frequency = Frequency(decoded),
                BatteryVoltage = BatteryVoltage(decoded),
            };
            for (var i = 0; i < 8; i++)
            {
                var c = decoded[38 + i];
                r.Bits[i] = c == '1' ? true : c == '0' ? false : (bool?)null;
            }
            if (decoded.Length >= LongLength) ReadRatings(decoded, r);
            return r;
        }

        public static QxStatusReply? Parse(byte[] raw)
        {
            var decoded = Decode(raw);
            return decoded == null ? null : Parse(decoded);
        }

        // (first × second / 51, integer division) / 256
        private static double? Voltage(string line, int from, int to)
        {
            var pair = Pair(line, from, to);
            if (pair == null) return null;
            var val = pair.Value.a * pair.Value.b / 51;
            return val / 256.0;
        }

        private static double? Frequency(string line)
        {
            var pair = Pair(line, 20, 30);
            if (pair == null || pair.Value.a == 0) return null;
            var f = (double)pair.Value.b / pair.Value.a;
            return f > 99.9 ? 99.9 : f;
        }

        private static double? BatteryVoltage(string line)
        {
            var pair = Pair(line, 32, 36);
            return pair == null ? (double?)null : pair.Value.a * pair.Value.b / 510.0;
        }

        private static (long a, long b)? Pair(string line, int from, int to)
        {
            var field = QxFields.Slice(line, from, to);
            if (field == null) return null;
            var parts = field.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2) return null;
            var a = Hex(parts[0]);
            var b = Hex(parts[1]);
            return a.HasValue && b.HasValue ? ((long)a.Value, (long)b.Value) : ((long, long)?)null;
        }

        private static double? Hex(string? text) =>
            text != null && long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) ? v : (double?)null;

        private static void ReadRatings(string line, QxStatusReply r)
        {
            var freq = line[47];
            if (freq == '0' || freq == '1') r.NominalOutputFrequency = freq == '0' ? 50 : 60;
            switch (line.Substring(48, 2))
            {
                case "00": r.NominalBatteryVoltage = 12; break;
                case "01": r.NominalBatteryVoltage = 24; break;
                case "10": r.NominalBatteryVoltage = 36; break;
                case "11": r.NominalBatteryVoltage = 48; break;
            }
            switch (line.Substring(52, 3))
            {
                case "000": r.NominalOutputVoltage = 110; break;
                case "001": r.NominalOutputVoltage = 120; break;
                case "010": r.NominalOutputVoltage = 220; break;
                case "011": r.NominalOutputVoltage = 230; break;
                case "100": r.NominalOutputVoltage = 240; break;
            }
        }
    }
}
