using System.IO;
using System.Linq;
using UpsPS.Engine.Config;
using Xunit;

namespace UpsPS.Tests.Unit.Config
{
    public class UpsdConfigReaderTests
    {
        [Fact]
        public void DefaultsWhenEmpty()
        {
            var c = UpsdConfigReader.Parse("");
            Assert.Equal(15, c.MaxAge);
            Assert.Equal(3600, c.TrackingDelay);
            Assert.Equal(new[] { "127.0.0.1 port 3493", "::1 port 3493" }, c.EffectiveListeners.Select(l => l.ToString()));
            Assert.Empty(c.Diagnostics);
        }

        [Fact]
        public void ReadsDirectives()
        {
            var c = UpsdConfigReader.Parse(
                "LISTEN 0.0.0.0 3494\nLISTEN ::\n\"STATEPATH\" /run/x # comment\nDATAPATH /d\nMAXAGE 20s\nTRACKINGDELAY 60\nMAXCONN 50\n" +
                "ALLOW_NO_DEVICE Yes\nDISABLE_WEAK_SSL 1\nCERTFILE /c.pem\nCERTIDENT \"my cert\" pw\nCERTREQUEST REQUIRE\ndebug_min 2\n");
            Assert.Empty(c.Diagnostics);
            Assert.Equal(new[] { "0.0.0.0 port 3494", ":: port 3493" }, c.Listeners.Select(l => l.ToString()));
            Assert.Equal("/run/x", c.StatePath);
            Assert.Equal("/d", c.DataPath);
            Assert.Equal(20, c.MaxAge);
            Assert.Equal(60, c.TrackingDelay);
            Assert.Equal(50, c.MaxConn);
            Assert.True(c.AllowNoDevice);
            Assert.True(c.DisableWeakSsl);
            Assert.Equal("/c.pem", c.CertFile);
            Assert.Equal("my cert", c.CertIdentName);
            Assert.Equal("pw", c.CertIdentPassword);
            Assert.Equal(CertificateRequest.Require, c.CertRequest);
            Assert.Equal(2, c.DebugMin);
        }

        [Fact]
        public void BadLinesAreDiagnosticsWithFileAndLine()
        {
            var c = UpsdConfigReader.Parse("maxage 20\nMAXAGE abc\nALLOW_NO_DEVICE maybe\nMAXAGE\nACL x\nSTATEPATH \"a#b\"\nMAXAGE 30\n", "/etc/nut/upsd.conf");
            Assert.Equal(30, c.MaxAge);
            Assert.Equal(new[]
            {
                "/etc/nut/upsd.conf:1: upsd.conf: invalid directive maxage 20",
                "/etc/nut/upsd.conf:2: MAXAGE has non numeric value (abc)!",
                "/etc/nut/upsd.conf:2: upsd.conf: invalid directive MAXAGE abc",
                "/etc/nut/upsd.conf:3: ALLOW_NO_DEVICE has non numeric and non boolean value (maybe)!",
                "/etc/nut/upsd.conf:3: upsd.conf: invalid directive ALLOW_NO_DEVICE maybe",
                "/etc/nut/upsd.conf:4: upsd.conf: invalid directive MAXAGE",
                "/etc/nut/upsd.conf:5: ACL in upsd.conf is no longer supported - switch to LISTEN",
                "/etc/nut/upsd.conf:6: Parse error: /etc/nut/upsd.conf:6: Unbalanced word due to unescaped # in quotes",
            }, c.Diagnostics.Select(d => d.ToString()));
        }

        [Fact]
        public void MissingFileIsFatal()
        {
            var path = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName(), "upsd.conf");
            var ex = Assert.Throws<ConfigException>(() => UpsdConfigReader.Load(path));
            Assert.Equal($"{path}:0: stat {path}: No such file or directory", ex.Message);
            Assert.Throws<ConfigException>(() => UpsdUsersReader.Load(path));
        }

        [Fact]
        public void LoadsFromFileAndEnvironmentWins()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "ALLOW_NO_DEVICE off\nMAXAGE 5\n");
                var c = UpsdConfigReader.Load(path);
                Assert.Equal(5, c.MaxAge);
                c.ApplyEnvironment(n => n == "ALLOW_NO_DEVICE" ? "TRUEish" : null);
                Assert.True(c.AllowNoDevice);
            }
            finally { File.Delete(path); }
        }
    }

    public class UpsdUsersReaderTests
    {
        private const string Sample = @"
stray = ignored
[admin]
	password = ""s3cr\#t""
	actions = SET FSD
	instcmds = load.off LOAD.ON
[monp]
	password=mp
	upsmon primary
[mons]
	password = ms
	upsmon = slave
[monp]
	password = other
	actions = SET
[odd]
	password = x
	password = y
	upsmon sideways
	allowfrom = localhost
	colour = blue
	instcmds = all
user old format
";

        [Fact]
        public void ParsesUsersAndRights()
        {
            var t = UpsdUsersReader.Parse(Sample, "upsd.users");
            Assert.Equal(new[] { "admin", "monp", "mons", "odd" }, t.Users.Select(u => u.Name));
            Assert.True(t.HasAction("admin", "s3cr#t", "set"));
            Assert.True(t.HasAction("admin", "s3cr#t", "FSD"));
            Assert.False(t.HasAction("admin", "s3cr#t", "LOGIN"));
            Assert.False(t.HasAction("admin", "S3CR#T", "SET"));
            Assert.False(t.HasAction("Admin", "s3cr#t", "SET"));
            Assert.True(t.MayRunCommand("admin", "s3cr#t", "load.on"));
            Assert.False(t.MayRunCommand("admin", "s3cr#t", "shutdown.return"));
            Assert.True(t.HasAction("monp", "mp", "LOGIN"));
            Assert.True(t.HasAction("monp", "mp", "MASTER"));
            Assert.True(t.HasAction("monp", "mp", "FSD"));
            Assert.True(t.HasAction("monp", "mp", "SET"));          // duplicate section keeps applying to the first
            Assert.False(t.HasAction("monp", "other", "LOGIN"));    // …but cannot replace its password
            Assert.True(t.HasAction("mons", "ms", "LOGIN"));
            Assert.False(t.HasAction("mons", "ms", "FSD"));
            Assert.True(t.HasAction("odd", "x", "LOGIN") == false && t.MayRunCommand("odd", "x", "anything"));
            Assert.False(t.MayRunCommand("odd", "y", "anything"));
            Assert.False(t.HasAction(null, null, "LOGIN"));
        }

        [Fact]
        public void WarningsCarryNutTextAndLine()
        {
            var t = UpsdUsersReader.Parse(Sample, "upsd.users");
            Assert.Equal(new[]
            {
                "upsd.users:12: Unknown upsmon type =",
                "upsd.users:13: Ignoring duplicate user monp",
                "upsd.users:14: Ignoring duplicate password for monp",
                "upsd.users:18: Ignoring duplicate password for odd",
                "upsd.users:19: Unknown upsmon type sideways",
                "upsd.users:20: allowfrom in upsd.users is no longer used",
                "upsd.users:21: Unrecognized user setting colour",
            }, t.Diagnostics.Select(d => d.ToString()));
        }

        [Fact]
        public void SecretComparisonIsExact()
        {
            Assert.True(UserTable.SecretEquals("abc", "abc"));
            Assert.False(UserTable.SecretEquals("abc", "abcd"));
            Assert.False(UserTable.SecretEquals("abc", "abd"));
            Assert.False(UserTable.SecretEquals("", "a"));
        }
    }
}
