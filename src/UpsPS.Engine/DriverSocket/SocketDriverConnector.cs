using System;
using System.IO;
using System.IO.Pipes;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.DriverSocket
{
    /// <summary>Reaches a driver (NUT's or UpsPS's) through its driver socket / named pipe.</summary>
    public sealed class SocketDriverConnector : IDriverConnector
    {
        private static readonly TimeSpan PipeConnectTimeout = TimeSpan.FromSeconds(2);

        public SocketDriverConnector(string path) { Location = path; }

        public static SocketDriverConnector ForDriver(string statePath, string driver, string upsName) =>
            new SocketDriverConnector(DriverSocketPath.For(statePath, driver, upsName));

        public string Location { get; }

        public async Task<IDriverChannel> ConnectAsync(CancellationToken cancellationToken = default)
        {
            if (!UnixSocketEndPoint.IsPlatformUnix)
            {
                var pipe = new NamedPipeClientStream(".", DriverSocketPath.PipeName(Location), PipeDirection.InOut, PipeOptions.Asynchronous);
                try { await pipe.ConnectAsync((int)PipeConnectTimeout.TotalMilliseconds, cancellationToken).ConfigureAwait(false); }
                catch (TimeoutException e)
                {
                    pipe.Dispose();
                    throw new IOException($"Can't connect to {Location}: {e.Message}", e);
                }
                catch
                {
                    pipe.Dispose();
                    throw;
                }
                return new StreamDriverChannel(pipe);
            }

            var socket = UnixSocketEndPoint.CreateSocket();
            try
            {
                using (cancellationToken.Register(socket.Dispose))
                    await socket.ConnectAsync(UnixSocketEndPoint.Create(Location)).ConfigureAwait(false);
            }
            catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            return new StreamDriverChannel(new NetworkStream(socket, ownsSocket: true));
        }
    }
}
