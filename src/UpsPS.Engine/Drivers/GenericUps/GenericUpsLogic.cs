using System;
using System.Collections.Generic;
using UpsPS.Engine.Drivers.Serial;

namespace UpsPS.Engine.Drivers.GenericUps
{
    /// <summary>Pure contact-closure logic: signals from line states, overrides from ups.conf (serial.md §3.1).</summary>
    public sealed class GenericUpsLogic
    {
        public GenericUpsLogic(GenericUpsType type)
        {
            Type = type;
            CablePower = type.CablePower;
            Online = type.Online;
            LowBattery = type.LowBattery;
            ReplaceBattery = type.ReplaceBattery;
            Bypass = type.Bypass;
            Shutdown = type.Shutdown;
        }

        public GenericUpsType Type { get; }
        public ModemLineState CablePower { get; set; }
        public LineCondition Online { get; set; }
        public LineCondition LowBattery { get; set; }
        public LineCondition ReplaceBattery { get; set; }
        public LineCondition Bypass { get; set; }
        public ModemLineState? Shutdown { get; set; }

        /// <summary><c>ups.status</c> for the given input lines: [LB] OL|OB [RB] [BYPASS].</summary>
        public string Status(ModemLineState lines)
        {
            var tokens = new List<string>();
            if (LowBattery.IsDefined && LowBattery.Matches(lines)) tokens.Add("LB");
            tokens.Add(Online.Matches(lines) ? "OL" : "OB");
            if (ReplaceBattery.IsDefined && ReplaceBattery.Matches(lines)) tokens.Add("RB");
            if (Bypass.IsDefined && Bypass.Matches(lines)) tokens.Add("BYPASS");
            return string.Join(" ", tokens);
        }

        /// <summary>Input override (<c>OL=-CTS</c>, <c>LB=DCD</c>, <c>none</c>).</summary>
        public static LineCondition ParseInput(string text)
        {
            if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase)) return LineCondition.None;
            var inverted = text.StartsWith("-", StringComparison.Ordinal);
            var line = (inverted ? text.Substring(1) : text).ToUpperInvariant() switch
            {
                "CTS" => ModemLineState.Cts,
                "DCD" => ModemLineState.Dcd,
                "RNG" => ModemLineState.Ring,
                "DSR" => ModemLineState.Dsr,
                _ => throw new DriverException($"Invalid input line name '{text}' (CTS, DCD, RNG, DSR, none; '-' = active low)"),
            };
            return inverted ? LineCondition.Off(line) : LineCondition.On(line);
        }

        /// <summary>Output override (<c>CP=DTR+RTS</c>, <c>SD=ST</c>, <c>none</c>; <c>-DTR</c> = not DTR).</summary>
        public static ModemLineState ParseOutputs(string text)
        {
            var result = ModemLineState.None;
            foreach (var part in text.Split(new[] { '+', ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.TrimStart('-').ToUpperInvariant();
                if (part.StartsWith("-", StringComparison.Ordinal)) continue;
                result |= name switch
                {
                    "DTR" => ModemLineState.Dtr,
                    "RTS" => ModemLineState.Rts,
                    "ST" => ModemLineState.Break,
                    "NONE" => ModemLineState.None,
                    _ => throw new DriverException($"Invalid output line name '{part}' (DTR, RTS, ST, none)"),
                };
            }
            return result;
        }
    }
}
