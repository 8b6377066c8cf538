using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using UpsPS.Engine.DriverSocket;

namespace UpsPS.Engine.Drivers
{
    /// <summary>
    /// One server attached to a <see cref="DriverHost"/>: lines queued for it are written in order by a
    /// single writer loop, so broadcasts never wait on a slow peer and never interleave with a dump.
    /// </summary>
    internal sealed class DriverConnection : IDisposable
    {
        private readonly Channel<IReadOnlyList<string>> _outbox =
            Channel.CreateUnbounded<IReadOnlyList<string>>(new UnboundedChannelOptions { SingleReader = true });

        public DriverConnection(IDriverChannel channel) { Peer = channel; }

        public IDriverChannel Peer { get; }

        public void Enqueue(IReadOnlyList<string> words) => _outbox.Writer.TryWrite(words);

        /// <summary>Stops accepting lines; the writer loop drains what is queued, then ends.</summary>
        public void Complete() => _outbox.Writer.TryComplete();

        public async Task WriteLoopAsync(CancellationToken cancellationToken)
        {
            while (await _outbox.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_outbox.Reader.TryRead(out var words))
                    await Peer.SendAsync(words, cancellationToken).ConfigureAwait(false);
            }
        }

        public void Dispose()
        {
            _outbox.Writer.TryComplete();
            Peer.Dispose();
        }
    }
}
