using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.UsbHid.Subdrivers;
using UpsPS.Engine.Hid;
using Xunit;

namespace UpsPS.Tests.Unit.Hid
{
    /// <summary>
    /// Every vendor quirk and fixup of spec §9 driven end to end: a synthetic device whose report bytes trigger the
    /// quirk, the driver started on it, and the published variable (or the written report) checked.
    /// </summary>
    public class HidVendorQuirkDeviceTests
    {
        private static readonly HidUsageTable Apc = new ApcSubdriver().Usages;
        private static readonly HidUsageTable Cps = new CyberPowerSubdriver().Usages;
        private static readonly HidUsageTable Belkin = new BelkinSubdriver().Usages;
        private static readonly HidUsageTable TrippLite = new TrippLiteSubdriver().Usages;
        private static readonly HidUsageTable Mge = new MgeSubdriver().Usages;
        private static readonly HidUsageTable Powercom = new PowercomSubdriver().Usages;
        private const uint Volt = 0x00F0D121;

        private static Task<DriverResult> Cmd(HidReplayBed bed, string command, string? parameter = null) =>
            bed.Driver.InstantCommandAsync(command, parameter, CancellationToken.None);

        private static Task<DriverResult> Set(HidReplayBed bed, string name, string value) =>
            bed.Driver.SetVariableAsync(name, value, CancellationToken.None);

        private static byte[] LastWrite(HidReplayBed bed) => bed.Backend.Writes.Last();

        // ------------------------------------------------------------------ APC

        private static SyntheticUps ApcInput(ushort pid, string product = "Back-UPS XS 1400U") => new SyntheticUps(Apc, 0x051d, pid, product)
            .Field("UPS.Input.ConfigVoltage", 0x30, 230, logMax: 200)
            .Field("UPS.Input.Voltage", 0x31, 260, size: 16, logMax: 255)
            .Field("UPS.Input.HighVoltageTransfer", 0x33, 266, size: 16, logMin: 256, logMax: 278);

        [Fact]
        public async Task Apc0002InputVoltageAboveTheBogusLogMaxIsRepaired()
        {
            // Report 0x31 = 31 04 01 (260 V) against LogMax 255; HVT LogMax 278 > 255 widens it to 0..556.
            using var fixedBed = await ApcInput(0x0002).StartAsync();
            Assert.Equal("260.0", fixedBed.Get("input.voltage"));
            Assert.Equal("230", fixedBed.Get("input.voltage.nominal"));          // ConfigVoltage LogMax 200 → 255
            using var raw = await ApcInput(0x0002).StartAsync(" disable_fix_report_desc");
            Assert.Equal("4.0", raw.Get("input.voltage"));                       // masked to 8 bits (bitlength 255)
            using var other = await ApcInput(0x0005).StartAsync();
            Assert.Equal("4.0", other.Get("input.voltage"));                     // only 051d:0002 is patched
        }

        [Fact]
        public async Task ApcBackUpsEs525AsksEveryReportWithTheFullBuffer()
        {
            var ups = ApcInput(0x0002, "Back-UPS ES 525 FW:851.t3.I USB FW:t3")
                .Field("UPS.PowerSummary.RemainingCapacity", 0x0c, 95);
            using var bed = await ups.StartAsync();
            var max = bed.Driver.ReportDescriptor!.MaxReportLength(HidReportType.Feature);
            Assert.True(max > 2);
            Assert.All(bed.Backend.Requests, r => Assert.Equal(max, r.Length));
            Assert.Equal("95", bed.Get("battery.charge"));
            Assert.Equal("851.t3.I", bed.Get("ups.firmware"));
            Assert.Equal("t3", bed.Get("ups.firmware.aux"));
            using var normal = await ApcInput(0x0002).Field("UPS.PowerSummary.RemainingCapacity", 0x0c, 95).StartAsync();
            Assert.Contains(normal.Backend.Requests, r => r.Id == 0x0c && r.Length == 2);
            using var forced = await ApcInput(0x0002).Field("UPS.PowerSummary.RemainingCapacity", 0x0c, 95).StartAsync(" maxreport");
            Assert.Contains(forced.Backend.Requests, r => r.Id == 0x0c && r.Length == max);
        }

        [Theory]
        [InlineData(0x0003, false)]
        [InlineData(0x0004, false)]
        [InlineData(0x0002, true)]
        public async Task ApcFiveGModelsNeverReadTheInterruptPipe(int pid, bool reads)
        {
            var ups = new SyntheticUps(Apc, 0x051d, (ushort)pid).Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x16, 1, size: 1)
                .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x16, 1, size: 1, type: HidReportType.Input);
            using var bed = await ups.StartAsync();
            bed.Backend.EnqueueInterrupt(new byte[] { 0x16, 0x00 });
            bed.Clock.Advance(TimeSpan.FromSeconds(2));
            await bed.PollAsync();
            Assert.Equal(reads ? 0 : 1, bed.Backend.PendingInterrupts);
        }

        [Theory]
        [InlineData(8, "OL")]
        [InlineData(16, "OL")]
        [InlineData(0, "OL OFF")]
        public async Task ApcStatusFlagDrivesOff(int flag, string status)
        {
            var ups = new SyntheticUps(Apc, 0x051d, 0x0002).Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x16, 1)
                .Field("UPS.PowerSummary.APCStatusFlag", 0x50, flag);
            using var bed = await ups.StartAsync();
            Assert.Equal(status, bed.Get("ups.status"));
        }

        [Theory]
        [InlineData(1, "input voltage out of range")]
        [InlineData(9, "input voltage out of range")]
        [InlineData(7, "input frequency out of range")]
        [InlineData(0, null)]
        public async Task ApcLineFailCauseSetsTheTransferReason(int cause, string? reason)
        {
            var ups = new SyntheticUps(Apc, 0x051d, 0x0002).Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x16, 0)
                .Field("UPS.Input.APCLineFailCause", 0x52, cause);
            using var bed = await ups.StartAsync();
            Assert.Equal(reason, bed.Get("input.transfer.reason"));
        }

        [Fact]
        public async Task ApcPanelTestReturnAndVendorDelayCommandsWriteTheirReports()
        {
            var ups = new SyntheticUps(Apc, 0x051d, 0x0003)
                .Field("UPS.APCPanelTest", 0x72, 0)
                .Field("UPS.Output.APCDelayBeforeReboot", 0x7c, 0, size: 16)
                .Field("UPS.APCGeneralCollection.APCDelayBeforeShutdown", 0x7d, 0, size: 16, logMin: -1, logMax: 32767)
                .Field("UPS.APCGeneralCollection.APCDelayBeforeStartup", 0x7e, 0, size: 16, logMin: -1, logMax: 32767)
                .Field("UPS.APCGeneralCollection.APCDelayBeforeReboot", 0x7f, 0, size: 16);
            using var bed = await ups.StartAsync();
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "test.panel.start"));
            Assert.Equal(new byte[] { 0x72, 0x01 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "test.panel.stop"));
            Assert.Equal(new byte[] { 0x72, 0x00 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "shutdown.return"));
            Assert.Equal(new byte[] { 0x7c, 0x01, 0x00 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "load.off.delay"));
            Assert.Equal(new byte[] { 0x7d, 20, 0x00 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "load.on.delay", "90"));
            Assert.Equal(new byte[] { 0x7e, 90, 0x00 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "shutdown.stop"));
            Assert.Equal(new byte[] { 0x7d, 0xff, 0xff }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "shutdown.reboot"));
            Assert.Equal(new byte[] { 0x7f, 10, 0x00 }, LastWrite(bed));
        }

        // ------------------------------------------------------------------ CyberPower

        private static SyntheticUps CpsVoltages(ushort pid, long output) => new SyntheticUps(Cps, 0x0764, pid)
            .Field("UPS.Input.Voltage", 0x0f, 230, size: 16, logMin: 170, logMax: 270)
            .Field("UPS.Input.HighVoltageTransfer", 0x10, 260, size: 16, logMin: 170, logMax: 270)
            .Field("UPS.Output.Voltage", 0x12, output, size: 16, logMin: 170, logMax: 270)
            .Field("UPS.Output.ConfigActivePower", 0x18, 1350, size: 16, logMax: 1000);

        [Fact]
        public async Task CyberPowerFixupsOneAndThreeRepairOutputVoltageAndRealPowerNominal()
        {
            // Report 0x12 = 12 8c 00 (140 V) with the transfer range 170..270 copied onto the output voltage.
            using var bed = await CpsVoltages(0x0501, 140).StartAsync();
            Assert.Equal("140.0", bed.Get("output.voltage"));
            Assert.Equal("1350", bed.Get("ups.realpower.nominal"));
            using var raw = await CpsVoltages(0x0501, 140).StartAsync(" disable_fix_report_desc");
            Assert.Equal("170.0", raw.Get("output.voltage"));                   // clamped to the bogus LogMin
            Assert.NotEqual("1350", raw.Get("ups.realpower.nominal"));
            using var other = await CpsVoltages(0x0005, 140).StartAsync();     // only 0501 / 0601 are patched
            Assert.Equal("170.0", other.Get("output.voltage"));
        }

        [Fact]
        public async Task CyberPowerFixupTwoRaisesAssumedLogMaxOfBothLineVoltages()
        {
            // Both voltages: 16-bit fields declared 0..-1 (26 FF FF read back as 65535 → assumed); output 0x0101 = 257 V.
            var d = new byte[]
            {
                0x05, 0x84, 0x09, 0x04, 0xA1, 0x01,
                0x09, 0x1A, 0xA1, 0x00, 0x85, 0x0F, 0x09, 0x30, 0x75, 0x10, 0x95, 0x01, 0x15, 0x00, 0x26, 0xFF, 0xFF, 0xB1, 0x02, 0xC0,
                0x09, 0x1C, 0xA1, 0x00, 0x85, 0x12, 0x09, 0x30, 0x75, 0x10, 0x95, 0x01, 0x15, 0x00, 0x26, 0xFF, 0x01, 0xB1, 0x02, 0xC0,
                0xC0,
            };
            var parsed = HidReportDescriptor.Parse(d);
            var input = parsed.Items.Single(i => i.ReportId == 0x0f);
            var output = parsed.Items.Single(i => i.ReportId == 0x12);
            Assert.True(input.AssumedLogMax);
            Assert.Equal(65535, input.LogMax);
            Assert.Equal(511, output.LogMax);
            new CyberPowerSubdriver().FixReportDescriptor(parsed, new UpsPS.Engine.Drivers.UsbHid.Transport.HidDeviceInfo { VendorId = 0x0764, ProductId = 0x0601 });
            Assert.Equal(65535, input.LogMax);                                  // already above 511, within 2^16-1
            Assert.Equal(511, output.LogMax);                                   // not assumed: left alone
        }

        private static SyntheticUps CpsBattery(ushort pid) => new SyntheticUps(Cps, 0x0764, pid)
            .Field("UPS.PowerSummary.ConfigVoltage", 0x07, 24)
            .Field("UPS.PowerSummary.Voltage", 0x08, 405, size: 16, unitExponent: -1)
            .Field("UPS.PowerSummary.RemainingCapacity", 0x09, 120)
            .Field("UPS.Input.Frequency", 0x0a, 499, size: 16)
            .Field("UPS.Output.Frequency", 0x0b, 50, size: 16);

        [Fact]
        public async Task CyberPower0501ScalesBatteryVoltageAndTenthHertzFrequency()
        {
            using var bed = await CpsBattery(0x0501).StartAsync();
            Assert.Equal("27.0", bed.Get("battery.voltage"));                   // 40.5 / 24 > 1.4 → x2/3
            Assert.Equal("49.9", bed.Get("input.frequency"));                   // 499 → x0.1
            Assert.Equal("50.0", bed.Get("output.frequency"));                  // plausible already
            Assert.Equal("100", bed.Get("battery.charge"));                     // 120 clamped to 100
            using var other = await CpsBattery(0x0601).StartAsync();
            Assert.Equal("40.5", other.Get("battery.voltage"));
            Assert.Equal("499.0", other.Get("input.frequency"));
        }

        [Fact]
        public async Task CyberPowerCommandsAndDefaultDelays()
        {
            var ups = new SyntheticUps(Cps, 0x0764, 0x0501)
                .Field("UPS.Output.Test", 0x14, 6)
                .Field("UPS.Output.DelayBeforeShutdown", 0x15, -1, size: 16, logMin: -1, logMax: 32767)
                .Field("UPS.Output.DelayBeforeStartup", 0x16, -1, size: 16, logMin: -1, logMax: 32767)
                .Field("UPS.Output.DelayBeforeReboot", 0x17, -1, size: 16, logMin: -1, logMax: 32767)
                .Field("UPS.PowerSummary.AudibleAlarmControl", 0x1a, 2)
                .Field("UPS.Output.CPSInputSensitivity", 0x1b, 1);
            using var bed = await ups.StartAsync();
            Assert.Equal("120", bed.Get("ups.delay.start"));
            Assert.Equal("60", bed.Get("ups.delay.shutdown"));
            Assert.Equal("normal", bed.Get("input.sensitivity"));
            Assert.Equal("No test initiated", bed.Get("ups.test.result"));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "load.off.delay"));
            Assert.Equal(new byte[] { 0x15, 60, 0 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "load.on.delay"));
            Assert.Equal(new byte[] { 0x16, 120, 0 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "shutdown.reboot"));
            Assert.Equal(new byte[] { 0x17, 10, 0 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "test.battery.start.deep"));
            Assert.Equal(new byte[] { 0x14, 2 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "beeper.mute"));
            Assert.Equal(new byte[] { 0x1a, 3 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Set(bed, "input.sensitivity", "high"));
            Assert.Equal(new byte[] { 0x1b, 2 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "shutdown.return"));   // composite: on.delay, 125 ms, off.delay
            Assert.Equal(new byte[] { 0x15, 60, 0 }, LastWrite(bed));
            Assert.Equal(new byte[] { 0x16, 120, 0 }, bed.Backend.Writes[bed.Backend.Writes.Count - 2]);
        }

        // ------------------------------------------------------------------ Tripp Lite

        [Theory]
        [InlineData(0x1003, 138, 0, "13.8")]
        [InlineData(0x2010, 138, 0, "13.8")]
        [InlineData(0x3008, 138, -1, "13.8")]
        [InlineData(0x1330, 27, 0, "27.0")]
        [InlineData(0x3016, 138, -6, "13.8")]
        public async Task TrippLiteBatteryVoltageScaleByProduct(int pid, long raw, int exponent, string volts)
        {
            var ups = new SyntheticUps(TrippLite, 0x09ae, (ushort)pid)
                .Field("UPS.BatterySystem.Battery.Voltage", 0x20, raw, size: 16, unit: Volt, unitExponent: exponent + 7);
            using var bed = await ups.StartAsync();
            Assert.Equal(volts, bed.Get("battery.voltage"));
        }

        [Fact]
        public async Task TrippLiteSmart1500FamilyScalesLineVoltageUpAndFrequencyCurrentDown()
        {
            var ups = new SyntheticUps(TrippLite, 0x09ae, 0x3024)
                .Field("UPS.PowerConverter.Input.Voltage", 0x31, 120, size: 16, unit: Volt, unitExponent: 2)   // 120e-5
                .Field("UPS.PowerConverter.Input.Frequency", 0x32, 6000, size: 16)
                .Field("UPS.PowerConverter.Output.Current", 0x33, 150, size: 16);
            using var bed = await ups.StartAsync();
            Assert.Equal("120.0", bed.Get("input.voltage"));
            Assert.Equal("60.0", bed.Get("input.frequency"));
            Assert.Equal("1.50", bed.Get("output.current"));
        }

        [Fact]
        public async Task TrippLite1330NeverReadsReport0x54()
        {
            SyntheticUps Ups(ushort pid) => new SyntheticUps(TrippLite, 0x09ae, pid)
                .Field("UPS.PowerSummary.RemainingCapacity", 0x54, 77)
                .Field("UPS.PowerSummary.RunTimeToEmpty", 0x55, 600, size: 16);
            using var bed = await Ups(0x1330).StartAsync();
            Assert.Null(bed.Get("battery.charge"));
            Assert.Equal("600", bed.Get("battery.runtime"));
            Assert.DoesNotContain(bed.Backend.Requests, r => r.Id == 0x54);
            using var other = await Ups(0x3008).StartAsync();
            Assert.Equal("77", other.Get("battery.charge"));
        }

        [Fact]
        public async Task TrippLiteWatchdogAndOutletCommands()
        {
            var ups = new SyntheticUps(TrippLite, 0x09ae, 0x3008)
                .Field("UPS.OutletSystem.Outlet.TLWatchdog", 0x40, 0, size: 16)
                .Field("UPS.OutletSystem.Outlet.DelayBeforeShutdown", 0x41, 0, size: 16, logMin: -1, logMax: 32767)
                .Field("UPS.OutletSystem.Outlet.DelayBeforeStartup", 0x42, 0, size: 16, logMin: -1, logMax: 32767)
                .Field("UPS.BatterySystem.Test", 0x43, 6)
                .Field("UPS.PowerSummary.PresentStatus.TLACPresent", 0x44, 0, size: 1)
                .Field("UPS.PowerSummary.PresentStatus.TLDischarging", 0x44, 1, size: 1);
            using var bed = await ups.StartAsync();
            Assert.Equal("OB DISCHRG", bed.Get("ups.status"));                  // page-0x84 TL flags
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "reset.watchdog"));
            Assert.Equal(new byte[] { 0x40, 60, 0 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "shutdown.reboot"));   // no DelayBeforeReboot: TLWatchdog = 10
            Assert.Equal(new byte[] { 0x40, 10, 0 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "load.off.delay", "30"));
            Assert.Equal(new byte[] { 0x41, 30, 0 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "test.battery.start.quick"));
            Assert.Equal(new byte[] { 0x43, 1 }, LastWrite(bed));
        }

        [Fact]
        public async Task TrippLiteBeeperLegacyNamesAreAdvertisedButRedirected()
        {
            var ups = new SyntheticUps(TrippLite, 0x09ae, 0x3008).Field("UPS.PowerSummary.AudibleAlarmControl", 0x50, 2);
            using var bed = await ups.StartAsync();
            Assert.Contains("beeper.off", bed.Host.GetCommands());
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "beeper.off"));      // NUT 2.8.0: renamed to beeper.disable → 1
            Assert.Equal(new byte[] { 0x50, 1 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "beeper.on"));
            Assert.Equal(new byte[] { 0x50, 2 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "beeper.mute"));
            Assert.Equal(new byte[] { 0x50, 3 }, LastWrite(bed));
        }

        // ------------------------------------------------------------------ Belkin / Liebert 10af

        private static SyntheticUps BelkinUps(long power, long battery) => new SyntheticUps(Belkin, 0x050d, 0x0980)
            .Field("UPS.BELKINStatus.BELKINPowerStatus", 0x22, power, size: 16)
            .Field("UPS.BELKINStatus.BELKINBatteryStatus", 0x23, battery)
            .Field("UPS.BELKINPowerState.BELKINInput.BELKINVoltage", 0x16, 2301, size: 16)
            .Field("UPS.BELKINBatterySystem.BELKINVoltage", 0x17, 136, size: 16)
            .Field("UPS.BELKINDevice.BELKINUPSType", 0x0c, 0x32)
            .Field("UPS.BELKINConfig.BELKINVoltageSensitivity", 0x0d, 1)
            .Field("UPS.BELKINControls.BELKINTest", 0x10, 0)
            .Field("UPS.BELKINControls.BELKINAudibleAlarmControl", 0x11, 2)
            .Field("UPS.BELKINControls.BELKINDelayBeforeShutdown", 0x12, 0, size: 16, logMin: -1, logMax: 32767)
            .Field("UPS.BELKINControls.BELKINDelayBeforeStartup", 0x13, 0, size: 16)
            .Field("UPS.BELKINControls.BELKINDelayBeforeReboot", 0x14, 0, size: 16);

        [Theory]
        [InlineData(0x0000, 0x00, "OL", null)]
        [InlineData(0x0011, 0x00, "OB OVER", null)]                    // bit0 AC failure, bit4 overload
        [InlineData(0x0001, 0x04, "OB LB", null)]                      // battery bit2 low
        [InlineData(0x0020, 0x80, "OL RB OFF", "Replace battery!")]    // bit5 load off, battery bit7 replace
        [InlineData(0x00C0, 0x00, "OL", "Temperature too high! Internal UPS fault!")]
        [InlineData(0x2000, 0x40, "OL", "Awaiting power!")]            // bit13; battery bit6 depleted hides DISCHRG only
        public async Task BelkinStatusWordBits(int power, int battery, string status, string? alarm)
        {
            using var bed = await BelkinUps(power, battery).StartAsync();
            Assert.Null(bed.Get("ups.alarm"));   // 2.8.0: alarms from the first full update on
            await bed.FullUpdateAsync();
            Assert.Equal(alarm == null ? status : "ALARM " + status, bed.Get("ups.status"));
            Assert.Equal(alarm, bed.Get("ups.alarm"));
        }

        [Fact]
        public async Task BelkinTenthScalingsTypeAndCommands()
        {
            using var bed = await BelkinUps(0, 0).StartAsync();
            Assert.Equal("230.1", bed.Get("input.voltage"));
            Assert.Equal("13.6", bed.Get("battery.voltage"));
            Assert.Equal("3", bed.Get("ups.firmware"));
            Assert.Equal("line-interactive", bed.Get("ups.type"));
            Assert.Equal("reduced", bed.Get("input.sensitivity"));
            Assert.Equal("No test initiated", bed.Get("ups.test.result"));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "load.off"));
            Assert.Equal(new byte[] { 0x12, 1, 0 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "load.on"));
            Assert.Equal(new byte[] { 0x13, 1, 0 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "shutdown.stop"));
            Assert.Equal(new byte[] { 0x12, 0xff, 0xff }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "shutdown.reboot"));
            Assert.Equal(new byte[] { 0x14, 10, 0 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "test.battery.start.quick"));
            Assert.Equal(new byte[] { 0x10, 1 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Cmd(bed, "beeper.disable"));
            Assert.Equal(new byte[] { 0x11, 1 }, LastWrite(bed));
            Assert.Equal(DriverResult.Handled, await Set(bed, "input.sensitivity", "low"));
            Assert.Equal(new byte[] { 0x0d, 2 }, LastWrite(bed));
        }

        [Fact]
        public async Task LiebertBrokenExponentsAreRepairedOnlyNearOneTenMillionth()
        {
            // Volt unit with UnitExp 0 (should be 7): a raw count decodes as count x 1e-7. NUT 2.8.0 repairs only a
            // reading within 1e-9 of 1e-7 (raw 1), and the factor it then picks applies to every later line reading.
            SyntheticUps Ups(ushort vid, long input, long output, long? nominal = null)
            {
                var ups = new SyntheticUps(Belkin, vid, vid == 0x10af ? (ushort)0x0001 : (ushort)0x0980)
                    .Field("UPS.Input.Voltage", 0x16, input, size: 16, unit: Volt, unitExponent: 0)
                    .Field("UPS.Output.Voltage", 0x17, output, size: 16, unit: Volt, unitExponent: 0)
                    .Field("UPS.Input.Frequency", 0x19, 600, size: 16);
                if (nominal != null) ups.Field("UPS.PowerSummary.ConfigVoltage", 0x18, nominal.Value, size: 16, unit: Volt, unitExponent: 0);
                return ups;
            }
            using (var bed = await Ups(0x10af, input: 1, output: 2300).StartAsync())
            {
                Assert.Equal("1.0", bed.Get("input.voltage"));                  // 1e-7 -> factor 1e7 ...
                Assert.Equal("2300.0", bed.Get("output.voltage"));              // ... for every line voltage after it
                Assert.Equal("60.0", bed.Get("input.frequency"));
            }
            using (var wide = await Ups(0x10af, input: 120, output: 2300).StartAsync())
            {
                Assert.Equal("0.0", wide.Get("input.voltage"));                 // 1.2e-5: 2.8.0 does not correct it
                Assert.Equal("0.0", wide.Get("output.voltage"));
            }
            using (var nominal = await Ups(0x10af, input: 120, output: 2300, nominal: 1).StartAsync())
            {
                Assert.Equal("10.0", nominal.Get("battery.voltage.nominal"));  // 1e-7 x 1e8
                Assert.Equal("0.0", nominal.Get("input.voltage"));              // read before ConfigVoltage in the first walk
                nominal.Clock.Advance(TimeSpan.FromSeconds(31));
                await nominal.PollAsync();                                      // the next full walk uses the 1e7 line factor
                Assert.Equal("120.0", nominal.Get("input.voltage"));  
            }
            using (var belkin = await Ups(0x050d, input: 1, output: 2300).StartAsync())
                Assert.Equal("2300.0", belkin.Get("output.voltage"));           // the rule is the subdriver's, not 10af's
        }

        [Theory]
        [InlineData(0xd004, "81.54", "1.655")]      // 23 x 3.545; 20 x 0.8274/10 (%.3f)
        [InlineData(0xd005, "2.30", "0.200")]
        public async Task OpenUpsLineValuesUseTheModelFactor(int pid, string vin, string iin)
        {
            var ups = new SyntheticUps(HidUsageTable.Generic, 0x04d8, (ushort)pid)
                .Field("UPS.PowerSummary.Input.Voltage", 0x01, 23, size: 16)
                .Field("UPS.PowerSummary.Input.Current", 0x02, pid == 0xd004 ? 20 : 2, size: 16);
            using var bed = await ups.StartAsync();
            Assert.Equal(vin, bed.Get("input.voltage"));
            Assert.Equal(iin, bed.Get("input.current"));
            Assert.Equal("openUPS HID 0.5", bed.Get("driver.version.data"));
        }

        // ------------------------------------------------------------------ Powercom

        private static SyntheticUps PowercomUps() => new SyntheticUps(Powercom, 0x0d9f, 0x00a3)
            .Field("UPS.PowerSummary.DelayBeforeShutdown", 0x15, 0x1E01, size: 16)
            .Field("UPS.PowerSummary.DelayBeforeStartup", 0x16, 0x0200, size: 16)
            .Field("UPS.PowerSummary.PCMDelayBeforeShutdown", 0x17, 0, size: 16)
            .Field("UPS.PowerSummary.PCMDelayBeforeStartup", 0x18, 0, size: 16)
            .Field("UPS.PowerSummary.AudibleAlarmControl", 0x19, 1)
            .Field("UPS.Battery.Test", 0x1a, 1);

        [Fact]
        public async Task PowercomTimersDecodeTheirEncodingsAndBeeperIsInverted()
        {
            using var bed = await PowercomUps().StartAsync();
            Assert.Equal("90", bed.Get("ups.timer.shutdown"));                 // 0x1E01, 2.8.0 order: 30 s << 8 | 1 min
            Assert.Equal("120", bed.Get("ups.timer.start"));                   // 0x0200 byte-swapped = 2 min
            Assert.Equal("60", bed.Get("ups.delay.start"));
            Assert.Equal("enabled", bed.Get("ups.beeper.status"));
            Assert.Equal("Done and passed", bed.Get("ups.test.result"));
            using var corrected = await PowercomUps().StartAsync(" upsps_powercom_sdcmd_corrected_order");
            Assert.Equal("1801", corrected.Get("ups.timer.shutdown"));          // 0x1E01 read as 30 min 1 s
        }

        [Theory]
        // NUT 2.8.0's DelayBeforeShutdown word is the default: (s % 60) << 8 | minutes, 0x4000 restart / 0x8000 stay off.
        [InlineData("", "shutdown.return", null, new byte[] { 0x15, 0x00, 0x54 })]      // 20 s: 0x1400 | 0x4000
        [InlineData("", "shutdown.return", "90", new byte[] { 0x15, 0x01, 0x5E })]      // 30 s, 1 min
        [InlineData(" powercom_sdcmd_byte_order_fallback", "shutdown.return", "90", new byte[] { 0x15, 0x01, 0x5E })]
        // UpsPS extension: later NUT's corrected order, minutes << 8 | s with 0x0040 / 0x0080.
        [InlineData(" upsps_powercom_sdcmd_corrected_order", "shutdown.return", "90", new byte[] { 0x15, 0x5E, 0x01 })]
        [InlineData(" upsps_powercom_sdcmd_corrected_order", "shutdown.stayoff", "90", new byte[] { 0x15, 0x9E, 0x01 })]
        [InlineData(" upsps_powercom_sdcmd_corrected_order\n powercom_sdcmd_byte_order_fallback", "shutdown.return", "90", new byte[] { 0x15, 0x01, 0x5E })]
        [InlineData(" powercom_sdcmd_discrete_delay", "shutdown.return", "30", new byte[] { 0x15, 0x04, 0x00 })]
        [InlineData("", "shutdown.stayoff", "90", new byte[] { 0x15, 0x01, 0x9E })]     // | 0x8000
        [InlineData(" powercom_sdcmd_byte_order_fallback", "shutdown.stayoff", "0", new byte[] { 0x15, 0x00, 0x81 })]
        [InlineData("", "load.on.delay", null, new byte[] { 0x16, 0x00, 0x01 })]        // ups.delay.start 60 = 1 min, swapped
        [InlineData("", "load.on.delay", "600", new byte[] { 0x16, 0x00, 0x0A })]
        [InlineData(" powercom_sdcmd_discrete_delay", "load.on.delay", "600", new byte[] { 0x16, 0x0A, 0x00 })]
        [InlineData("", "load.off", null, new byte[] { 0x17, 0x00, 0x81 })]             // 0 sent as 1 s, stay off
        [InlineData("", "load.on", null, new byte[] { 0x18, 0x00, 0x00 })]
        [InlineData("", "beeper.enable", null, new byte[] { 0x19, 0x01 })]
        [InlineData("", "beeper.disable", null, new byte[] { 0x19, 0x00 })]
        [InlineData("", "test.battery.start.quick", null, new byte[] { 0x1a, 0x01 })]
        public async Task PowercomCommandsWriteEncodedDelays(string options, string command, string? parameter, byte[] report)
        {
            using var bed = await PowercomUps().StartAsync(options);
            Assert.Equal(DriverResult.Handled, await Cmd(bed, command, parameter));
            Assert.Equal(report, LastWrite(bed));
        }

        [Fact]
        public async Task PowercomVendorTreeTimesFourVoltagesAndStatusBytes()
        {
            var ups = new SyntheticUps(Powercom, 0x0d9f, 0x0001)
                .Field("PowercomUPS.PowercomPowerConverter.PowercomInput.PowercomVoltage", 0x01, 57)
                .Field("PowercomUPS.PowercomBatterySystem.PowercomVoltage", 0x02, 88)
                .Field("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController", 0x03, 0x02)
                .Field("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport", 0x04, 0x1B);
            using var bed = await ups.StartAsync();
            Assert.Equal("228", bed.Get("input.voltage"));
            Assert.Equal("88", bed.Get("battery.charge"));
            Assert.Equal("OB LB RB BOOST", bed.Get("ups.status"));             // 0x1B: !online, lowbatt, boost (0x18)
        }

        // ------------------------------------------------------------------ NUT 2.8.0 status rules

        [Theory]
        [InlineData(1, 0, "OL", "No battery installed!")]           // BatteryPresent=0: only the alarm, no RB
        [InlineData(0, 1, "OB", null)]
        public async Task BatteryPresentZeroRaisesOnlyTheAlarm(long acPresent, long batteryPresent, string status, string? alarm)
        {
            var ups = new SyntheticUps(Apc, 0x051d, 0x0002)
                .Field("UPS.PowerSummary.PresentStatus.ACPresent", 0x16, acPresent, size: 1)
                .Field("UPS.PowerSummary.PresentStatus.BatteryPresent", 0x16, batteryPresent, size: 1);
            using var bed = await ups.StartAsync();
            Assert.Equal(status, bed.Get("ups.status"));
            Assert.Null(bed.Get("ups.alarm"));   // 2.8.0: alarms from the first full update on, then ALARM leads the status
            await bed.FullUpdateAsync();
            Assert.Equal(alarm == null ? status : "ALARM " + status, bed.Get("ups.status"));
            Assert.Equal(alarm, bed.Get("ups.alarm"));
        }

        [Fact]
        public async Task ADeviceWithoutAPowerStateIsOnBattery()
        {
            // NUT 2.8.0 publishes OB whenever nothing said "online" (here only Charging is reported).
            var ups = new SyntheticUps(Apc, 0x051d, 0x0002).Field("UPS.PowerSummary.PresentStatus.Charging", 0x16, 1, size: 1);
            using var bed = await ups.StartAsync();
            Assert.Equal("OB CHRG", bed.Get("ups.status"));
        }

        [Theory]
        [InlineData(0x04, 0x00, "OL CAL")]
        [InlineData(0x06, 0x08, "OL RB TRIM CAL")]                  // CAL after every other token, as 2.8.0
        [InlineData(0x04, 0x03, "OB LB CAL")]
        public async Task CalibrationTokenComesLast(long statusByte, long powerByte, string status)
        {
            var ups = new SyntheticUps(Powercom, 0x0d9f, 0x0001)
                .Field("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController", 0x03, statusByte)
                .Field("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport", 0x04, powerByte);
            using var bed = await ups.StartAsync();
            Assert.Equal(status, bed.Get("ups.status"));
        }
    }
}
