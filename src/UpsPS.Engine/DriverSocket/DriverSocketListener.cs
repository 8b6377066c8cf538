using System;
using System.IO;
using System.IO.Pipes;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;

namespace UpsPS.Engine.DriverSocket
{
    /// <summary>
    /// Serves a <see cref="DriverHost"/> on NUT's driver socket (Unix socket STATEPATH/&lt;driver&gt;-&lt;ups&gt;, or
    /// named pipe \\.\pipe\&lt;driver&gt;-&lt;ups&gt; on Windows), so NUT's own upsd and tools can use UpsPS drivers.
    /// </summary>
    public sealed class DriverSocketListener : IDisposable
    {
        /// <summary>rw for owner and group, like NUT's driver sockets.</summary>
        public const int SocketMode = 0x1B0; // 0660

        private readonly DriverHost _host;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Socket? _socket;
        private Task? _acceptLoop;

        public DriverSocketListener(DriverHost host, string path)
        {
            _host = host;
            Path = path;
        }

        /// <summary>Listener for the host's standard socket name inside <paramref name="statePath"/>.</summary>
        public static DriverSocketListener ForStatePath(DriverHost host, string statePath) =>
            new DriverSocketListener(host, DriverSocketPath.For(statePath, host.DriverName, host.UpsName));

        public string Path { get; }

        public void Start()
        {
            if (_acceptLoop != null) return;
            _acceptLoop = UnixSocketEndPoint.IsPlatformUnix ? StartUnix() : Task.Run(() => PipeLoopAsync(_stop.Token));
        }

        private Task StartUnix()
        {
            // A socket file left behind by a previous run would make bind fail; NUT removes it the same way.
            if (File.Exists(Path)) File.Delete(Path);
            var socket = UnixSocketEndPoint.CreateSocket();
            try
            {
                socket.Bind(UnixSocketEndPoint.Create(Path));
                socket.Listen(16);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            UnixSocketEndPoint.TrySetMode(Path, SocketMode);
            _socket = socket;
            return Task.Run(() => SocketLoopAsync(socket, _stop.Token));
        }

        private async Task SocketLoopAsync(Socket socket, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                Socket client;
                try { client = await socket.AcceptAsync().ConfigureAwait(false); }
                catch (ObjectDisposedException) { return; }
                catch (SocketException) when (ct.IsCancellationRequested) { return; }
                catch (SocketException e)
                {
                    _host.WriteLog(DriverLogLevel.Warning, $"accept on {Path} failed: {e.Message}");
                    continue;
                }
                var channel = new StreamDriverChannel(new NetworkStream(client, ownsSocket: true));
                _ = _host.AttachAsync(channel, ct);
            }
        }

        private async Task PipeLoopAsync(CancellationToken ct)
        {
            var name = DriverSocketPath.PipeName(Path);
            while (!ct.IsCancellationRequested)
            {
                var pipe = new NamedPipeServerStream(name, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances,
                    PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
                try { await pipe.WaitForConnectionAsync(ct).ConfigureAwait(false); }
                catch (Exception e) when (e is OperationCanceledException || e is ObjectDisposedException)
                {
                    pipe.Dispose();
                    return;
                }
                catch (IOException e)
                {
                    pipe.Dispose();
                    _host.WriteLog(DriverLogLevel.Warning, $"pipe {Path} failed: {e.Message}");
                    continue;
                }
                _ = _host.AttachAsync(new StreamDriverChannel(pipe), ct);
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _socket?.Dispose();
            if (UnixSocketEndPoint.IsPlatformUnix && _socket != null)
            {
                try { File.Delete(Path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}
