using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Monitor;
using Xunit;

namespace UpsPS.Tests.Unit.Monitor
{
    public class NotificationTests
    {
        [Theory]
        [InlineData("UPS %s on battery", "u@h", null, "UPS u@h on battery")]
        [InlineData("no placeholder", "u@h", null, "no placeholder")]
        [InlineData("UPS %s: one or more active alarms: [%s]", "u", "Fan", "UPS u: one or more active alarms: [Fan]")]
        [InlineData("100%% %s", "u", null, "100% u")]
        public void Formats_like_upsmon(string template, string system, string? extra, string expected)
        {
            Assert.Equal(expected, NotificationMessageFormatter.Format(template, system, extra));
        }

        [Fact]
        public void Every_type_has_a_stock_text_and_parses_case_insensitively()
        {
            foreach (NotifyType t in Enum.GetValues(typeof(NotifyType)))
            {
                Assert.False(string.IsNullOrEmpty(NotificationDefaults.GetMessage(t)));
                Assert.True(NotificationDefaults.TryParseType(t.ToString().ToLowerInvariant(), out var back));
                Assert.Equal(t, back);
            }
            Assert.Equal(32, Enum.GetValues(typeof(NotifyType)).Length);
            Assert.False(NotificationDefaults.TryParseType("3", out _));
            Assert.Equal(NotifyFlags.Syslog | NotifyFlags.Wall, NotificationDefaults.GetFlags(NotifyType.CAL, windows: false));
            Assert.Equal(NotifyFlags.Syslog, NotificationDefaults.GetFlags(NotifyType.ONBATT, windows: true));
        }

        private sealed class RecordingWall : IWallSink
        {
            public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new System.Collections.Concurrent.ConcurrentQueue<string>();
            public void Broadcast(string message) => Messages.Enqueue(message);
        }

        private static UpsNotification N(NotifyFlags flags, NotifyType type = NotifyType.ONBATT) =>
            new UpsNotification(type, "u", "UPS u on battery", DateTimeOffset.UtcNow, flags);

        [Fact]
        public async Task Flags_route_to_syslog_wall_and_exec_handlers_and_IGNORE_wins()
        {
            var log = new RecordingLog();
            var wall = new RecordingWall();
            var d = new NotificationDispatcher(log, wall, () => Array.Empty<string>());
            int calls = 0;
            d.AddExecHandler("count", (n, ct) => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
            d.Notify(N(NotifyFlags.Syslog | NotifyFlags.Wall | NotifyFlags.Exec));
            d.Notify(N(NotifyFlags.Ignore | NotifyFlags.Exec | NotifyFlags.Syslog));
            d.Notify(N(NotifyFlags.Syslog));
            await d.WhenIdleAsync();
            Assert.Equal(1, calls);
            Assert.Single(wall.Messages);
            Assert.Equal(2, log.Entries.Count(e => e.Level == MonitorLogLevel.Notice && e.Message == "UPS u on battery"));
        }

        [Fact]
        public async Task Throwing_and_hanging_handlers_are_isolated_and_bounded()
        {
            var log = new RecordingLog();
            var d = new NotificationDispatcher(log, null, () => Array.Empty<string>()) { HandlerTimeout = TimeSpan.FromMilliseconds(200) };
            var release = new TaskCompletionSource<bool>();
            int good = 0;
            d.AddExecHandler("thrower", (n, ct) => throw new InvalidOperationException("handler broke"));
            d.AddExecHandler("hanger", (n, ct) => release.Task);
            d.AddExecHandler("good", (n, ct) => { Interlocked.Increment(ref good); return Task.CompletedTask; });
            var sw = System.Diagnostics.Stopwatch.StartNew();
            d.Notify(N(NotifyFlags.Exec));
            Assert.True(sw.ElapsedMilliseconds < 150, "Notify must not wait for handlers");
            var idle = d.WhenIdleAsync();
            Assert.Same(idle, await Task.WhenAny(idle, Task.Delay(TimeSpan.FromSeconds(10))));
            release.SetResult(true);
            Assert.Equal(1, good);
            Assert.True(log.Contains("Notification handler thrower for ONBATT failed: handler broke"));
            Assert.True(log.Contains("Notification handler hanger for ONBATT did not finish within 0.2 s; abandoned"));
        }

        [Fact]
        public void NOTIFYCMD_gets_NUT_environment_and_message_argument()
        {
            var psi = NotifyCommandLauncher.BuildStartInfo(new[] { "/usr/local/bin/notify", "-x" }, "ONBATT", "u@h", "UPS u@h on \"battery\"", windows: false);
            Assert.Equal("/usr/local/bin/notify", psi.FileName);
            Assert.Equal("-x \"UPS u@h on \\\"battery\\\"\"", psi.Arguments);
            Assert.Equal("ONBATT", psi.Environment["NOTIFYTYPE"]);
            Assert.Equal("u@h", psi.Environment["UPSNAME"]);

            var shell = NotifyCommandLauncher.BuildStartInfo(new[] { "/x/y.sh arg1" }, "SHUTDOWN", "", "Auto logout and shutdown proceeding", windows: false);
            Assert.Equal("/bin/sh", shell.FileName);
            Assert.Equal("-c \"/x/y.sh arg1 \\\"$1\\\"\" sh \"Auto logout and shutdown proceeding\"", shell.Arguments);
            Assert.Equal("", shell.Environment["UPSNAME"]);
        }

        [SkippableFact]
        public async Task NOTIFYCMD_really_runs_with_the_environment()
        {
            Skip.If(OperatingSystem.IsWindows(), "POSIX shell needed");
            var dir = System.IO.Directory.CreateTempSubdirectory("upsps-notify-");
            try
            {
                string outFile = System.IO.Path.Combine(dir.FullName, "out");
                string script = System.IO.Path.Combine(dir.FullName, "n.sh");
                System.IO.File.WriteAllText(script, $"#!/bin/sh\necho \"$NOTIFYTYPE|$UPSNAME|$1\" > '{outFile}'\n");
                System.IO.File.SetUnixFileMode(script, System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite | System.IO.UnixFileMode.UserExecute);
                var launcher = new NotifyCommandLauncher(new RecordingLog());
                int code = await launcher.RunAsync(new[] { script }, N(NotifyFlags.Exec), TimeSpan.FromSeconds(10), CancellationToken.None);
                Assert.Equal(0, code);
                Assert.Equal("ONBATT|u|UPS u on battery\n", System.IO.File.ReadAllText(outFile));
            }
            finally { dir.Delete(true); }
        }

        [Fact]
        public void Command_line_quoting_round_trips()
        {
            Assert.Equal("a \"b c\" \"\" \"d\\\"e\" \"f\\\\\\\" g\"", CommandLineQuoting.Join(new[] { "a", "b c", "", "d\"e", "f\\\" g" }));
            Assert.Equal("'it'\\''s'", CommandLineQuoting.ShellSingleQuote("it's"));
        }
    }
}
