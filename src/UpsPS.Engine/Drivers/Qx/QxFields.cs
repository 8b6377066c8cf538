using System;
using System.Globalization;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>Fixed-offset field extraction used by every Megatec/Q1 reply (serial.md §1.1).</summary>
    public static class QxFields
    {
        /// <summary>Bytes <paramref name="from"/>..<paramref name="to"/> inclusive (to = -1: end of line); null when the reply is too short.</summary>
        public static string? Slice(string reply, int from, int to)
        {
            if (to < 0) to = reply.Length - 1;
            if (reply.Length <= to || from > to) return null;
            return reply.Substring(from, to - from + 1);
        }

        /// <summary>A numeric field: only digits, spaces and '.' allowed (so <c>--.-</c> is rejected).</summary>
        public static double? Number(string reply, int from, int to)
        {
            var text = Slice(reply, from, to);
            if (text == null) return null;
            var trimmed = text.Trim();
            if (trimmed.Length == 0) return null;
            foreach (var c in trimmed)
                if (!(char.IsDigit(c) || c == '.' || c == ' ')) return null;
            return double.TryParse(trimmed.Replace(" ", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null;
        }

        /// <summary>Text field with leading/trailing spaces and '#' removed; null when empty.</summary>
        public static string? Text(string reply, int from, int to)
        {
            var text = Slice(reply, from, to);
            if (text == null)
            {
                if (to >= 0 || reply.Length <= from) return null;
                text = reply.Substring(from);
            }
            var trimmed = text.Trim(' ', '#', '\0');
            return trimmed.Length == 0 ? null : trimmed;
        }

        public static string Format(double value, string format) =>
            value.ToString(format, CultureInfo.InvariantCulture);
    }
}
