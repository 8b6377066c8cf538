using System.Text;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// Formats a notification text like upsmon (master): no %s → verbatim; first %s → system name;
    /// second %s → extra text (alarm text, unknown tokens, time jump). %% → %. Capped like NUT's 512-byte buffer.
    /// </summary>
    public static class NotificationMessageFormatter
    {
        public const int MaxLength = 511;

        public static string Format(string template, string system, string? extra)
        {
            var sb = new StringBuilder(template.Length + 32);
            int used = 0;
            for (int i = 0; i < template.Length; i++)
            {
                char c = template[i];
                if (c == '%' && i + 1 < template.Length)
                {
                    char n = template[i + 1];
                    if (n == 's')
                    {
                        sb.Append(used == 0 ? system : used == 1 ? extra ?? string.Empty : string.Empty);
                        used++;
                        i++;
                        continue;
                    }
                    if (n == '%') { sb.Append('%'); i++; continue; }
                }
                sb.Append(c);
            }
            if (sb.Length > MaxLength) sb.Length = MaxLength;
            return sb.ToString();
        }
    }
}
