using System.Net;
using System.Net.Sockets;

namespace UpsPS.UsbIpSim;

/// <summary>
/// A USB/IP server (what usbipd is on Linux) for emulated devices: answers OP_REQ_DEVLIST and OP_REQ_IMPORT, then
/// serves the imported device's URBs: control transfers at once, interrupt IN transfers held until the device has
/// a report, CMD_UNLINK for transfers still held. One connection per imported device.
/// </summary>
public sealed class UsbIpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Dictionary<string, IUsbIpDevice> _devices;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = new();
    private Task? _accept;

    public UsbIpServer(IEnumerable<IUsbIpDevice> devices, IPAddress? address = null, int port = 0)
    {
        _devices = devices.ToDictionary(d => d.BusId, StringComparer.Ordinal);
        _listener = new TcpListener(address ?? IPAddress.Loopback, port);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Raised for protocol events worth a log line (imports, disconnects, unknown commands).</summary>
    public event Action<string>? Log;

    public void Start()
    {
        _listener.Start();
        _accept = AcceptLoopAsync();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException || e is ObjectDisposedException || e is SocketException) { return; }
            client.NoDelay = true;
            lock (_connections) _connections.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        try
        {
            var op = new byte[UsbIpProtocol.OpHeaderSize];
            await stream.ReadExactlyAsync(op, _stop.Token).ConfigureAwait(false);
            var (_, code, _) = UsbIpProtocol.ParseOpHeader(op);
            if (code == UsbIpProtocol.OpReqDevlist)
            {
                await stream.WriteAsync(UsbIpProtocol.DevlistReply(_devices.Values.ToList()), _stop.Token).ConfigureAwait(false);
                return;
            }
            if (code != UsbIpProtocol.OpReqImport) { Log?.Invoke($"unknown operation 0x{code:x4}"); return; }
            var busId = new byte[UsbIpProtocol.BusIdSize];
            await stream.ReadExactlyAsync(busId, _stop.Token).ConfigureAwait(false);
            _devices.TryGetValue(UsbIpProtocol.ParseBusId(busId), out var device);
            await stream.WriteAsync(UsbIpProtocol.ImportReply(device), _stop.Token).ConfigureAwait(false);
            if (device == null) { Log?.Invoke($"import of unknown bus id {UsbIpProtocol.ParseBusId(busId)}"); return; }
            Log?.Invoke($"imported {device.BusId}");
            await new UrbSession(stream, device, m => Log?.Invoke(m)).RunAsync(_stop.Token).ConfigureAwait(false);
            Log?.Invoke($"{device.BusId} disconnected");
        }
        catch (Exception e) when (e is IOException || e is EndOfStreamException || e is OperationCanceledException || e is SocketException || e is ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        if (_accept != null) await _accept.ConfigureAwait(false);
        Task[] all;
        lock (_connections) all = _connections.ToArray();
        await Task.WhenAll(all).ConfigureAwait(false);
    }
}

/// <summary>URB traffic of one imported device on one connection.</summary>
internal sealed class UrbSession
{
    private readonly Stream _stream;
    private readonly IUsbIpDevice _device;
    private readonly Action<string> _log;
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly object _gate = new();
    private readonly List<UrbCommand> _held = new();

    public UrbSession(Stream stream, IUsbIpDevice device, Action<string> log)
    {
        _stream = stream;
        _device = device;
        _log = log;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        void OnInput() => _ = CompleteHeldAsync(ct);
        _device.InputQueued += OnInput;
        try
        {
            var header = new byte[UsbIpProtocol.UrbHeaderSize];
            while (true)
            {
                await _stream.ReadExactlyAsync(header, ct).ConfigureAwait(false);
                var cmd = UsbIpProtocol.ParseUrbHeader(header);
                var payload = new byte[cmd.PayloadLength];
                if (payload.Length > 0) await _stream.ReadExactlyAsync(payload, ct).ConfigureAwait(false);
                if (cmd.Command == UsbIpProtocol.CmdSubmit) await SubmitAsync(cmd, payload, ct).ConfigureAwait(false);
                else if (cmd.Command == UsbIpProtocol.CmdUnlink) await UnlinkAsync(cmd, ct).ConfigureAwait(false);
                else { _log($"unknown URB command {cmd.Command}"); return; }
            }
        }
        finally { _device.InputQueued -= OnInput; }
    }

    private async Task SubmitAsync(UrbCommand cmd, byte[] payload, CancellationToken ct)
    {
        if (cmd.Endpoint == 0)
        {
            var setup = UsbSetup.Parse(cmd.Setup);
            var outData = cmd.IsIn ? Array.Empty<byte>() : payload.AsSpan(0, Math.Min(payload.Length, cmd.TransferBufferLength)).ToArray();
            var reply = _device.Control(setup, outData);
            if (reply == null) { await SendAsync(UsbIpProtocol.RetSubmitMessage(cmd.SeqNum, -UsbIpProtocol.EPIPE, default, 0), ct).ConfigureAwait(false); return; }
            if (cmd.IsIn)
            {
                var n = Math.Min(reply.Length, Math.Min(cmd.TransferBufferLength, (int)setup.Length));
                await SendAsync(UsbIpProtocol.RetSubmitMessage(cmd.SeqNum, 0, reply.AsSpan(0, n), n), ct).ConfigureAwait(false);
            }
            else await SendAsync(UsbIpProtocol.RetSubmitMessage(cmd.SeqNum, 0, default, outData.Length), ct).ConfigureAwait(false);
            return;
        }
        if (!cmd.IsIn)
        {
            // No OUT endpoint is declared; accept and drop (the kernel never sends here for these devices).
            await SendAsync(UsbIpProtocol.RetSubmitMessage(cmd.SeqNum, 0, default, cmd.TransferBufferLength), ct).ConfigureAwait(false);
            return;
        }
        lock (_gate) _held.Add(cmd);
        await CompleteHeldAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Pairs held interrupt IN transfers with queued reports, oldest first.</summary>
    private async Task CompleteHeldAsync(CancellationToken ct)
    {
        while (true)
        {
            UrbCommand? cmd;
            byte[]? report = null;
            lock (_gate)
            {
                cmd = _held.FirstOrDefault();
                if (cmd == null) return;
                report = _device.TakeInput(cmd.Endpoint);
                if (report == null) return;
                _held.RemoveAt(0);
            }
            var n = Math.Min(report.Length, cmd.TransferBufferLength);
            try { await SendAsync(UsbIpProtocol.RetSubmitMessage(cmd.SeqNum, 0, report.AsSpan(0, n), n), ct).ConfigureAwait(false); }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is OperationCanceledException) { return; }
        }
    }

    private async Task UnlinkAsync(UrbCommand cmd, CancellationToken ct)
    {
        bool found;
        lock (_gate) found = _held.RemoveAll(h => h.SeqNum == cmd.UnlinkSeqNum) > 0;
        // A transfer still held is cancelled (-ECONNRESET, and no RET_SUBMIT follows); one already answered gets 0.
        await SendAsync(UsbIpProtocol.RetUnlinkMessage(cmd.SeqNum, found ? -UsbIpProtocol.ECONNRESET : 0), ct).ConfigureAwait(false);
    }

    private async Task SendAsync(byte[] message, CancellationToken ct)
    {
        await _write.WaitAsync(ct).ConfigureAwait(false);
        try { await _stream.WriteAsync(message, ct).ConfigureAwait(false); }
        finally { _write.Release(); }
    }
}
