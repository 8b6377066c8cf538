using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

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

        /// <summary>Applies a converter result such as "online" or "!lowbatt".</summary>
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

        /// <summary>lbrb_log_delay_sec: how long LB and RB are held back while the UPS is online (and calibrating).</summary>
        public TimeSpan LbRbLogDelay { get; set; }

        /// <summary>lbrb_log_delay_without_calibrating: hold LB/RB back whenever online, not only while calibrating.</summary>
        public bool LbRbDelayWithoutCalibrating { get; set; }

        private DateTimeOffset? _lbRbSince;

        /// <summary>
        /// ups.status at <paramref name="now"/>: as <see cref="ComposeStatus(string?)"/>, but LB and RB that appeared while
        /// the UPS is online (and calibrating, unless <see cref="LbRbDelayWithoutCalibrating"/>) are left out until they have
        /// been reported for <see cref="LbRbLogDelay"/> (firmwares that flag them briefly during a self-test).
        /// </summary>
        public string ComposeStatus(string? batteryCharge, DateTimeOffset now)
        {
            var status = ComposeStatus(batteryCharge);
            if (LbRbLogDelay <= TimeSpan.Zero) return status;
            var tokens = status.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).ToList();
            var hasLbRb = tokens.Contains("LB") || tokens.Contains("RB");
            var online = Has("online");
            var calibrating = tokens.Contains("CAL") || Has("cal");
            if (!hasLbRb || !online || !(calibrating || LbRbDelayWithoutCalibrating))
            {
                _lbRbSince = null;
                return status;
            }
            _lbRbSince ??= now;
            if (now - _lbRbSince.Value >= LbRbLogDelay) return status;
            return string.Join(" ", tokens.Where(t => t != "LB" && t != "RB"));
        }

        /// <summary>
        /// UpsPS extension (driver option <c>upsps_later_nut</c>): publish the later-NUT ECO token. NUT 2.8.0 has no ECO, so it is
        /// off by default.
        /// </summary>
        public bool EcoToken { get; set; }

        /// <summary>
        /// ups.status tokens in NUT 2.8.0's order: OB/OL, DISCHRG, CHRG, LB, OVER, RB, TRIM, BOOST, BYPASS, OFF, CAL
        /// (then the ECO extension). As in 2.8.0, OB means "online is not set", whatever else the device says.
        /// <paramref name="batteryCharge"/> is unused by 2.8.0's rules and kept for callers.
        /// </summary>
        public string ComposeStatus(string? batteryCharge)
        {
            var tokens = new List<string>();
            var online = Has("online");
            var dischrg = Has("dischrg");
            var cal = Has("cal");
            if (!online) tokens.Add("OB");
            else if (dischrg)
            {
                // onlinedischarge (2.8.0) / onlinedischarge_onbattery: OL+DISCHRG is OB. onlinedischarge_calibration
                // (later NUT, an UpsPS extension here): OL+DISCHRG is CAL. Neither: OL, as 2.8.0 does.
                if (OnlineDischargeCalibration) cal = true;
                if (OnlineDischargeOnBattery) tokens.Add("OB");
                else if (!OnlineDischargeCalibration) tokens.Add("OL");
            }
            else tokens.Add("OL");

            if (!AbmResting)
            {
                if (dischrg && !Has("depleted")) tokens.Add("DISCHRG");
                // 2.8.0 reports CHRG whenever the device says Charging unless it also says FullyCharged (the
                // PowerWalker dump shows "OL CHRG" at 100 %).
                if (Has("chrg") && !Has("fullycharged")) tokens.Add("CHRG");
            }
            if (Has("lowbatt") || Has("timelimitexp") || Has("shutdownimm")) tokens.Add("LB");
            if (Has("overload")) tokens.Add("OVER");
            // BatteryPresent=0 ("nobattery") only raises the "No battery installed!" alarm in 2.8.0, never RB.
            if (Has("replacebatt")) tokens.Add("RB");
            if (Has("trim")) tokens.Add("TRIM");
            if (Has("boost")) tokens.Add("BOOST");
            if (Has("bypassauto") || Has("bypassman")) tokens.Add("BYPASS");
            if (Has("off")) tokens.Add("OFF");
            if (cal) tokens.Add("CAL");
            if (EcoToken && Has("ecomode")) tokens.Add("ECO");
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

        private const string AlarmPrefix = "alarm:";

        /// <summary>
        /// A BOOL source for a vendor ups.alarm text (MGE "Emergency stop!"): value 1 adds the text to ups.alarm. The text
        /// travels as one flag word, spaces as '_'.
        /// </summary>
        public static HidConverter AlarmSource(string text)
        {
            var word = AlarmPrefix + text.Replace(' ', '_');
            return new HidLookupConverter((0, "!" + word), (1, word));
        }

        public string ComposeAlarm()
        {
            var parts = new List<string>();
            // Vendor texts first: NUT sets them while walking the table, the status-derived ones afterwards.
            foreach (var kv in _flags)
                if (kv.Value && kv.Key.StartsWith(AlarmPrefix, StringComparison.Ordinal))
                    parts.Add(kv.Key.Substring(AlarmPrefix.Length).Replace('_', ' '));
            foreach (var (flag, text) in AlarmTexts) if (Has(flag)) parts.Add(text);
            return string.Join(" ", parts);
        }

        public string? TransferReason() =>
            Has("vrange") ? "input voltage out of range" : Has("frange") ? "input frequency out of range" : null;
    }
}
