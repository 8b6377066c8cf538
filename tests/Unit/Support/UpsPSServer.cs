using System;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Hosting;
using UpsPS.Engine.Server;

namespace UpsPS.Tests.Unit.Support
{
    /// <summary>UpsPS's server with its drivers (the engine behind Start-UpsServer) on a test configuration directory.</summary>
    public sealed class UpsPSServer : IAsyncDisposable
    {
        private UpsPSServer(UpsServerHost host) { Host = host; }

        public UpsServerHost Host { get; }

        public static async Task<UpsPSServer> StartAsync(NutConfigDirectory config, Action<ServerHostOptions>? configure = null)
        {
            var options = new ServerHostOptions { StatePath = config.StatePath };
            configure?.Invoke(options);
            var nut = NutConfiguration.Load(config.ConfigPath, options.Registry);
            var host = new UpsServerHost(nut, options, DelegateServerLog.Null);
            await host.StartAsync().ConfigureAwait(false);
            return new UpsPSServer(host);
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
