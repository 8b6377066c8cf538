using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace UpsPS.Engine.Drivers.UsbHid
{
    /// <summary>What a conversion may look at besides the value: device strings and the driver's state.</summary>
    public interface IHidConversionContext
    {
        string? GetString(int index);
    }

    /// <summary>Value ↔ text for one mapping row (NUT's info_lkp_t with its fun/nuf callbacks).</summary>
    public abstract class HidConverter
    {
        /// <summary>Text to publish, or null when the value has no meaning (row left unpublished / flag unchanged).</summary>
        public abstract string? ToText(double value, IHidConversionContext context);

        /// <summary>Text from a SET back to the value to write; null when not convertible.</summary>
        public virtual double? FromText(string text) => null;
    }

    /// <summary>Fixed value → text table; reversible for SET.</summary>
    public sealed class HidLookupConverter : HidConverter
    {
        private readonly List<(long Value, string Text)> _entries;

        public HidLookupConverter(params (long Value, string Text)[] entries) => _entries = entries.ToList();

        public IEnumerable<string> Texts => _entries.Select(e => e.Text);

        public override string? ToText(double value, IHidConversionContext context)
        {
            var v = (long)value;
            foreach (var e in _entries) if (e.Value == v) return e.Text;
            return null;
        }

        public override double? FromText(string text)
        {
            foreach (var e in _entries) if (string.Equals(e.Text, text, StringComparison.Ordinal)) return e.Value;
            return null;
        }
    }

    /// <summary>A converter from a pair of functions.</summary>
    public sealed class HidFunctionConverter : HidConverter
    {
        private readonly Func<double, IHidConversionContext, string?> _to;
        private readonly Func<string, double?>? _from;

        public HidFunctionConverter(Func<double, IHidConversionContext, string?> to, Func<string, double?>? from = null)
        {
            _to = to;
            _from = from;
        }

        public override string? ToText(double value, IHidConversionContext context) => _to(value, context);
        public override double? FromText(string text) => _from?.Invoke(text);
    }

    /// <summary>Conversions shared by the subdriver tables (spec §5) and the status flag lookups (spec §7).</summary>
    public static class HidConverters
    {
        public static readonly HidConverter StringId = new HidFunctionConverter((v, c) => v == 0 ? null : c.GetString((int)v)?.Trim());

        /// <summary>PDC date: year = 1980 + v&gt;&gt;9, month = (v&gt;&gt;5)&amp;15, day = v&amp;31.</summary>
        public static readonly HidConverter Date = new HidFunctionConverter(
            (v, c) =>
            {
                var d = (long)v;
                if (d == 0) return "not set";
                return string.Format(CultureInfo.InvariantCulture, "{0:0000}/{1:00}/{2:00}", 1980 + (d >> 9), (d >> 5) & 0x0F, d & 0x1F);
            },
            text =>
            {
                var p = text.Split('/', '-');
                if (p.Length != 3 || !int.TryParse(p[0], out var y) || !int.TryParse(p[1], out var m) || !int.TryParse(p[2], out var d)) return null;
                return ((y - 1980) << 9) | (m << 5) | d;
            });

        /// <summary>APC "hex as decimal" date: 0x102202 = 2002/10/22.</summary>
        public static readonly HidConverter ApcDate = new HidFunctionConverter(
            (v, c) =>
            {
                var d = (long)v;
                if (d == 0) return "not set";
                int Bcd(long b) => (int)((b >> 4 & 0xF) * 10 + (b & 0xF));
                var year = Bcd(d & 0xFF);
                year += year >= 70 ? 1900 : 2000;
                return string.Format(CultureInfo.InvariantCulture, "{0:0000}/{1:00}/{2:00}", year, Bcd(d >> 16 & 0xFF), Bcd(d >> 8 & 0xFF));
            },
            text =>
            {
                var p = text.Split('/');
                if (p.Length != 3 || !int.TryParse(p[0], out var y) || !int.TryParse(p[1], out var m) || !int.TryParse(p[2], out var d)) return null;
                int Bcd(int x) => (x / 10 << 4) | (x % 10);
                return (Bcd(m) << 16) | (Bcd(d) << 8) | Bcd(y % 100);
            });

        public static readonly HidConverter KelvinToCelsius = new HidFunctionConverter(
            (v, c) => Format("%.1f", v >= 273 && v <= 373 ? v - 273.15 : v),
            text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t + 273.15 : (double?)null);

        public static readonly HidLookupConverter TestResult = new HidLookupConverter(
            (1, "Done and passed"), (2, "Done and warning"), (3, "Done and error"), (4, "Aborted"), (5, "In progress"),
            (6, "No test initiated"), (7, "Test scheduled"));

        public static readonly HidLookupConverter Beeper = new HidLookupConverter((1, "disabled"), (2, "enabled"), (3, "muted"));
        public static readonly HidLookupConverter YesNo = new HidLookupConverter((0, "no"), (1, "yes"));
        public static readonly HidLookupConverter OnOff = new HidLookupConverter((0, "off"), (1, "on"));
        public static readonly HidConverter Hex = new HidFunctionConverter((v, c) => ((long)v).ToString("x8", CultureInfo.InvariantCulture));

        // Status flag sources: value → flag names.
        public static HidLookupConverter Flag(string flag) => new HidLookupConverter((0, "!" + flag), (1, flag));
        public static HidLookupConverter InvertedFlag(string flag) => new HidLookupConverter((0, flag), (1, "!" + flag));
        /// <summary>ACPresent: 1 online, 0 not online (NUT 2.8.0 publishes OB for that).</summary>
        public static readonly HidLookupConverter Online = new HidLookupConverter((0, "!online"), (1, "online"));

        /// <summary>C printf subset used by the tables: %.Nf, %d/%i, %s, %08lx, %x, "%.0f%%"-style suffixes.</summary>
        public static string Format(string format, double value)
        {
            var pct = format.IndexOf('%');
            if (pct < 0) return format;
            var prefix = format.Substring(0, pct);
            var i = pct + 1;
            while (i < format.Length && "0123456789.-l".IndexOf(format[i]) >= 0) i++;
            if (i >= format.Length) return value.ToString(CultureInfo.InvariantCulture);
            var spec = format.Substring(pct + 1, i - pct - 1).Replace("l", "");
            var conv = format[i];
            var suffix = format.Substring(i + 1).Replace("%%", "%");
            string body;
            switch (conv)
            {
                case 'f':
                    var dot = spec.IndexOf('.');
                    var decimals = dot >= 0 && int.TryParse(spec.Substring(dot + 1), out var d) ? d : 6;
                    body = RoundHalfEven(value, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);
                    if (body.StartsWith("-", StringComparison.Ordinal) && body.Trim('-', '0', '.').Length == 0) body = body.Substring(1);
                    break;
                case 'x':
                    var width = spec.StartsWith("0", StringComparison.Ordinal) && int.TryParse(spec, out var w) ? w : 0;
                    body = ((long)value).ToString("x" + width, CultureInfo.InvariantCulture);
                    break;
                default:
                    body = ((long)value).ToString(CultureInfo.InvariantCulture);
                    break;
            }
            return prefix + body + suffix;
        }

        /// <summary>printf rounds the exact binary value; decimal arithmetic with the double's shortest text is close enough here.</summary>
        private static double RoundHalfEven(double value, int decimals)
        {
            if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 1e15) return value;
            return (double)Math.Round((decimal)value, Math.Min(decimals, 15), MidpointRounding.ToEven);
        }
    }
}
