using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.DriverSocket
{
    /// <summary>
    /// How a server reaches one device's driver: a NUT driver socket (Unix socket / named pipe at
    /// STATEPATH/&lt;driver&gt;-&lt;ups&gt;) or an in-process driver. The server calls it again after every loss.
    /// </summary>
    public interface IDriverConnector
    {
        /// <summary>Where the driver lives, for log lines ("/var/run/nut/dummy-ups-ups1", "in-process").</summary>
        string Location { get; }

        /// <summary>Opens a new channel; throws (IOException, SocketException, …) when the driver is not there.</summary>
        Task<IDriverChannel> ConnectAsync(CancellationToken cancellationToken = default);
    }
}
