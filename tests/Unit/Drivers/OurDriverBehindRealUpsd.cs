using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.DriverSocket;
using UpsPS.Tests.Unit.Support;

namespace UpsPS.Tests.Unit.Drivers
{
    /// <summary>
    /// A UpsPS driver (DriverHost + Unix socket listener) serving a ups.conf section in a temp NUT config
    /// directory, so the REAL upsd can front it. Reusable by other interop tests.
    /// </summary>
    public sealed class OurDriverBehindRealUpsd : IDisposable
    {
        private readonly DriverSocketListener _listener;

        private OurDriverBehindRealUpsd(DriverHost host, DriverSocketListener listener)
        {
            Host = host;
            _listener = listener;
        }

        /// <summary>The poll loop; it ends on Dispose.</summary>
        public Task Run { get; private set; } = Task.CompletedTask;

        public DriverHost Host { get; }

        /// <summary>Reads <paramref name="upsName"/> from the directory's ups.conf, starts it and listens on its socket.</summary>
        public static async Task<OurDriverBehindRealUpsd> StartAsync(NutConfigDirectory config, string upsName)
        {
            var section = UpsConfReader.ReadFile(Path.Combine(config.ConfigPath, "ups.conf")).Sections.Single(s => s.Name == upsName);
            var host = DriverHost.Create(section, DriverRegistry.CreateDefault(), new DriverHostOptions { ConfigDirectory = config.ConfigPath });
            await host.StartAsync();
            var listener = DriverSocketListener.ForStatePath(host, config.StatePath);
            listener.Start();
            return new OurDriverBehindRealUpsd(host, listener) { Run = host.RunAsync() };
        }

        public void Dispose()
        {
            Host.Stop();
            _listener.Dispose();
            Host.Dispose();
        }
    }
}
