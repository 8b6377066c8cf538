using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace UpsPS.Engine.Config
{
    /// <summary>
    /// The users of upsd.users and upsd's permission checks: first user whose name matches exactly,
    /// password equal (compared in constant time), then the action or command (case-insensitive).
    /// </summary>
    public sealed class UserTable
    {
        private readonly List<UpsdUser> _users = new List<UpsdUser>();

        public IReadOnlyList<UpsdUser> Users => _users;

        /// <summary>Non-fatal findings (NUT's warnings) with file:line.</summary>
        public List<ConfigDiagnostic> Diagnostics { get; } = new List<ConfigDiagnostic>();

        public static UserTable Empty => new UserTable();

        internal void Add(UpsdUser user) => _users.Add(user);

        public UpsdUser? Find(string name)
        {
            foreach (var u in _users)
                if (string.Equals(u.Name, name, StringComparison.Ordinal)) return u;
            return null;
        }

        /// <summary>True when the user exists, the password matches and the user has the action (case-insensitive).</summary>
        public bool HasAction(string? user, string? password, string action)
        {
            var u = Authenticate(user, password);
            return u != null && u.Actions.Contains(action);
        }

        /// <summary>True when the user exists, the password matches and instcmds lists the command or ALL.</summary>
        public bool MayRunCommand(string? user, string? password, string command)
        {
            var u = Authenticate(user, password);
            return u != null && (u.InstantCommands.Contains(command) || u.InstantCommands.Contains("ALL"));
        }

        /// <summary>True when the user exists and the password matches (regardless of rights).</summary>
        public bool IsValidLogin(string? user, string? password) => Authenticate(user, password) != null;

        private UpsdUser? Authenticate(string? user, string? password)
        {
            if (user == null || password == null) return null;
            var u = Find(user);
            if (u?.Password == null) return null;
            return SecretEquals(u.Password, password) ? u : null;
        }

        /// <summary>Constant-time comparison of two secrets (time depends only on the lengths).</summary>
        public static bool SecretEquals(string expected, string actual)
        {
            var a = Encoding.UTF8.GetBytes(expected);
            var b = Encoding.UTF8.GetBytes(actual);
            var diff = a.Length ^ b.Length;
            var n = Math.Max(a.Length, b.Length);
            for (var i = 0; i < n; i++)
            {
                var x = i < a.Length ? a[i] : (byte)0;
                var y = i < b.Length ? b[i] : (byte)0;
                diff |= x ^ y;
            }
            return diff == 0;
        }
    }
}
