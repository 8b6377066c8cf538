using System;
using System.IO;
using System.Linq;
using UpsPS.Engine.Config;
using UpsPS.Engine.Monitor;
using Xunit;

namespace UpsPS.Tests.Unit.Monitor
{
    public class UpsMonitorRuleTests
    {
        private const MonitorRole P = MonitorRole.Primary;
        private const MonitorRole S = MonitorRole.Secondary;

        private static Func<double, string?> Steps(params (double From, string? Status)[] steps) =>
            t => steps.Last(s => s.From <= t).Status;

        [Fact]
        public void Standalone_primary_OB_then_LB_sets_FSD_and_shuts_down_after_FINALDELAY()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("myups@localhost", 1, P, Steps((0, "OL"), (10, "OB"), (20, "OB LB")));
            Assert.Equal(MonitorExitReason.Shutdown, h.Run());

            Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(NotifyType.ONBATT));
            Assert.Equal(new[] { 20.0 }, h.Sink.TimesOf(NotifyType.LOWBATT));
            Assert.Equal(new[] { 20.0 }, ups.FsdSetAt);
            Assert.Equal(new[] { 20.0 }, h.Sink.TimesOf(NotifyType.FSD));
            Assert.Equal(new[] { 20.0 }, h.Sink.TimesOf(NotifyType.SHUTDOWN));
            Assert.Empty(h.Sink.TimesOf(NotifyType.SHUTDOWN_HOSTSYNC));
            Assert.Equal(new[] { 25.0 }, h.Shutdown.Calls);
            Assert.Empty(h.Sink.TimesOf(NotifyType.ONLINE));
            Assert.Contains("Executing automatic power-fail shutdown", h.Sink.Announcements);

            var d = h.Monitor!.ShutdownDecision!;
            Assert.Equal(ShutdownTrigger.PowerBelowMinimum, d.Trigger);
            Assert.Equal(0, d.PowerValueTotal);
            Assert.Equal(1, d.MinSupplies);
            Assert.Equal("OK", d.FsdResults["myups@localhost"]);
            Assert.Contains("OB LB", d.Ups[0].CriticalReason);
            Assert.Contains("power value 0 < MINSUPPLIES 1", d.Explanation);
            // LOWBATT, then FSD, then SHUTDOWN in the same cycle
            var order = h.Sink.Types.SkipWhile(t => t != NotifyType.LOWBATT).ToList();
            Assert.Equal(new[] { NotifyType.LOWBATT, NotifyType.FSD, NotifyType.SHUTDOWN }, order);
        }

        [Fact]
        public void Online_is_silent_at_startup_and_fires_after_battery()
        {
            var h = new MonitorHarness();
            h.Ups("u", 1, P, Steps((0, "OL"), (10, "OB"), (20, "OL CHRG")));
            h.Run(40);
            Assert.Equal(new[] { 20.0 }, h.Sink.TimesOf(NotifyType.ONLINE));
            Assert.Empty(h.Sink.TimesOf(NotifyType.COMMOK));
            Assert.Empty(h.Shutdown.Calls);
        }

        [Fact]
        public void Startup_in_OB_LB_announces_both_in_token_order_and_shuts_down_at_once()
        {
            var h = new MonitorHarness();
            h.Ups("u", 1, P, _ => "OB LB");
            h.Run();
            Assert.Equal(new[] { NotifyType.ONBATT, NotifyType.LOWBATT, NotifyType.FSD, NotifyType.SHUTDOWN }, h.Sink.Types);
            Assert.Equal(new[] { 5.0 }, h.Shutdown.Calls);
        }

        [Fact]
        public void Startup_with_latched_FSD_shuts_down_even_when_on_line()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u", 1, S, _ => "OL");
            ups.FsdLatched = true;
            h.Run();
            Assert.Equal(new[] { 0.0 }, h.Sink.TimesOf(NotifyType.FSD));
            Assert.Equal(new[] { 0.0 }, h.Sink.TimesOf(NotifyType.SHUTDOWN));
            Assert.Contains("FSD", h.Monitor!.ShutdownDecision!.Ups[0].CriticalReason);
        }

        [Fact]
        public void Primary_waits_for_secondaries_to_log_out()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u", 1, P, Steps((0, "OL"), (20, "OB LB")));
            ups.NumLogins = t => t < 30 ? 3 : 1;
            h.Run();
            Assert.Equal(new[] { 20.0 }, h.Sink.TimesOf(NotifyType.SHUTDOWN_HOSTSYNC));
            Assert.Equal(new[] { 30.0 }, h.Sink.TimesOf(NotifyType.SHUTDOWN));
            Assert.Equal(new[] { 35.0 }, h.Shutdown.Calls);
            Assert.StartsWith("NUMLOGINS 1", h.Monitor!.ShutdownDecision!.HostSyncOutcome);
        }

        [Fact]
        public void Primary_gives_up_waiting_after_HOSTSYNC()
        {
            var h = new MonitorHarness(new MonitorConfig { HostSync = 15 });
            var ups = h.Ups("u", 1, P, Steps((0, "OL"), (20, "OB LB")));
            ups.NumLogins = _ => 2;
            h.Run();
            Assert.Equal(new[] { 36.0 }, h.Sink.TimesOf(NotifyType.SHUTDOWN));
            Assert.StartsWith("HOSTSYNC 15s expired", h.Monitor!.ShutdownDecision!.HostSyncOutcome);
            Assert.True(h.Log.Contains("Host sync timer expired, forcing shutdown"));
        }

        [Fact]
        public void Secondary_follows_FSD_without_sending_FSD()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u@server", 1, S, Steps((0, "OB"), (10, "FSD OB LB")));
            h.Run();
            Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(NotifyType.FSD));
            Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(NotifyType.SHUTDOWN));
            Assert.Equal(new[] { 15.0 }, h.Shutdown.Calls);
            Assert.Empty(ups.FsdSetAt);
            Assert.Null(h.Monitor!.ShutdownDecision!.HostSyncOutcome);
        }

        [Fact]
        public void Secondary_gives_up_on_its_primary_after_HOSTSYNC()
        {
            var h = new MonitorHarness();
            h.Ups("u@server", 1, S, Steps((0, "OL"), (10, "OB LB")));
            h.Run();
            Assert.Equal(new[] { 30.0 }, h.Sink.TimesOf(NotifyType.SHUTDOWN));
            Assert.True(h.Log.Contains("Giving up on the primary for UPS [u@server]"));
            Assert.Contains("gave up on the primary", h.Monitor!.ShutdownDecision!.Ups[0].CriticalReason);
        }

        [Fact]
        public void Dead_UPS_last_seen_on_battery_becomes_critical_after_DEADTIME()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u", 1, P, _ => "OB");
            ups.Reachable = t => t < 7;
            h.Run();
            Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(NotifyType.COMMBAD));
            Assert.Empty(h.Sink.TimesOf(NotifyType.LOWBATT));
            Assert.Equal(new[] { 25.0 }, h.Sink.TimesOf(NotifyType.SHUTDOWN));
            Assert.Contains("dead", h.Monitor!.ShutdownDecision!.Ups[0].CriticalReason);
            Assert.Equal("not connected", h.Monitor.ShutdownDecision.FsdResults["u"]);
        }

        [Fact]
        public void Comm_loss_while_on_line_never_shuts_down_and_repeats_NOCOMM()
        {
            var h = new MonitorHarness(new MonitorConfig { NoCommWarnTime = 20 });
            var ups = h.Ups("u", 1, P, _ => "OL");
            ups.Reachable = t => t < 7 || t >= 60;
            h.Run(80);
            Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(NotifyType.COMMBAD));
            Assert.Equal(new[] { 25.0, 50.0 }, h.Sink.TimesOf(NotifyType.NOCOMM));
            Assert.Equal(new[] { 60.0 }, h.Sink.TimesOf(NotifyType.COMMOK));
            Assert.Empty(h.Shutdown.Calls);
            Assert.True(ups.Connects >= 2);
        }

        [Fact]
        public void Unreachable_from_startup_gives_COMMBAD_then_NOCOMM_on_second_cycle()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u", 1, P, _ => "OL");
            ups.Reachable = _ => false;
            h.Run(12);
            Assert.Equal(new[] { 0.0 }, h.Sink.TimesOf(NotifyType.COMMBAD));
            Assert.Equal(new[] { 5.0 }, h.Sink.TimesOf(NotifyType.NOCOMM));
            Assert.Empty(h.Shutdown.Calls);
        }

        [Fact]
        public void Stale_data_is_a_failed_poll()
        {
            var h = new MonitorHarness();
            h.Ups("u", 1, P, Steps((0, "OL"), (10, null), (20, "OL")));
            h.Run(30);
            Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(NotifyType.COMMBAD));
            Assert.Equal(new[] { 20.0 }, h.Sink.TimesOf(NotifyType.COMMOK));
            Assert.True(h.Log.Contains("Poll UPS [u] failed - ERR DATA-STALE"));
        }

        [Theory]
        // alpha pv, beta pv, MINSUPPLIES, alpha critical?, beta critical?, shutdown?
        [InlineData(2, 2, 2, true, false, false)]
        [InlineData(2, 2, 2, true, true, true)]
        [InlineData(2, 1, 2, true, false, true)]
        [InlineData(2, 1, 2, false, true, false)]
        [InlineData(0, 1, 1, true, false, false)]
        [InlineData(1, 1, 0, true, true, false)]
        public void Power_values_against_MINSUPPLIES(int pvA, int pvB, int min, bool critA, bool critB, bool shutdown)
        {
            var h = new MonitorHarness(new MonitorConfig { MinSupplies = min });
            var a = h.Ups("alpha", pvA, P, Steps((0, "OL"), (10, critA ? "OB LB" : "OL")));
            var b = h.Ups("beta", pvB, P, Steps((0, "OL"), (10, critB ? "OB LB" : "OL")));
            h.Run(40);
            Assert.Equal(shutdown ? 1 : 0, h.Shutdown.Calls.Count);
            if (shutdown)
            {
                // FSD goes to every UPS this host is primary for, healthy or not
                Assert.Equal(new[] { 10.0 }, a.FsdSetAt);
                Assert.Equal(new[] { 10.0 }, b.FsdSetAt);
                Assert.Equal(min, h.Monitor!.ShutdownDecision!.MinSupplies);
            }
            else
            {
                Assert.Empty(a.FsdSetAt);
                Assert.Empty(b.FsdSetAt);
            }
        }

        [Fact]
        public void User_requested_FSD_runs_even_with_MINSUPPLIES_zero_and_sets_FSD_on_healthy_UPS()
        {
            var h = new MonitorHarness(new MonitorConfig { MinSupplies = 0 });
            var ups = h.Ups("u", 1, P, _ => "OL");
            h.Clock.At(12, () => h.Monitor!.RequestForcedShutdown());
            h.Create();
            h.Run();
            Assert.Single(h.Shutdown.Calls);
            Assert.Equal(ShutdownTrigger.UserRequested, h.Monitor!.ShutdownDecision!.Trigger);
            Assert.Single(ups.FsdSetAt);
            Assert.InRange(ups.FsdSetAt[0], 12, 15);
        }

        [Theory]
        [InlineData(30, 40.0)]
        [InlineData(0, 10.0)]
        [InlineData(-1, null)]
        public void OFFDURATION_decides_when_OFF_counts_as_critical(int offDuration, double? expectedShutdown)
        {
            var h = new MonitorHarness(new MonitorConfig { OffDuration = offDuration });
            h.Ups("u", 1, P, Steps((0, "OL"), (10, "OFF")));
            h.Run(60);
            Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(NotifyType.OFF));
            Assert.Equal(expectedShutdown.HasValue ? new[] { expectedShutdown.Value } : Array.Empty<double>(), h.Sink.TimesOf(NotifyType.SHUTDOWN));
        }

        [Fact]
        public void OBLBDURATION_delays_criticality_and_speeds_polling()
        {
            var h = new MonitorHarness(new MonitorConfig { ObLbDuration = 4, PollFreq = 10, PollFreqAlert = 10 });
            var ups = h.Ups("u", 1, P, Steps((0, "OL"), (10, "OB LB")));
            h.Run();
            // OB LB first seen at 10; gcd(10,4)=2 s polls; critical at the first poll with 4 s elapsed
            Assert.Equal(new[] { 14.0 }, h.Sink.TimesOf(NotifyType.SHUTDOWN));
            Assert.Contains(12.0, ups.Polls);
        }

        [Fact]
        public void OB_LB_blip_shorter_than_OBLBDURATION_does_not_shut_down()
        {
            var h = new MonitorHarness(new MonitorConfig { ObLbDuration = 20 });
            h.Ups("u", 1, P, Steps((0, "OL"), (10, "OB LB"), (20, "OL")));
            h.Run(60);
            Assert.Empty(h.Shutdown.Calls);
        }

        [Fact]
        public void Calibration_is_never_critical_and_NOTCAL_fires_when_it_ends()
        {
            var h = new MonitorHarness();
            h.Ups("u", 1, P, Steps((0, "OL"), (10, "OB LB CAL"), (30, "OL")));
            h.Run(40);
            Assert.Empty(h.Shutdown.Calls);
            Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(NotifyType.CAL));
            Assert.Equal(new[] { 30.0 }, h.Sink.TimesOf(NotifyType.NOTCAL));
        }

        [Theory]
        [InlineData("OL ALARM", true, true)]
        [InlineData("OL ALARM", false, false)]
        [InlineData("OL BYPASS", true, true)]
        [InlineData("OL CAL", true, true)]
        [InlineData("OL OFF", true, true)]
        [InlineData("OL TRIM", true, false)]
        [InlineData("OL ECO", true, false)]
        [InlineData("OB", true, false)]
        public void Comm_loss_after_alert_status_is_critical_per_master_rules(string lastStatus, bool alarmCritical, bool shutdown)
        {
            var h = new MonitorHarness(new MonitorConfig { AlarmCritical = alarmCritical, DeadTime = 1000 });
            var ups = h.Ups("u", 1, P, _ => lastStatus);
            ups.Reachable = t => t < 7;
            h.Run(40);
            Assert.Equal(shutdown ? new[] { 10.0 } : Array.Empty<double>(), h.Sink.TimesOf(NotifyType.SHUTDOWN));
        }

        [Theory]
        [InlineData(0, true)]
        [InlineData(-1, false)]
        public void Comm_loss_while_overloaded_honours_OVERDURATION(int overDuration, bool shutdown)
        {
            var h = new MonitorHarness(new MonitorConfig { OverDuration = overDuration });
            var ups = h.Ups("u", 1, P, _ => "OL OVER");
            ups.Reachable = t => t < 7;
            h.Run(40);
            Assert.Equal(shutdown, h.Shutdown.Calls.Count == 1);
            Assert.Equal(new[] { 0.0 }, h.Sink.TimesOf(NotifyType.OVER));
        }

        [Fact]
        public void REPLBATT_is_throttled_by_RBWARNTIME()
        {
            var h = new MonitorHarness(new MonitorConfig { RbWarnTime = 12 });
            h.Ups("u", 1, P, _ => "OL RB");
            h.Run(32);
            Assert.Equal(new[] { 0.0, 15.0, 30.0 }, h.Sink.TimesOf(NotifyType.REPLBATT));
        }

        [Fact]
        public void Informational_tokens_fire_appear_and_clear_events()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u", 1, P, Steps((0, "OL"), (5, "OL TRIM BOOST BYPASS OVER ECO WAIT"), (10, "OL ALARM"), (15, "OL ALARM"), (20, "OL")));
            ups.Alarm = t => t < 15 ? "Fan failure" : "Fan failure. Overheat";
            h.Run(22);
            foreach (var t in new[] { NotifyType.TRIM, NotifyType.BOOST, NotifyType.BYPASS, NotifyType.OVER, NotifyType.ECO, NotifyType.OTHER })
                Assert.Equal(new[] { 5.0 }, h.Sink.TimesOf(t));
            foreach (var t in new[] { NotifyType.NOTTRIM, NotifyType.NOTBOOST, NotifyType.NOTBYPASS, NotifyType.NOTOVER, NotifyType.NOTECO, NotifyType.NOTOTHER })
                Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(t));
            Assert.Equal(new[] { 10.0, 15.0 }, h.Sink.TimesOf(NotifyType.ALARM));
            Assert.Equal(new[] { 20.0 }, h.Sink.TimesOf(NotifyType.NOTALARM));
            var alarm = h.Sink.Events.First(e => e.N.Type == NotifyType.ALARM).N;
            Assert.Equal("UPS u: one or more active alarms: [Fan failure]", alarm.Message);
            Assert.Equal("Fan failure", alarm.Variables["ups.alarm"]);
            var other = h.Sink.Events.First(e => e.N.Type == NotifyType.OTHER).N;
            Assert.Equal("UPS u: has at least one unclassified status token: [WAIT]", other.Message);
            Assert.Empty(h.Shutdown.Calls);
        }

        [Fact]
        public void ECO_buzzword_means_ECO_only_for_eco_like_modes()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u", 1, P, _ => "OL");
            ups.Buzzwords = t => t < 10 ? "vendor:online" : t < 20 ? "vendor:ECO" : null;
            h.Run(22);
            Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(NotifyType.ECO));
            Assert.Equal(new[] { 20.0 }, h.Sink.TimesOf(NotifyType.NOTECO));
        }

        [Fact]
        public void POLLFREQALERT_is_used_while_on_battery()
        {
            var h = new MonitorHarness(new MonitorConfig { PollFreq = 10, PollFreqAlert = 2 });
            var ups = h.Ups("u", 1, P, Steps((0, "OL"), (10, "OB"), (14, "OL")));
            h.Run(35);
            Assert.Equal(new[] { 0.0, 10.0, 12.0, 14.0, 24.0, 34.0 }, ups.Polls);
        }

        [Fact]
        public void Login_and_primary_failures_are_logged_but_the_UPS_is_still_polled()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u", 1, P, _ => "OL");
            ups.LoginError = "ACCESS-DENIED";
            var ups2 = h.Ups("v", 0, P, _ => "OL");
            ups2.PrimaryError = "ACCESS-DENIED";
            h.Run(12);
            Assert.True(h.Log.Contains("Login on UPS [u] failed - got [ERR ACCESS-DENIED]"));
            Assert.True(h.Log.Contains("Primary managerial privileges unavailable on UPS [v]"));
            Assert.Equal(3, ups.Polls.Count);
            Assert.DoesNotContain(h.Log.Entries, e => e.Message.Contains("secret"));
            Assert.Empty(h.Sink.TimesOf(NotifyType.COMMBAD));
        }

        [Fact]
        public void Stop_logs_out_every_session_and_does_not_shut_down()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u", 1, P, _ => "OL");
            Assert.Equal(MonitorExitReason.Stopped, h.Run(10));
            Assert.Equal(1, ups.Logouts);
            Assert.Empty(h.Shutdown.Calls);
        }

        [Fact]
        public void Shutdown_never_logs_out_and_runs_exactly_once_even_if_the_action_fails()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u", 1, P, _ => "OB LB");
            h.Shutdown.OnExecute = () => throw new InvalidOperationException("boom");
            h.Create();
            h.Clock.At(20, () => h.Monitor!.RequestForcedShutdown());
            Assert.Equal(MonitorExitReason.Shutdown, h.Run());
            Assert.Single(h.Shutdown.Calls);
            Assert.Equal(0, ups.Logouts);
            Assert.Equal("boom", h.Monitor!.ShutdownDecision!.ShutdownActionError);
            Assert.True(h.Log.Contains("Unable to call shutdown command: boom"));
        }

        [Fact]
        public void POWERDOWNFLAG_is_written_byte_for_byte_before_the_shutdown_action()
        {
            var dir = Directory.CreateTempSubdirectory("upsps-mon-");
            try
            {
                string flag = Path.Combine(dir.FullName, "killpower");
                File.WriteAllText(flag, "upsmon-shutdown-file and more");
                var h = new MonitorHarness(new MonitorConfig { PowerDownFlag = flag });
                h.Ups("u", 1, P, Steps((0, "OL"), (10, "OB LB")));
                byte[]? atShutdown = null;
                h.Shutdown.OnExecute = () => atShutdown = File.ReadAllBytes(flag);
                h.Create();
                Assert.True(File.Exists(flag)); // a stale flag is removed when monitoring starts, not on construction
                h.Run();
                Assert.True(h.Log.Contains("Removed stale POWERDOWNFLAG"));
                Assert.Equal(System.Text.Encoding.ASCII.GetBytes("upsmon-shutdown-file"), atShutdown);
                Assert.True(PowerDownFlagFile.IsSet(flag));
            }
            finally { dir.Delete(true); }
        }

        [Fact]
        public void POWERDOWNFLAG_with_foreign_content_is_left_alone_and_disabled()
        {
            var dir = Directory.CreateTempSubdirectory("upsps-mon-");
            try
            {
                string flag = Path.Combine(dir.FullName, "killpower");
                File.WriteAllText(flag, "not ours");
                var h = new MonitorHarness(new MonitorConfig { PowerDownFlag = flag });
                h.Ups("u", 1, P, _ => "OB LB");
                h.Run();
                Assert.Equal("not ours", File.ReadAllText(flag));
                Assert.True(h.Log.Contains("does not contain the upsmon magic string"));
                Assert.Single(h.Shutdown.Calls);
            }
            finally { dir.Delete(true); }
        }

        [Fact]
        public void Insufficient_power_configured_is_fatal()
        {
            var h = new MonitorHarness(new MonitorConfig { MinSupplies = 3 });
            h.Ups("u", 1, P, _ => "OL");
            var ex = Assert.Throws<ConfigException>(() => h.Create());
            Assert.Contains("Fatal error: insufficient power configured!", ex.Message);
            Assert.Contains("Sum of power values........: 1", ex.Message);
            Assert.Contains("Minimum value (MINSUPPLIES): 3", ex.Message);
        }

        [Fact]
        public void Startup_notices_describe_each_UPS_and_missing_settings()
        {
            var h = new MonitorHarness(new MonitorConfig { MinSupplies = 1 });
            h.Ups("u@host", 1, P, _ => "OL");
            h.Ups("m@host", 0, S, _ => "OL");
            h.Run(1);
            Assert.True(h.Log.Contains("UPS: u@host (primary) (power value 1)"));
            Assert.True(h.Log.Contains("UPS: m@host (monitoring only)"));
            Assert.True(h.Log.Contains("No POWERDOWNFLAG value was configured"));
        }

        [Fact]
        public void Reload_adds_and_removes_UPSes_and_a_fatal_reload_ends_monitoring()
        {
            var h = new MonitorHarness();
            var a = h.Ups("a", 1, P, _ => "OL");
            var b = new FakeUpsServer(h.Clock, _ => "OB");
            h.Factory.Servers["b"] = b;
            h.Create();
            var next = new MonitorConfig();
            next.Monitors.Add(new MonitoredUps("b", 1, "mon", "secret", S));
            h.Clock.At(10, () => h.Monitor!.RequestReload(next));
            var bad = new MonitorConfig { MinSupplies = 5 };
            bad.Monitors.Add(new MonitoredUps("b", 1, "mon", "secret", S));
            h.Clock.At(20, () => h.Monitor!.RequestReload(bad));
            Assert.Equal(MonitorExitReason.Fatal, h.Run(60));
            Assert.Equal(1, a.Logouts);
            Assert.True(h.Log.Contains("No longer monitoring UPS [a]"));
            Assert.Equal(new[] { 10.0 }, h.Sink.TimesOf(NotifyType.ONBATT, "b"));
            Assert.True(h.Log.Contains("insufficient power configured"));
        }

        [Fact]
        public void Clock_jump_is_treated_as_wake_up_and_drops_stale_readings()
        {
            var h = new MonitorHarness();
            var ups = h.Ups("u", 1, P, _ => "OB");
            ups.Reachable = t => t < 7;
            h.Clock.At(5, () => h.Clock.NextJump = 100);
            h.Run(130);
            Assert.Equal(new[] { 110.0 }, h.Sink.TimesOf(NotifyType.SUSPEND_TIMEJUMP_UNEXPECTED));
            Assert.Equal(new[] { 110.0 }, h.Sink.TimesOf(NotifyType.SUSPEND_FINISHED));
            Assert.Equal("Unexpected clock change by 100.000000 seconds, treating as wake up from sleep",
                h.Sink.Events.First(e => e.N.Type == NotifyType.SUSPEND_TIMEJUMP_UNEXPECTED).N.Message);
            Assert.Empty(h.Shutdown.Calls);
        }

        [Fact]
        public void NOTIFYMSG_and_NOTIFYFLAG_shape_the_event()
        {
            var config = new MonitorConfig();
            config.NotifyMessages[NotifyType.ONBATT] = "Power gone on %s!";
            config.NotifyFlags[NotifyType.ONBATT] = NotifyFlags.Exec;
            var h = new MonitorHarness(config);
            h.Ups("u@h:3493", 1, P, Steps((0, "OL"), (5, "OB")));
            h.Run(7);
            var e = h.Sink.Events.Single(x => x.N.Type == NotifyType.ONBATT).N;
            Assert.Equal("Power gone on u@h:3493!", e.Message);
            Assert.Equal(NotifyFlags.Exec, e.Flags);
            Assert.Equal("u@h:3493", e.UpsName);
            Assert.Equal("OB", e.Variables["ups.status"]);
            Assert.Equal(FakeClock.Start.AddSeconds(5), e.Time);
        }

        [Fact]
        public void Snapshot_reports_per_UPS_state_and_power_total()
        {
            var h = new MonitorHarness(new MonitorConfig { MinSupplies = 1 });
            h.Ups("a", 1, P, _ => "OB LB");
            h.Ups("b", 1, P, _ => "OL");
            h.Run(3);
            var s = h.Monitor!.Snapshot;
            Assert.Equal(1, s.PowerValueTotal);
            Assert.True(s.Ups.Single(u => u.System == "a").IsCritical);
            Assert.Equal(UpsFlags.Online, s.Ups.Single(u => u.System == "b").Flags);
            Assert.Equal(CommState.Ok, s.Ups[1].CommState);
        }
            [Fact]
        public void SHUTDOWNEXIT_keeps_the_sessions_alive_for_n_seconds_after_the_action()
        {
            var h = new MonitorHarness(new MonitorConfig { ShutdownExit = 10, FinalDelay = 0 });
            var ups = h.Ups("u", 1, P, _ => "OB LB");
            int pings = 0;
            ups.NumLogins = t => { if (t > 0) pings++; return 1; };
            h.Run();
            Assert.Equal(new[] { 0.0 }, h.Shutdown.Calls);
            Assert.Equal(10, pings);
            Assert.Equal(10.0, h.Clock.T);
        }

        [Fact]
        public void Secondary_with_FINALDELAY_runs_the_action_after_the_delay()
        {
            var h = new MonitorHarness(new MonitorConfig { FinalDelay = 7 });
            h.Ups("u@p", 1, S, Steps((0, "OL"), (5, "FSD OB LB")));
            h.Run();
            Assert.Equal(new[] { 12.0 }, h.Shutdown.Calls);
        }
    }
}
