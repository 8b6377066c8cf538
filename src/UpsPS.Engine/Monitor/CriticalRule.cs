namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// upsmon master's <c>is_critical()</c> (monitor.md §6.3). Returns the reason text when the UPS no longer
    /// counts towards the power value, null when it still does. Mutates OBLBDURATION timing like NUT.
    /// </summary>
    internal static class CriticalRule
    {
        public static string? Evaluate(UpsState ups, MonitorConfig c, long now, IMonitorLog log)
        {
            if (ups.Has(UpsFlags.Fsd)) return "FSD is set on the UPS";

            if (ups.Comm == CommState.Lost)
            {
                if (ups.Has(UpsFlags.Overload) && c.OverDuration >= 0 && now - ups.OverSince >= c.OverDuration)
                    return $"communication lost while overloaded for {now - ups.OverSince}s (OVERDURATION {c.OverDuration})";
                if (ups.Has(UpsFlags.Alarm) && c.AlarmCritical)
                    return "communication lost while in ALARM state (ALARMCRITICAL 1)";
                if (ups.Has(UpsFlags.Calibrating))
                    return "communication lost while calibrating";
                if (ups.Has(UpsFlags.Bypass))
                    return "communication lost while on bypass";
                if (ups.OffLongEnough || (c.OffDuration >= 0 && ups.Has(UpsFlags.Off)))
                    return "communication lost while administratively OFF";
            }

            if (ups.Has(UpsFlags.Off) && c.OffDuration >= 0 && ups.OffLongEnough)
                return $"OFF for at least OFFDURATION {c.OffDuration}s";

            if (!(ups.Has(UpsFlags.OnBattery) && ups.Has(UpsFlags.LowBattery)))
            {
                ups.ObLbSince = 0;
                return null;
            }

            if (ups.Has(UpsFlags.Calibrating)) return null;

            if (c.ObLbDuration > 0)
            {
                if (ups.ObLbSince == 0)
                {
                    ups.ObLbSince = now;
                    return null;
                }
                if (now - ups.ObLbSince < c.ObLbDuration) return null;
            }

            string oblb = ups.PromotedDead
                ? $"dead: not polled for {now - ups.LastPoll}s (> DEADTIME {c.DeadTime}) and last seen on battery"
                : "on battery and low battery (OB LB)";

            if (ups.Config.Role == MonitorRole.Primary) return oblb;

            if (now - ups.LastNonCritical > c.HostSync)
            {
                log.Log(MonitorLogLevel.Alert, $"Giving up on the primary for UPS [{ups.System}] after {now - ups.LastNonCritical} sec since last comms");
                return $"{oblb}; secondary gave up on the primary after {now - ups.LastNonCritical}s without FSD (> HOSTSYNC {c.HostSync})";
            }
            return null;
        }
    }
}
