using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Config
{
    /// <summary>One [section] of upsd.users.</summary>
    public sealed class UpsdUser
    {
        public UpsdUser(string name) { Name = name; }

        /// <summary>Case-sensitive user name.</summary>
        public string Name { get; }

        /// <summary>Null when the section has no password line (such a user can never be authorised).</summary>
        public string? Password { get; internal set; }

        /// <summary>Action words (SET, FSD, LOGIN, MASTER, PRIMARY, …), compared case-insensitively.</summary>
        public HashSet<string> Actions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Allowed instant commands (case-insensitive), or ALL.</summary>
        public HashSet<string> InstantCommands { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    }
}
