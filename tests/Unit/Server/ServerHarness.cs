using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Server;

namespace UpsPS.Tests.Unit.Server
{
    /// <summary>Our server on a random loopback port with the transcript devices: fake, dummy, nodrv.</summary>
    public sealed class ServerHarness : IAsyncDisposable
    {
        public static readonly Encoding Latin1 = Encoding.Latin1;

        public UpsServer Server { get; }
        public ScriptedFakeDriver Fake { get; }
        public ScriptedFakeDriver Dummy { get; }
        public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

        private ServerHarness(UpsServer server, ScriptedFakeDriver fake, ScriptedFakeDriver dummy)
        {
            Server = server;
            Fake = fake;
            Dummy = dummy;
        }

        public static string TranscriptDir
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null)
                {
                    var candidate = Path.Combine(dir.FullName, "tests", "Unit", "Transcripts");
                    if (Directory.Exists(candidate)) return candidate;
                    dir = dir.Parent;
                }
                throw new DirectoryNotFoundException("tests/Unit/Transcripts not found above " + AppContext.BaseDirectory);
            }
        }

        public static async Task<ServerHarness> StartAsync(UpsServerOptions? options = null, int maxAge = 15, UserTable? users = null)
        {
            var dir = TranscriptDir;
            var config = UpsdConfigReader.Parse("LISTEN 127.0.0.1 0\nMAXAGE " + maxAge + "\n");
            users ??= UpsdUsersReader.Load(Path.Combine(dir, "upsd.users"));
            options ??= new UpsServerOptions();
            options.LoopInterval = options.LoopInterval == TimeSpan.FromSeconds(2) ? TimeSpan.FromMilliseconds(100) : options.LoopInterval;
            options.Version ??= "<VER>";
            options.ProjectUrl ??= "<URL>";
            options.DescriptionFiles ??= new[] { "/usr/share/nut/cmdvartab" };
            var fake = ScriptedFakeDriver.FromDumpFile(Path.Combine(dir, "fake-driver.dump"));
            var dummy = ScriptedFakeDriver.FromDumpFile(Path.Combine(dir, "dummy-ups.dump"));
            ServerHarness? harness = null;
            var server = new UpsServer(config, users, new DelegateServerLog((l, m) => harness?.Log.Enqueue(m)), options);
            harness = new ServerHarness(server, fake, dummy);
            server.AddDevice("fake", "Fake \"Q\" device", fake);
            server.AddDevice("dummy", "Dummy UPS", dummy);
            server.AddDevice("nodrv", null, new AbsentDriver());
            await server.StartAsync();
            if (server.BoundEndpoints.Any(e => e.Port == 3493)) throw new InvalidOperationException("test server must use a random port");
            await harness.WaitUntilAsync(() => server.GetDevices().Where(d => d.Name != "nodrv").All(d => d.DumpDone));
            return harness;
        }

        public int Port => Server.BoundEndpoints[0].Port;

        public async Task<TestClient> ConnectAsync()
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, Port);
            return new TestClient(tcp);
        }

        public async Task WaitUntilAsync(Func<bool> condition, int timeoutMs = 10000)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached");
                await Task.Delay(10);
            }
        }

        public async ValueTask DisposeAsync() => await Server.StopAsync();
    }

    public sealed class TestClient : IDisposable
    {
        private readonly TcpClient _tcp;
        private readonly NetworkStream _stream;
        private readonly MemoryStream _pending = new MemoryStream();

        public TestClient(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
        }

        public Task SendAsync(string text) => SendAsync(ServerHarness.Latin1.GetBytes(text));

        public async Task SendAsync(byte[] bytes)
        {
            await _stream.WriteAsync(bytes);
            await _stream.FlushAsync();
        }

        /// <summary>Reads exactly n bytes (less if the server closes); throws on timeout.</summary>
        public async Task<string> ReadBytesAsync(int n, int timeoutMs = 5000)
        {
            using var cts = new CancellationTokenSource(timeoutMs);
            var buffer = new byte[Math.Max(n, 1)];
            var got = 0;
            while (got < n)
            {
                int r;
                try { r = await _stream.ReadAsync(buffer.AsMemory(got, n - got), cts.Token); }
                catch (OperationCanceledException) { throw new TimeoutException($"expected {n} bytes, got {got}: {ServerHarness.Latin1.GetString(buffer, 0, got)}"); }
                catch (IOException) { break; }
                if (r == 0) break;
                got += r;
            }
            return ServerHarness.Latin1.GetString(buffer, 0, got);
        }

        public async Task<string> ReadLineAsync(int timeoutMs = 5000)
        {
            var sb = new StringBuilder();
            while (true)
            {
                var c = await ReadBytesAsync(1, timeoutMs);
                if (c.Length == 0) return sb.ToString();
                sb.Append(c);
                if (c == "\n") return sb.ToString();
            }
        }

        public async Task<string> RequestAsync(string line)
        {
            await SendAsync(line + "\n");
            return await ReadLineAsync();
        }

        /// <summary>Reads until "END LIST" or an ERR line.</summary>
        public async Task<string> RequestListAsync(string line)
        {
            await SendAsync(line + "\n");
            var sb = new StringBuilder();
            while (true)
            {
                var l = await ReadLineAsync();
                sb.Append(l);
                if (l.Length == 0 || l.StartsWith("END LIST") || l.StartsWith("ERR")) return sb.ToString();
            }
        }

        /// <summary>True when the server closed the connection within the timeout.</summary>
        public async Task<bool> IsClosedAsync(int timeoutMs = 5000)
        {
            using var cts = new CancellationTokenSource(timeoutMs);
            var b = new byte[1];
            try { return await _stream.ReadAsync(b, cts.Token) == 0; }
            catch (OperationCanceledException) { return false; }
            catch (IOException) { return true; }
        }

        public void Dispose() => _tcp.Dispose();
    }
}
