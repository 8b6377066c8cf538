using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Client
{
    /// <summary>One TCP connection: writes request lines, reads tokenized reply lines. Not thread-safe.</summary>
    internal sealed class NutConnection : IDisposable
    {
        private readonly TcpClient _tcp;
        private Stream _stream;
        private readonly NutTokenizer _tokenizer = new NutTokenizer();
        private readonly Queue<IReadOnlyList<string>> _lines = new Queue<IReadOnlyList<string>>();
        private readonly byte[] _buffer = new byte[4096];
        private bool _disposed;

        private NutConnection(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
        }

        public bool IsBroken { get; private set; }

        public static async Task<NutConnection> OpenAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
        {
            var tcp = new TcpClient { NoDelay = true };
            try
            {
                var connect = tcp.ConnectAsync(host, port);
                var finished = await Task.WhenAny(connect, Task.Delay(timeout, ct)).ConfigureAwait(false);
                if (finished != connect)
                {
                    ct.ThrowIfCancellationRequested();
                    throw new TimeoutException($"Connecting to {host}:{port} timed out after {timeout.TotalSeconds:0.#} s.");
                }
                await connect.ConfigureAwait(false);
                return new NutConnection(tcp);
            }
            catch (SocketException ex)
            {
                tcp.Dispose();
                throw new NutConnectionException($"Cannot connect to {host}:{port}: {ex.Message}", ex);
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        }

        /// <summary>Replaces the stream after STARTTLS. Only valid with no unread bytes buffered.</summary>
        public async Task UpgradeAsync(NutTlsUpgrade upgrade, string host, CancellationToken ct)
        {
            if (_lines.Count > 0 || _tokenizer.HasPartialLine)
                throw new NutProtocolException("Server sent data after OK STARTTLS before the TLS handshake.");
            _stream = await upgrade(_stream, host, ct).ConfigureAwait(false);
        }

        public async Task WriteAsync(byte[] line, CancellationToken ct)
        {
            try
            {
                await _stream.WriteAsync(line, 0, line.Length, ct).ConfigureAwait(false);
                await _stream.FlushAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is SocketException)
            {
                IsBroken = true;
                throw new NutConnectionException("The connection to the NUT server was lost while sending.", ex);
            }
        }

        /// <summary>Next complete reply line as words. EOF → <see cref="NutConnectionException"/>.</summary>
        public async Task<IReadOnlyList<string>> ReadLineAsync(CancellationToken ct)
        {
            while (_lines.Count == 0)
            {
                int read;
                try
                {
                    read = await _stream.ReadAsync(_buffer, 0, _buffer.Length, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is SocketException)
                {
                    IsBroken = true;
                    throw new NutConnectionException("The connection to the NUT server was lost while reading.", ex);
                }
                if (read == 0)
                {
                    IsBroken = true;
                    throw new NutConnectionException("The NUT server closed the connection.");
                }
                _tokenizer.Feed(new ReadOnlySpan<byte>(_buffer, 0, read), line => _lines.Enqueue(line.Words));
            }
            return _lines.Dequeue();
        }

        /// <summary>Closes the socket; used to abort a read that timed out (netstandard reads ignore tokens).</summary>
        public void Abort()
        {
            IsBroken = true;
            Dispose();
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            IsBroken = true;
            try { _stream.Dispose(); } catch (IOException) { }
            _tcp.Dispose();
        }
    }
}
