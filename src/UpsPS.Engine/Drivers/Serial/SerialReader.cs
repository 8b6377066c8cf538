using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Drivers.Serial
{
    /// <summary>Buffered byte-at-a-time reading with deadlines on top of an <see cref="ISerialLink"/>.</summary>
    public sealed class SerialReader
    {
        private readonly ISerialLink _link;
        private readonly byte[] _buffer = new byte[512];
        private int _position;
        private int _length;

        public SerialReader(ISerialLink link) => _link = link;

        public ISerialLink Link => _link;

        /// <summary>The next byte, or -1 if none arrived before <paramref name="deadline"/> (UTC).</summary>
        public async Task<int> ReadByteAsync(DateTime deadline, CancellationToken cancellationToken)
        {
            if (_position < _length) return _buffer[_position++];
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) return -1;
            var n = await _link.ReadAsync(_buffer, 0, _buffer.Length, remaining, cancellationToken).ConfigureAwait(false);
            if (n <= 0) return -1;
            _position = 0;
            _length = n;
            return _buffer[_position++];
        }

        /// <summary>
        /// Bytes up to (not including) <paramref name="terminator"/>; null on timeout. <paramref name="partial"/>
        /// receives what arrived before a timeout.
        /// </summary>
        public async Task<byte[]?> ReadUntilAsync(byte terminator, TimeSpan timeout, CancellationToken cancellationToken, List<byte>? partial = null)
        {
            var deadline = DateTime.UtcNow + timeout;
            var line = partial ?? new List<byte>();
            line.Clear();
            while (true)
            {
                var b = await ReadByteAsync(deadline, cancellationToken).ConfigureAwait(false);
                if (b < 0) return null;
                if (b == terminator) return line.ToArray();
                line.Add((byte)b);
            }
        }

        /// <summary>Drops buffered and pending input.</summary>
        public void Discard()
        {
            _position = _length = 0;
            _link.DiscardInput();
        }

        public Task WriteAsync(byte[] data, CancellationToken cancellationToken) => _link.WriteAsync(data, cancellationToken);
    }
}
