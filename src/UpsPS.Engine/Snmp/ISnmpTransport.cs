using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Snmp
{
    /// <summary>Datagram exchange with one agent.</summary>
    public interface ISnmpTransport : IDisposable
    {
        Task SendAsync(byte[] datagram, CancellationToken cancellationToken);

        /// <summary>The next datagram from the agent, or null when <paramref name="timeout"/> passes first.</summary>
        Task<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken);
    }

    /// <summary>A connected UDP socket. ICMP "port unreachable" counts as silence (the agent may be restarting).</summary>
    public sealed class UdpSnmpTransport : ISnmpTransport
    {
        private readonly UdpClient _udp;
        private Task<UdpReceiveResult>? _pending;

        private UdpSnmpTransport(UdpClient udp) { _udp = udp; }

        public static async Task<UdpSnmpTransport> ConnectAsync(string host, int port)
        {
            IPAddress? address;
            if (!IPAddress.TryParse(host, out address))
            {
                var addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
                if (addresses.Length == 0) throw new SnmpException($"cannot resolve host '{host}'");
                address = addresses[0];
            }
            var udp = new UdpClient(address.AddressFamily);
            udp.Connect(new IPEndPoint(address, port));
            return new UdpSnmpTransport(udp);
        }

        /// <summary>
        /// An ICMP "port unreachable" left by an earlier datagram is reported by the next socket call, which may be this
        /// send: that error belongs to the earlier datagram, so the send is tried once more; if the port is still
        /// closed the datagram counts as lost and the caller's timeout and retries take over.
        /// </summary>
        public async Task SendAsync(byte[] datagram, CancellationToken cancellationToken)
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                try
                {
                    await _udp.SendAsync(datagram, datagram.Length).ConfigureAwait(false);
                    return;
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused || e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        public async Task<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero) return null;
                // A receive that outlived the last timeout is kept: its datagram may still be the answer.
                _pending ??= _udp.ReceiveAsync();
                using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var delay = Task.Delay(remaining, cts.Token);
                    var done = await Task.WhenAny(_pending, delay).ConfigureAwait(false);
                    cts.Cancel();
                    cancellationToken.ThrowIfCancellationRequested();
                    if (done != _pending) return null;
                }
                var task = _pending;
                _pending = null;
                try { return (await task.ConfigureAwait(false)).Buffer; }
                catch (SocketException) { await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50, Math.Max(1, remaining.TotalMilliseconds))), cancellationToken).ConfigureAwait(false); }
                catch (ObjectDisposedException) { return null; }
            }
        }

        public void Dispose() => _udp.Dispose();
    }
}
