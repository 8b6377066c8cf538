using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace UpsPS.Engine.DriverSocket
{
    /// <summary>The in-process shortcut: two queues, no serialisation, same messages as the socket.</summary>
    public sealed class InProcessDriverChannel : IDriverChannel
    {
        private readonly Channel<IReadOnlyList<string>> _incoming;
        private readonly Channel<IReadOnlyList<string>> _outgoing;

        private InProcessDriverChannel(Channel<IReadOnlyList<string>> incoming, Channel<IReadOnlyList<string>> outgoing)
        {
            _incoming = incoming;
            _outgoing = outgoing;
        }

        /// <summary>Creates a connected pair: what one side sends, the other receives.</summary>
        public static (IDriverChannel First, IDriverChannel Second) CreatePair()
        {
            var a = Channel.CreateUnbounded<IReadOnlyList<string>>(new UnboundedChannelOptions { SingleReader = true });
            var b = Channel.CreateUnbounded<IReadOnlyList<string>>(new UnboundedChannelOptions { SingleReader = true });
            return (new InProcessDriverChannel(a, b), new InProcessDriverChannel(b, a));
        }

        public Task SendAsync(IReadOnlyList<string> words, CancellationToken cancellationToken = default)
        {
            if (!_outgoing.Writer.TryWrite(words)) throw new IOException("driver channel closed");
            return Task.CompletedTask;
        }

        public async Task<IReadOnlyList<string>?> ReceiveAsync(CancellationToken cancellationToken = default)
        {
            while (await _incoming.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_incoming.Reader.TryRead(out var words)) return words;
            }
            return null;
        }

        public void Dispose()
        {
            _outgoing.Writer.TryComplete();
            _incoming.Writer.TryComplete();
        }
    }
}
