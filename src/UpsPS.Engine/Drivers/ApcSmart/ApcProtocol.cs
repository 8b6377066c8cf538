using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace UpsPS.Engine.Drivers.ApcSmart
{
    /// <summary>One APC Smart variable: command byte, NUT name, whether polled, how the reply converts.</summary>
    public sealed class ApcVariable
    {
        public ApcVariable(char command, string name, bool polled, Func<string, string?>? convert = null,
            bool packed = false, string? pattern = null, byte subCommand = 0)
        {
            Command = command; Name = name; Polled = polled; Convert = convert ?? (s => s);
            Packed = packed; Pattern = pattern == null ? null : new Regex(pattern, RegexOptions.CultureInvariant);
            SubCommand = subCommand;
        }
        public char Command { get; }
        public string Name { get; }
        public bool Polled { get; }
        public Func<string, string?> Convert { get; }

        /// <summary>Comma-separated reply published as <c>.1.</c>…<c>.4.</c> instances of a <c>.0.</c> name.</summary>
        public bool Packed { get; }

        /// <summary>The raw reply must match this at discovery, else the variable is not present (one letter, several meanings).</summary>
        public Regex? Pattern { get; }

        /// <summary>Second byte of a multi-byte command (after the 0x9F prefix); 0 for single-byte commands.</summary>
        public byte SubCommand { get; }

        /// <summary>The bytes that request this variable.</summary>
        public byte[] Request => SubCommand == 0 ? new[] { (byte)Command } : new[] { (byte)Command, SubCommand };

        public bool Accepts(string raw) => Pattern == null || Pattern.IsMatch(raw);
    }

    /// <summary>Pure APC Smart protocol pieces (serial.md §2): tables, status register, alerts, capabilities.</summary>
    public static class ApcProtocol
    {
        public const string AlertCharacters = "!$%+#?=*|&";

        public static readonly IReadOnlyList<ApcVariable> Variables = new[]
        {
            new ApcVariable('C', "ups.temperature", true),
            new ApcVariable('P', "ups.load", true),
            new ApcVariable('E', "ups.test.interval", false, TestInterval),
            new ApcVariable('X', "ups.test.result", true),
            new ApcVariable('r', "ups.delay.start", false),
            new ApcVariable('p', "ups.delay.shutdown", false),
            new ApcVariable('c', "ups.id", false),
            new ApcVariable('i', "ups.contacts", true),
            new ApcVariable('L', "input.voltage", true),
            new ApcVariable('F', "input.frequency", true),
            new ApcVariable('s', "input.sensitivity", false),
            new ApcVariable('9', "input.quality", true),
            new ApcVariable('l', "input.transfer.low", false),
            new ApcVariable('u', "input.transfer.high", false),
            new ApcVariable('G', "input.transfer.reason", true, TransferReason),
            new ApcVariable('M', "input.voltage.maximum", true),
            new ApcVariable('N', "input.voltage.minimum", true),
            new ApcVariable('/', "output.current", true),
            new ApcVariable('O', "output.voltage", true),
            new ApcVariable('o', "output.voltage.nominal", false),
            new ApcVariable('h', "ambient.humidity", true),
            new ApcVariable('H', "ambient.0.humidity", true, packed: true),
            new ApcVariable('{', "ambient.0.humidity.high", true, packed: true),
            new ApcVariable('}', "ambient.0.humidity.low", true, packed: true),
            new ApcVariable('t', "ambient.temperature", true),
            new ApcVariable('T', "ambient.0.temperature", true, packed: true, pattern: @"^[0-9]{2}\.[0-9]{2}$"),
            new ApcVariable('[', "ambient.0.temperature.high", true, packed: true),
            new ApcVariable(']', "ambient.0.temperature.low", true, packed: true),
            new ApcVariable('x', "battery.date", false),
            new ApcVariable('f', "battery.charge", true),
            new ApcVariable('e', "battery.charge.restart", false),
            new ApcVariable('B', "battery.voltage", true),
            new ApcVariable('g', "battery.voltage.nominal", false),
            new ApcVariable('j', "battery.runtime", true, Minutes),
            new ApcVariable('q', "battery.runtime.low", false, Minutes),
            new ApcVariable('>', "battery.packs", false),
            new ApcVariable('<', "battery.packs.bad", false),
            new ApcVariable('k', "battery.alarm.threshold", false),
            new ApcVariable('T', "device.uptime", true, Hours, pattern: @"^[0-9]{3}\.[0-9]{1}$"),
            new ApcVariable('n', "ups.serial", false, s => s.TrimEnd('\0')),
            new ApcVariable('m', "ups.mfr.date", false),
            new ApcVariable('\x01', "ups.model", false),
            new ApcVariable('v', "ups.firmware.aux", false),
            new ApcVariable('\x0c', "ups.display.language", false),
            // Smart-UPS SPM multi-byte commands (NUT master; 2.8.0 has none): prefix 0x9F, listed in part 4 of 'a'.
            new ApcVariable(MultiBytePrefix, "input.frequency", true, subCommand: 0xD3),
            new ApcVariable(MultiBytePrefix, "battery.current", true, subCommand: 0xD4),
        };

        public const char MultiBytePrefix = '\x9f';

        /// <summary>
        /// Firmware (<c>V</c>/<c>b</c> reply) → supported command characters for units that do not answer <c>a</c>
        /// usefully (serial.md §2.2, the table of NUT 2.8.0's apcsmart). <c>set\x01</c> stands for a 2-hex-digit <c>b</c> reply.
        /// </summary>
        public static readonly IReadOnlyDictionary<string, string> CompatibilityTable = BuildCompatibilityTable();

        private static Dictionary<string, string> BuildCompatibilityTable()
        {
            var t = new Dictionary<string, string>(StringComparer.Ordinal);
            void Add(string chars, params string[] keys) { foreach (var k in keys) t[k] = chars; }
            Add("@789ABCDEFGKLMNOPQRSTUVWXYZcefgjklmnopqrsuwxz/<>\\^\x0c\x16", "0XI", "0XM");
            Add("@79ABCDEFGKLMNOPQRSUVWXYZcefgjklmnopqrsuxz/<>", "0ZI", "5UI", "5ZM");
            Add("@79ABCDEFGKLMNOPQRSUVWXYZcefgjklmnopqrsuxz", "6QD", "6QI", "6TD", "6TI", "7QD", "7QI", "7TD", "7TI", "8QD", "8QI", "8TD", "8TI");
            Add("@789ABCFGKLMNOPQSTUVWXYZfg", "6JI");
            Add("@79ABCEFGKLMNOPQRSUVWXYZcfg", "7II", "9II", "9GI", "8II");
            Add("@79ABCEFGKLMNOPQRSUVWXYZfg", "8GI");
            Add("@\x01ABPQRSUYbdfgjmnx9", "5.4.D");
            Add("@789ABCFGKLMNOPQRSUVWXYZ", "set\x01");
            return t;
        }

        /// <summary>The compatibility-table key for a firmware reply: 2 hex digits are the "set\1" family.</summary>
        public static string CompatibilityKey(string firmware) =>
            Regex.IsMatch(firmware, "^[a-fA-F0-9]{2}$") ? "set\x01" : firmware;

        /// <summary>Matrix-UPS for keys starting with 0 or 5, else Smart-UPS (what NUT sets as ups.model).</summary>
        public static string CompatibilityModel(string key) => key.Length > 0 && (key[0] == '0' || key[0] == '5') ? "Matrix-UPS" : "Smart-UPS";

        /// <summary>Variables a very old unit (no usable <c>a</c>) is probed for, in order (NUT 2.8.0's legacy list).</summary>
        public static readonly IReadOnlyList<string> LegacyProbe = new[]
        {
            "ups.temperature", "ups.load", "input.voltage", "output.voltage", "battery.charge", "battery.voltage",
            "ups.model", "ups.serial", "output.current",
        };

        /// <summary>
        /// Sub-command bytes per prefix from the optional fourth part of an <c>a</c> reply
        /// (<c>&lt;prefix&gt;:&lt;subs&gt;</c> groups, separated by further prefixes).
        /// </summary>
        public static Dictionary<char, string> MultiByteCommands(string reply)
        {
            var result = new Dictionary<char, string>();
            if (!ProtocolInfoPattern.IsMatch(reply)) return result;
            var parts = reply.Split('.');
            if (parts.Length < 4) return result;
            var ext = parts[3];
            for (var i = 0; i + 1 < ext.Length; )
            {
                if (ext[i + 1] != ':') { i++; continue; }
                var prefix = ext[i];
                var j = i + 2;
                var subs = new StringBuilder();
                while (j < ext.Length && !(j + 1 < ext.Length && ext[j + 1] == ':')) subs.Append(ext[j++]);
                result[prefix] = subs.ToString();
                i = j;
            }
            return result;
        }

        /// <summary>Splits a packed reply into at most 4 instance values; empty fields become N/A.</summary>
        public static IReadOnlyList<string> Unpack(string reply)
        {
            var fields = reply.Split(',');
            return fields.Take(4).Select(f => f.Length == 0 ? "N/A" : f).ToList();
        }

        /// <summary><c>ambient.0.temperature</c> → <c>ambient.{n}.temperature</c>.</summary>
        public static string InstanceName(string packedName, int n) => packedName.Replace(".0.", "." + n.ToString(CultureInfo.InvariantCulture) + ".");

        public static ApcVariable? Find(char command) => Variables.FirstOrDefault(v => v.Command == command);

        /// <summary>Instant commands: NUT name → command byte.</summary>
        public static readonly IReadOnlyList<(string Name, char Command)> Commands = new[]
        {
            ("test.panel.start", 'A'), ("test.failure.start", 'U'), ("test.battery.start", 'W'), ("test.battery.stop", 'W'),
            ("calibrate.start", 'D'), ("calibrate.stop", 'D'), ("bypass.start", '^'), ("bypass.stop", '^'),
            ("load.on", '\x0e'), ("load.off", 'Z'), ("shutdown.stayoff", 'K'), ("shutdown.return", 'S'),
        };

        /// <summary>Status tokens from the <c>Q</c> register (two hex digits); null when not hex.</summary>
        public static string? Status(string reply)
        {
            if (!int.TryParse(reply.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var reg)) return null;
            return Status(reg);
        }

        public static string Status(int reg)
        {
            if (reg == 0) return "OFF";
            var tokens = new List<string>();
            if ((reg & 0x01) != 0) tokens.Add("CAL");
            if ((reg & 0x02) != 0) tokens.Add("TRIM");
            if ((reg & 0x04) != 0) tokens.Add("BOOST");
            if ((reg & 0x08) != 0) tokens.Add("OL");
            if ((reg & 0x10) != 0) tokens.Add("OB");
            if ((reg & 0x20) != 0) tokens.Add("OVER");
            if ((reg & 0x40) != 0) tokens.Add("LB");
            if ((reg & 0x80) != 0) tokens.Add("RB");
            return string.Join(" ", tokens);
        }

        /// <summary>Applies an alert character to the status register (serial.md §2.1).</summary>
        public static int ApplyAlert(int reg, char alert) => alert switch
        {
            '!' => (reg & ~0x08) | 0x10,
            '$' => (reg & ~0x10) | 0x08,
            '%' => reg | 0x40,
            '+' => reg & ~0x40,
            '#' => reg | 0x80,
            '?' => reg | 0x20,
            '=' => reg & ~0x20,
            _ => reg,
        };

        private static readonly Regex ProtocolInfoPattern = new Regex(@"^[0-9]\.[^.]*\.[^.]+(\.[^.]+)?$", RegexOptions.Singleline);

        /// <summary>Supported single-byte commands from an <c>a</c> reply; null when it is not the version.alerts.commands form.</summary>
        public static string? SupportedCommands(string reply)
        {
            if (!ProtocolInfoPattern.IsMatch(reply)) return null;
            return reply.Split('.')[2];
        }

        /// <summary>Allowed values per command character from a <c>^Z</c> reply for <paramref name="locale"/>.</summary>
        public static Dictionary<char, List<string>> Capabilities(string reply, char locale)
        {
            var result = new Dictionary<char, List<string>>();
            var i = 0;
            while (i < reply.Length && reply[i] == '#') i++;
            while (i + 4 <= reply.Length)
            {
                var cmd = reply[i];
                var loc = reply[i + 1];
                int count = reply[i + 2] - '0', length = reply[i + 3] - '0';
                i += 4;
                if (count < 0 || length < 0) { count = 0; length = 0; }
                var entries = new List<string>();
                for (var n = 0; n < count && i + length <= reply.Length; n++, i += length) entries.Add(reply.Substring(i, length));
                if (loc == locale || loc == '4')
                {
                    if (!result.TryGetValue(cmd, out var list)) result[cmd] = list = new List<string>();
                    foreach (var e in entries) if (!list.Contains(e)) list.Add(e);
                }
                while (i < reply.Length && reply[i] == '#') i++;
            }
            return result;
        }

        private static string? TestInterval(string s)
        {
            var t = s.Trim();
            return int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var h) ? (h * 3600).ToString(CultureInfo.InvariantCulture) : "0";
        }

        private static string? Hours(string s) =>
            (LeadingInteger(s) * 3600).ToString(CultureInfo.InvariantCulture);

        /// <summary>strtol-like: the leading integer of <paramref name="s"/>, 0 if none.</summary>
        public static long LeadingInteger(string s)
        {
            var t = s.TrimStart();
            var i = 0;
            if (i < t.Length && (t[i] == '-' || t[i] == '+')) i++;
            while (i < t.Length && char.IsDigit(t[i])) i++;
            return long.TryParse(t.Substring(0, i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0;
        }

        private static string? Minutes(string s)
        {
            var colon = s.IndexOf(':');
            var digits = colon >= 0 ? s.Substring(0, colon) : s;
            return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
                ? (m * 60).ToString(CultureInfo.InvariantCulture) : null;
        }

        private static string? TransferReason(string s) => s switch
        {
            "R" => "unacceptable utility voltage rate of change",
            "H" => "high utility voltage",
            "L" => "low utility voltage",
            "T" => "line voltage notch or spike",
            "O" => "no transfers yet since turnon",
            "S" => "simulated power failure or UPS test",
            _ => s,
        };

        public static string Printable(string s) => new string(s.Select(c => c < 32 ? '.' : c).ToArray());

        public static byte[] Bytes(char c) => new[] { (byte)c };
        public static string Text(byte[] b) => Encoding.GetEncoding(28591).GetString(b);
    }
}
