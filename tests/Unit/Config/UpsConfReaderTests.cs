using System.Linq;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using Xunit;

namespace UpsPS.Tests.Unit.Config
{
    public class UpsConfReaderTests
    {
        [Fact]
        public void ReadsGlobalsSectionsFlagsAndFirstValue()
        {
            var conf = UpsConfReader.Parse(
                "pollinterval = 5\nmaxretry=3\nnowait\n\n[ups1]\n  driver = dummy-ups\n  port = \"a b.dev\" extra words\n  desc = \"My UPS\"\n  ignorelb\n  driver usbhid-ups\n  override.battery.charge.low = 20\n[ups2]\n driver=dummy-ups\n port=x.seq\n");

            Assert.Equal("5", conf.Globals["pollinterval"]);
            Assert.Equal("3", conf.Globals["maxretry"]);
            Assert.True(conf.Globals.ContainsKey("nowait"));
            Assert.Null(conf.Globals["nowait"]);

            Assert.Equal(new[] { "ups1", "ups2" }, conf.Sections.Select(s => s.Name));
            var ups1 = conf.Sections[0];
            Assert.Equal("dummy-ups", ups1.Driver); // "driver usbhid-ups" (no '=') is ignored
            Assert.Equal("a b.dev", ups1.Port);     // first value only
            Assert.Equal("My UPS", ups1.Desc);
            Assert.True(ups1.HasFlag("ignorelb"));
            Assert.Equal(5, ups1.LineNumber);
            Assert.Equal(new[] { "driver", "port", "desc", "ignorelb", "override.battery.charge.low" }, ups1.Options.Select(o => o.Key));
            Assert.Null(ups1.Options.Single(o => o.Key == "ignorelb").Value);
            Assert.Equal(11, ups1.Find("override.battery.charge.low")!.LineNumber);
            Assert.Empty(conf.Warnings);
        }

        [Fact]
        public void DuplicateNamesAreCaseInsensitiveAndLaterWins()
        {
            var conf = UpsConfReader.Parse("[UPS]\n driver = dummy-ups\n port = a.dev\n[ups]\n driver = dummy-ups\n port = b.dev\n");
            var section = Assert.Single(conf.Sections);
            Assert.Equal("ups", section.Name);
            Assert.Equal("b.dev", section.Port);
            Assert.Contains("UPS name [ups] is already in use!", conf.Warnings);
        }

        [Fact]
        public void DefaultIsReserved()
        {
            var e = Assert.Throws<ConfigException>(() => UpsConfReader.Parse("# c\n[Default]\n driver = dummy-ups\n", "/etc/nut/ups.conf"));
            Assert.Equal("/etc/nut/ups.conf", e.File);
            Assert.Equal(2, e.Line);
            Assert.StartsWith("/etc/nut/ups.conf:2: ", e.Message);
        }

        [Fact]
        public void IncompleteSectionsAreWarnedAndNotComplete()
        {
            var conf = UpsConfReader.Parse("[nodriver]\n port = x\n[noport]\n driver = dummy-ups\n[ok]\n driver = dummy-ups\n port = y.dev\n");
            Assert.Contains("Warning: ignoring incomplete configuration for UPS [nodriver]", conf.Warnings);
            Assert.Contains("Warning: ignoring incomplete configuration for UPS [noport]", conf.Warnings);
            Assert.Equal(new[] { "ok" }, conf.CompleteSections.Select(s => s.Name));
        }

        [Fact]
        public void UnescapedHashInQuotesIsAParseErrorNamingFileAndLine()
        {
            var conf = UpsConfReader.Parse("[a]\n driver = dummy-ups\n desc = \"a#b\"\n port = x.dev\n", "ups.conf");
            Assert.Contains("Parse error: ups.conf:3: Unbalanced word due to unescaped # in quotes", conf.Warnings);
            var section = Assert.Single(conf.Sections);
            Assert.Null(section.Desc);
            Assert.Equal("x.dev", section.Port);
            Assert.False(section.Has("b\""));
        }

        [Fact]
        public void UnknownDriverIsAClearErrorNamingFileAndLine()
        {
            var text = string.Concat(Enumerable.Repeat("# comment\n", 10)) + "[x]\n driver = foo\n port = auto\n";
            var section = UpsConfReader.Parse(text, "ups.conf").Sections.Single();
            var e = Assert.Throws<ConfigException>(() => DriverRegistry.CreateDefault().Validate(section));
            Assert.Equal("ups.conf:12: driver 'foo' for UPS [x] is not available in UpsPS; available: dummy-ups, usbhid-ups", e.Message);
            Assert.Equal(12, e.Line);
        }

        [Fact]
        public void UnknownDriverKeyIsFatalWithFileAndLine()
        {
            var section = UpsConfReader.Parse("[x]\n driver = dummy-ups\n port = a.dev\n vendorid = 051d\n", "ups.conf").Sections.Single();
            var e = Assert.Throws<ConfigException>(() => DriverRegistry.CreateDefault().Validate(section));
            Assert.Equal("ups.conf:4: 'vendorid' is not a valid variable name for this driver.", e.Message);
        }

        [Fact]
        public void UnknownFlagIsFatalWithFileAndLine()
        {
            var section = UpsConfReader.Parse("[x]\n driver = dummy-ups\n port = a.dev\n\n pollonly\n", "ups.conf").Sections.Single();
            var e = Assert.Throws<ConfigException>(() => DriverRegistry.CreateDefault().Validate(section));
            Assert.Equal("ups.conf:5: 'pollonly' is not a valid flag for this driver.", e.Message);
        }

        [Fact]
        public void CoreKeysDriverKeysOverridesAndDefaultsAreAccepted()
        {
            var section = UpsConfReader.Parse(
                "[x]\n driver = dummy-ups\n port = a.dev\n mode = dummy-loop\n MODE = dummy-once\n pollinterval = 1\n sdorder = 2\n desc = d\n nolock\n ignorelb\n allow_killpower\n override.ups.mfr = M\n Default.battery.charge = 5\n repeater_disable_strict_start\n").Sections.Single();
            var descriptor = DriverRegistry.CreateDefault().Validate(section);
            Assert.Equal("dummy-ups", descriptor.Name);
        }

        [Fact]
        public void CoreKeysAreCaseSensitive()
        {
            var section = UpsConfReader.Parse("[x]\n driver = dummy-ups\n port = a.dev\n Port = b\n").Sections.Single();
            var e = Assert.Throws<ConfigException>(() => DriverRegistry.CreateDefault().Validate(section));
            Assert.Equal("ups.conf:4: 'Port' is not a valid variable name for this driver.", e.Message);
        }

        [Theory]
        [InlineData("0")]
        [InlineData("abc")]
        [InlineData("-3")]
        public void InvalidPollIntervalIsFatal(string value)
        {
            var section = UpsConfReader.Parse($"[x]\n driver = dummy-ups\n port = a.dev\n pollinterval = {value}\n").Sections.Single();
            var e = Assert.Throws<ConfigException>(() => DriverRegistry.CreateDefault().Validate(section));
            Assert.Equal($"ups.conf:4: Error: UPS [x]: invalid pollinterval: {value}", e.Message);
        }

        [Fact]
        public void ReadFileUsesThePathInMessages()
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "upsps-" + System.Guid.NewGuid().ToString("N") + ".conf");
            System.IO.File.WriteAllText(path, "[default]\n");
            try
            {
                var e = Assert.Throws<ConfigException>(() => UpsConfReader.ReadFile(path));
                Assert.StartsWith(path + ":1: ", e.Message);
            }
            finally { System.IO.File.Delete(path); }
        }
    }
}
