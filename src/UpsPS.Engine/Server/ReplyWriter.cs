using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Server
{
    /// <summary>
    /// Collects the replies to the requests of one read in a pooled buffer (ISO-8859-1, one byte per char) and
    /// sends them in one write. Holds no buffer between flushes, so idle connections cost nothing here.
    /// </summary>
    internal sealed class ReplyWriter : IDisposable
    {
        private const int InitialSize = 1024;
        private byte[]? _buffer;
        private int _length;

        public int Length => _length;

        public void Append(string text)
        {
            if (text.Length == 0) return;
            Reserve(text.Length);
            var buffer = _buffer!;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                buffer[_length + i] = c <= '\u00ff' ? (byte)c : (byte)'?';
            }
            _length += text.Length;
        }

        public async Task FlushAsync(Stream stream, CancellationToken cancellationToken)
        {
            if (_buffer == null) return;
            try
            {
                if (_length > 0) await stream.WriteAsync(_buffer, 0, _length, cancellationToken).ConfigureAwait(false);
            }
            finally { Release(); }
        }

        public void Dispose() => Release();

        private void Reserve(int extra)
        {
            if (_buffer == null)
            {
                _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(InitialSize, extra));
                _length = 0;
                return;
            }
            if (_length + extra <= _buffer.Length) return;
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _length);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        private void Release()
        {
            if (_buffer != null) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
            _length = 0;
        }
    }
}
