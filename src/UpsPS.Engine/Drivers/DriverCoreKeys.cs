using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Drivers
{
    /// <summary>ups.conf keys the common driver core handles itself (config-files.md §2.2); matched case-sensitively.</summary>
    public static class DriverCoreKeys
    {
        public static readonly ISet<string> ValueKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "driver", "port", "desc", "sdorder", "maxstartdelay", "maxretry", "retrydelay", "pollinterval",
            "synchronous", "user", "group", "chroot", "debug_min", "LIBUSB_DEBUG", "sdcommands",
            "reconnect_max_tries", "reconnect_report_freq",
        };

        public static readonly ISet<string> FlagKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "nolock", "ignorelb", "allow_killpower",
        };

        /// <summary>Core keys that are published as driver.parameter.* (the rest are consumed silently).</summary>
        public static readonly ISet<string> PublishedValueKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "port", "pollinterval", "synchronous", "sdcommands",
        };

        public static bool IsOverrideOrDefault(string key) =>
            key.StartsWith("override.", StringComparison.OrdinalIgnoreCase) ||
            key.StartsWith("default.", StringComparison.OrdinalIgnoreCase);
    }
}
