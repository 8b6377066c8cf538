namespace UpsPS.Engine.Monitor
{
    /// <summary>One MONITOR line: <c>MONITOR system powervalue username password role</c>. Plain settable properties.</summary>
    public sealed class MonitoredUps
    {
        public MonitoredUps() { }

        public MonitoredUps(string system, int powerValue, string username, string password, MonitorRole role)
        {
            System = system;
            PowerValue = powerValue;
            Username = username;
            Password = password;
            Role = role;
        }

        /// <summary><c>upsname[@host[:port]]</c>, used verbatim in messages and UPSNAME.</summary>
        public string System { get; set; } = string.Empty;

        /// <summary>How many of this host's supplies the UPS feeds; 0 = monitor only.</summary>
        public int PowerValue { get; set; } = 1;

        public string Username { get; set; } = string.Empty;

        /// <summary>Never logged.</summary>
        public string Password { get; set; } = string.Empty;

        public MonitorRole Role { get; set; } = MonitorRole.Secondary;

        public MonitoredUps Clone() => new MonitoredUps(System, PowerValue, Username, Password, Role);

        public override string ToString() => PowerValue == 0 ? $"{System} (monitoring only)" : $"{System} ({(Role == MonitorRole.Primary ? "primary" : "secondary")}) (power value {PowerValue})";
    }
}
