using System.Collections.Generic;
using System.IO;
using System.Linq;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;

namespace UpsPS.Engine.Hosting
{
    /// <summary>
    /// A NUT configuration directory (ups.conf, upsd.conf, upsd.users) read and checked as a whole before
    /// anything starts: every fatal problem throws <see cref="ConfigException"/> naming file and line.
    /// </summary>
    public sealed class NutConfiguration
    {
        private NutConfiguration(string directory, UpsConfig ups, UpsdConfig upsd, UserTable users, bool fromFiles)
        {
            Directory = directory;
            FromFiles = fromFiles;
            Ups = ups;
            Upsd = upsd;
            Users = users;
        }

        public string Directory { get; }

        /// <summary>True when read from the directory's files (so a reload can read them again).</summary>
        public bool FromFiles { get; }

        /// <summary>Whether upsd.users had to exist when this configuration was read.</summary>
        public bool RequiredUsers { get; private set; }
        public UpsConfig Ups { get; }
        public UpsdConfig Upsd { get; }
        public UserTable Users { get; }

        /// <summary>Non-fatal findings of all three files, each naming file:line (NUT logs these and goes on).</summary>
        public IEnumerable<string> Warnings =>
            Ups.Warnings
                .Concat(Upsd.Diagnostics.Select(d => d.ToString()))
                .Concat(Users.Diagnostics.Select(d => d.ToString()))
                .Concat(PermissionWarnings());

        // upsd checks the same files: they can hold passwords (upsd.users, CERTIDENT) and keys.
        private IEnumerable<string> PermissionWarnings()
        {
            var paths = new List<string> { Path.Combine(Directory, "upsd.conf"), Path.Combine(Directory, "upsd.users") };
            if (Upsd.CertFile != null) paths.Add(Path.Combine(Directory, Upsd.CertFile));
            foreach (var p in paths)
            {
                var warning = ConfigFilePermissions.WorldReadableWarning(p);
                if (warning != null) yield return warning + " (it may contain passwords or keys; chmod o-r)";
            }
        }

        /// <summary>The devices upsd would serve: complete sections, each validated against its driver.</summary>
        public IReadOnlyList<UpsSection> Devices => Ups.CompleteSections.ToList();

        public static NutConfiguration Load(string directory, DriverRegistry registry, bool requireUsers = true)
        {
            var full = Path.GetFullPath(directory);
            var upsd = UpsdConfigReader.Load(Path.Combine(full, "upsd.conf"));
            upsd.ApplyEnvironment();
            var ups = UpsConfReader.ReadFile(Path.Combine(full, "ups.conf"));
            var usersPath = Path.Combine(full, "upsd.users");
            var users = requireUsers || File.Exists(usersPath) ? UpsdUsersReader.Load(usersPath) : UserTable.Empty;
            var config = new NutConfiguration(full, ups, upsd, users, fromFiles: true) { RequiredUsers = requireUsers };
            return Validate(config, registry);
        }

        /// <summary>Builds a configuration from already-read parts (PowerShell parameters, tests).</summary>
        public static NutConfiguration From(string directory, UpsConfig ups, UpsdConfig upsd, UserTable users, DriverRegistry registry) =>
            Validate(new NutConfiguration(Path.GetFullPath(directory), ups, upsd, users, fromFiles: false), registry);

        private static NutConfiguration Validate(NutConfiguration config, DriverRegistry registry)
        {
            foreach (var section in config.Ups.CompleteSections) registry.Validate(section);
            if (!config.Ups.CompleteSections.Any() && !config.Upsd.AllowNoDevice)
                throw new ConfigException(config.Ups.File, 0, "Fatal error: at least one UPS must be defined in ups.conf");
            return config;
        }
    }
}
