using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.UsbHid;
using UpsPS.Engine.Drivers.UsbHid.Subdrivers;
using UpsPS.Engine.Hid;
using Xunit;

namespace UpsPS.Tests.Unit.Hid
{
    /// <summary>MGE/Eaton specifics (ABM, outlets, vendor alarms, model restrictions) and the ups.conf options of usbhid-ups.</summary>
    public class HidMgeAndOptionTests
    {
        private static readonly HidUsageTable Mge = new MgeSubdriver().Usages;
        private static readonly HidUsageTable Apc = new ApcSubdriver().Usages;

        private static Task<DriverResult> Cmd(HidReplayBed bed, string command, string? parameter = null) =>
            bed.Driver.InstantCommandAsync(command, parameter, CancellationToken.None);

        [Theory]
        [InlineData(0xffff0087u, "ABMEnable")]
        [InlineData(0xffff00f0u, "iModel")]
        [InlineData(0xffff00f1u, "iVersion")]
        [InlineData(0xffff0077u, "FanFailure")]
        [InlineData(0xffff0094u, "Mode")]
        [InlineData(0xffff0097u, "Time")]
        [InlineData(0xffff005fu, "RestartLevel")]
        [InlineData(0xffff007eu, "OverThreshold")]
        [InlineData(0xffff0093u, "TimerExpired")]
        [InlineData(0xffff005du, "ShutdownTimer")]
        [InlineData(0xffff0021u, "TransferForbidden")]
        public void MgeVendorUsageNames(uint id, string name)
        {
            Assert.Equal(name, Mge.Name(id));
            Assert.Equal(id, Mge.Id(name));
        }

        private static SyntheticUps Eaton(long acPresent, long charging, long discharging, long? abm, long mode, string product = "Eaton 5PX") =>
            AddAbm(new SyntheticUps(Mge, 0x0463, 0xffff, product)
                .Field("UPS.PowerSummary.RemainingCapacity", 0x0c, 80)
                .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x01, acPresent, size: 1)
                .Field("UPS.PowerSummary.PresentStatus.Charging", 0x01, charging, size: 1)
                .Field("UPS.PowerSummary.PresentStatus.Discharging", 0x01, discharging, size: 1)
                .Field("UPS.BatterySystem.Charger.Mode", 0x0d, mode), abm);

        private static SyntheticUps AddAbm(SyntheticUps ups, long? abm) =>
            abm == null ? ups : ups.Field("UPS.BatterySystem.Charger.ABMEnable", 0x0e, abm.Value);

        [Theory]
        // ABM on: Charger.Mode decides; PresentStatus.Charging/Discharging are ignored.
        [InlineData(1, 1, 0, 1L, 1, "OL CHRG", "charging")]
        [InlineData(1, 1, 0, 1L, 3, "OL CHRG", "floating")]
        [InlineData(1, 1, 0, 1L, 4, "OL", "resting")]
        [InlineData(0, 0, 1, 1L, 2, "OB DISCHRG", "discharging")]
        [InlineData(1, 0, 0, 1L, 6, "OL", "off")]
        [InlineData(1, 1, 0, 1L, 5, "OL", null)]
        // ABM off: the PresentStatus flags, and no battery.charger.status.
        [InlineData(1, 1, 0, 0L, 4, "OL CHRG", null)]
        [InlineData(0, 0, 1, 0L, 2, "OB DISCHRG", null)]
        // No ABMEnable item at all: treated as off (NUT 2.8.0 would drop CHRG/DISCHRG here).
        [InlineData(1, 1, 0, null, 5, "OL CHRG", null)]
        public async Task MgeAdvancedBatteryMonitoring(long ac, long chg, long dis, long? abm, long mode, string status, string? charger)
        {
            using var bed = await Eaton(ac, chg, dis, abm, mode).StartAsync();
            Assert.Equal(status, bed.Get("ups.status"));
            Assert.Equal(charger, bed.Get("battery.charger.status"));
        }

        [Fact]
        public async Task MgeAbmSwitchedOffRemovesTheChargerStatus()
        {
            using var bed = await Eaton(1, 1, 0, 1, 4).StartAsync();
            Assert.Equal("resting", bed.Get("battery.charger.status"));
            bed.Backend.SetReport(new byte[] { 0x0e, 0x00 });
            bed.Clock.Advance(TimeSpan.FromSeconds(40));
            await bed.PollAsync();
            Assert.Null(bed.Get("battery.charger.status"));
            Assert.Equal("OL CHRG", bed.Get("ups.status"));
        }

        private static SyntheticUps EatonOutlets() => new SyntheticUps(Mge, 0x0463, 0xffff, "Ellipse PRO")
            .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x01, 1, size: 1)
            .Field("UPS.OutletSystem.Outlet.[1].OutletID", 0x20, 0)
            .Field("UPS.OutletSystem.Outlet.[1].PresentStatus.Switchable", 0x21, 0)
            .Field("UPS.OutletSystem.Outlet.[2].OutletID", 0x22, 1)
            .Field("UPS.OutletSystem.Outlet.[2].PresentStatus.Switchable", 0x23, 1)
            .Field("UPS.OutletSystem.Outlet.[2].PresentStatus.SwitchOn/Off", 0x24, 0)
            .Field("UPS.OutletSystem.Outlet.[2].DelayBeforeShutdown", 0x25, 0xffff, size: 16)
            .Field("UPS.OutletSystem.Outlet.[2].DelayBeforeStartup", 0x26, 0xffff, size: 16)
            .Field("UPS.OutletSystem.Outlet.[2].ShutdownTimer", 0x27, 65535, size: 16)
            .Field("UPS.OutletSystem.Outlet.[2].StartupTimer", 0x28, 3, size: 16)
            .Field("UPS.OutletSystem.Outlet.[3].PresentStatus.SwitchOn/Off", 0x29, 1)
            .Field("UPS.OutletSystem.Outlet.[3].DelayBeforeShutdown", 0x2a, 0xffff, size: 16)
            .Field("UPS.PowerSummary.Voltage", 0x2b, 27, size: 16);

        [Fact]
        public async Task MgeOutletVariablesAndCommands()
        {
            using var bed = await EatonOutlets().StartAsync();
            Assert.Equal("0", bed.Get("outlet.id"));
            Assert.Equal("Main Outlet", bed.Get("outlet.desc"));
            Assert.Equal("no", bed.Get("outlet.switchable"));
            Assert.Equal("1", bed.Get("outlet.1.id"));
            Assert.Equal("PowerShare Outlet 1", bed.Get("outlet.1.desc"));
            Assert.Equal("yes", bed.Get("outlet.1.switchable"));
            Assert.Equal("off", bed.Get("outlet.1.status"));
            Assert.Equal("on", bed.Get("outlet.2.status"));
            Assert.Equal("65535", bed.Get("outlet.1.delay.shutdown"));
            Assert.Equal("3", bed.Get("outlet.1.delay.start"));
            Assert.Null(bed.Get("battery.voltage"));                           // PowerSummary.Voltage not trusted on Ellipse
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "outlet.1.load.off"));
            Assert.Equal(new byte[] { 0x25, 0, 0 }, bed.Backend.Writes.Last());
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "outlet.1.load.on"));
            Assert.Equal(new byte[] { 0x26, 0, 0 }, bed.Backend.Writes.Last());
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "outlet.2.load.off"));
            Assert.Equal(new byte[] { 0x2a, 0, 0 }, bed.Backend.Writes.Last());
            Assert.Equal(DriverResult.Handled, await bed.Driver.SetVariableAsync("outlet.1.delay.start", "10", CancellationToken.None));
            Assert.Equal(new byte[] { 0x28, 10, 0 }, bed.Backend.Writes.Last());
        }

        [Theory]
        [InlineData("Pulsar Evolution 500", "27.0")]
        [InlineData("Eaton 5PX 2000", "27.0")]
        [InlineData("Pulsar M 2200", "27.0")]
        [InlineData("Ellipse ECO", null)]
        public async Task MgePowerSummaryVoltageOnlyOnKnownModels(string product, string? voltage)
        {
            var ups = new SyntheticUps(Mge, 0x0463, 0xffff, product).Field("UPS.PowerSummary.Voltage", 0x2b, 27, size: 16);
            using var bed = await ups.StartAsync();
            Assert.Equal(voltage, bed.Get("battery.voltage"));
        }

        [Fact]
        public async Task MgeVendorFlagsAlarmsBypassEcoAndTopology()
        {
            var ups = new SyntheticUps(Mge, 0x0463, 0xffff, "Eaton 9PX")
                .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x01, 1, size: 1)
                .Field("UPS.PowerSummary.PresentStatus.FanFailure", 0x01, 1, size: 1)
                .Field("UPS.PowerSummary.PresentStatus.EmergencyStop", 0x01, 1, size: 1)
                .Field("UPS.PowerConverter.Input.[2].PresentStatus.Used", 0x02, 1, size: 1)
                .Field("UPS.PowerConverter.Input.[5].PresentStatus.Used", 0x02, 1, size: 1)
                .Field("UPS.PowerConverter.Output.Overload.[2].PresentStatus.OverThreshold", 0x02, 1, size: 1)
                .Field("UPS.LCMSystem.LCMAlarm.[2].PresentStatus.TimerExpired", 0x02, 1, size: 1)
                .Field("UPS.PowerConverter.ConverterType", 0x03, 2)
                .Field("UPS.PowerConverter.Input.[2].SwitchOnControl", 0x04, 0)
                .Field("UPS.PowerConverter.Input.[2].SwitchOffControl", 0x05, 0)
                .Field("UPS.PowerConverter.Input.[5].Switchable", 0x06, 0);
            using (var bed = await ups.StartAsync())
            {
                // NUT 2.8.0: Input.[5] in use (ECO) publishes nothing; no bypass and no ECO/ESS commands.
                Assert.Equal("OL OVER RB BYPASS", bed.Get("ups.status"));
                Assert.Null(bed.Get("ups.alarm"));
                await bed.FullUpdateAsync();
                Assert.Equal("ALARM OL OVER RB BYPASS", bed.Get("ups.status"));
                Assert.Equal("Emergency stop! Replace battery! Fan failure! Automatic bypass mode!", bed.Get("ups.alarm"));
                Assert.Equal("online", bed.Get("ups.type"));
                Assert.DoesNotContain(bed.Host.GetCommands(), c => c.StartsWith("experimental.", StringComparison.Ordinal) || c.StartsWith("bypass.", StringComparison.Ordinal));
                Assert.NotEqual(DriverResult.Handled, await Cmd(bed, "bypass.start"));
                Assert.NotEqual(DriverResult.Handled, await Cmd(bed, "experimental.essmode.start"));
                Assert.Empty(bed.Backend.Writes);
            }
            // UpsPS extension upsps_later_nut: the later-NUT ECO token, bypass and ECO/ESS commands.
            using var eco = await ups.StartAsync(" upsps_later_nut");
            Assert.Equal("OL OVER RB BYPASS ECO", eco.Get("ups.status"));
            Assert.Equal(DriverResult.Handled, await Cmd(eco, "bypass.start"));
            Assert.Equal(new byte[] { 0x04, 1 }, eco.Backend.Writes.Last());
            Assert.Equal(DriverResult.Handled, await Cmd(eco, "bypass.stop"));
            Assert.Equal(new byte[] { 0x05, 1 }, eco.Backend.Writes.Last());
            Assert.Equal(DriverResult.Handled, await Cmd(eco, "experimental.essmode.start"));
            Assert.Equal(new byte[] { 0x06, 2 }, eco.Backend.Writes.Last());
        }

        [Fact]
        public async Task MgeThirdOutletOnlyWithLaterNutOption()
        {
            // NUT 2.8.0's table stops at outlet.2 (Outlet.[3]); outlet.3 is later NUT.
            var ups = new SyntheticUps(Mge, 0x0463, 0xffff)
                .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x01, 1, size: 1)
                .Field("UPS.OutletSystem.Outlet.[3].OutletID", 0x02, 2)
                .Field("UPS.OutletSystem.Outlet.[4].OutletID", 0x03, 3)
                .Field("UPS.OutletSystem.Outlet.[4].DelayBeforeShutdown", 0x04, 0, size: 16);
            using (var bed = await ups.StartAsync())
            {
                Assert.Equal("2", bed.Get("outlet.2.id"));
                Assert.Null(bed.Get("outlet.3.id"));
                Assert.DoesNotContain("outlet.3.load.off", bed.Host.GetCommands());
            }
            using var later = await ups.StartAsync(" upsps_later_nut");
            Assert.Equal("3", later.Get("outlet.3.id"));
            Assert.Contains("outlet.3.load.off", later.Host.GetCommands());
        }

        [Fact]
        public async Task MgeConverterInUseIsIgnoredWhileTheUpsIsOff()
        {
            SyntheticUps Ups(long good) => new SyntheticUps(Mge, 0x0463, 0xffff)
                .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x01, 1, size: 1)
                .Field("UPS.PowerSummary.PresentStatus.Good", 0x01, good, size: 1)
                .Field("UPS.PowerConverter.Input.[1].PresentStatus.Used", 0x02, 0, size: 1);
            using var off = await Ups(0).StartAsync();
            Assert.Equal("OL OFF", off.Get("ups.status"));
            using var on = await Ups(1).StartAsync();
            // Converter not in use while Good=1 gives "!online", and NUT 2.8.0 publishes OB for anything not online.
            Assert.Equal("OB", on.Get("ups.status"));
        }

        [Fact]
        public async Task MgeOnBatteryPathAndStartAutoSet()
        {
            var ups = new SyntheticUps(Mge, 0x0463, 0xffff)
                .Field("UPS.PowerConverter.Input.[3].PresentStatus.Used", 0x02, 1, size: 1)
                .Field("UPS.PowerSummary.PresentStatus.Discharging", 0x02, 1, size: 1)
                .Field("UPS.PowerConverter.Input.[1].AutomaticRestart", 0x07, 1)
                .Field("UPS.PowerSummary.Time", 0x08, 1700000000, size: 32, logMax: int.MaxValue);
            using var bed = await ups.StartAsync();
            Assert.Equal("OB DISCHRG", bed.Get("ups.status"));
            Assert.Equal("yes", bed.Get("ups.start.auto"));
            var local = DateTimeOffset.FromUnixTimeSeconds(1700000000).ToLocalTime();
            Assert.Equal(local.ToString("yyyy'/'MM'/'dd"), bed.Get("ups.date"));
            Assert.Equal(local.ToString("HH':'mm':'ss"), bed.Get("ups.time"));
            Assert.Equal(DriverResult.Handled, await bed.Driver.SetVariableAsync("ups.start.auto", "no", CancellationToken.None));
            Assert.Equal(new byte[] { 0x07, 0 }, bed.Backend.Writes.Last());
        }

        [Fact]
        public async Task MgeModelIsIProductPlusIModel()
        {
            var ups = new SyntheticUps(Mge, 0x0463, 0xffff, "Eaton 5PX")
                .Field("UPS.PowerSummary.iModel", 0x30, 5)
                .Field("UPS.Flow.[4].ConfigApparentPower", 0x31, 2000, size: 16)
                .String(5, "2000 ");
            using var bed = await ups.StartAsync();
            Assert.Equal("Eaton 5PX 2000", bed.Get("ups.model"));
            Assert.Equal("Eaton", bed.Get("ups.mfr"));
            var noModel = new SyntheticUps(Mge, 0x0463, 0xffff, "Ellipse PRO").Field("UPS.Flow.[4].ConfigApparentPower", 0x31, 1200, size: 16);
            using var fallback = await noModel.StartAsync();
            Assert.Equal("Ellipse PRO 1200", fallback.Get("ups.model"));
            var dell = new SyntheticUps(Mge, 0x047c, 0xffff, "Dell UPS Tower").Field("UPS.Flow.[4].ConfigApparentPower", 0x31, 1000, size: 16);
            using var kept = await dell.StartAsync();
            Assert.Equal("Dell UPS Tower", kept.Get("ups.model"));
        }

        [Fact]
        public async Task DriverShutdownTriesReturnThenRebootThenOffDelay()
        {
            var ups = new SyntheticUps(Mge, 0x0463, 0xffff)
                .Field("UPS.PowerSummary.DelayBeforeShutdown", 0x40, 0, size: 16, logMin: -1, logMax: 32767)
                .Field("UPS.PowerSummary.DelayBeforeStartup", 0x41, 0, size: 16, logMin: -1, logMax: 32767);
            using var bed = await ups.StartAsync();
            Assert.Equal(DriverResult.Handled, await bed.Driver.ShutdownUpsAsync(CancellationToken.None));
            Assert.Equal(new byte[] { 0x41, 30, 0 }, bed.Backend.Writes[0]);  // shutdown.return: on.delay first ...
            Assert.Equal(new byte[] { 0x40, 20, 0 }, bed.Backend.Writes[1]);  // ... then off.delay
            var rebootOnly = new SyntheticUps(Mge, 0x0463, 0xffff).Field("UPS.PowerSummary.DelayBeforeReboot", 0x42, 0, size: 16);
            using var reboot = await rebootOnly.StartAsync();
            Assert.Equal(DriverResult.Handled, await reboot.Driver.ShutdownUpsAsync(CancellationToken.None));
            Assert.Equal(new byte[] { 0x42, 10, 0 }, reboot.Backend.Writes.Single());
            using var none = await new SyntheticUps(Mge, 0x0463, 0xffff).Field("UPS.PowerSummary.RemainingCapacity", 0x0c, 50).StartAsync();
            Assert.Equal(DriverResult.Failed, await none.Driver.ShutdownUpsAsync(CancellationToken.None));
        }

        // ------------------------------------------------------------------ ups.conf options

        private static SyntheticUps ApcStatus(long ac, long low) => new SyntheticUps(Apc, 0x051d, 0x0002)
            .Field("UPS.PowerSummary.RemainingCapacityLimit", 0x11, 10)
            .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x16, ac, size: 1)
            .Field("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", 0x16, low, size: 1)
            .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x16, ac, size: 1, type: HidReportType.Input)
            .Field("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", 0x16, low, size: 1, type: HidReportType.Input);

        [Fact]
        public async Task LbRbLogDelayHoldsLowBatteryBackWhileOnline()
        {
            using var bed = await ApcStatus(1, 1).StartAsync(" lbrb_log_delay_sec = 10\n lbrb_log_delay_without_calibrating");
            Assert.Equal("OL", bed.Get("ups.status"));
            bed.Clock.Advance(TimeSpan.FromSeconds(5));
            await bed.PollAsync();
            Assert.Equal("OL", bed.Get("ups.status"));
            bed.Clock.Advance(TimeSpan.FromSeconds(6));
            await bed.PollAsync();
            Assert.Equal("OL LB", bed.Get("ups.status"));
            // Without the "without calibrating" flag the delay applies only while calibrating: LB at once.
            using var plain = await ApcStatus(1, 1).StartAsync(" lbrb_log_delay_sec = 10");
            Assert.Equal("OL LB", plain.Get("ups.status"));
            // On battery LB is never delayed.
            using var onBattery = await ApcStatus(0, 1).StartAsync(" lbrb_log_delay_sec = 10\n lbrb_log_delay_without_calibrating");
            Assert.Equal("OB LB", onBattery.Get("ups.status"));
        }

        [Fact]
        public void LbRbLogDelayWhileCalibrating()
        {
            var s = new HidStatusComposer { LbRbLogDelay = TimeSpan.FromSeconds(30) };
            var t0 = DateTimeOffset.UnixEpoch;
            s.Apply("online cal replacebatt");
            Assert.Equal("OL CAL", s.ComposeStatus("90", t0));
            Assert.Equal("OL CAL", s.ComposeStatus("90", t0.AddSeconds(29)));
            Assert.Equal("OL RB CAL", s.ComposeStatus("90", t0.AddSeconds(30)));
            s.Apply("!replacebatt");
            Assert.Equal("OL CAL", s.ComposeStatus("90", t0.AddSeconds(31)));
            s.Apply("replacebatt");                                            // a new episode starts the wait again
            Assert.Equal("OL CAL", s.ComposeStatus("90", t0.AddSeconds(32)));
        }

        [Fact]
        public async Task LowbattOptionReplacesBatteryChargeLowUntilTheNextFullWalk()
        {
            // As NUT 2.8.0: published once after the init walk, not written to the device; the next full walk
            // (pollfreq later) publishes the device's own value again.
            using var bed = await ApcStatus(1, 0).StartAsync(" lowbatt = 35");
            Assert.Equal("35", bed.Get("battery.charge.low"));
            Assert.Empty(bed.Backend.Writes);
            bed.Clock.Advance(TimeSpan.FromSeconds(2));
            await bed.PollAsync();
            Assert.Equal("35", bed.Get("battery.charge.low"));
            bed.Clock.Advance(TimeSpan.FromSeconds(31));
            await bed.PollAsync();
            Assert.Equal("10", bed.Get("battery.charge.low"));
        }

        [Fact]
        public async Task PollonlyLeavesTheInterruptPipeAlone()
        {
            using var bed = await ApcStatus(1, 0).StartAsync(" pollonly");
            bed.Backend.EnqueueInterrupt(new byte[] { 0x16, 0x02 });
            bed.Clock.Advance(TimeSpan.FromSeconds(2));
            await bed.PollAsync();
            Assert.Equal(1, bed.Backend.PendingInterrupts);
            Assert.Equal("OL", bed.Get("ups.status"));
        }

        [Fact]
        public async Task InterruptsizeCutsTheInterruptTransfer()
        {
            // Report 0x16: bit0 ACPresent, bit1 LB, bits 2..9 RemainingCapacity. Interrupt 16 43 01 = AC, LB, charge 80;
            // with interruptsize=2 the transfer stops after 43, so the charge keeps only its low six bits (16).
            var ups = ApcStatus(1, 0)
                .Field("UPS.PowerSummary.RemainingCapacity", 0x16, 100, size: 8)
                .Field("UPS.PowerSummary.RemainingCapacity", 0x16, 100, size: 8, type: HidReportType.Input);
            using var whole = await ups.StartAsync();
            Assert.Equal("100", whole.Get("battery.charge"));
            whole.Backend.EnqueueInterrupt(new byte[] { 0x16, 0x43, 0x01 });
            whole.Clock.Advance(TimeSpan.FromSeconds(2));
            await whole.PollAsync();
            Assert.Equal("80", whole.Get("battery.charge"));
            Assert.Equal("OL LB", whole.Get("ups.status"));
            using var cut = await ups.StartAsync(" interruptsize = 2");
            cut.Backend.EnqueueInterrupt(new byte[] { 0x16, 0x43, 0x01 });
            cut.Clock.Advance(TimeSpan.FromSeconds(2));
            await cut.PollAsync();
            Assert.Equal("16", cut.Get("battery.charge"));
            Assert.Equal("OL LB", cut.Get("ups.status"));
            await Assert.ThrowsAsync<DriverException>(() => ApcStatus(1, 0).StartAsync(" interruptsize = 0"));
        }

        [Fact]
        public async Task InterruptonlyNeverAsksForReportsAndReadsZerosUntilAnInputReport()
        {
            using var bed = await ApcStatus(1, 0).StartAsync(" interruptonly");
            Assert.Empty(bed.Backend.Requests);
            Assert.Equal("OB", bed.Get("ups.status"));                        // ACPresent reads 0 before any report
            bed.Backend.EnqueueInterrupt(new byte[] { 0x16, 0x01 });
            bed.Clock.Advance(TimeSpan.FromSeconds(2));
            await bed.PollAsync();
            Assert.Equal("OL", bed.Get("ups.status"));
            Assert.Empty(bed.Backend.Requests);
        }

        [Theory]
        [InlineData(" onlinedischarge", "OB DISCHRG")]                       // NUT 2.8.0 name
        [InlineData(" onlinedischarge_onbattery", "OB DISCHRG")]
        [InlineData(" onlinedischarge_calibration", "DISCHRG CAL")]        // later-NUT option (UpsPS extension)
        [InlineData("", "OL DISCHRG")]
        public async Task OnlineDischargeOptions(string option, string status)
        {
            var ups = new SyntheticUps(Apc, 0x051d, 0x0002)
                .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x16, 1, size: 1)
                .Field("UPS.PowerSummary.PresentStatus.Discharging", 0x16, 1, size: 1);
            using var bed = await ups.StartAsync(option);
            Assert.Equal(status, bed.Get("ups.status"));
        }

        [Fact]
        public async Task InterruptPipeNoEventsToleranceReconnects()
        {
            using var bed = await ApcStatus(1, 0).StartAsync(" interrupt_pipe_no_events_tolerance = 2");   // start-up read: 1
            bed.Clock.Advance(TimeSpan.FromSeconds(2));
            await bed.PollAsync();                                              // 2 empty reads: tolerated
            Assert.True(bed.Driver.Connected);
            bed.Clock.Advance(TimeSpan.FromSeconds(2));
            await bed.PollAsync();                                              // third empty read: reconnect
            Assert.False(bed.Driver.Connected);
            Assert.True(bed.Host.IsStale);
            bed.Clock.Advance(TimeSpan.FromSeconds(2));
            await bed.PollAsync();
            Assert.True(bed.Driver.Connected);
            Assert.Equal(2, bed.Backend.OpenCount);
        }

        [Fact]
        public async Task MatchingFiltersSubdriverForcingAndExplore()
        {
            var unknown = new SyntheticUps(Apc, 0x051d, 0x9999, "Back-UPS NEW", "American Power Conversion").Field("UPS.PowerSummary.RemainingCapacity", 0x0c, 42);
            // Known vendor, unknown product: only with productid given.
            await Assert.ThrowsAsync<DriverException>(() => unknown.StartAsync());
            using (var bed = await unknown.StartAsync(" productid = 9999"))
                Assert.Equal("APC HID 0.98", bed.Get("driver.version.data"));
            using (var bed = await unknown.StartAsync(" subdriver = \"cyber\""))
                Assert.Equal("CyberPower HID 0.8", bed.Get("driver.version.data"));
            var stranger = new SyntheticUps(Apc, 0x1234, 0x0001, "Mystery UPS").Field("UPS.PowerSummary.RemainingCapacity", 0x0c, 42);
            using (var bed = await stranger.StartAsync(" explore"))
            {
                Assert.Equal("EXPLORE HID 0.2", bed.Get("driver.version.data"));
                Assert.Equal("42", bed.Get("battery.charge"));
            }
            using (var bed = await unknown.StartAsync(" productid = 9999\n vendor = \"American Power.*\"\n product = \"Back-UPS.*\"\n serial = SYN0001"))
                Assert.Equal("42", bed.Get("battery.charge"));
            await Assert.ThrowsAsync<DriverException>(() => unknown.StartAsync(" productid = 9999\n serial = OTHER"));
        }

        [Fact]
        public async Task LegrandNeverReadsTheInterruptPipe()
        {
            var ups = new SyntheticUps(HidUsageTable.Generic, 0x1cb0, 0x0032, "Keor SP")
                .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x01, 1, size: 1);
            using var bed = await ups.StartAsync();
            bed.Backend.EnqueueInterrupt(new byte[] { 0x01, 0x00 });
            bed.Clock.Advance(TimeSpan.FromSeconds(2));
            await bed.PollAsync();
            Assert.Equal(1, bed.Backend.PendingInterrupts);
            Assert.Equal("Legrand HID 0.2", bed.Get("driver.version.data"));
        }
    }
}
