using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Server;
using Xunit;

namespace UpsPS.Tests.Unit.Server
{
    /// <summary>Failed-login logging and throttling per address, per-address connection limit, world-readable warnings.</summary>
    public class AccessHardeningTests
    {
        private static async Task<TestClient> ConnectFromAsync(ServerHarness h, string localAddress)
        {
            var tcp = new TcpClient(new IPEndPoint(IPAddress.Parse(localAddress), 0));
            await tcp.ConnectAsync(IPAddress.Loopback, h.Port);
            return new TestClient(tcp);
        }

        private static async Task<(string Reply, TimeSpan Elapsed)> LoginAsync(ServerHarness h, string from, string password)
        {
            using var c = await ConnectFromAsync(h, from);
            Assert.Equal("OK\n", await c.RequestAsync("USERNAME monp"));
            Assert.Equal("OK\n", await c.RequestAsync("PASSWORD " + password));
            var sw = Stopwatch.StartNew();
            var reply = await c.RequestAsync("LOGIN fake");
            return (reply, sw.Elapsed);
        }

        [SkippableFact]
        public async Task WrongPasswordBurstSlowsOnlyThatAddressAndIsLoggedWithoutThePassword()
        {
            Skip.If(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS(), "needs the whole 127/8 on loopback");
            await using var h = await ServerHarness.StartAsync();
            var throttle = h.Server.State.LoginThrottle;
            throttle.FreeFailures = 2;
            throttle.BaseDelay = throttle.MaxDelay = TimeSpan.FromSeconds(2);

            for (var i = 0; i < 2; i++)
            {
                var free = await LoginAsync(h, "127.0.0.2", "guess" + i);
                Assert.Equal("ERR ACCESS-DENIED\n", free.Reply);
                Assert.True(free.Elapsed < TimeSpan.FromSeconds(1), $"free failure took {free.Elapsed}");
            }
            // The third wrong password from 127.0.0.2 waits; meanwhile a correct login from 127.0.0.1 is answered at once.
            var attacker = LoginAsync(h, "127.0.0.2", "guess2");
            var good = await LoginAsync(h, "127.0.0.1", "mp");
            Assert.Equal("OK\n", good.Reply);
            Assert.True(good.Elapsed < TimeSpan.FromSeconds(1), $"correct login from another address took {good.Elapsed}");
            var slow = await attacker;
            Assert.Equal("ERR ACCESS-DENIED\n", slow.Reply);
            Assert.True(slow.Elapsed >= TimeSpan.FromSeconds(1.9), $"throttled failure took only {slow.Elapsed}");

            var logged = h.Log.Where(l => l.StartsWith("Failed login", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, logged.Count);
            Assert.All(logged, l => Assert.Contains("user 'monp' from 127.0.0.2", l));
            Assert.DoesNotContain(h.Log, l => l.Contains("guess", StringComparison.Ordinal));
        }

        [Fact]
        public async Task CorrectLoginIsNotDelayedAndRightsProblemsAreNotCountedAsFailures()
        {
            await using var h = await ServerHarness.StartAsync();
            h.Server.State.LoginThrottle.FreeFailures = 0;
            h.Server.State.LoginThrottle.BaseDelay = TimeSpan.FromSeconds(5);
            using var c = await h.ConnectAsync();
            await c.RequestAsync("USERNAME limited");
            await c.RequestAsync("PASSWORD lp");
            var sw = Stopwatch.StartNew();
            Assert.Equal("ERR ACCESS-DENIED\n", await c.RequestAsync("FSD fake")); // right missing, password fine
            Assert.Equal("ERR ACCESS-DENIED\n", await c.RequestAsync("LOGIN fake"));
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"took {sw.Elapsed}");
            Assert.DoesNotContain(h.Log, l => l.StartsWith("Failed login", StringComparison.Ordinal));
        }

        [Fact]
        public void ThrottleDelayGrowsAndResets()
        {
            var t = new LoginThrottle { FreeFailures = 1, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3), Window = TimeSpan.FromMinutes(1) };
            var now = new DateTime(2026, 1, 1);
            Assert.Equal(TimeSpan.Zero, t.DelayFor("a", now));
            t.RecordFailure("a", now);
            Assert.Equal(TimeSpan.Zero, t.DelayFor("a", now));
            t.RecordFailure("a", now);
            Assert.Equal(TimeSpan.FromSeconds(1), t.DelayFor("a", now));
            t.RecordFailure("a", now);
            Assert.Equal(TimeSpan.FromSeconds(2), t.DelayFor("a", now));
            t.RecordFailure("a", now);
            Assert.Equal(TimeSpan.FromSeconds(3), t.DelayFor("a", now));
            Assert.Equal(TimeSpan.Zero, t.DelayFor("b", now));
            Assert.Equal(TimeSpan.Zero, t.DelayFor("a", now.AddMinutes(2)));
            t.RecordSuccess("a");
            Assert.Equal(TimeSpan.Zero, t.DelayFor("a", now));
        }

        [Fact]
        public async Task ConnectionsOverThePerAddressLimitAreClosed()
        {
            await using var h = await ServerHarness.StartAsync(new UpsServerOptions { MaxConnectionsPerAddress = 2, LimitLoopbackConnections = true });
            using var a = await h.ConnectAsync();
            using var b = await h.ConnectAsync();
            Assert.Equal("1.3\n", await a.RequestAsync("NETVER"));
            Assert.Equal("1.3\n", await b.RequestAsync("NETVER"));
            using var c = await h.ConnectAsync();
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                var reply = await c.RequestAsync("NETVER");
                if (reply.Length == 0) throw new IOException("closed");
            });
            await h.WaitUntilAsync(() => h.Log.Any(l => l.Contains("Rejecting connection from 127.0.0.1")));
            a.Dispose();
            await h.WaitUntilAsync(() => h.Server.GetClients().Count == 1);
            using var d = await h.ConnectAsync();
            Assert.Equal("1.3\n", await d.RequestAsync("NETVER"));
        }

        [Fact]
        public async Task LoopbackClientsAreNotLimitedPerAddressByDefault()
        {
            await using var h = await ServerHarness.StartAsync(new UpsServerOptions { MaxConnectionsPerAddress = 2 });
            var clients = new System.Collections.Generic.List<IDisposable>();
            try
            {
                for (var i = 0; i < 5; i++)
                {
                    var c = await h.ConnectAsync();
                    clients.Add(c);
                    Assert.Equal("1.3\n", await c.RequestAsync("NETVER"));
                }
                Assert.Equal(5, h.Server.GetClients().Count);
            }
            finally { foreach (var c in clients) c.Dispose(); }
        }

        [SkippableFact]
        public void WorldReadableFilesAreReported()
        {
            Skip.If(OperatingSystem.IsWindows(), "POSIX permissions");
            var file = Path.GetTempFileName();
            try
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
                Assert.Equal($"{file} is world readable", ConfigFilePermissions.WorldReadableWarning(file));
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Assert.Null(ConfigFilePermissions.WorldReadableWarning(file));
            }
            finally { File.Delete(file); }
        }
    }
}
