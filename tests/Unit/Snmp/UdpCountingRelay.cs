using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Tests.Unit.Snmp
{
    /// <summary>Forwards UDP between one manager and an agent and counts the manager's datagrams (PDUs sent).</summary>
    public sealed class UdpCountingRelay : IDisposable
    {
        private readonly UdpClient _front = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly UdpClient _back = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private IPEndPoint? _manager;
        private long _requests;

        public UdpCountingRelay(int agentPort)
        {
            _back.Connect(new IPEndPoint(IPAddress.Loopback, agentPort));
            _ = Task.Run(ForwardRequestsAsync);
            _ = Task.Run(ForwardRepliesAsync);
        }

        public int Port => ((IPEndPoint)_front.Client.LocalEndPoint!).Port;
        public string Address => $"127.0.0.1:{Port}";
        public long Requests => Interlocked.Read(ref _requests);
        public void Reset() => Interlocked.Exchange(ref _requests, 0);

        private async Task ForwardRequestsAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var r = await _front.ReceiveAsync(_stop.Token);
                    _manager = r.RemoteEndPoint;
                    Interlocked.Increment(ref _requests);
                    await _back.SendAsync(r.Buffer, r.Buffer.Length);
                }
                catch (Exception e) when (e is SocketException || e is OperationCanceledException || e is ObjectDisposedException) { if (_stop.IsCancellationRequested) return; }
            }
        }

        private async Task ForwardRepliesAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var r = await _back.ReceiveAsync(_stop.Token);
                    if (_manager != null) await _front.SendAsync(r.Buffer, r.Buffer.Length, _manager);
                }
                catch (Exception e) when (e is SocketException || e is OperationCanceledException || e is ObjectDisposedException) { if (_stop.IsCancellationRequested) return; }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _front.Dispose();
            _back.Dispose();
        }
    }
}
