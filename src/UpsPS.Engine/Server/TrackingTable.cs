using System;
using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Server
{
    /// <summary>
    /// upsd's global table of tracked SET/INSTCMD requests: ids are upper-case GUIDs, lookup ignores case,
    /// entries live TRACKINGDELAY seconds from creation. Callers serialise access.
    /// </summary>
    public sealed class TrackingTable
    {
        private sealed class Entry
        {
            public DateTime Created;
            public int? Status;
        }

        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);

        public int Count => _entries.Count;

        public string Create(DateTime now)
        {
            var id = Guid.NewGuid().ToString("D").ToUpperInvariant();
            _entries[id] = new Entry { Created = now };
            return id;
        }

        /// <summary>Stores a driver's TRACKING result. Returns false for an unknown id.</summary>
        public bool SetResult(string id, int status)
        {
            if (!_entries.TryGetValue(id, out var e)) return false;
            e.Status = status;
            return true;
        }

        public bool Contains(string id) => _entries.ContainsKey(id);

        /// <summary>The GET TRACKING reply for an id (without LF).</summary>
        public string Reply(string id) => _entries.TryGetValue(id, out var e) ? MapStatus(e.Status) : "ERR UNKNOWN";

        /// <summary>2.8.0's mapping of the driver's integer (4 = conversion failed is ERR UNKNOWN there).</summary>
        public static string MapStatus(int? status)
        {
            switch (status)
            {
                case null: return "PENDING";
                case 0: return "SUCCESS";
                case 2: return "ERR INVALID-ARGUMENT";
                case 3: return "ERR FAILED";
                default: return "ERR UNKNOWN";
            }
        }

        /// <summary>Removes entries older than <paramref name="delaySeconds"/>.</summary>
        public int Purge(DateTime now, int delaySeconds)
        {
            var old = _entries.Where(kv => (now - kv.Value.Created).TotalSeconds > delaySeconds).Select(kv => kv.Key).ToList();
            foreach (var k in old) _entries.Remove(k);
            return old.Count;
        }
    }
}
