using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;

namespace UpsPS.Engine.DriverSocket
{
    /// <summary>Reaches an in-process <see cref="DriverHost"/>: a channel pair, one end attached to the host.</summary>
    public sealed class InProcessDriverConnector : IDriverConnector
    {
        private readonly DriverHost _host;

        public InProcessDriverConnector(DriverHost host) { _host = host; }

        public string Location => "in-process";

        public Task<IDriverChannel> ConnectAsync(CancellationToken cancellationToken = default)
        {
            var (serverEnd, driverEnd) = InProcessDriverChannel.CreatePair();
            _ = _host.AttachAsync(driverEnd);
            return Task.FromResult(serverEnd);
        }
    }
}
