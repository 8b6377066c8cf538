using System;
using System.Collections.Generic;
using System.Globalization;

namespace UpsPS.Engine.Drivers.UsbHid
{
    /// <summary>Internal status flags set by BOOL rows, composed into ups.status / ups.alarm / input.transfer.reason (spec §7).</summary>
    public sealed class HidStatusComposer
    {
        private readonly Dictionary<string, bool> _flags = new Dictionary<string, bool>(StringComparer.Ordinal);

        public bool OnlineDischargeOnBattery { get; set; }
        public bool OnlineDischargeCalibration { get; set; }
        /// <summary>MGE/Eaton ABM: the charger is resting, so neither CHRG nor DISCHRG.</summary>
        public bool AbmResting { get; set; }

        /// <summary>Applies a converter result such as "online !offline" or "!lowbatt".</summary>
        public void Apply(string flags)
        {
            foreach (var word in flags.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (word[0] == '!') _flags[word.Substring(1)] = false;
                else _flags[word] = true;
            }
        }

        public bool Has(string flag) => _flags.TryGetValue(flag, out var v) && v;
        public bool Reported(string flag) => _flags.ContainsKey(flag);

        public void Clear() => _flags.Clear();

        /// <summary>ups.status tokens; <paramref name="batteryCharge"/> decides CHRG when the device reports no "fully charged" flag.</summary>
        public string ComposeStatus(string? batteryCharge)
        {
            var tokens = new List<string>();
            var online = Has("online");
            var dischrg = Has("dischrg");
            var cal = Has("cal");
            var onBattery = Has("offline");
            var onlineToken = false;
            if (online && dischrg)
            {
                if (OnlineDischargeCalibration) cal = true;
                else if (OnlineDischargeOnBattery) onBattery = true;
                else onlineToken = true;
            }
            else if (online) onlineToken = true;
            else if (!Reported("online") && !Reported("offline") && dischrg) onBattery = true;

            if (cal) tokens.Add("CAL");
            if (onBattery) tokens.Add("OB");
            if (onlineToken && !(cal && OnlineDischargeCalibration && dischrg)) tokens.Add("OL");

            if (!AbmResting)
            {
                if (dischrg && !Has("depleted")) tokens.Add("DISCHRG");
                if (Has("chrg"))
                {
                    // NUT 2.8.0 reports CHRG whenever the device says Charging (the PowerWalker dump shows "OL CHRG" at
                    // 100 %); only an explicit FullyCharged=1 suppresses it. The spec's 0 < charge < 100 rule is later NUT.
                    if (!(Reported("fullycharged") && Has("fullycharged"))) tokens.Add("CHRG");
                }
            }
            if (Has("lowbatt") || Has("timelimitexp") || Has("shutdownimm")) tokens.Add("LB");
            if (Has("overload")) tokens.Add("OVER");
            if (Has("replacebatt") || Has("nobattery")) tokens.Add("RB");
            if (Has("trim")) tokens.Add("TRIM");
            if (Has("boost")) tokens.Add("BOOST");
            if (Has("bypassauto") || Has("bypassman")) tokens.Add("BYPASS");
            if (Has("off")) tokens.Add("OFF");
            if (Has("ecomode")) tokens.Add("ECO");
            return string.Join(" ", tokens);
        }

        private static readonly (string Flag, string Text)[] AlarmTexts =
        {
            ("replacebatt", "Replace battery!"), ("shutdownimm", "Shutdown imminent!"), ("fanfail", "Fan failure!"),
            ("nobattery", "No battery installed!"), ("battvoltlo", "Battery voltage too low!"),
            ("battvolthi", "Battery voltage too high!"), ("chargerfail", "Battery charger fail!"),
            ("overheat", "Temperature too high!"), ("commfault", "Internal UPS fault!"), ("awaitingpower", "Awaiting power!"),
            ("bypassauto", "Automatic bypass mode!"), ("bypassman", "Manual bypass mode!"),
        };

        public string ComposeAlarm()
        {
            var parts = new List<string>();
            foreach (var (flag, text) in AlarmTexts) if (Has(flag)) parts.Add(text);
            return string.Join(" ", parts);
        }

        public string? TransferReason() =>
            Has("vrange") ? "input voltage out of range" : Has("frange") ? "input frequency out of range" : null;
    }
}
