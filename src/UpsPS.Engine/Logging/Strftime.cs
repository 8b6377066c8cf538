using System;
using System.Globalization;
using System.Text;

namespace UpsPS.Engine.Logging
{
    /// <summary>The C strftime conversions upslog formats use (C locale). Unknown conversions are copied as-is.</summary>
    public static class Strftime
    {
        public static string Format(string format, DateTimeOffset time)
        {
            var c = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            for (int i = 0; i < format.Length; i++)
            {
                char ch = format[i];
                if (ch != '%' || i + 1 >= format.Length) { sb.Append(ch); continue; }
                char f = format[++i];
                switch (f)
                {
                    case 'Y': sb.Append(time.Year.ToString("0000", c)); break;
                    case 'y': sb.Append((time.Year % 100).ToString("00", c)); break;
                    case 'C': sb.Append((time.Year / 100).ToString("00", c)); break;
                    case 'm': sb.Append(time.Month.ToString("00", c)); break;
                    case 'd': sb.Append(time.Day.ToString("00", c)); break;
                    case 'e': sb.Append(time.Day.ToString(c).PadLeft(2, ' ')); break;
                    case 'H': sb.Append(time.Hour.ToString("00", c)); break;
                    case 'I': sb.Append(((time.Hour + 11) % 12 + 1).ToString("00", c)); break;
                    case 'M': sb.Append(time.Minute.ToString("00", c)); break;
                    case 'S': sb.Append(time.Second.ToString("00", c)); break;
                    case 'p': sb.Append(time.Hour < 12 ? "AM" : "PM"); break;
                    case 'j': sb.Append(time.DayOfYear.ToString("000", c)); break;
                    case 'a': sb.Append(time.ToString("ddd", c)); break;
                    case 'A': sb.Append(time.ToString("dddd", c)); break;
                    case 'b': case 'h': sb.Append(time.ToString("MMM", c)); break;
                    case 'B': sb.Append(time.ToString("MMMM", c)); break;
                    case 'u': sb.Append(time.DayOfWeek == DayOfWeek.Sunday ? "7" : ((int)time.DayOfWeek).ToString(c)); break;
                    case 'w': sb.Append(((int)time.DayOfWeek).ToString(c)); break;
                    case 's': sb.Append(time.ToUnixTimeSeconds().ToString(c)); break;
                    case 'z':
                        var off = time.Offset;
                        sb.Append(off < TimeSpan.Zero ? '-' : '+').Append(Math.Abs(off.Hours).ToString("00", c)).Append(Math.Abs(off.Minutes).ToString("00", c));
                        break;
                    case 'T': sb.Append(Format("%H:%M:%S", time)); break;
                    case 'R': sb.Append(Format("%H:%M", time)); break;
                    case 'D': sb.Append(Format("%m/%d/%y", time)); break;
                    case 'F': sb.Append(Format("%Y-%m-%d", time)); break;
                    case 'c': sb.Append(Format("%a %b %e %H:%M:%S %Y", time)); break;
                    case 'x': sb.Append(Format("%m/%d/%y", time)); break;
                    case 'X': sb.Append(Format("%H:%M:%S", time)); break;
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case '%': sb.Append('%'); break;
                    default: sb.Append('%').Append(f); break;
                }
            }
            return sb.ToString();
        }
    }
}
