using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using UpsPS.Cmdlets.Jobs;

namespace UpsPS.Cmdlets.Monitor
{
    /// <summary>Finds monitor sessions by name (wildcards), id, or a piped session/job/status object.</summary>
    internal static class MonitorSessionResolver
    {
        public static List<UpsMonitorSession> Resolve(string[]? names, int[]? ids, object? input)
        {
            var all = UpsMonitorSession.All;
            if (input != null)
            {
                var o = input is PSObject p ? p.BaseObject : input;
                switch (o)
                {
                    case UpsMonitorSession s: return new List<UpsMonitorSession> { s };
                    case UpsBackgroundJob j: return all.Where(s => ReferenceEquals(s.Job, j)).ToList();
                    case UpsMonitorStatus st: return all.Where(s => s.Id == st.Id).ToList();
                    case UpsNotificationHandler h: return new List<UpsMonitorSession> { h.Session };
                    default: return new List<UpsMonitorSession>();
                }
            }
            IEnumerable<UpsMonitorSession> result = all;
            if (ids != null && ids.Length > 0) result = result.Where(s => ids.Contains(s.Id));
            if (names != null && names.Length > 0)
            {
                var patterns = names.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
                result = result.Where(s => patterns.Any(p => p.IsMatch(s.Name)));
            }
            return result.ToList();
        }
    }
}
