using System.Collections.Generic;
using UpsPS.Engine.Timing;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Server;

namespace UpsPS.Engine.Hosting
{
    /// <summary>How <see cref="UpsServerHost"/> runs a configuration.</summary>
    public sealed class ServerHostOptions
    {
        /// <summary>Run the drivers of ups.conf in this process (true), or connect to driver sockets in
        /// STATEPATH that other processes serve, NUT drivers included (false), as upsd does.</summary>
        public bool StartDrivers { get; set; } = true;

        /// <summary>When drivers run in-process, also expose each on its NUT driver socket in STATEPATH.</summary>
        public bool ExposeDriverSockets { get; set; }

        /// <summary>Replaces upsd.conf's LISTEN lines when set.</summary>
        public IList<ListenAddress>? Listen { get; set; }

        /// <summary>Replaces upsd.conf's STATEPATH when set.</summary>
        public string? StatePath { get; set; }

        /// <summary>TLS for STARTTLS. Null = from upsd.conf (CERTFILE …); ignored when <see cref="UpsServerOptions.TlsUpgrade"/>
        /// is already set.</summary>
        public Tls.TlsServerSettings? Tls { get; set; }

        public UpsServerOptions Server { get; set; } = new UpsServerOptions();

        public DriverRegistry Registry { get; set; } = DriverRegistry.CreateDefault();

        public IClock? DriverClock { get; set; }
    }
}
