using System;
using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// Applies one successful poll's <c>ups.status</c> to a UPS's flags in upsmon master order (monitor.md §5.4, §6.1):
    /// clearing pass, then tokens left to right, then OTHER/NOTOTHER.
    /// </summary>
    internal sealed class StatusInterpreter
    {
        private static readonly HashSet<string> IgnoredTokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "HB", "CHRG", "DISCHRG" };
        private static readonly string[] EcoBuzzwords = { ":ECO", ":ESS", ":HE", ":SMART" };

        private readonly MonitorConfig _config;
        private readonly Action<NotifyType, UpsState, string?> _notify;
        private readonly IMonitorLog _log;

        public StatusInterpreter(MonitorConfig config, Action<NotifyType, UpsState, string?> notify, IMonitorLog log)
        {
            _config = config;
            _notify = notify;
            _log = log;
        }

        /// <summary>Intent of master's buzzword test: ECO when the mode names an ECO-like mode.</summary>
        public static bool IsEcoBuzzword(string? buzzwords) =>
            !string.IsNullOrEmpty(buzzwords) && EcoBuzzwords.Any(b => buzzwords!.IndexOf(b, StringComparison.OrdinalIgnoreCase) >= 0);

        public void Apply(UpsState ups, string status, string? alarmText, bool ecoBuzzword, long now)
        {
            ups.LastStatus = status;
            var tokens = status.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            bool Contains(string s) => status.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0;
            bool ecoToken = tokens.Any(t => t.Equals("ECO", StringComparison.OrdinalIgnoreCase));

            if (!Contains("LB")) ups.Clear(UpsFlags.LowBattery);
            if (!Contains("FSD")) ups.Clear(UpsFlags.Fsd);
            ClearIfGone(ups, "CAL", UpsFlags.Calibrating, NotifyType.NOTCAL, Contains);
            if (ClearIfGone(ups, "OFF", UpsFlags.Off, NotifyType.NOTOFF, Contains)) { ups.OffSince = 0; ups.OffLongEnough = false; }
            ClearIfGone(ups, "BYPASS", UpsFlags.Bypass, NotifyType.NOTBYPASS, Contains);
            if (ClearIfGone(ups, "ALARM", UpsFlags.Alarm, NotifyType.NOTALARM, Contains)) ups.AlarmText = null;
            if (ClearIfGone(ups, "OVER", UpsFlags.Overload, NotifyType.NOTOVER, Contains)) ups.OverSince = 0;
            ClearIfGone(ups, "TRIM", UpsFlags.Trim, NotifyType.NOTTRIM, Contains);
            ClearIfGone(ups, "BOOST", UpsFlags.Boost, NotifyType.NOTBOOST, Contains);
            if (ups.Has(UpsFlags.Eco) && !ecoToken && !ecoBuzzword)
            {
                ups.Clear(UpsFlags.Eco);
                _notify(NotifyType.NOTECO, ups, null);
            }

            var others = new List<string>();
            foreach (var token in tokens)
            {
                ApplyToken(ups, token.ToUpperInvariant(), token, alarmText, now, others);
                if (!(ups.Has(UpsFlags.OnBattery) && ups.Has(UpsFlags.LowBattery)) || ups.Has(UpsFlags.Calibrating))
                    ups.LastNonCritical = now;
            }

            if (ecoBuzzword && !ups.Has(UpsFlags.Eco))
            {
                ups.Set(UpsFlags.Eco);
                _notify(NotifyType.ECO, ups, null);
            }

            string otherText = string.Join(" ", others);
            if (otherText != ups.OtherTokens)
            {
                bool hadOthers = ups.OtherTokens.Length > 0;
                ups.OtherTokens = otherText;
                if (otherText.Length > 0) _notify(NotifyType.OTHER, ups, otherText);
                else if (hadOthers) _notify(NotifyType.NOTOTHER, ups, null);
            }
        }

        private bool ClearIfGone(UpsState ups, string token, UpsFlags flag, NotifyType notClear, Func<string, bool> contains)
        {
            if (contains(token) || !ups.Has(flag)) return false;
            ups.Clear(flag);
            _notify(notClear, ups, null);
            return true;
        }

        private void ApplyToken(UpsState ups, string upper, string raw, string? alarmText, long now, List<string> others)
        {
            switch (upper)
            {
                case "OL":
                    if (!ups.Has(UpsFlags.Online) || ups.Line != LineState.OnLine)
                    {
                        if (ups.Line == LineState.NotOnLine) _notify(NotifyType.ONLINE, ups, null);
                        ups.Line = LineState.OnLine;
                    }
                    ups.Set(UpsFlags.Online);
                    ups.Clear(UpsFlags.OnBattery);
                    break;
                case "OB":
                    if (!ups.Has(UpsFlags.OnBattery)) _notify(NotifyType.ONBATT, ups, null);
                    ups.Set(UpsFlags.OnBattery);
                    ups.Clear(UpsFlags.Online);
                    ups.Line = LineState.NotOnLine;
                    break;
                case "LB":
                    SetWithEvent(ups, UpsFlags.LowBattery, NotifyType.LOWBATT);
                    break;
                case "RB":
                    if (ups.LastReplBattWarn == 0 || now - ups.LastReplBattWarn > _config.RbWarnTime)
                    {
                        ups.LastReplBattWarn = now;
                        _notify(NotifyType.REPLBATT, ups, null);
                    }
                    break;
                case "FSD":
                    SetWithEvent(ups, UpsFlags.Fsd, NotifyType.FSD);
                    break;
                case "CAL":
                    SetWithEvent(ups, UpsFlags.Calibrating, NotifyType.CAL);
                    break;
                case "OFF":
                    if (SetWithEvent(ups, UpsFlags.Off, NotifyType.OFF)) ups.OffSince = now;
                    if (!ups.OffLongEnough && _config.OffDuration >= 0 && now - ups.OffSince >= _config.OffDuration)
                    {
                        ups.OffLongEnough = true;
                        _log.Log(MonitorLogLevel.Warning, $"UPS [{ups.System}] is reported as (administratively) OFF for {now - ups.OffSince} seconds; it no longer counts as a power source");
                    }
                    break;
                case "BYPASS":
                    SetWithEvent(ups, UpsFlags.Bypass, NotifyType.BYPASS);
                    break;
                case "ECO":
                    SetWithEvent(ups, UpsFlags.Eco, NotifyType.ECO);
                    break;
                case "ALARM":
                    string text = string.IsNullOrEmpty(alarmText) ? "n/a" : alarmText!;
                    if (!ups.Has(UpsFlags.Alarm) || ups.AlarmText != text)
                    {
                        ups.Set(UpsFlags.Alarm);
                        ups.AlarmText = text;
                        _notify(NotifyType.ALARM, ups, text);
                    }
                    break;
                case "OVER":
                    if (SetWithEvent(ups, UpsFlags.Overload, NotifyType.OVER)) ups.OverSince = now;
                    break;
                case "TRIM":
                    SetWithEvent(ups, UpsFlags.Trim, NotifyType.TRIM);
                    break;
                case "BOOST":
                    SetWithEvent(ups, UpsFlags.Boost, NotifyType.BOOST);
                    break;
                default:
                    if (!IgnoredTokens.Contains(upper)) others.Add(raw);
                    break;
            }
        }

        private bool SetWithEvent(UpsState ups, UpsFlags flag, NotifyType type)
        {
            if (ups.Has(flag)) return false;
            ups.Set(flag);
            _notify(type, ups, null);
            return true;
        }
    }
}
