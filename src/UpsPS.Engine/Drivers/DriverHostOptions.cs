using UpsPS.Engine.Timing;
namespace UpsPS.Engine.Drivers
{
    public sealed class DriverHostOptions
    {
        /// <summary>Directory relative file names (dummy-ups port) are resolved against (NUT_CONFPATH).</summary>
        public string ConfigDirectory { get; set; } = ".";

        public IClock Clock { get; set; } = SystemClock.Instance;

        /// <summary>Published as driver.version.internal.</summary>
        public string InternalVersion { get; set; } = "1.0";

        /// <summary>
        /// List the driver-core commands (driver.killpower, driver.reload…) and driver.debug like NUT master.
        /// Off by default: NUT 2.8.0 publishes neither, and parity with it is the target.
        /// </summary>
        public bool PublishCoreCommands { get; set; }
    }
}
