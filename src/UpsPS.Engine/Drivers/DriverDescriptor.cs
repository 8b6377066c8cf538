using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Drivers
{
    /// <summary>What the registry knows about one driver: how to create it and which ups.conf keys it accepts.</summary>
    public sealed class DriverDescriptor
    {
        public DriverDescriptor(string name, string internalVersion, Func<IUpsDriver> factory,
            IEnumerable<string>? valueKeys = null, IEnumerable<string>? flagKeys = null, IEnumerable<string>? secretKeys = null)
        {
            Name = name;
            InternalVersion = internalVersion;
            Factory = factory;
            ValueKeys = new HashSet<string>(valueKeys ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            FlagKeys = new HashSet<string>(flagKeys ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            SecretKeys = new HashSet<string>(secretKeys ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        }

        public string Name { get; }

        /// <summary>Published as <c>driver.version.internal</c>.</summary>
        public string InternalVersion { get; }

        public Func<IUpsDriver> Factory { get; }

        /// <summary>Driver-specific <c>key = value</c> options (matched case-insensitively, like NUT's addvar).</summary>
        public ISet<string> ValueKeys { get; }

        /// <summary>Driver-specific flags.</summary>
        public ISet<string> FlagKeys { get; }

        /// <summary>Keys whose values must not be published as driver.parameter.* (passwords, communities).</summary>
        public ISet<string> SecretKeys { get; }
    }
}
