using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.DriverSocket
{
    /// <summary>Driver socket protocol over a byte stream (Unix socket or named pipe): NUT tokenizer in, encoded lines out.</summary>
    public sealed class StreamDriverChannel : IDriverChannel
    {
        private readonly Stream _stream;
        private readonly NutTokenizer _tokenizer = new NutTokenizer();
        private readonly Queue<IReadOnlyList<string>> _pending = new Queue<IReadOnlyList<string>>();
        private readonly SemaphoreSlim _writeLock = new SemaphoreSlim(1, 1);
        private readonly byte[] _buffer = new byte[4096];

        public StreamDriverChannel(Stream stream) { _stream = stream; }

        /// <summary>Formats one line the way NUT drivers and upsd write it.</summary>
        public static string Format(IReadOnlyList<string> words)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < words.Count; i++)
            {
                if (i > 0) sb.Append(' ');
                sb.Append(QuoteIfNeeded(words, i));
            }
            return sb.Append('\n').ToString();
        }

        // SETINFO/ADDENUM/DELENUM values and SET values are always quoted, as NUT sends them.
        private static string QuoteIfNeeded(IReadOnlyList<string> words, int index)
        {
            var w = words[index];
            var cmd = words[0];
            var alwaysQuote = index == 2 && (cmd == "SETINFO" || cmd == "ADDENUM" || cmd == "DELENUM" || cmd == "SET");
            return alwaysQuote ? NutEncoding.Quote(w) : NutEncoding.Argument(w);
        }

        public async Task SendAsync(IReadOnlyList<string> words, CancellationToken cancellationToken = default)
        {
            var bytes = Encoding.ASCII.GetBytes(Format(words));
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally { _writeLock.Release(); }
        }

        public async Task<IReadOnlyList<string>?> ReceiveAsync(CancellationToken cancellationToken = default)
        {
            while (_pending.Count == 0)
            {
                int n;
                try { n = await _stream.ReadAsync(_buffer, 0, _buffer.Length, cancellationToken).ConfigureAwait(false); }
                catch (IOException) { return null; }
                catch (ObjectDisposedException) { return null; }
                if (n == 0) return null;
                _tokenizer.Feed(new ReadOnlySpan<byte>(_buffer, 0, n), line =>
                {
                    if (line.Error == null && line.Words.Count > 0) _pending.Enqueue(line.Words);
                });
            }
            return _pending.Dequeue();
        }

        public void Dispose() => _stream.Dispose();
    }
}
