using System;
using System.Globalization;
using System.Linq;
using System.Text;
using UpsPS.Engine.Snmp;

namespace UpsPS.Engine.Drivers.Snmp
{
    /// <summary>Turns a GET result into the text snmp-ups publishes for a row (spec 2.1). Null: nothing to publish.</summary>
    public static class SnmpValueFormatter
    {
        /// <summary>NUT's value buffer: longer strings are cut (trailing blanks are kept).</summary>
        public const int MaxStringBytes = 127;

        public static string? Format(SnmpMappingRow row, SnmpValue value)
        {
            if (value.IsException || value.Type == SnmpValueType.Null) return null;
            if (row.Has(SnmpRowFlags.UsDateToIso) && value.Type == SnmpValueType.OctetString) return UsDateToIso(value.BytesAsText);
            return row.Has(SnmpRowFlags.String) ? FormatString(row, value) : FormatNumber(row, value);
        }

        /// <summary>
        /// "MM/DD/YYYY" to "YYYY-MM-DD" the way snmp-ups does it: strptime into a zeroed struct tm, then "%F". Fields that
        /// do not parse stay zero, so "" gives "1900-01-00" and "04/1" gives "1900-04-01".
        /// </summary>
        public static string UsDateToIso(string text)
        {
            int month = 0, day = 0, year = 0; // tm_mon, tm_mday, tm_year (years since 1900)
            var parts = text.Trim().Split('/');
            if (parts.Length > 0 && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m >= 1 && m <= 12)
            {
                month = m - 1;
                if (parts.Length > 1 && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d >= 1 && d <= 31)
                {
                    day = d;
                    if (parts.Length > 2 && int.TryParse(parts[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y)) year = y - 1900;
                }
            }
            return string.Format(CultureInfo.InvariantCulture, "{0}-{1:00}-{2:00}", year + 1900, month + 1, day);
        }

        private static string? FormatString(SnmpMappingRow row, SnmpValue value)
        {
            switch (value.Type)
            {
                case SnmpValueType.OctetString:
                case SnmpValueType.Opaque:
                    return Cut(BytesToText(value.Bytes));
                case SnmpValueType.ObjectIdentifier:
                    return value.Oid;
                case SnmpValueType.IpAddress:
                    return string.Join(".", value.Bytes);
                case SnmpValueType.TimeTicks:
                    return (value.Number / 100).ToString(CultureInfo.InvariantCulture);
                case SnmpValueType.Counter64:
                    return value.Unsigned64.ToString(CultureInfo.InvariantCulture);
                default:
                    if (row.Lookup != null) return row.Lookup.TryGetValue(value.Number, out var text) ? text : null;
                    return value.Number.ToString(CultureInfo.InvariantCulture);
            }
        }

        private static string? FormatNumber(SnmpMappingRow row, SnmpValue value)
        {
            var number = ToNumber(value);
            if (number == null) return null;
            var v = number.Value;
            if (row.Has(SnmpRowFlags.NegInvalid) && v < 0) return null;
            if (row.Has(SnmpRowFlags.ZeroInvalid) && v == 0) return null;
            // An unknown code on a numeric row is published as the number itself (a string row publishes nothing).
            if (row.Lookup != null && row.Lookup.TryGetValue((long)Math.Round(v), out var text)) return text;
            if (row.Lookup != null && (row.Has(SnmpRowFlags.Status) || row.IsAlarm)) return null;
            // snmp-ups prints temperatures of the ambient sensors with one decimal (its unit-conversion path).
            if (row.Name == "ambient.temperature") return (v * row.Multiplier).ToString("0.0", CultureInfo.InvariantCulture);
            return FormatScaled(v * row.Multiplier);
        }

        /// <summary>Integer when exact, else two decimals (NUT's "%.2f").</summary>
        public static string FormatScaled(double v)
        {
            var rounded = Math.Round(v);
            if (Math.Abs(v - rounded) < 1e-9 && Math.Abs(rounded) < 1e15)
                return ((long)rounded).ToString(CultureInfo.InvariantCulture);
            return v.ToString("0.00", CultureInfo.InvariantCulture);
        }

        /// <summary>The numeric reading of any value type (TimeTicks in seconds, strings via strtol).</summary>
        public static double? ToNumber(SnmpValue value)
        {
            switch (value.Type)
            {
                case SnmpValueType.Integer:
                case SnmpValueType.Counter32:
                case SnmpValueType.Gauge32:
                    return value.Number;
                case SnmpValueType.TimeTicks:
                    return value.Number / 100;
                case SnmpValueType.Counter64:
                    return value.Unsigned64;
                case SnmpValueType.OctetString:
                    return StrToL(value.BytesAsText);
                case SnmpValueType.ObjectIdentifier:
                    var last = value.Oid!.Substring(value.Oid.LastIndexOf('.') + 1);
                    return double.Parse(last, CultureInfo.InvariantCulture);
                default:
                    return null;
            }
        }

        /// <summary>C atof: the longest leading decimal number (0 when none).</summary>
        public static double AtoF(string text)
        {
            var s = text.TrimStart();
            var n = 0;
            if (n < s.Length && (s[n] == '+' || s[n] == '-')) n++;
            while (n < s.Length && char.IsDigit(s[n])) n++;
            if (n < s.Length && s[n] == '.') { n++; while (n < s.Length && char.IsDigit(s[n])) n++; }
            return double.TryParse(s.Substring(0, n), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
        }

        /// <summary>C strtol with base 0: optional blanks and sign, then 0x.. hex, 0.. octal or decimal; 0 when no digits.</summary>
        public static long StrToL(string text)
        {
            var s = text.TrimStart();
            var i = 0;
            var negative = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
            var radix = 10;
            if (i + 1 < s.Length && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X') && i + 2 < s.Length && Uri.IsHexDigit(s[i + 2])) { radix = 16; i += 2; }
            else if (i < s.Length && s[i] == '0') radix = 8;
            long v = 0;
            for (; i < s.Length; i++)
            {
                var d = Uri.IsHexDigit(s[i]) ? Convert.ToInt32(s[i].ToString(), 16) : -1;
                if (d < 0 || d >= radix) break;
                v = unchecked(v * radix + d);
            }
            return negative ? -v : v;
        }

        private static string BytesToText(byte[] bytes)
        {
            var printable = bytes.All(b => b >= 0x20 && b < 0x7f || b >= 0x80 || b == '\t' || b == '\n' || b == '\r');
            if (printable) return Encoding.UTF8.GetString(bytes);
            // Binary values (MAC addresses, engine ids) are shown as hex bytes, as net-snmp prints them.
            // net-snmp ends each byte with a blank, the last one included.
            return string.Concat(bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture) + " "));
        }

        private static string Cut(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length <= MaxStringBytes) return text;
            var n = MaxStringBytes;
            while (n > 0 && (bytes[n] & 0xC0) == 0x80) n--; // do not split a UTF-8 sequence
            return Encoding.UTF8.GetString(bytes, 0, n);
        }
    }
}
