using System.Collections.Generic;

namespace UpsPS.Engine.Hosting
{
    /// <summary>What one configuration reload changed.</summary>
    public sealed class ServerReloadReport
    {
        public ServerReloadReport(IReadOnlyList<string> added, IReadOnlyList<string> removed,
            IReadOnlyList<string> redefined, int users, IReadOnlyList<string> warnings)
        {
            Added = added;
            Removed = removed;
            Redefined = redefined;
            Users = users;
            Warnings = warnings;
        }

        public IReadOnlyList<string> Added { get; }
        public IReadOnlyList<string> Removed { get; }
        public IReadOnlyList<string> Redefined { get; }

        /// <summary>Number of users in the reloaded upsd.users.</summary>
        public int Users { get; }

        /// <summary>Settings that changed but only take effect at a restart, and the files' non-fatal findings.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
