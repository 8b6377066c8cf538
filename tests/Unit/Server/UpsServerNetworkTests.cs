using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using UpsPS.Engine.Server;
using Xunit;

namespace UpsPS.Tests.Unit.Server
{
    /// <summary>Our TCP server end to end: robustness against hostile input, idle timeout, ordering, snapshots.</summary>
    public class UpsServerNetworkTests
    {
        private const string Ver = "Network UPS Tools upsd <VER> - <URL>\n";

        [Fact]
        public async Task MalformedOverlongAndBinaryLinesLeaveConnectionUsable()
        {
            await using var h = await ServerHarness.StartAsync();
            using var c = await h.ConnectAsync();
            await c.SendAsync("GET VAR fake " + new string('x', 20000) + "\n");
            Assert.Equal("ERR VAR-NOT-SUPPORTED\n", await c.ReadLineAsync());
            await c.SendAsync(string.Join(" ", Enumerable.Repeat("GET", 5000)) + "\n");
            Assert.Equal("ERR INVALID-ARGUMENT\n", await c.ReadLineAsync());
            var binary = Enumerable.Range(0, 4096).Select(i => (byte)(i % 256 == 10 ? 0 : i % 256)).ToArray();
            await c.SendAsync(binary);
            await c.SendAsync("\n");
            // The bytes contain '#' and '"' so the line may be a comment, a parse error or an unknown command.
            await c.SendAsync("GET VAR fake \"a#b\"\nVER\n");
            var line = await c.ReadLineAsync();
            if (line != Ver)
            {
                Assert.Equal("ERR UNKNOWN-COMMAND\n", line);
                Assert.Equal(Ver, await c.ReadLineAsync());
            }
            await c.SendAsync("VER\nNETVER\nGET VAR fake ups.status\n");
            Assert.Equal(Ver + "1.3\nVAR fake ups.status \"OL\"\n", await c.ReadBytesAsync(Ver.Length + 4 + 25));
        }

        [Fact]
        public async Task TenThousandRandomLinesNeverBreakTheServer()
        {
            await using var h = await ServerHarness.StartAsync();
            using var c = await h.ConnectAsync();
            const string Marker = "VAR zz server.version \"<VER>\"\n";
            var rng = new Random(4711);
            string[] vocabulary = { "GET", "LIST", "SET", "VAR", "TYPE", "DESC", "CMDDESC", "UPSDESC", "NUMLOGINS", "ENUM", "RANGE",
                "RW", "CMD", "CLIENT", "UPS", "TRACKING", "ON", "OFF", "fake", "dummy", "nodrv", "nosuch", "ups.status",
                "ups.id", "input.transfer.low", "VER", "HELP", "NETVER", "STARTTLS", "=", "\"q q\"", "\\\\", "x#y", "\"\"" };
            var sb = new StringBuilder();
            const int lines = 10000;
            for (var i = 0; i < lines; i++)
            {
                var n = rng.Next(0, 7);
                for (var w = 0; w < n; w++)
                {
                    if (w > 0) sb.Append(rng.Next(4) == 0 ? '\t' : ' ');
                    if (rng.Next(10) == 0) sb.Append((char)rng.Next(0x20, 0x7f));
                    else sb.Append(vocabulary[rng.Next(vocabulary.Length)]);
                }
                sb.Append('\n');
            }
            // Never log in or logout here: the generator has no USERNAME/LOGOUT words, so the connection must survive.
            var bytes = ServerHarness.Latin1.GetBytes(sb.ToString().Replace("\"\n", "\" \"\n"));
            var reader = Task.Run(async () =>
            {
                var received = new StringBuilder();
                while (!received.ToString().EndsWith(Marker, StringComparison.Ordinal))
                {
                    var chunk = await c.ReadLineAsync(20000);
                    Assert.NotEqual("", chunk);
                    received.Append(chunk);
                }
                return received.ToString();
            });
            await c.SendAsync(bytes);
            await c.SendAsync("\n\"\nGET VAR zz server.version\n");   // close any quote left open, then a unique marker
            var all = await reader;
            foreach (var l in all.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Assert.Matches("^(ERR [A-Z-]+|VAR .*|BEGIN LIST .*|END LIST .*|UPS .*|RW .*|CMD .*|ENUM .*|RANGE .*|CLIENT .*|TYPE .*|DESC .*|CMDDESC .*|UPSDESC .*|NUMLOGINS .*|ON|OFF|OK|1\\.3|Commands: .*|Network UPS Tools upsd .*)$", l);
            Assert.Equal(Ver, await c.RequestAsync("VER"));
        }

        [Fact]
        public async Task IdleClientIsDisconnectedButPartialLinesDoNotCount()
        {
            var clock = new ManualClock();
            var options = new UpsServerOptions { IdleTimeout = TimeSpan.FromSeconds(60), Clock = clock.Now, LoopInterval = TimeSpan.FromMilliseconds(20) };
            await using var h = await ServerHarness.StartAsync(options);
            using var c = await h.ConnectAsync();
            Assert.Equal(Ver, await c.RequestAsync("VER"));
            await h.WaitUntilAsync(() => h.Server.GetClients().Count == 1);
            clock.Advance(TimeSpan.FromSeconds(30));
            await c.SendAsync("GET VAR fake ups.st");               // partial line
            await Task.Yield();
            clock.Advance(TimeSpan.FromSeconds(31));
            Assert.True(await c.IsClosedAsync(), "idle client should be closed");
            await h.WaitUntilAsync(() => h.Server.GetClients().Count == 0);
        }

        [Fact]
        public async Task ActiveClientStaysAndLogoutCloses()
        {
            var clock = new ManualClock();
            await using var h = await ServerHarness.StartAsync(new UpsServerOptions { Clock = clock.Now, LoopInterval = TimeSpan.FromMilliseconds(20) });
            using var c = await h.ConnectAsync();
            for (var i = 0; i < 3; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(40));
                Assert.Equal("1.3\n", await c.RequestAsync("NETVER"));
            }
            Assert.Equal("OK Goodbye\n", await c.RequestAsync("LOGOUT"));
            Assert.True(await c.IsClosedAsync());
        }

        [Fact]
        public async Task LoginDisconnectAndSnapshots()
        {
            await using var h = await ServerHarness.StartAsync();
            using (var c = await h.ConnectAsync())
            {
                Assert.Equal("OK\n", await c.RequestAsync("USERNAME monp"));
                Assert.Equal("OK\n", await c.RequestAsync("PASSWORD mp"));
                Assert.Equal("OK\n", await c.RequestAsync("LOGIN fake"));
                Assert.Equal("OK FSD-SET\n", await c.RequestAsync("FSD fake"));
                var fake = h.Server.GetDevices().Single(d => d.Name == "fake");
                Assert.True(fake.Connected);
                Assert.Equal(1, fake.NumLogins);
                Assert.True(fake.ForcedShutdown);
                Assert.Contains(new System.Collections.Generic.KeyValuePair<string, string>("ups.status", "FSD OL"), fake.Variables);
                var client = Assert.Single(h.Server.GetClients());
                Assert.Equal("127.0.0.1", client.Address);
                Assert.Equal("fake", client.LoggedInto);
                Assert.False(h.Server.GetDevices().Single(d => d.Name == "nodrv").Connected);
            }
            await h.WaitUntilAsync(() => h.Server.GetDevices().Single(d => d.Name == "fake").NumLogins == 0);
            Assert.Contains(h.Log, m => m.StartsWith("User monp@127.0.0.1 logged into UPS [fake]"));
            Assert.Contains(h.Log, m => m == "Client monp@127.0.0.1 set FSD on UPS [fake]");
        }

        [Fact]
        public async Task DriverLossIsReconnectedByTheLoop()
        {
            await using var h = await ServerHarness.StartAsync();
            using var c = await h.ConnectAsync();
            h.Fake.Down();
            await h.WaitUntilAsync(() => !h.Server.GetDevices().Single(d => d.Name == "fake").Connected);
            Assert.Equal("ERR DRIVER-NOT-CONNECTED\n", await c.RequestAsync("GET VAR fake ups.status"));
            var before = h.Fake.Connections;
            h.Fake.Up();
            await h.WaitUntilAsync(() => h.Fake.Connections > before && h.Server.GetDevices().Single(d => d.Name == "fake").DumpDone);
            Assert.Equal("VAR fake ups.status \"OL\"\n", await c.RequestAsync("GET VAR fake ups.status"));
            Assert.Contains(h.Log, m => m.StartsWith("Connected to UPS [fake]"));
        }

        [Fact]
        public async Task StaleAfterMaxAgeWithSilentDriverAndPingSent()
        {
            var clock = new ManualClock();
            await using var h = await ServerHarness.StartAsync(new UpsServerOptions { Clock = clock.Now, LoopInterval = TimeSpan.FromMilliseconds(20) });
            using var c = await h.ConnectAsync();
            h.Fake.AnswerPing = false;
            clock.Advance(TimeSpan.FromSeconds(6));
            await h.WaitUntilAsync(() => h.Fake.ReceivedSnapshot().Any(w => w[0] == "PING"));
            clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal("ERR DATA-STALE\n", await c.RequestAsync("GET VAR fake ups.status"));
            await h.WaitUntilAsync(() => h.Log.Contains("Data for UPS [fake] is stale - check driver"));
            h.Fake.AnswerPing = true;
            clock.Advance(TimeSpan.FromSeconds(6));
            await h.WaitUntilAsync(() => h.Log.Contains("UPS [fake] data is no longer stale"));
            Assert.Equal("VAR fake ups.status \"OL\"\n", await c.RequestAsync("GET VAR fake ups.status"));
        }

        [Fact]
        public async Task ListenStarBindsAndIpv6LoopbackWorks()
        {
            var config = UpsPS.Engine.Config.UpsdConfigReader.Parse("LISTEN ::1 0\nLISTEN 127.0.0.1 0\n");
            await using var server = new UpsServer(config, UpsPS.Engine.Config.UserTable.Empty, (string _) => { });
            server.AddDevice("x", null, new AbsentDriver());
            await server.StartAsync();
            Assert.Equal(2, server.BoundEndpoints.Count);
            var v6 = server.BoundEndpoints.First(e => e.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
            using var tcp = new System.Net.Sockets.TcpClient(System.Net.Sockets.AddressFamily.InterNetworkV6);
            await tcp.ConnectAsync(System.Net.IPAddress.IPv6Loopback, v6.Port);
            using var c = new TestClient(tcp);
            Assert.StartsWith("Network UPS Tools upsd ", await c.RequestAsync("VER"));
            Assert.Equal("OK\n", await c.RequestAsync("USERNAME u"));
            Assert.Equal("::1", server.GetClients().Single().Address);
        }
    }

    public sealed class ManualClock
    {
        private long _ticks = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        public DateTime Now() => new DateTime(System.Threading.Interlocked.Read(ref _ticks), DateTimeKind.Utc);
        public void Advance(TimeSpan by) => System.Threading.Interlocked.Add(ref _ticks, by.Ticks);
    }
}
