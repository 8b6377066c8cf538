using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>The result of decoding a Voltronic alarm reply: the ups.alarm text and status tokens it sets.</summary>
    public sealed class QxVoltronicAlarm
    {
        public QxVoltronicAlarm(string? text, IReadOnlyList<string> status) { Text = text; Status = status; }

        /// <summary>Text for ups.alarm; null when there is nothing to report.</summary>
        public string? Text { get; }

        /// <summary>Status tokens raised by the reply (LB, OVER, RB).</summary>
        public IReadOnlyList<string> Status { get; }
    }

    /// <summary>
    /// Voltronic <c>QWS</c> warning bits and <c>QFS</c> fault codes (serial.md §1.6). The texts are wire data:
    /// they are what NUT 2.8.0 puts into ups.alarm, character for character.
    /// </summary>
    public static class QxVoltronicAlarms
    {
        /// <summary>ups.alarm values longer than this (NUT's 256 minus 32 kept for other alarms) use the bit-number form.</summary>
        private const int ExplicitLimit = 256 - 32;

        private static readonly Dictionary<int, string> Warnings = new Dictionary<int, string>
        {
            [0] = "Battery disconnected.", [1] = "Neutral not connected.", [2] = "Site fault.",
            [3] = "Phase sequence incorrect.", [4] = "Phase sequence incorrect in bypass.",
            [5] = "Input frequency unstable in bypass.", [6] = "Battery overcharged.", [7] = "Low battery.",
            [8] = "Overload alarm.", [9] = "Fan alarm.", [10] = "EPO enabled.", [11] = "Unable to turn on UPS.",
            [12] = "Over temperature alarm.", [13] = "Charger alarm.", [14] = "Remote auto shutdown.",
            [15] = "L1 input fuse not working.", [16] = "L2 input fuse not working.", [17] = "L3 input fuse not working.",
            [18] = "Positive PFC abnormal in L1.", [19] = "Negative PFC abnormal in L1.",
            [20] = "Positive PFC abnormal in L2.", [21] = "Negative PFC abnormal in L2.",
            [22] = "Positive PFC abnormal in L3.", [23] = "Negative PFC abnormal in L3.",
            [24] = "Abnormal in CAN-bus communication.", [25] = "Abnormal in synchronous signal circuit.",
            [26] = "Abnormal in synchronous pulse signal circuit.", [27] = "Abnormal in host signal circuit.",
            [28] = "Male connector of parallel cable not connected well.",
            [29] = "Female connector of parallel cable not connected well.",
            [30] = "Parallel cable not connected well.",
            [31] = "Battery connection not consistent in parallel systems.",
            [32] = "AC connection not consistent in parallel systems.",
            [33] = "Bypass connection not consistent in parallel systems.",
            [34] = "UPS model types not consistent in parallel systems.",
            [35] = "Capacity of UPSes not consistent in parallel systems.",
            [36] = "Auto restart setting not consistent in parallel systems.",
            [37] = "Battery cell over charge.",
            [38] = "Battery protection setting not consistent in parallel systems.",
            [39] = "Battery detection setting not consistent in parallel systems.",
            [40] = "Bypass not allowed setting not consistent in parallel systems.",
            [41] = "Converter setting not consistent in parallel systems.",
            [42] = "High loss point for frequency in bypass mode not consistent in parallel systems.",
            [43] = "Low loss point for frequency in bypass mode not consistent in parallel systems.",
            [44] = "High loss point for voltage in bypass mode not consistent in parallel systems.",
            [45] = "Low loss point for voltage in bypass mode not consistent in parallel systems.",
            [46] = "High loss point for frequency in AC mode not consistent in parallel systems.",
            [47] = "Low loss point for frequency in AC mode not consistent in parallel systems.",
            [48] = "High loss point for voltage in AC mode not consistent in parallel systems.",
            [49] = "Low loss point for voltage in AC mode not consistent in parallel systems.",
            [50] = "Warning for locking in bypass mode after 3 consecutive overloads within 30 min.",
            [51] = "Warning for three-phase AC input current unbalance.",
            [52] = "Warning for a three-phase input current unbalance detected in battery mode.",
            [53] = "Warning for Inverter inter-current unbalance.",
            [54] = "Programmable outlets cut off pre-alarm.",
            [55] = "Warning for Battery replace.",
            [56] = "Abnormal warning on input phase angle.",
            [57] = "Warning!! Cover of maintain switch is open.",
            [61] = "EEPROM operation error.",
        };

        private static readonly Dictionary<int, string> WarningStatus = new Dictionary<int, string> { [7] = "LB", [8] = "OVER", [55] = "RB" };

        /// <summary>
        /// Decodes a <c>QWS</c> reply (<c>(</c> + 64 characters '0'/'1'). Null when the reply is not a warning list
        /// (rejected, short, other characters); an alarm with no text when no bit is set.
        /// </summary>
        public static QxVoltronicAlarm? ParseWarnings(string? reply)
        {
            if (reply == null || reply.Length < 65 || reply[0] != '(') return null;
            var bits = reply.Substring(1, 64);
            if (bits.Any(c => c != '0' && c != '1')) return null;
            var known = new List<string>();
            var knownBits = new List<int>();
            var unknownBits = new List<int>();
            var status = new List<string>();
            for (var i = 0; i < bits.Length; i++)
            {
                if (bits[i] != '1') continue;
                if (Warnings.TryGetValue(i, out var text)) { known.Add(text); knownBits.Add(i + 1); }
                else unknownBits.Add(i + 1);
                if (WarningStatus.TryGetValue(i, out var token)) status.Add(token);
            }
            if (known.Count == 0 && unknownBits.Count == 0) return new QxVoltronicAlarm(null, status);
            string Bits(IEnumerable<int> list) => string.Join(",", list.Select(b => " #" + b.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
            var unknown = unknownBits.Count > 0 ? $"Unknown warnings [bit:{Bits(unknownBits)}]" : null;
            string spelled, numbered;
            if (known.Count > 0)
            {
                spelled = string.Join(" ", known) + (unknown != null ? " " + unknown : "");
                numbered = $"Known (see log or manual) [bit:{Bits(knownBits)}]" + (unknown != null ? "; " + unknown : "");
            }
            else spelled = numbered = unknown!;
            return new QxVoltronicAlarm("UPS warnings: " + (spelled.Length < ExplicitLimit ? spelled : numbered), status);
        }

        private static readonly Dictionary<int, string> Faults = new Dictionary<int, string>
        {
            [1] = "Bus voltage not within default setting.", [2] = "Bus voltage over maximum value.",
            [3] = "Bus voltage below minimum value.", [4] = "Bus voltage differences out of acceptable range.",
            [5] = "Bus voltage of slope rate drops too fast.", [6] = "Over current in PFC input inductor.",
            [11] = "Inverter voltage not within default setting.", [12] = "Inverter voltage over maximum value.",
            [13] = "Inverter voltage below minimum value.", [14] = "Inverter short-circuited.",
            [15] = "L2 phase inverter short-circuited.", [16] = "L3 phase inverter short-circuited.",
            [17] = "L1L2 inverter short-circuited.", [18] = "L2L3 inverter short-circuited.",
            [19] = "L3L1 inverter short-circuited.", [21] = "Battery SCR short-circuited.",
            [22] = "Line SCR short-circuited.", [23] = "Inverter relay open fault.",
            [24] = "Inverter relay short-circuited.", [25] = "Input and output wires oppositely connected.",
            [26] = "Battery oppositely connected.", [27] = "Battery voltage is too high.",
            [28] = "Battery voltage too low.", [29] = "Failure for battery fuse being open-circuited.",
            [31] = "CAN-bus communication fault.", [32] = "Host signal circuit fault.",
            [33] = "Synchronous signal circuit fault.", [34] = "Synchronous pulse signal circuit fault.",
            [35] = "Parallel cable disconnected.", [36] = "Load unbalanced.", [41] = "Over temperature fault.",
            [42] = "Communication failure between CPUs in control board.", [43] = "Overload fault.",
            [44] = "Fan failure.", [45] = "Charger failure.", [46] = "Model fault.", [47] = "MCU communication fault.",
        };

        private static readonly Dictionary<int, string> P31Faults = new Dictionary<int, string>
        {
            [1] = "Fan failure.", [2] = "Over temperature fault.", [3] = "Battery voltage is too high.",
            [4] = "Battery voltage too low.", [5] = "Inverter relay short-circuited.",
            [6] = "Inverter voltage over maximum value.", [7] = "Overload fault.",
            [8] = "Bus voltage exceeds its upper limit.", [9] = "Bus soft start fail.",
            [10] = "Unknown fault [Fault code: 10]", [51] = "Over current fault.",
            [52] = "Bus voltage below its under limit.", [53] = "Inverter soft start fail.", [54] = "Self test fail.",
            [55] = "Output DC voltage exceeds its upper limit.", [56] = "Battery open fault.",
            [57] = "Current sensor fault.", [58] = "Battery short.", [59] = "Inverter voltage below its lower limit.",
        };

        /// <summary>
        /// Decodes a <c>QFS</c> fault code (the two characters after '('). 2.8.0 never sends QFS (its QGS fault test
        /// compares with the number 1, not '1'); this is here so that the table exists if that is ever fixed.
        /// </summary>
        public static QxVoltronicAlarm? ParseFault(string? reply, int protocol)
        {
            if (reply == null || reply.Length < 3 || reply[0] != '(' || reply == "(NAK") return null;
            if (reply == "(OK") return new QxVoltronicAlarm("No fault found", new string[0]);
            var body = reply.Substring(1);
            var code = body.Length >= 2 ? body.Substring(0, 2) : body;
            var wellFormed = code.Length == 2 && "0123456789ABC".IndexOf(code[0]) >= 0 && "0123456789ABC".IndexOf(code[1]) >= 0
                && (code[0] == '1' || char.IsDigit(code[1])) && (body.Length == 2 || "0123456789ABC".IndexOf(body[2]) < 0);
            string Unknown() => $"Unknown fault [{body}]";
            if (!wellFormed) return new QxVoltronicAlarm(Unknown(), new string[0]);
            var number = int.TryParse(new string(code.TakeWhile(char.IsDigit).ToArray()), out var n) ? n : 0;
            string text;
            if (protocol == 31)
                text = "ABC".IndexOf(code[1]) >= 0 || !P31Faults.TryGetValue(number, out var t31) ? Unknown() : t31;
            else if (number == 1 && "ABC".IndexOf(code[1]) >= 0)
                text = $"L{"ABC".IndexOf(code[1]) + 1} inverter negative power out of acceptable range.";
            else text = Faults.TryGetValue(number, out var t) ? t : Unknown();
            var overload = (protocol == 31 && number == 7 && text == "Overload fault.") || (protocol != 31 && number == 43);
            return new QxVoltronicAlarm(text, overload ? new[] { "OVER" } : new string[0]);
        }

        /// <summary><c>QMOD</c> letter → (status token, alarm text) as 2.8.0 maps them; "!OL" clears OL.</summary>
        public static (string? status, string? alarm) Mode(char letter)
        {
            switch (letter)
            {
                case 'P': return (null, "UPS is going ON");
                case 'S': return ("OFF", null);
                case 'Y': return ("BYPASS", null);
                case 'L': return ("OL", null);
                case 'B': return ("!OL", null);
                case 'T': return ("CAL", null);
                case 'F': return (null, "Fault reported by UPS.");
                case 'E': return (null, "UPS is in ECO Mode.");
                case 'C': return (null, "UPS is in Converter Mode.");
                case 'D': return ("FSD", "UPS is shutting down!");
                default: return (null, null);
            }
        }
    }
}
