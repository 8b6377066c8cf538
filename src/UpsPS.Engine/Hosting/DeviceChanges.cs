using System;
using System.Collections.Generic;
using System.Linq;
using UpsPS.Engine.Config;

namespace UpsPS.Engine.Hosting
{
    /// <summary>
    /// What a configuration reload does to the served devices, as upsd decides it: a section that disappeared is
    /// withdrawn, a new one is added, and one whose driver setup changed is redefined (its data is dropped and the
    /// driver reconnected). A changed <c>desc</c> alone only updates the description.
    /// </summary>
    public sealed class DeviceChanges
    {
        private DeviceChanges(IReadOnlyList<UpsSection> added, IReadOnlyList<string> removed,
            IReadOnlyList<UpsSection> redefined, IReadOnlyList<UpsSection> kept)
        {
            Added = added;
            Removed = removed;
            Redefined = redefined;
            Kept = kept;
        }

        public IReadOnlyList<UpsSection> Added { get; }
        public IReadOnlyList<string> Removed { get; }
        public IReadOnlyList<UpsSection> Redefined { get; }
        public IReadOnlyList<UpsSection> Kept { get; }

        public static DeviceChanges Between(IEnumerable<UpsSection> before, IEnumerable<UpsSection> after)
        {
            var old = before.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
            var added = new List<UpsSection>();
            var redefined = new List<UpsSection>();
            var kept = new List<UpsSection>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var section in after)
            {
                seen.Add(section.Name);
                if (!old.TryGetValue(section.Name, out var previous)) added.Add(section);
                else if (SameDriverSetup(previous, section)) kept.Add(section);
                else redefined.Add(section);
            }
            var removed = old.Keys.Where(n => !seen.Contains(n)).ToList();
            return new DeviceChanges(added, removed, redefined, kept);
        }

        public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Redefined.Count == 0;

        // Every ups.conf key except desc reaches the driver, so any other difference needs a fresh driver.
        private static bool SameDriverSetup(UpsSection a, UpsSection b) => Setup(a).SequenceEqual(Setup(b));

        private static IEnumerable<string> Setup(UpsSection s) =>
            s.Options.Where(o => !string.Equals(o.Key, "desc", StringComparison.Ordinal))
                .Select(o => o.Key + "\0" + (o.Value ?? "\u0001"))
                .OrderBy(x => x, StringComparer.Ordinal);
    }
}
