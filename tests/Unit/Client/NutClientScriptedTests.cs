using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using UpsPS.Engine.Client;
using Xunit;

namespace UpsPS.Tests.Unit.Client
{
    /// <summary>NutClient against a tiny scripted TCP peer: behaviour no real upsd shows on demand.</summary>
    public class NutClientScriptedTests
    {
        /// <summary>Answers each request line with reply(line); null = stay silent.</summary>
        private sealed class ScriptedServer : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            public readonly ConcurrentQueue<string> Received = new ConcurrentQueue<string>();

            public ScriptedServer(Func<string, string?> reply)
            {
                _listener.Start();
                _ = Task.Run(async () =>
                {
                    while (true)
                    {
                        TcpClient tcp;
                        try { tcp = await _listener.AcceptTcpClientAsync(); } catch (Exception) { return; }
                        _ = Task.Run(async () =>
                        {
                            using var _ = tcp;
                            using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
                            var writer = tcp.GetStream();
                            string? line;
                            try
                            {
                                while ((line = await reader.ReadLineAsync()) != null)
                                {
                                    Received.Enqueue(line);
                                    var answer = reply(line);
                                    if (answer == null) continue;
                                    var bytes = Encoding.ASCII.GetBytes(answer);
                                    await writer.WriteAsync(bytes, 0, bytes.Length);
                                }
                            }
                            catch (IOException) { }
                        });
                    }
                });
            }

            public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
            public void Dispose() => _listener.Stop();
        }

        private static string? Old(string line) => line switch
        {
            "PROTVER" => "ERR UNKNOWN-COMMAND\n",
            "NETVER" => "1.2\n",
            "PRIMARY dummy" => "ERR UNKNOWN-COMMAND\n",
            "MASTER dummy" => "OK MASTER-GRANTED\n",
            "GET VAR dummy ups.status" => "VAR dummy ups.status \"OL\"\n",
            "GET VAR dummy slow" => null,
            "STARTTLS" => "ERR FEATURE-NOT-SUPPORTED\n",
            "VER" => "Network UPS Tools upsd 2.6.0 - http://www.networkupstools.org/\n",
            _ when line.StartsWith("USERNAME") || line.StartsWith("PASSWORD") => "OK\n",
            _ => "ERR UNKNOWN-COMMAND\n",
        };

        [Fact]
        public async Task Falls_back_to_NETVER_and_MASTER_on_an_older_server()
        {
            using var server = new ScriptedServer(Old);
            using var client = new NutClient(new NutClientOptions { Host = "127.0.0.1", Port = server.Port, TryStartTls = true });
            Assert.Equal("MASTER", await client.PrimaryAsync("dummy"));
            Assert.Equal(new Version(1, 2), client.ProtocolVersion);
            Assert.False(client.IsTls);
            Assert.Equal(new[] { "STARTTLS", "PROTVER", "NETVER", "MASTER dummy" }, server.Received.ToArray());
        }

        [Fact]
        public async Task Features_of_protocol_1_3_are_refused_locally_on_older_servers()
        {
            using var server = new ScriptedServer(Old);
            using var client = new NutClient(new NutClientOptions { Host = "127.0.0.1", Port = server.Port });
            await client.ConnectAsync();
            await Assert.ThrowsAsync<NotSupportedException>(() => client.SetTrackingAsync(true));
            await Assert.ThrowsAsync<NotSupportedException>(() => client.InstantCommandAsync("dummy", "load.off", "5"));
        }

        [Fact]
        public async Task A_request_without_reply_times_out_and_the_next_request_reconnects()
        {
            using var server = new ScriptedServer(Old);
            using var client = new NutClient(new NutClientOptions
            {
                Host = "127.0.0.1", Port = server.Port, RequestTimeout = TimeSpan.FromMilliseconds(300), AutoReconnect = true,
            });
            Assert.Equal("OL", await client.GetVariableAsync("dummy", "ups.status"));
            await Assert.ThrowsAsync<TimeoutException>(() => client.GetVariableAsync("dummy", "slow"));
            Assert.False(client.IsConnected);
            Assert.Equal("OL", await client.GetVariableAsync("dummy", "ups.status"));
            Assert.Equal(1, client.ReconnectCount);
        }

        [Fact]
        public async Task Trace_masks_the_password_but_it_is_sent()
        {
            using var server = new ScriptedServer(Old);
            var trace = new ConcurrentQueue<string>();
            using var client = new NutClient(new NutClientOptions { Host = "127.0.0.1", Port = server.Port, Trace = trace.Enqueue });
            await client.AuthenticateAsync(new NutCredential("admin", "pa ss".ToCharArray()));
            Assert.DoesNotContain(trace, t => t.Contains("pa ss"));
            Assert.Contains(trace, t => t.Contains("PASSWORD ********"));
            Assert.Contains("PASSWORD \"pa ss\"", server.Received);
        }

        [Fact]
        public async Task Idle_connection_sends_keepalive_requests()
        {
            using var server = new ScriptedServer(Old);
            using var client = new NutClient(new NutClientOptions
            {
                Host = "127.0.0.1", Port = server.Port, KeepAliveInterval = TimeSpan.FromMilliseconds(100),
            });
            await client.ConnectAsync();
            await RealNutServer.WaitUntilAsync(() => Task.FromResult(System.Linq.Enumerable.Contains(server.Received, "VER")), TimeSpan.FromSeconds(5), "a keepalive VER");
            Assert.True(client.IsConnected);
        }

        [Fact]
        public async Task Connection_refused_is_a_NutConnectionException()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            using var client = new NutClient("127.0.0.1", port);
            await Assert.ThrowsAsync<NutConnectionException>(() => client.ListUpsAsync());
        }

        [Fact]
        public async Task Concurrent_callers_are_serialised_on_one_connection()
        {
            using var server = new ScriptedServer(Old);
            using var client = new NutClient(new NutClientOptions { Host = "127.0.0.1", Port = server.Port });
            var tasks = new Task<string>[20];
            for (var i = 0; i < tasks.Length; i++) tasks[i] = client.GetVariableAsync("dummy", "ups.status");
            foreach (var value in await Task.WhenAll(tasks)) Assert.Equal("OL", value);
        }
    }
}
