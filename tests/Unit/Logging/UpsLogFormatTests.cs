using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Logging;
using UpsPS.Engine.Monitor;
using UpsPS.Engine.Monitor.Syslog;
using UpsPS.Tests.Unit.Client;
using Xunit;

namespace UpsPS.Tests.Unit.Logging
{
    public class UpsLogFormatTests
    {
        private static readonly UpsLogContext Ctx = new UpsLogContext
        {
            UpsHost = "myups@192.0.2.10:3493",
            HostName = "vm",
            ProcessId = 4242,
            Time = new DateTimeOffset(2026, 11, 25, 13, 43, 31, TimeSpan.Zero),
            Values = new Dictionary<string, string?> { ["ups.status"] = "FSD OL", ["battery.charge"] = "100", ["input.voltage"] = null },
        };

        // Expected values observed with upslog 2.8.0 (see logging-and-web.md §1.2).
        [Theory]
        [InlineData("%TEXT hello%|%HOSTX%|%PIDfoo%", "INVALID|vm|4242")]
        [InlineData("%VAR x%|%VAR ups.status%|%ETIMEq%|%UPSHOST%|%%", "INVALID|FSD OL|1795614211|myups@192.0.2.10:3493|%")]
        [InlineData("%host%|%upshost%|%var battery.charge%|%var input.voltage%", "vm|myups@192.0.2.10:3493|100|NA")]
        [InlineData("%unterminated x", "INVALIDunterminated x")]
        [InlineData("a%t b", "a\t b")]
        [InlineData("%TIME%", "INVALID")]
        public void Tokens_expand_like_upslog(string format, string expected)
        {
            Assert.Equal(expected, UpsLogFormat.Parse(format).Expand(Ctx));
        }

        [Fact]
        public void Default_format_matches_upslog_layout()
        {
            var ctx = new UpsLogContext { Time = Ctx.Time, Values = Ctx.Values };
            string line = UpsLogFormat.Parse(null).Expand(ctx);
            var local = Ctx.Time.ToLocalTime();
            Assert.Equal(local.ToString("yyyyMMdd HHmmss") + " 100 NA NA [FSD OL] NA NA", line);
            Assert.Equal(new[] { "battery.charge", "input.voltage", "ups.load", "ups.status", "ups.temperature", "input.frequency" }, UpsLogFormat.Parse(null).VariableNames);
        }

        [Fact]
        public void Strftime_covers_the_usual_conversions()
        {
            var t = new DateTimeOffset(2024, 3, 5, 7, 8, 9, TimeSpan.Zero);
            Assert.Equal("2024-03-05 07:08:09 Tue Mar  5 AM 065 %q", Strftime.Format("%F %T %a %b %e %p %j %q", t));
        }

        [Fact]
        public void File_writer_rotates_by_size()
        {
            var dir = Path.Combine(Path.GetTempPath(), "upsps-log-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var path = Path.Combine(dir, "ups.log");
                using (var w = new UpsLogFileWriter(path, maxBytes: 25, maxFiles: 2))
                    for (int i = 0; i < 7; i++) w.WriteLine("line " + i + " xxxxx"); // 13 bytes each: one line per file after the first
                Assert.Equal(new[] { "line 6 xxxxx" }, File.ReadAllLines(path));
                Assert.Equal(new[] { "line 5 xxxxx" }, File.ReadAllLines(path + ".1"));
                Assert.Equal(new[] { "line 4 xxxxx" }, File.ReadAllLines(path + ".2"));
                Assert.True(File.Exists(path + ".2"));
                Assert.False(File.Exists(path + ".3"));
            }
            finally { Directory.Delete(dir, true); }
        }

        [Fact]
        public void Syslog_datagram_is_rfc3164()
        {
            string s = Rfc3164Formatter.Format(MonitorLogLevel.Notice, "upsmon", 77, "UPS a@b on battery\nx", new DateTime(2024, 1, 5, 9, 3, 7));
            Assert.Equal("<29>Jan  5 09:03:07 upsmon[77]: UPS a@b on battery x", s);
            Assert.StartsWith("<26>", Rfc3164Formatter.Format(MonitorLogLevel.Critical, "t", 1, "m", DateTime.Now));
        }

        [SkippableFact]
        public void Syslog_sink_sends_to_a_unix_datagram_socket()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix sockets only");
            var path = Path.Combine(Path.GetTempPath(), "upsps-syslog-" + Guid.NewGuid().ToString("N"));
            using var server = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            server.Bind(new UnixDomainSocketEndPoint(path));
            try
            {
                using var sink = new SystemLogSink("upsmon", path);
                Assert.Null(sink.Unavailable);
                sink.Log(MonitorLogLevel.Notice, "hello syslog");
                sink.Log(MonitorLogLevel.Debug, "filtered");
                var buffer = new byte[2048];
                server.ReceiveTimeout = 5000;
                int n = server.Receive(buffer);
                string got = Encoding.UTF8.GetString(buffer, 0, n);
                Assert.StartsWith("<29>", got);
                Assert.EndsWith("]: hello syslog", got);
                Assert.Equal(0, server.Available);
            }
            finally { File.Delete(path); }
        }

        [Fact]
        public void Syslog_sink_without_a_socket_reports_why_and_does_not_throw()
        {
            using var sink = new SystemLogSink("upsmon", "/nonexistent/dir/log");
            Assert.NotNull(sink.Unavailable);
            sink.Log(MonitorLogLevel.Error, "dropped");
        }

        [SkippableFact]
        public async Task Logger_writes_lines_from_the_real_upsd_and_NA_when_unreachable()
        {
            Skip.IfNot(RealNutServer.Available, RealNutServer.SkipReason);
            await using var server = await RealNutServer.StartAsync();
            var records = new List<UpsLogRecord>();
            var logger = new UpsLogger(new[] { $"*@127.0.0.1:{server.Port}", "ghost@127.0.0.1:1" },
                UpsLogFormat.Parse("%UPSHOST% %VAR ups.status% %VAR battery.charge% %VAR nope.nope%"), TimeSpan.FromSeconds(1)) { Count = 2 };
            logger.RecordWritten += r => records.Add(r);
            await logger.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(4, records.Count);
            Assert.Equal($"dummy@127.0.0.1:{server.Port} OL 100 NA", records[0].Line);
            Assert.Equal("ghost@127.0.0.1:1 NA NA NA", records[1].Line);
            Assert.NotNull(records[1].Error);
        }
    }
}
