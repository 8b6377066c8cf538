using System.IO;
using System.Linq;
using UpsPS.Engine.Config;
using UpsPS.Engine.Monitor;
using Xunit;

namespace UpsPS.Tests.Unit.Monitor
{
    public class UpsmonConfReaderTests
    {
        [Fact]
        public void Reads_every_option()
        {
            const string text = @"# sample
MONITOR myups@localhost 1 monprimary p1 primary
MONITOR other@host:3494 0 monsec ""s 1"" slave
MINSUPPLIES 1
SHUTDOWNCMD ""/sbin/shutdown -h +0""
NOTIFYCMD /usr/local/bin/notifyme
POLLFREQ 3
POLLFREQALERT 1
HOSTSYNC 20
DEADTIME 25
POWERDOWNFLAG /run/nut/killpower
NOTIFYMSG onbatt ""On battery: %s""
NOTIFYFLAG ONBATT SYSLOG+WALL+EXEC
NOTIFYFLAG lowbatt IGNORE
RBWARNTIME 600
NOCOMMWARNTIME 60
FINALDELAY 2
RUN_AS_USER nut
CERTPATH /etc/nut/certs
CERTIDENT ""my cert"" pw
CERTHOST localhost:3493 srv 1 1
CERTVERIFY 1
FORCESSL 1
CERTFILE /etc/nut/client.pem
debug_min 2
SHUTDOWNEXIT 30
POLLFAIL_LOG_THROTTLE_MAX 10
OFFDURATION 60
OVERDURATION 5
OBLBDURATION 7
ALARMCRITICAL 0
";
            var r = UpsmonConfReader.Parse(text);
            Assert.Empty(r.Diagnostics);
            var c = r.Config;
            Assert.Equal(2, c.Monitors.Count);
            Assert.Equal("myups@localhost", c.Monitors[0].System);
            Assert.Equal(MonitorRole.Primary, c.Monitors[0].Role);
            Assert.Equal(MonitorRole.Secondary, c.Monitors[1].Role);
            Assert.Equal("s 1", c.Monitors[1].Password);
            Assert.Equal(0, c.Monitors[1].PowerValue);
            Assert.Equal(new[] { "/sbin/shutdown -h +0" }, c.ShutdownCommand);
            Assert.Equal(new[] { "/usr/local/bin/notifyme" }, c.NotifyCommand);
            Assert.Equal((3, 1, 20, 25), (c.PollFreq, c.PollFreqAlert, c.HostSync, c.DeadTime));
            Assert.Equal("/run/nut/killpower", c.PowerDownFlag);
            Assert.Equal("On battery: %s", c.GetMessageTemplate(NotifyType.ONBATT));
            Assert.Equal(NotifyFlags.Syslog | NotifyFlags.Wall | NotifyFlags.Exec, c.GetFlags(NotifyType.ONBATT));
            Assert.Equal(NotifyFlags.Ignore, c.GetFlags(NotifyType.LOWBATT));
            Assert.Equal((600, 60, 2), (c.RbWarnTime, c.NoCommWarnTime, c.FinalDelay));
            Assert.Equal("nut", c.RunAsUser);
            Assert.Equal(("my cert", "pw"), (c.CertIdentName, c.CertIdentPassword));
            Assert.True(c.CertHosts.Single().Verify);
            Assert.True(c.CertVerify && c.ForceSsl);
            Assert.Equal("/etc/nut/client.pem", c.CertFile);
            Assert.Equal(2, c.DebugMin);
            Assert.Equal(30, c.ShutdownExit);
            Assert.Equal(10, c.PollFailLogThrottleMax);
            Assert.Equal((60, 5, 7), (c.OffDuration, c.OverDuration, c.ObLbDuration));
            Assert.False(c.AlarmCritical);
        }

        [Fact]
        public void Defaults_match_NUT()
        {
            var c = UpsmonConfReader.Parse("").Config;
            Assert.Equal((1, 5, 5, 15, 15), (c.MinSupplies, c.PollFreq, c.PollFreqAlert, c.HostSync, c.DeadTime));
            Assert.Equal((43200, 300, 5), (c.RbWarnTime, c.NoCommWarnTime, c.FinalDelay));
            Assert.Equal((30, -1, 0, 0), (c.OffDuration, c.OverDuration, c.ObLbDuration, c.ShutdownExit));
            Assert.True(c.AlarmCritical);
            Assert.Null(c.PowerDownFlag);
            Assert.Equal("UPS %s on battery", c.GetMessageTemplate(NotifyType.ONBATT));
        }

        [Theory]
        [InlineData("BOGUS 1", 1, "invalid directive BOGUS 1")]
        [InlineData("\nminsupplies 1", 2, "invalid directive minsupplies 1")]
        [InlineData("POLLFREQ", 1, "invalid directive POLLFREQ")]
        [InlineData("MONITOR u 1 user", 1, "invalid directive")]
        [InlineData("NOTIFYFLAG ONBATT SYSLOG+wall", 1, "Invalid notify flag: [wall]")]
        [InlineData("NOTIFYMSG NOSUCH \"x\"", 1, "unknown notify type [NOSUCH]")]
        [InlineData("MONITOR u -1 user pw primary", 1, "ignoring invalid power value")]
        [InlineData("MONITOR u 1 a b primary\nMONITOR u 1 a b primary", 2, "Warning: ignoring duplicate UPS [u]")]
        [InlineData("SHUTDOWNCMD \"a # b\"", 1, "Unbalanced word due to unescaped # in quotes")]
        public void Warnings_name_file_and_line_and_do_not_stop(string text, int line, string message)
        {
            var r = UpsmonConfReader.Parse(text, "/etc/nut/upsmon.conf");
            var d = Assert.Single(r.Diagnostics);
            Assert.False(d.IsFatal);
            Assert.Equal(line, d.Line);
            Assert.Contains(message, d.Message);
            Assert.StartsWith($"/etc/nut/upsmon.conf:{line}: ", d.ToString());
            Assert.Null(r.Fatal);
        }

        [Fact]
        public void Old_style_MONITOR_is_fatal_with_file_and_line()
        {
            var r = UpsmonConfReader.Parse("MINSUPPLIES 1\nMONITOR u@h 1 pw primary\n", "upsmon.conf");
            var ex = Assert.Throws<ConfigException>(() => r.GetConfigOrThrow());
            Assert.Equal(2, ex.Line);
            Assert.Equal("upsmon.conf:2: Unable to use old-style MONITOR line without a username", ex.Message);
        }

        [Fact]
        public void Unreadable_file_is_fatal()
        {
            var r = UpsmonConfReader.ReadFile(Path.Combine(Path.GetTempPath(), "does-not-exist-" + System.Guid.NewGuid(), "upsmon.conf"));
            Assert.NotNull(r.Fatal);
        }

        [Theory]
        [InlineData("MINSUPPLIES -1", 1)]
        [InlineData("MINSUPPLIES 2x", 2)]
        [InlineData("MINSUPPLIES x", 0)]
        public void Numbers_are_parsed_with_atoi(string line, int expected)
        {
            Assert.Equal(expected, UpsmonConfReader.Parse(line).Config.MinSupplies);
        }

        [Theory]
        [InlineData("yes", 0)]
        [InlineData("false", -1)]
        [InlineData("Off", -1)]
        [InlineData("-1", -1)]
        [InlineData("45", 45)]
        [InlineData("whatever", 0)]
        public void SHUTDOWNEXIT_values(string value, int expected)
        {
            Assert.Equal(expected, UpsmonConfReader.Parse("SHUTDOWNEXIT " + value).Config.ShutdownExit);
        }

        [Fact]
        public void Any_role_word_other_than_primary_or_master_is_secondary()
        {
            var c = UpsmonConfReader.Parse("MONITOR a 1 u p MASTER\nMONITOR b 1 u p bogusrole\nMONITOR c 1 u p Primary").Config;
            Assert.Equal(new[] { MonitorRole.Primary, MonitorRole.Secondary, MonitorRole.Primary }, c.Monitors.Select(m => m.Role));
        }

        [Fact]
        public void Master_style_multi_token_SHUTDOWNCMD_is_kept()
        {
            var c = UpsmonConfReader.Parse("SHUTDOWNCMD /sbin/shutdown -h \"+0 now\"").Config;
            Assert.Equal(new[] { "/sbin/shutdown", "-h", "+0 now" }, c.ShutdownCommand);
            Assert.Equal("/sbin/shutdown '-h' '+0 now'", ShellShutdownAction.BuildCommandLine(c.ShutdownCommand));
        }

        [Theory]
        [InlineData("ups", "ups", "localhost", 3493)]
        [InlineData("ups@host", "ups", "host", 3493)]
        [InlineData("ups@host:1234", "ups", "host", 1234)]
        [InlineData("ups@[::1]:1234", "ups", "::1", 1234)]
        public void System_names_parse(string text, string ups, string host, int port)
        {
            var n = UpsSystemName.Parse(text);
            Assert.Equal((text, ups, host, port), (n.Text, n.UpsName, n.Host, n.Port));
        }
    }

    public class UpsschedConfReaderTests
    {
        [Fact]
        public void Reads_rules_in_order_and_records_missing_prerequisites()
        {
            const string text = @"AT ONBATT * EXECUTE early
CMDSCRIPT /usr/bin/upssched-cmd
PIPEFN /run/nut/upssched.pipe
LOCKFN /run/nut/upssched.lock
AT ONBATT * START-TIMER onbattwarn 30
AT ONLINE ups@host CANCEL-TIMER onbattwarn power-restored
AT ONLINE * EXECUTE back
AT FSD * START-TIMER-SHARED prep 5
AT COMMBAD *
AT X * FROB y
";
            var r = UpsschedConfReader.Parse(text, "upssched.conf");
            var c = r.Config;
            Assert.Equal(new[] { "/usr/bin/upssched-cmd" }, c.CmdScript);
            Assert.Equal("/run/nut/upssched.pipe", c.PipeFn);
            Assert.Equal("/run/nut/upssched.lock", c.LockFn);
            Assert.Equal(6, c.Rules.Count);
            Assert.Equal("CMDSCRIPT", c.Rules[0].MissingPrerequisite);
            Assert.Null(c.Rules[1].MissingPrerequisite);
            Assert.Equal(UpsschedCommand.StartTimer, c.Rules[1].Command);
            Assert.Equal(("onbattwarn", "30"), (c.Rules[1].Name, c.Rules[1].Argument));
            Assert.Equal(UpsschedCommand.CancelTimer, c.Rules[2].Command);
            Assert.Equal("power-restored", c.Rules[2].Argument);
            Assert.Equal(UpsschedCommand.StartTimerShared, c.Rules[4].Command);
            Assert.Equal(UpsschedCommand.Invalid, c.Rules[5].Command);
            var d = Assert.Single(r.Diagnostics);
            Assert.Equal(9, d.Line);
            Assert.Equal("upssched.conf:9: invalid directive AT COMMBAD *", d.ToString());
        }
    }
}
