using System.Net;
using System.Net.Sockets;

namespace UpsPS.SerialSim;

/// <summary>
/// Accepts the socat bridge's TCP connections and feeds bytes to a device model. One connection at a time; a new
/// one (socat restarted: the port came back) replaces the old.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly ISimulatedDevice _device;
    private Task? _acceptLoop;

    public SimulatorServer(ISimulatedDevice device) => _device = device;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int ConnectionCount { get; private set; }

    public void Start()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    private async Task AcceptLoopAsync()
    {
        CancellationTokenSource? current = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                current?.Cancel();
                current = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                ConnectionCount++;
                _ = ServeAsync(client, current.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var output = new StreamOutput(stream);
            var buffer = new byte[256];
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var n = await stream.ReadAsync(buffer, cancellationToken);
                    if (n == 0) break;
                    await _device.OnBytesAsync(buffer.AsMemory(0, n), output, cancellationToken);
                }
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
        }
    }

    private sealed class StreamOutput : IDeviceOutput
    {
        private readonly NetworkStream _stream;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        public StreamOutput(NetworkStream stream) => _stream = stream;

        public async Task SendAsync(byte[] data, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try { await _stream.WriteAsync(data, cancellationToken); }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
            finally { _gate.Release(); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        if (_acceptLoop != null) await _acceptLoop;
    }
}

/// <summary>A simulator on a pty: the server, the socat bridge and the device together.</summary>
public sealed class PtySimulator : IAsyncDisposable
{
    private PtySimulator(SimulatorServer server, SocatPty pty)
    {
        Server = server;
        Pty = pty;
    }

    public SimulatorServer Server { get; }
    public SocatPty Pty { get; }
    public string PortPath => Pty.LinkPath;

    public static async Task<PtySimulator> StartAsync(ISimulatedDevice device, string linkPath)
    {
        var server = new SimulatorServer(device);
        server.Start();
        var pty = new SocatPty(linkPath, server.Port);
        await pty.StartAsync();
        return new PtySimulator(server, pty);
    }

    public async ValueTask DisposeAsync()
    {
        Pty.Dispose();
        await Server.DisposeAsync();
    }
}
