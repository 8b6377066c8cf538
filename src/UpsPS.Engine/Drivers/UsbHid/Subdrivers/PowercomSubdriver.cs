using System;
using System.Collections.Generic;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>Powercom (0d9f), spec §9.8: PDC table plus the odd delay encodings and inverted beeper values.</summary>
    public sealed class PowercomSubdriver : HidSubdriver
    {
        public override string Name => "powercom";
        public override string Version => "PowerCOM HID 0.71";

        protected override IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices { get; } =
            new[] { ((ushort)0x0d9f, P(0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x0004, 0x0001)) };

        private static readonly HidLookupConverter Beeper = new HidLookupConverter((1, "enabled"), (2, "disabled"));

        public override IReadOnlyList<HidMappingRow> Table { get; } = BuildTable();

        private static IReadOnlyList<HidMappingRow> BuildTable()
        {
            var rows = new List<HidMappingRow>();
            foreach (var r in GenericPdcSubdriver.BuildTable())
            {
                if (r.Name == "ups.beeper.status" || r.Name.StartsWith("beeper.", StringComparison.Ordinal)) continue;
                rows.Add(r);
            }
            rows.Add(V("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", converter: Beeper));
            rows.Add(C("beeper.enable", "UPS.PowerSummary.AudibleAlarmControl", 1));
            rows.Add(C("beeper.disable", "UPS.PowerSummary.AudibleAlarmControl", 0));
            return rows;
        }

        /// <summary>DelayBeforeStartup in minutes, byte-swapped in a 16-bit word.</summary>
        public static int EncodeStartupDelay(int seconds, bool byteOrderFallback)
        {
            var minutes = Math.Min(seconds / 60, 0xFF);
            return byteOrderFallback ? minutes : (minutes << 8) & 0xFF00 | (minutes >> 8);
        }

        /// <summary>DelayBeforeShutdown = (minutes &lt;&lt; 8) | seconds; 0 is sent as 1 (0 would mean the longest delay).</summary>
        public static int EncodeShutdownDelay(int seconds, bool stayOff)
        {
            if (seconds <= 0) seconds = 1;
            var value = ((seconds / 60) << 8) | (seconds % 60);
            return value | (stayOff ? 0x0080 : 0x0040);
        }

        private static readonly int[] DiscreteDelays = { 12, 18, 24, 30, 36, 42, 48, 54, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600 };

        /// <summary>Raptor / Smart KING Pro: the index (1..18) of the smallest listed delay not below the request.</summary>
        public static int DiscreteDelayIndex(int seconds)
        {
            for (var i = 0; i < DiscreteDelays.Length; i++) if (DiscreteDelays[i] >= seconds) return i + 1;
            return DiscreteDelays.Length;
        }
    }
}
