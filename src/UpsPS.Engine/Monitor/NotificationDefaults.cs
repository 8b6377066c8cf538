using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace UpsPS.Engine.Monitor
{
    /// <summary>NUT's stock notification texts and default NOTIFYFLAG values (master).</summary>
    public static class NotificationDefaults
    {
        private static readonly Dictionary<NotifyType, string> Messages = new Dictionary<NotifyType, string>
        {
            [NotifyType.ONLINE] = "UPS %s on line power",
            [NotifyType.ONBATT] = "UPS %s on battery",
            [NotifyType.LOWBATT] = "UPS %s battery is low",
            [NotifyType.FSD] = "UPS %s: forced shutdown in progress",
            [NotifyType.COMMOK] = "Communications with UPS %s established",
            [NotifyType.COMMBAD] = "Communications with UPS %s lost",
            [NotifyType.SHUTDOWN] = "Auto logout and shutdown proceeding",
            [NotifyType.REPLBATT] = "UPS %s battery needs to be replaced",
            [NotifyType.NOCOMM] = "UPS %s is unavailable",
            [NotifyType.NOPARENT] = "upsmon parent process died - shutdown impossible",
            [NotifyType.CAL] = "UPS %s: calibration in progress",
            [NotifyType.NOTCAL] = "UPS %s: calibration finished",
            [NotifyType.OFF] = "UPS %s: administratively OFF or asleep",
            [NotifyType.NOTOFF] = "UPS %s: no longer administratively OFF or asleep",
            [NotifyType.BYPASS] = "UPS %s: on bypass (powered, not protecting)",
            [NotifyType.NOTBYPASS] = "UPS %s: no longer on bypass",
            [NotifyType.ECO] = "UPS %s: in ECO mode (as defined by vendor)",
            [NotifyType.NOTECO] = "UPS %s: no longer in ECO mode",
            [NotifyType.ALARM] = "UPS %s: one or more active alarms: [%s]",
            [NotifyType.NOTALARM] = "UPS %s is no longer in an alarm state (no active alarms)",
            [NotifyType.OVER] = "UPS %s: overloaded",
            [NotifyType.NOTOVER] = "UPS %s: no longer overloaded",
            [NotifyType.TRIM] = "UPS %s: trimming incoming voltage",
            [NotifyType.NOTTRIM] = "UPS %s: no longer trimming incoming voltage",
            [NotifyType.BOOST] = "UPS %s: boosting incoming voltage",
            [NotifyType.NOTBOOST] = "UPS %s: no longer boosting incoming voltage",
            [NotifyType.OTHER] = "UPS %s: has at least one unclassified status token: [%s]",
            [NotifyType.NOTOTHER] = "UPS %s has no unclassified status tokens anymore",
            [NotifyType.SUSPEND_STARTING] = "OS is entering sleep/suspend/hibernate mode",
            [NotifyType.SUSPEND_FINISHED] = "OS just finished sleep/suspend/hibernate mode, de-activating obsolete UPS readings to avoid an unfortunate shutdown",
            [NotifyType.SUSPEND_TIMEJUMP_UNEXPECTED] = "Unexpected clock change by %s, treating as wake up from sleep",
            [NotifyType.SHUTDOWN_HOSTSYNC] = "Shutdown initiated; primary system is waiting for secondaries to log out or time out",
        };

        /// <summary>The 11 types NUT 2.8.0 knows; naming any other type in its config only warns there.</summary>
        public static readonly IReadOnlyCollection<NotifyType> Nut280Types = new[]
        {
            NotifyType.ONLINE, NotifyType.ONBATT, NotifyType.LOWBATT, NotifyType.FSD, NotifyType.COMMOK, NotifyType.COMMBAD,
            NotifyType.SHUTDOWN, NotifyType.REPLBATT, NotifyType.NOCOMM, NotifyType.NOPARENT, NotifyType.CAL,
        };

        public static string GetMessage(NotifyType type) => Messages[type];

        /// <summary>SYSLOG+WALL on POSIX, SYSLOG on Windows (master; CAL included).</summary>
        public static NotifyFlags GetFlags(NotifyType type) => GetFlags(type, RuntimeInformation.IsOSPlatform(OSPlatform.Windows));

        public static NotifyFlags GetFlags(NotifyType type, bool windows) =>
            windows ? NotifyFlags.Syslog : NotifyFlags.Syslog | NotifyFlags.Wall;

        /// <summary>Case-insensitive NUT type name → enum (NOTIFYMSG/NOTIFYFLAG, upssched AT).</summary>
        public static bool TryParseType(string text, out NotifyType type)
        {
            type = default;
            if (string.IsNullOrEmpty(text) || char.IsDigit(text[0]) || text[0] == '-') return false;
            return Enum.TryParse(text, true, out type) && Enum.IsDefined(typeof(NotifyType), type);
        }

        /// <summary>Whether the event names a UPS in its message (first %s = system name).</summary>
        public static bool HasUps(NotifyType type) =>
            type != NotifyType.SHUTDOWN && type != NotifyType.SHUTDOWN_HOSTSYNC && type != NotifyType.NOPARENT
            && type != NotifyType.SUSPEND_STARTING && type != NotifyType.SUSPEND_FINISHED
            && type != NotifyType.SUSPEND_TIMEJUMP_UNEXPECTED;
    }
}
