using System.Linq;
using UpsPS.Engine.Drivers.Dummy;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers
{
    public class DummyFileParserTests
    {
        private static DummyFileEntry Single(string text) => Assert.Single(DummyFileParser.Parse(text).Entries);

        [Theory]
        [InlineData("ups.model: Model   X   2000", "ups.model", "Model X 2000")]
        [InlineData("ups.mfr: \"ACME Corp\"", "ups.mfr", "ACME Corp")]
        [InlineData("ups.serial: ABC#123", "ups.serial", "ABC")]
        [InlineData("battery.charge 95", "battery.charge", "95")]
        [InlineData("input.voltage:\t230.0   # comment", "input.voltage", "230.0")]
        [InlineData("x.y: \"a  b\" c", "x.y", "a  b c")]
        public void SetLines(string line, string name, string value)
        {
            var e = Single(line);
            Assert.Equal(DummyEntryKind.Set, e.Kind);
            Assert.Equal(name, e.Name);
            Assert.Equal(value, e.Value);
        }

        [Fact]
        public void ValuesAreTruncatedTo127Characters()
        {
            var e = Single("ups.id: " + new string('a', 100) + " " + new string('b', 100));
            Assert.Equal(127, e.Value!.Length);
            Assert.Equal(new string('a', 100) + " " + new string('b', 26), e.Value);
        }

        [Theory]
        [InlineData("ups.alarm:")]
        [InlineData("device.serial: #COMMENT: masked by user")]
        [InlineData("ups.alarm: \"\"")]
        public void NoValueDeletes(string line)
        {
            var e = Single(line);
            Assert.Equal(DummyEntryKind.Delete, e.Kind);
        }

        [Fact]
        public void StatusTokensAreDeduplicated()
        {
            var e = Single("ups.status: OL OL \"CHRG LB\" LB OL");
            Assert.Equal(DummyEntryKind.Status, e.Kind);
            Assert.Equal(new[] { "OL", "CHRG", "LB" }, e.Tokens);
        }

        [Fact]
        public void DriverVariablesAreIgnored()
        {
            Assert.Empty(DummyFileParser.Parse("driver.name: fake\ndriver.parameter.port: x\n").Entries);
        }

        [Fact]
        public void TimerAndAlarmLines()
        {
            var file = DummyFileParser.Parse("TIMER 5\nTIMER\nTIMERX 7abc\nALARM [Replace battery]\nALARM\n");
            Assert.Collection(file.Entries,
                e => { Assert.Equal(DummyEntryKind.Timer, e.Kind); Assert.Equal(5, e.Seconds); },
                e => { Assert.Equal(DummyEntryKind.Timer, e.Kind); Assert.Equal(7, e.Seconds); },
                e => { Assert.Equal(DummyEntryKind.Alarm, e.Kind); Assert.Equal("[Replace battery]", e.Value); },
                e => { Assert.Equal(DummyEntryKind.Alarm, e.Kind); Assert.Null(e.Value); });
            Assert.Single(file.Warnings); // TIMER without argument
        }

        [Fact]
        public void HashInQuotesIsAParseErrorWithFileAndLine()
        {
            var file = DummyFileParser.Parse("a: 1\nups.model: \"Model #1\"\nb: 2\n", "x.dev");
            Assert.Equal(new[] { "a", "b" }, file.Entries.Select(e => e.Name));
            Assert.Equal("Parse error: x.dev:2: Unbalanced word due to unescaped # in quotes", Assert.Single(file.Warnings));
        }

        [Fact]
        public void CapabilityLinesAndDdlAnnotations()
        {
            var file = DummyFileParser.Parse(
                "# DEVICE:URL: http://x\ninput.sensitivity: medium\n#@SETFLAGS input.sensitivity RW STRING\n  #@ADDENUM input.sensitivity \"low\"\n#RW:input.sensitivity:ENUM:\"high\"\n#CMD:test.battery.start\n");
            Assert.Equal(3, file.Entries.Count);
            Assert.True(file.DeclaresFlags);
            Assert.Equal(new[] { "SETFLAGS", "input.sensitivity", "RW", "STRING" }, file.Entries[1].Words);
            Assert.Equal(new[] { "ADDENUM", "input.sensitivity", "low" }, file.Entries[2].Words);
            Assert.Equal(3, file.Entries[1].LineNumber);
        }

        [Fact]
        public void LineContinuationAndCrlf()
        {
            var file = DummyFileParser.Parse("ups.model: Big\\\n UPS\r\nups.mfr: X\r\n");
            Assert.Equal(new[] { "Big UPS", "X" }, file.Entries.Select(e => e.Value));
        }
    }

    public class DummyModeResolverTests
    {
        [Theory]
        [InlineData("repeater", "file.dev", DummyMode.Repeater, "repeater")]
        [InlineData(null, "ups@host", DummyMode.Repeater, "repeater")]
        [InlineData("dummy-loop", "ups@host", DummyMode.Loop, "dummy-loop")]
        [InlineData("dummy-loop", "a.dev", DummyMode.Loop, "dummy-loop")]
        [InlineData("dummy-once", "a.seq", DummyMode.Once, "dummy-once")]
        [InlineData("dummy", "a.dev", DummyMode.Loop, "dummy-loop")]
        [InlineData(null, "a.seq", DummyMode.Loop, "dummy-loop")]
        [InlineData(null, "a.dev", DummyMode.Once, "dummy-once")]
        [InlineData("bogus", "a.dev", DummyMode.Once, "dummy-once")]
        [InlineData("bogus", "a.txt", DummyMode.Loop, "dummy")]
        [InlineData(null, "a.txt", DummyMode.Loop, "dummy")]
        [InlineData(null, "a.DEV", DummyMode.Loop, "dummy")]
        public void DecisionTable(string? mode, string port, DummyMode expected, string shown)
        {
            var (m, s) = DummyModeResolver.Resolve(mode, port);
            Assert.Equal(expected, m);
            Assert.Equal(shown, s);
        }
    }
}
