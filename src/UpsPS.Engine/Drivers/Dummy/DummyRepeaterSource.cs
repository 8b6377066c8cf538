using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Drivers.Dummy
{
    /// <summary>
    /// The tiny NUT network client dummy-ups' repeater mode needs: one plain TCP connection and
    /// <c>LIST VAR &lt;ups&gt;</c>. Deliberately private to the dummy driver; the full client library lives
    /// in UpsPS.Engine.Client.
    /// </summary>
    internal sealed class DummyRepeaterSource : IDisposable
    {
        public const int DefaultPort = 3493;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        private TcpClient? _client;
        private StreamReader? _reader;
        private Stream? _stream;

        public DummyRepeaterSource(string port)
        {
            (UpsName, HostName, Port) = ParseTarget(port);
        }

        public string UpsName { get; }
        public string HostName { get; }
        public int Port { get; }

        /// <summary>Splits <c>ups@host[:port]</c>; IPv6 hosts go in brackets (<c>ups@[::1]:3493</c>).</summary>
        public static (string Ups, string Host, int Port) ParseTarget(string target)
        {
            var at = target.IndexOf('@');
            if (at <= 0 || at == target.Length - 1) throw new DriverException($"Invalid repeater target '{target}': expected ups@host[:port]");
            var ups = target.Substring(0, at);
            var rest = target.Substring(at + 1);
            var port = DefaultPort;
            string host;
            if (rest.StartsWith("[", StringComparison.Ordinal))
            {
                var close = rest.IndexOf(']');
                if (close < 0) throw new DriverException($"Invalid repeater target '{target}'");
                host = rest.Substring(1, close - 1);
                if (close + 1 < rest.Length && rest[close + 1] == ':') port = ParsePort(rest.Substring(close + 2), target);
            }
            else
            {
                var colon = rest.LastIndexOf(':');
                if (colon > 0 && rest.IndexOf(':') == colon)
                {
                    host = rest.Substring(0, colon);
                    port = ParsePort(rest.Substring(colon + 1), target);
                }
                else host = rest;
            }
            return (ups, host, port);
        }

        private static int ParsePort(string text, string target) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 && p < 65536
                ? p : throw new DriverException($"Invalid port in repeater target '{target}'");

        public async Task<IReadOnlyList<(string Name, string Value)>> ListVariablesAsync(CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                if (_client == null) await ConnectAsync().ConfigureAwait(false);
                var request = Encoding.ASCII.GetBytes("LIST VAR " + NutEncoding.Argument(UpsName) + "\n");
                await _stream!.WriteAsync(request, 0, request.Length, timeout.Token).ConfigureAwait(false);

                var result = new List<(string, string)>();
                while (true)
                {
                    var line = await ReadLineAsync(timeout.Token).ConfigureAwait(false);
                    var words = NutTokenizer.SplitLine(line);
                    if (words.Count == 0) continue;
                    if (words[0] == "ERR") throw new IOException($"{UpsName}@{HostName}: {string.Join(" ", words)}");
                    if (words[0] == "BEGIN") continue;
                    if (words[0] == "END") return result;
                    if (words[0] == "VAR" && words.Count >= 4) result.Add((words[2], words[3]));
                }
            }
            catch
            {
                Disconnect();
                throw;
            }
        }

        private async Task ConnectAsync()
        {
            var client = new TcpClient();
            var connect = client.ConnectAsync(HostName, Port);
            if (await Task.WhenAny(connect, Task.Delay(Timeout)).ConfigureAwait(false) != connect)
            {
                client.Dispose();
                throw new IOException($"Timed out connecting to {HostName}:{Port}");
            }
            await connect.ConfigureAwait(false);
            _client = client;
            _stream = client.GetStream();
            _reader = new StreamReader(_stream, Encoding.ASCII, false, 4096, leaveOpen: true);
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            var read = _reader!.ReadLineAsync();
            var finished = await Task.WhenAny(read, Task.Delay(System.Threading.Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
            if (finished != read) throw new OperationCanceledException("Timed out waiting for the NUT server", cancellationToken);
            return await read.ConfigureAwait(false) ?? throw new IOException("Connection closed by the NUT server");
        }

        public void Disconnect()
        {
            _reader?.Dispose();
            _client?.Dispose();
            _reader = null;
            _stream = null;
            _client = null;
        }

        public void Dispose() => Disconnect();
    }
}
