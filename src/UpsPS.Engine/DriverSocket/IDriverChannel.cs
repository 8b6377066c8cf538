using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.DriverSocket
{
    /// <summary>
    /// One connection between a driver and a server carrying driver socket protocol lines
    /// (docs/sock-protocol.txt) as word lists. Implemented over a Unix socket / named pipe stream,
    /// and in-process as a pair of queues, so both sides run the same logic either way.
    /// </summary>
    public interface IDriverChannel : IDisposable
    {
        /// <summary>Sends one line. Throws <see cref="System.IO.IOException"/> when the peer is gone.</summary>
        Task SendAsync(IReadOnlyList<string> words, CancellationToken cancellationToken = default);

        /// <summary>Next line from the peer, or null when the channel is closed.</summary>
        Task<IReadOnlyList<string>?> ReceiveAsync(CancellationToken cancellationToken = default);
    }
}
