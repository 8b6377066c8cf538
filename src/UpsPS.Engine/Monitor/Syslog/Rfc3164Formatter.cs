using System;
using System.Globalization;
using System.Text;

namespace UpsPS.Engine.Monitor.Syslog
{
    /// <summary>
    /// Builds the datagram a local syslog daemon expects (RFC 3164 as glibc's syslog() writes it to /dev/log):
    /// <c>&lt;PRI&gt;Mmm dd hh:mm:ss tag[pid]: message</c>, facility daemon. Pure, for tests.
    /// </summary>
    public static class Rfc3164Formatter
    {
        public const int FacilityDaemon = 3;

        public static int Severity(MonitorLogLevel level)
        {
            switch (level)
            {
                case MonitorLogLevel.Alert: return 1;
                case MonitorLogLevel.Critical: return 2;
                case MonitorLogLevel.Error: return 3;
                case MonitorLogLevel.Warning: return 4;
                case MonitorLogLevel.Notice: return 5;
                case MonitorLogLevel.Info: return 6;
                default: return 7;
            }
        }

        public static string Format(MonitorLogLevel level, string tag, int pid, string message, DateTime localTime, int facility = FacilityDaemon)
        {
            int pri = facility * 8 + Severity(level);
            // RFC 3164 pads the day with a space, not a zero ("Jan  5").
            string stamp = localTime.ToString("MMM", CultureInfo.InvariantCulture) + " "
                + localTime.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2, ' ') + " "
                + localTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            var sb = new StringBuilder();
            sb.Append('<').Append(pri.ToString(CultureInfo.InvariantCulture)).Append('>').Append(stamp).Append(' ')
              .Append(tag).Append('[').Append(pid.ToString(CultureInfo.InvariantCulture)).Append("]: ");
            foreach (char c in message) sb.Append(c == '\n' || c == '\r' ? ' ' : c);
            return sb.ToString();
        }
    }
}
