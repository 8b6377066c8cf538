using System;
using System.Collections.Generic;
using System.Linq;
using UpsPS.Engine.Config;
using UpsPS.Engine.Monitor;
using Xunit;

namespace UpsPS.Tests.Unit.Monitor
{
    public class UpsschedEngineTests
    {
        private const string Head = "CMDSCRIPT /bin/true\nPIPEFN /tmp/p\nLOCKFN /tmp/l\n";

        private static (UpsschedEngine Engine, FakeClock Clock, List<(double T, UpsschedAction A)> Runs, RecordingLog Log) Make(string rules)
        {
            var clock = new FakeClock();
            var runs = new List<(double, UpsschedAction)>();
            var log = new RecordingLog();
            var config = UpsschedConfReader.Parse(Head + rules).GetConfigOrThrow();
            return (new UpsschedEngine(config, clock, a => runs.Add((clock.T, a)), log), clock, runs, log);
        }

        private static void Advance(FakeClock clock, UpsschedEngine engine, double seconds)
        {
            for (int i = 0; i < seconds; i++) { clock.UtcNow = clock.UtcNow.AddSeconds(1); engine.Tick(); }
        }

        [Fact]
        public void Timer_fires_after_its_delay_unless_cancelled()
        {
            var (e, clock, runs, _) = Make("AT ONBATT * START-TIMER onbatt 10\nAT ONLINE * CANCEL-TIMER onbatt\nAT ONLINE * EXECUTE back-online\n");
            e.HandleEvent("ONBATT", "u@h", "UPS u@h on battery");
            Advance(clock, e, 12);
            Assert.Equal(new[] { (10.0, "onbatt", UpsschedActionKind.TimerExpired) }, runs.Select(r => (r.T, r.A.Name, r.A.Kind)));
            Assert.Equal("u@h", runs[0].A.UpsNameValue);
            Assert.Equal("ONBATT", runs[0].A.NotifyTypeValue);
            runs.Clear();
            e.HandleEvent("ONBATT", "u@h", "m");
            Advance(clock, e, 3);
            e.HandleEvent("online", "u@h", "m");
            Advance(clock, e, 20);
            Assert.Equal(new[] { "back-online" }, runs.Select(r => r.A.Name));
            Assert.Empty(e.PendingTimers);
        }

        [Fact]
        public void Duplicate_starts_are_independent_and_cancel_removes_all()
        {
            var (e, clock, runs, _) = Make("AT ONBATT * START-TIMER t 5\nAT COMMOK * CANCEL-TIMER t\n");
            e.HandleEvent("ONBATT", "a", "m");
            Advance(clock, e, 2);
            e.HandleEvent("ONBATT", "b", "m");
            Assert.Equal(2, e.PendingTimers.Count);
            Advance(clock, e, 10);
            Assert.Equal(new[] { 5.0, 7.0 }, runs.Select(r => r.T));
            e.HandleEvent("ONBATT", "a", "m");
            e.HandleEvent("ONBATT", "a", "m");
            e.HandleEvent("COMMOK", "a", "m");
            Assert.Empty(e.PendingTimers);
        }

        [Fact]
        public void Cancel_fallback_runs_only_when_nothing_was_pending()
        {
            var (e, clock, runs, _) = Make("AT ONBATT * START-TIMER warn 30\nAT ONLINE * CANCEL-TIMER warn power-restored\n");
            e.HandleEvent("ONBATT", "u", "m");
            e.HandleEvent("ONLINE", "u", "m");
            Assert.Empty(runs);
            e.HandleEvent("ONBATT", "u", "m");
            Advance(clock, e, 31);
            e.HandleEvent("ONLINE", "u", "m");
            Assert.Equal(new[] { ("warn", UpsschedActionKind.TimerExpired), ("power-restored", UpsschedActionKind.CancelFallback) }, runs.Select(r => (r.A.Name, r.A.Kind)));
            Assert.Empty(runs[1].A.UpsNames);
        }

        [Fact]
        public void Shared_timer_keeps_first_due_time_and_accumulates_details()
        {
            var (e, clock, runs, _) = Make("AT FSD * START-TIMER-SHARED prep 5\n");
            e.HandleEvent("FSD", "a@h", "x");
            Advance(clock, e, 3);
            e.HandleEvent("FSD", "b@h", "y");
            Advance(clock, e, 5);
            var run = Assert.Single(runs);
            Assert.Equal(5.0, run.T);
            Assert.Equal("a@h,b@h", run.A.UpsNameValue);
            Assert.Equal("x.\ty", run.A.NotifyMessageValue);
        }

        [Fact]
        public void Matching_is_exact_on_ups_and_case_insensitive_on_type_and_all_rules_run_in_order()
        {
            var (e, _, runs, _) = Make("AT ONBATT u@h EXECUTE one\nAT onbatt * EXECUTE two\nAT ONBATT U@h EXECUTE three\n");
            e.HandleEvent("ONBATT", "u@h", "m");
            Assert.Equal(new[] { "one", "two" }, runs.Select(r => r.A.Name));
        }

        [Fact]
        public void Bad_rules_are_reported()
        {
            var (e, _, runs, log) = Make("AT ONBATT * START-TIMER t -3\nAT ONBATT * FROB x\nAT ONBATT * START-TIMER z abc\n");
            e.HandleEvent("ONBATT", "u", "m");
            Assert.True(log.Contains("bogus offset for timer, ignoring"));
            Assert.True(log.Contains("Invalid command: FROB"));
            Assert.Equal("z", Assert.Single(e.PendingTimers).Name); // non-numeric → 0 s
            Assert.Equal(1, e.Tick());
        }

        [Fact]
        public void Rule_before_CMDSCRIPT_aborts_the_event()
        {
            var clock = new FakeClock();
            var log = new RecordingLog();
            var runs = new List<UpsschedAction>();
            var config = UpsschedConfReader.Parse("AT ONBATT * EXECUTE x\n" + Head + "AT ONBATT * EXECUTE y\n").Config;
            new UpsschedEngine(config, clock, runs.Add, log).HandleEvent("ONBATT", "u", "m");
            Assert.Empty(runs);
            Assert.True(log.Contains("CMDSCRIPT must be set before any ATs in the config file!"));
        }

        [Fact]
        public void CMDSCRIPT_gets_name_as_last_argument_and_the_environment()
        {
            var a = new UpsschedAction(UpsschedActionKind.TimerExpired, "onbatt", DateTimeOffset.UnixEpoch, new[] { "u@h" }, new[] { "ONBATT" }, new[] { "UPS u@h on battery" });
            var psi = UpsschedCommandRunner.BuildStartInfo(new[] { "/usr/bin/cmd", "--flag" }, a, windows: false);
            Assert.Equal("/usr/bin/cmd", psi.FileName);
            Assert.Equal("--flag onbatt", psi.Arguments);
            Assert.Equal("u@h", psi.Environment["UPSNAME"]);
            Assert.Equal("ONBATT", psi.Environment["NOTIFYTYPE"]);
            Assert.Equal("UPS u@h on battery", psi.Environment["NOTIFYMSG"]);
        }
    }

    public class DelayedNotificationFilterTests
    {
        private static UpsNotification N(FakeClock c, NotifyType t, string ups = "u") => new UpsNotification(t, ups, t.ToString(), c.UtcNow, NotifyFlags.Exec);

        [Fact]
        public void Blip_shorter_than_the_delay_produces_nothing()
        {
            var clock = new FakeClock();
            var inner = new RecordingSink(clock);
            var f = new DelayedNotificationFilter(inner, clock);
            f.Delays[NotifyType.ONBATT] = TimeSpan.FromSeconds(30);
            f.Notify(N(clock, NotifyType.ONBATT));
            clock.UtcNow = clock.UtcNow.AddSeconds(10);
            f.Tick();
            f.Notify(N(clock, NotifyType.ONLINE));
            clock.UtcNow = clock.UtcNow.AddSeconds(60);
            f.Tick();
            Assert.Empty(inner.Events);
        }

        [Fact]
        public void Long_outage_is_delivered_after_the_delay_and_the_return_passes()
        {
            var clock = new FakeClock();
            var inner = new RecordingSink(clock);
            var f = new DelayedNotificationFilter(inner, clock);
            f.Delays[NotifyType.ONBATT] = TimeSpan.FromSeconds(30);
            f.Notify(N(clock, NotifyType.ONBATT));
            f.Notify(N(clock, NotifyType.ONBATT, "other"));
            clock.UtcNow = clock.UtcNow.AddSeconds(29);
            Assert.Equal(0, f.Tick());
            Assert.Equal(2, f.Pending.Count);
            clock.UtcNow = clock.UtcNow.AddSeconds(1);
            Assert.Equal(2, f.Tick());
            f.Notify(N(clock, NotifyType.ONLINE));
            Assert.Equal(new[] { NotifyType.ONBATT, NotifyType.ONBATT, NotifyType.ONLINE }, inner.Types);
        }

        [Fact]
        public void Opposite_event_of_another_UPS_does_not_cancel()
        {
            var clock = new FakeClock();
            var inner = new RecordingSink(clock);
            var f = new DelayedNotificationFilter(inner, clock);
            f.Delays[NotifyType.COMMBAD] = TimeSpan.FromSeconds(5);
            f.Notify(N(clock, NotifyType.COMMBAD, "a"));
            f.Notify(N(clock, NotifyType.COMMOK, "b"));
            clock.UtcNow = clock.UtcNow.AddSeconds(5);
            f.Tick();
            Assert.Equal(new[] { ("b", NotifyType.COMMOK), ("a", NotifyType.COMMBAD) }, inner.Events.Select(e => (e.N.UpsName, e.N.Type)));
        }
    }
}
