using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>
    /// Voltronic settings that have no NUT variable (2.8.0's "NONUT" items): they are only set from ups.conf options,
    /// once at start-up, and only when the UPS's current value differs. Ranges follow 2.8.0's tables.
    /// </summary>
    public static class QxVoltronicStartupOptions
    {
        /// <summary>QFLAG capability options (enabled/disabled) in 2.8.0's table order, with their letters.</summary>
        public static readonly (string option, char letter)[] Capabilities =
        {
            ("bypass_alarm", 'p'), ("battery_alarm", 'b'), ("bypass_when_off", 'o'), ("alarm_control", 'a'),
            ("converter_mode", 'v'), ("eco_mode", 'e'), ("battery_open_status_check", 'd'), ("bypass_forbidding", 'f'),
            ("site_fault_detection", 'l'), ("advanced_eco_mode", 'n'), ("constant_phase_angle", 'q'),
            ("limited_runtime_on_battery", 'w'),
        };

        public static readonly string[] ValueKeys = Capabilities.Select(c => c.option)
            .Concat(new[] { "max_bypass_volt", "min_bypass_volt", "max_bypass_freq", "min_bypass_freq", "work_range_type", "output_phase_angle", "battery_number" })
            .ToArray();

        public static readonly string[] FlagKeys = { "reset_to_default", "testing" };

        private static readonly int[] P02Family = { 2, 3, 10, 13, 14 };

        // Candidate limits and the condition under which 2.8.0 keeps each one; kept values pair up as min..max.
        private static readonly (double value, Func<int, double, bool> keep)[] MaxBypassVolt =
        {
            (60, (p, v) => p == 9), (115, (p, v) => v < 200 && (P02Family.Contains(p) || p == 99)), (120, (p, v) => v < 200 && p == 1),
            (132, (p, v) => v < 200 && p == 99), (138, (p, v) => v < 200 && P02Family.Contains(p)), (140, (p, v) => p == 9 || (v < 200 && p == 1)),
            (230, (p, v) => v >= 200 && p == 1), (231, (p, v) => v >= 200 && (P02Family.Contains(p) || p == 99)),
            (261, (p, v) => v >= 200 && p == 99), (264, (p, v) => v >= 200 && p == 1), (276, (p, v) => v >= 200 && P02Family.Contains(p)),
        };

        private static readonly (double value, Func<int, double, bool> keep)[] MinBypassVolt =
        {
            (50, (p, v) => v < 200 && p == 99), (55, (p, v) => v < 200 && P02Family.Contains(p)), (60, (p, v) => p == 9),
            (85, (p, v) => v < 200 && (p == 1 || p == 99)), (104, (p, v) => v < 200 && P02Family.Contains(p)),
            (110, (p, v) => v >= 200 && P02Family.Contains(p)), (115, (p, v) => v < 200 && p == 1), (140, (p, v) => p == 9),
            (149, (p, v) => v >= 200 && p == 99), (170, (p, v) => v >= 200 && p == 1),
            (209, (p, v) => v >= 200 && (P02Family.Contains(p) || p == 99)), (220, (p, v) => v >= 200 && p == 1),
        };

        private static bool P01(int p) => p == 1 || p == 9;
        private static bool P02(int p) => P02Family.Contains(p) || p == 99;

        private static readonly (double value, Func<int, double, bool> keep)[] MaxBypassFreq =
        {
            (51, (p, f) => f == 50 && (P01(p) || P02(p))), (54, (p, f) => f == 50 && P02(p)), (60, (p, f) => f == 50 && P01(p)),
            (61, (p, f) => f == 60 && (P01(p) || P02(p))), (64, (p, f) => f == 60 && P02(p)), (70, (p, f) => f == 60 && P01(p)),
        };

        private static readonly (double value, Func<int, double, bool> keep)[] MinBypassFreq =
        {
            (40, (p, f) => f == 50 && P01(p)), (46, (p, f) => f == 50 && P02(p)), (49, (p, f) => f == 50 && (P01(p) || P02(p))),
            (50, (p, f) => f == 60 && P01(p)), (56, (p, f) => f == 60 && P02(p)), (59, (p, f) => f == 60 && (P01(p) || P02(p))),
        };

        /// <summary>Whether <paramref name="value"/> (its integer part, as 2.8.0 compares) lies in one of the kept min..max pairs.</summary>
        public static bool InBypassRange(string option, int protocol, double? nominal, double value)
        {
            var table = option switch
            {
                "max_bypass_volt" => MaxBypassVolt,
                "min_bypass_volt" => MinBypassVolt,
                "max_bypass_freq" => MaxBypassFreq,
                "min_bypass_freq" => MinBypassFreq,
                _ => throw new ArgumentException(option),
            };
            if (!nominal.HasValue) return false;
            var kept = table.Where(t => t.keep(protocol, option.EndsWith("volt", StringComparison.Ordinal) ? Math.Truncate(nominal.Value) : nominal.Value)).Select(t => t.value).ToList();
            var whole = Math.Truncate(value);
            for (var i = 0; i + 1 < kept.Count; i += 2)
                if (kept[i] <= whole && whole <= kept[i + 1]) return true;
            return false;
        }

        /// <summary>The bytes 2.8.0 sends for a bypass limit option (<c>PHV%03.0f</c>, <c>PLV</c>, <c>PGF%04.1f</c>, <c>PSF</c>).</summary>
        public static string BypassCommand(string option, double value) => option switch
        {
            "max_bypass_volt" => "PHV" + value.ToString("F0", CultureInfo.InvariantCulture).PadLeft(3, '0'),
            "min_bypass_volt" => "PLV" + value.ToString("F0", CultureInfo.InvariantCulture).PadLeft(3, '0'),
            "max_bypass_freq" => "PGF" + value.ToString("F1", CultureInfo.InvariantCulture).PadLeft(4, '0'),
            "min_bypass_freq" => "PSF" + value.ToString("F1", CultureInfo.InvariantCulture).PadLeft(4, '0'),
            _ => throw new ArgumentException(option),
        };

        /// <summary>Only digits, spaces and dots, like 2.8.0's numeric check.</summary>
        public static bool IsNumeric(string text) => text.All(c => char.IsDigit(c) || c == ' ' || c == '.');

        /// <summary>Output phase angles 2.8.0 offers.</summary>
        public static readonly string[] PhaseAngles = { "000", "120", "180", "240" };

        /// <summary>Device grid working range types (P31), index = code.</summary>
        public static readonly string[] WorkRanges = { "Appliance", "UPS" };

        internal static IEnumerable<string> AllOptions => ValueKeys.Concat(FlagKeys);
    }
}
