using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Protocol;
using UpsPS.Engine.Server;
using Xunit;

namespace UpsPS.Tests.Unit.Server
{
    /// <summary>The pure command handler, with devices fed by the scripted fake driver through in-process channels.</summary>
    public class CommandHandlerTests : IAsyncLifetime
    {
        private DateTime _now = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private ServerState _state = null!;
        private CommandHandler _handler = null!;
        private ScriptedFakeDriver _fake = null!;
        private ServerDevice _device = null!;
        private ServerDevice _nodrv = null!;

        public async Task InitializeAsync()
        {
            var users = UpsdUsersReader.Parse(File.ReadAllText(Path.Combine(ServerHarness.TranscriptDir, "upsd.users")));
            _state = new ServerState(new UpsdConfig { TrackingDelay = 10 }, users, clock: () => _now) { Version = "9.9.9", ProjectUrl = "http://x/" };
            _state.Descriptions = DescriptionTable.Parse("VARDESC ups.status \"UPS status\"\nCMDDESC load.off \"Off\"\n");
            _handler = new CommandHandler(_state);
            _fake = ScriptedFakeDriver.FromDumpFile(Path.Combine(ServerHarness.TranscriptDir, "fake-driver.dump"));
            _device = new ServerDevice(_state, "fake", "Fake", _fake);
            _nodrv = new ServerDevice(_state, "nodrv", null, new AbsentDriver());
            _state.AddDevice(_device);
            _state.AddDevice(_nodrv);
            await _device.ConnectAsync();
            await WaitAsync(() => { lock (_state.Gate) return _device.DumpDone; });
        }

        public Task DisposeAsync() { _device.Disconnect(); return Task.CompletedTask; }

        private static async Task WaitAsync(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException();
                await Task.Delay(5);
            }
        }

        private ClientSession NewSession(string? user = null, string? password = null)
        {
            var s = new ClientSession("127.0.0.1", _now) { Username = user, Password = password };
            lock (_state.Gate) _state.AddSession(s);
            return s;
        }

        private string Run(ClientSession s, string line)
        {
            lock (_state.Gate) return _handler.Handle(s, NutTokenizer.SplitLine(line)).Text;
        }

        private string Run(string line) => Run(NewSession(), line);

        [Theory]
        [InlineData("VER", "Network UPS Tools upsd 9.9.9 - http://x/\n")]
        [InlineData("ver", "Network UPS Tools upsd 9.9.9 - http://x/\n")]
        [InlineData("VER x", "ERR INVALID-ARGUMENT\n")]
        [InlineData("NETVER", "1.3\n")]
        [InlineData("PROTVER", "1.3\n")]
        [InlineData("HELP", "Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME PASSWORD STARTTLS\n")]
        [InlineData("", "ERR UNKNOWN-COMMAND\n")]
        [InlineData("# only a comment", "ERR UNKNOWN-COMMAND\n")]
        [InlineData("FOO bar", "ERR UNKNOWN-COMMAND\n")]
        [InlineData("STARTTLS", "ERR FEATURE-NOT-CONFIGURED\n")]
        [InlineData("STARTTLS a b", "ERR FEATURE-NOT-CONFIGURED\n")]
        [InlineData("GET", "ERR INVALID-ARGUMENT\n")]
        [InlineData("GET NUMATTACH fake", "ERR INVALID-ARGUMENT\n")]
        [InlineData("GET VAR fake", "ERR INVALID-ARGUMENT\n")]
        [InlineData("get var FAKE UPS.STATUS", "VAR FAKE UPS.STATUS \"OL\"\n")]
        [InlineData("GET VAR fake ups.model", "VAR fake ups.model \"Model \\#1 \\\\ back\"\n")]
        [InlineData("GET VAR fake no.such", "ERR VAR-NOT-SUPPORTED\n")]
        [InlineData("GET VAR nosuch ups.status", "ERR UNKNOWN-UPS\n")]
        [InlineData("GET VAR nosuch SERVER.VERSION", "VAR nosuch server.version \"9.9.9\"\n")]
        [InlineData("GET VAR x server.info", "VAR x server.info \"Network UPS Tools upsd 9.9.9 - http://x/\"\n")]
        [InlineData("GET VAR x server.other", "ERR VAR-NOT-SUPPORTED\n")]
        [InlineData("GET VAR nodrv ups.status", "ERR DRIVER-NOT-CONNECTED\n")]
        [InlineData("GET UPSDESC nodrv", "UPSDESC nodrv \"Unavailable\"\n")]
        [InlineData("GET NUMLOGINS fake", "NUMLOGINS fake 0\n")]
        [InlineData("GET NUMLOGINS nodrv", "ERR DRIVER-NOT-CONNECTED\n")]
        [InlineData("GET TYPE fake ups.id", "TYPE fake ups.id RW STRING:8\n")]
        [InlineData("GET TYPE fake input.transfer.low", "TYPE fake input.transfer.low RW ENUM NUMBER\n")]
        [InlineData("GET TYPE fake input.transfer.high", "TYPE fake input.transfer.high RW RANGE NUMBER\n")]
        [InlineData("GET TYPE fake ups.status", "TYPE fake ups.status NUMBER\n")]
        [InlineData("GET DESC fake UPS.STATUS", "DESC fake UPS.STATUS \"UPS status\"\n")]
        [InlineData("GET DESC fake no.such", "DESC fake no.such \"Description unavailable\"\n")]
        [InlineData("GET CMDDESC fake load.off", "CMDDESC fake load.off \"Off\"\n")]
        [InlineData("GET TRACKING", "OFF\n")]
        [InlineData("GET TRACKING x", "ERR FEATURE-NOT-CONFIGURED\n")]
        [InlineData("LIST", "ERR INVALID-ARGUMENT\n")]
        [InlineData("LIST UPS x", "BEGIN LIST UPS\nUPS fake \"Fake\"\nUPS nodrv \"Description unavailable\"\nEND LIST UPS\n")]
        [InlineData("LIST CMD Fake", "BEGIN LIST CMD Fake\nCMD Fake beeper.toggle\nCMD Fake load.off\nCMD Fake test.battery.start.quick\nEND LIST CMD Fake\n")]
        [InlineData("LIST RW fake", "BEGIN LIST RW fake\nRW fake input.transfer.high \"130\"\nRW fake input.transfer.low \"100\"\nRW fake ups.id \"abc\"\nEND LIST RW fake\n")]
        [InlineData("LIST ENUM fake input.transfer.low", "BEGIN LIST ENUM fake input.transfer.low\nENUM fake input.transfer.low \"100\"\nENUM fake input.transfer.low \"103\"\nEND LIST ENUM fake input.transfer.low\n")]
        [InlineData("LIST RANGE fake input.transfer.high", "BEGIN LIST RANGE fake input.transfer.high\nRANGE fake input.transfer.high \"120\" \"140\"\nRANGE fake input.transfer.high \"150\" \"160\"\nEND LIST RANGE fake input.transfer.high\n")]
        [InlineData("LIST ENUM fake ups.status", "BEGIN LIST ENUM fake ups.status\nEND LIST ENUM fake ups.status\n")]
        [InlineData("LIST ENUM fake", "ERR INVALID-ARGUMENT\n")]
        [InlineData("LIST FOO fake x", "ERR INVALID-ARGUMENT\n")]
        [InlineData("LIST CLIENT nodrv", "BEGIN LIST CLIENT nodrv\nEND LIST CLIENT nodrv\n")]
        [InlineData("LIST VAR nodrv", "ERR DRIVER-NOT-CONNECTED\n")]
        [InlineData("LOGIN fake", "ERR USERNAME-REQUIRED\n")]
        [InlineData("SET FOO", "ERR USERNAME-REQUIRED\n")]
        [InlineData("INSTCMD", "ERR USERNAME-REQUIRED\n")]
        [InlineData("FSD", "ERR USERNAME-REQUIRED\n")]
        [InlineData("PRIMARY fake", "ERR USERNAME-REQUIRED\n")]
        [InlineData("LOGOUT x", "ERR INVALID-ARGUMENT\n")]
        [InlineData("USERNAME", "ERR INVALID-ARGUMENT\n")]
        public void AnonymousReplies(string request, string expected) => Assert.Equal(expected, Run(request));

        [Fact]
        public void ThirtyThirdWordIsDropped()
        {
            var words = string.Join(" ", Enumerable.Range(0, 40).Select(i => "w" + i));
            Assert.Equal("VAR fake ups.status \"OL\"\n", Run("GET VAR fake ups.status " + words));
            Assert.Equal("ERR VAR-NOT-SUPPORTED\n", Run("GET VAR fake " + new string('x', 600)));
        }

        [Fact]
        public void CredentialPresenceOrderAndAlreadySet()
        {
            var s = NewSession();
            Assert.Equal("OK\n", Run(s, "PASSWORD pw"));
            Assert.Equal("ERR USERNAME-REQUIRED\n", Run(s, "SET TRACKING ON"));
            Assert.Equal("ERR ALREADY-SET-PASSWORD\n", Run(s, "PASSWORD again"));
            Assert.Equal("OK\n", Run(s, "USERNAME nobody"));
            Assert.Equal("ERR ALREADY-SET-USERNAME\n", Run(s, "USERNAME again"));
            Assert.Equal("OK\n", Run(s, "SET TRACKING ON"));   // presence only
            Assert.Equal("ERR ACCESS-DENIED\n", Run(s, "LOGIN fake"));
            var t = NewSession("monp");
            Assert.Equal("ERR PASSWORD-REQUIRED\n", Run(t, "LOGIN fake"));
        }

        [Fact]
        public void LoginCountsConnectionsAndListsClients()
        {
            var a = NewSession("monp", "mp");
            Assert.Equal("OK\n", Run(a, "LOGIN FAKE"));
            Assert.Equal("ERR ALREADY-LOGGED-IN\n", Run(a, "LOGIN nodrv"));
            var b = NewSession("mons", "ms");
            Assert.Equal("ERR UNKNOWN-UPS\n", Run(b, "LOGIN nosuch"));
            Assert.Equal("OK\n", Run(b, "LOGIN fake"));
            Assert.Equal("NUMLOGINS fake 2\n", Run("GET NUMLOGINS fake"));
            Assert.Equal("BEGIN LIST CLIENT Fake\nCLIENT fake 127.0.0.1\nCLIENT fake 127.0.0.1\nEND LIST CLIENT Fake\n", Run("LIST CLIENT Fake"));
            lock (_state.Gate) _state.RemoveSession(b);
            Assert.Equal("NUMLOGINS fake 1\n", Run("GET NUMLOGINS fake"));
            Assert.Equal("ERR ACCESS-DENIED\n", Run(NewSession("admin", "adminpw"), "LOGIN fake"));
            Assert.Equal("ERR ACCESS-DENIED\n", Run(NewSession("monp", "MP"), "LOGIN fake"));
            Assert.Equal("OK\n", Run(NewSession("monp", "mp"), "LOGIN nodrv"));
        }

        [Fact]
        public void PrimaryMasterAndFsd()
        {
            var p = NewSession("monp", "mp");
            Assert.Equal("OK PRIMARY-GRANTED\n", Run(p, "PRIMARY fake"));
            Assert.Equal("OK MASTER-GRANTED\n", Run(p, "master nodrv"));
            Assert.Equal("ERR INVALID-ARGUMENT\n", Run(p, "PRIMARY"));
            Assert.Equal("ERR UNKNOWN-UPS\n", Run(p, "PRIMARY nosuch"));
            var s = NewSession("mons", "ms");
            Assert.Equal("ERR ACCESS-DENIED\n", Run(s, "PRIMARY fake"));
            Assert.Equal("ERR ACCESS-DENIED\n", Run(s, "FSD fake"));
            Assert.Equal("OK FSD-SET\n", Run(p, "FSD fake"));
            Assert.Equal("OK FSD-SET\n", Run(p, "FSD fake"));
            Assert.Equal("OK FSD-SET\n", Run(p, "FSD nodrv"));
            Assert.Equal("VAR fake ups.status \"FSD OL\"\n", Run("GET VAR fake ups.status"));
            Assert.Contains("VAR fake ups.status \"FSD OL\"\n", Run("LIST VAR fake"));
            Assert.DoesNotContain("FSD", Run("LIST RW fake"));
        }

        [Fact]
        public async Task SetVarChecksInOrderAndRelays()
        {
            var m = NewSession("mons", "ms");
            Assert.Equal("ERR ACCESS-DENIED\n", Run(m, "SET VAR fake no.such x"));
            Assert.Equal("ERR UNKNOWN-UPS\n", Run(m, "SET VAR nosuch no.such x"));
            Assert.Equal("ERR DRIVER-NOT-CONNECTED\n", Run(m, "SET VAR nodrv x y"));
            var a = NewSession("admin", "adminpw");
            Assert.Equal("ERR INVALID-ARGUMENT\n", Run(a, "SET VAR fake ups.id"));
            Assert.Equal("ERR INVALID-ARGUMENT\n", Run(a, "SET FOO bar"));
            Assert.Equal("ERR VAR-NOT-SUPPORTED\n", Run(a, "SET VAR fake no.such x"));
            Assert.Equal("ERR READONLY\n", Run(a, "SET VAR fake ups.status OB"));
            Assert.Equal("ERR TOO-LONG\n", Run(a, "SET VAR fake ups.id 123456789"));
            Assert.Equal("ERR INVALID-VALUE\n", Run(a, "SET VAR fake input.transfer.low 101"));
            Assert.Equal("ERR INVALID-VALUE\n", Run(a, "SET VAR fake input.transfer.high 145"));
            Assert.Equal("OK\n", Run(a, "SET VAR fake input.transfer.high 137abc"));
            Assert.Equal("OK\n", Run(a, "SET VAR Fake UPS.ID \"a b\" extra"));
            await WaitAsync(() => _fake.ReceivedSnapshot().Any(w => w.SequenceEqual(new[] { "SET", "UPS.ID", "a b" })));
        }

        [Fact]
        public async Task InstCmdChecksCommandBeforePermissionAndKeepsParameterWhole()
        {
            var l = NewSession("limited", "lp");
            Assert.Equal("ERR CMD-NOT-SUPPORTED\n", Run(l, "INSTCMD fake nosuch.cmd"));
            Assert.Equal("ERR ACCESS-DENIED\n", Run(l, "INSTCMD fake load.off"));
            Assert.Equal("OK\n", Run(l, "INSTCMD fake BEEPER.TOGGLE"));
            var a = NewSession("admin", "adminpw");
            Assert.Equal("ERR INVALID-ARGUMENT\n", Run(a, "INSTCMD fake"));
            Assert.Equal("OK\n", Run(a, "INSTCMD fake load.off \"x y\""));
            await WaitAsync(() => _fake.ReceivedSnapshot().Any(w => w.SequenceEqual(new[] { "INSTCMD", "load.off", "x y" })));
            Assert.Equal("OK\n", Run(a, "INSTCMD fake load.off 1 2"));
            await WaitAsync(() => _fake.ReceivedSnapshot().Last().SequenceEqual(new[] { "INSTCMD", "load.off" }));
        }

        [Fact]
        public async Task TrackingLifecycle()
        {
            var a = NewSession("admin", "adminpw");
            Assert.Equal("ERR INVALID-ARGUMENT\n", Run(a, "SET TRACKING maybe"));
            Assert.Equal("OK\n", Run(a, "SET TRACKING on"));
            Assert.Equal("ON\n", Run(a, "GET TRACKING"));
            var reply = Run(a, "INSTCMD fake load.off 5");
            Assert.Matches("^OK TRACKING [0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[0-9A-F]{4}-[0-9A-F]{12}\n$", reply);
            var id = reply.Substring(12, 36);
            await WaitAsync(() => Run(a, "GET TRACKING " + id) == "SUCCESS\n");
            Assert.Equal("SUCCESS\n", Run(a, "GET TRACKING " + id.ToLowerInvariant()));
            Assert.Contains(_fake.ReceivedSnapshot(), w => w.SequenceEqual(new[] { "INSTCMD", "load.off", "5", "TRACKING", id }));

            var pending = Run(a, "INSTCMD fake beeper.toggle").Substring(12, 36);
            Assert.Equal("PENDING\n", Run(a, "GET TRACKING " + pending));
            foreach (var (value, expected) in new[] { ("r1", "ERR UNKNOWN"), ("r2", "ERR INVALID-ARGUMENT"), ("r3", "ERR FAILED"), ("r4", "ERR UNKNOWN"), ("rabc", "SUCCESS") })
            {
                var sid = Run(a, "SET VAR fake ups.id " + value).Substring(12, 36);
                await WaitAsync(() => Run(a, "GET TRACKING " + sid) == expected + "\n");
            }
            var other = NewSession("x", "y");
            Assert.Equal("ERR FEATURE-NOT-CONFIGURED\n", Run(other, "GET TRACKING " + id));
            Run(other, "SET TRACKING ON");
            Assert.Equal("SUCCESS\n", Run(other, "GET TRACKING " + id));
            Assert.Equal("ERR UNKNOWN\n", Run(other, "GET TRACKING 00000000-0000-4000-8000-000000000000"));

            _now = _now.AddSeconds(11);
            lock (_state.Gate) _state.Tracking.Purge(_now, _state.Config.TrackingDelay);
            Assert.Equal("ERR UNKNOWN\n", Run(a, "GET TRACKING " + pending));
            Assert.Equal("OK\n", Run(a, "SET TRACKING OFF"));
            Assert.Equal("OK\n", Run(a, "INSTCMD fake load.off"));
        }

        [Fact]
        public void LogoutClosesAndLogs()
        {
            var a = NewSession("monp", "mp");
            Run(a, "LOGIN fake");
            lock (_state.Gate)
            {
                var r = _handler.Handle(a, new[] { "LOGOUT" });
                Assert.Equal("OK Goodbye\n", r.Text);
                Assert.True(r.CloseAfter);
            }
        }

        [Fact]
        public async Task StalenessDriverLossAndReconnect()
        {
            _fake.SetStale(true);
            await WaitAsync(() => Run("GET VAR fake ups.status") == "ERR DATA-STALE\n");
            Assert.Equal("ERR DATA-STALE\n", Run("GET NUMLOGINS fake"));
            Assert.Equal("UPSDESC fake \"Fake\"\n", Run("GET UPSDESC fake"));
            _fake.SetStale(false);
            await WaitAsync(() => Run("GET VAR fake ups.status") == "VAR fake ups.status \"OL\"\n");

            // MAXAGE: nothing heard for more than 15 s → stale; PING after MAXAGE/3; PONG recovers.
            _fake.AnswerPing = false;
            _now = _now.AddSeconds(6);
            bool reconnect;
            lock (_state.Gate) reconnect = _device.Maintain(_now);
            Assert.False(reconnect);
            await WaitAsync(() => _fake.ReceivedSnapshot().Any(w => w.Count == 1 && w[0] == "PING"));
            Assert.Equal("VAR fake ups.status \"OL\"\n", Run("GET VAR fake ups.status"));
            _now = _now.AddSeconds(10);
            Assert.Equal("ERR DATA-STALE\n", Run("GET VAR fake ups.status"));
            _fake.AnswerPing = true;
            lock (_state.Gate) _device.Maintain(_now);
            await WaitAsync(() => Run("GET VAR fake ups.status") == "VAR fake ups.status \"OL\"\n");

            // Driver loss: data flushed, DRIVER-NOT-CONNECTED, FSD latch and logins kept, reconnect on the next pass.
            var p = NewSession("monp", "mp");
            Run(p, "LOGIN fake");
            Run(p, "FSD fake");
            _fake.Down();
            await WaitAsync(() => Run("GET VAR fake ups.status") == "ERR DRIVER-NOT-CONNECTED\n");
            lock (_state.Gate) Assert.True(_device.Maintain(_now));
            await _device.ConnectAsync();
            Assert.Equal("ERR DRIVER-NOT-CONNECTED\n", Run("LIST VAR fake"));
            _fake.Up();
            await _device.ConnectAsync();
            await WaitAsync(() => Run("GET VAR fake ups.status") == "VAR fake ups.status \"FSD OL\"\n");
            Assert.Equal("NUMLOGINS fake 1\n", Run("GET NUMLOGINS fake"));
        }

        [Fact]
        public async Task DriverUpdatesFollowNutRules()
        {
            _fake.Broadcast(new[] { "SETINFO", "ups.status", "ol" });       // case-only change ignored
            _fake.Broadcast(new[] { "SETINFO", "ups.load", "42" });
            _fake.Broadcast(new[] { "ADDENUM", "no.base", "x" });
            _fake.Broadcast(new[] { "ADDRANGE", "input.transfer.high", "150", "170" }); // shares min → duplicate
            _fake.Broadcast(new[] { "DELCMD", "beeper.toggle" });
            _fake.Broadcast(new[] { "DELINFO", "battery.charge" });
            await WaitAsync(() => Run("GET VAR fake battery.charge") == "ERR VAR-NOT-SUPPORTED\n");
            Assert.Equal("VAR fake ups.status \"OL\"\n", Run("GET VAR fake ups.status"));
            Assert.Equal("VAR fake ups.load \"42\"\n", Run("GET VAR fake ups.load"));
            Assert.DoesNotContain("170", Run("LIST RANGE fake input.transfer.high"));
            Assert.DoesNotContain("beeper", Run("LIST CMD fake"));
        }
    }
}
