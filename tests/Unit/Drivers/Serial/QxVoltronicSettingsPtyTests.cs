using System;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.Qx;
using UpsPS.SerialSim;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    /// <summary>Voltronic warnings, settings and outlets on a real pty: published variables and the exact bytes written.</summary>
    public class QxVoltronicSettingsPtyTests
    {
        private static void Fast(IUpsDriver d)
        {
            ((QxDriver)d).ReplyTimeout = TimeSpan.FromMilliseconds(400);
            ((QxDriver)d).SettleDelay = TimeSpan.Zero;
        }

        private static VoltronicDevice SettingsDevice()
        {
            var device = new VoltronicDevice
            {
                ExtendedQueries = true, Flags = "(EpashcjDbroegfl", EcoVoltage = (250, 210), EcoFrequency = (54.0, 46.0),
                BatteryLowVoltage = 20, Packs = 2,
            };
            device.Outlets[1] = true; device.Outlets[2] = false;
            device.OutletDelayMinutes[1] = 8;
            return device;
        }

        [SkippableFact]
        public async Task SettingsArePublishedWithTheirRanges()
        {
            await using var bed = await SerialTestBed.StartAsync(SettingsDevice());
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1", Fast);
            var v = bed.DeviceVariables();
            Assert.Equal("250", v["input.transfer.high"]);
            Assert.Equal("210", v["input.transfer.low"]);
            Assert.Equal("206", v["input.transfer.low.min"]);
            Assert.Equal("254", v["input.transfer.high.max"]);
            Assert.Equal("54.0", v["input.frequency.high"]);
            Assert.Equal("46.0", v["input.frequency.low"]);
            Assert.Equal("20.0", v["battery.voltage.low"]);
            Assert.Equal("2", v["battery.packs"]);
            Assert.Equal("yes", v["outlet.1.switchable"]);
            Assert.Equal("on", v["outlet.1.status"]);
            Assert.Equal("off", v["outlet.2.status"]);
            Assert.Equal("480", v["outlet.1.delay.shutdown"]);
            Assert.False(v.ContainsKey("outlet.2.delay.shutdown")); // QSKT2 answered (NAK
            Assert.False(v.ContainsKey("outlet.3.status"));
            Assert.Equal("241..254", string.Join(",", host.GetVariable("input.transfer.high")!.Ranges));
            Assert.Equal("46..48", string.Join(",", host.GetVariable("input.frequency.low")!.Ranges));
            Assert.Equal("20..24", string.Join(",", host.GetVariable("battery.voltage.low")!.Ranges));
            Assert.Equal("1..99", string.Join(",", host.GetVariable("battery.packs")!.Ranges));
            Assert.Equal("0..59940", string.Join(",", host.GetVariable("outlet.1.delay.shutdown")!.Ranges));
            Assert.True(host.GetVariable("outlet.1.delay.shutdown")!.IsWritable);
            Assert.False(host.GetVariable("outlet.1.status")!.IsWritable);
            Assert.Contains("outlet.2.load.on", host.GetCommands());
            Assert.DoesNotContain("outlet.3.load.on", host.GetCommands());
        }

        [SkippableFact]
        public async Task SetsSendTheExactBytesAndAreReadBack()
        {
            var device = SettingsDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1", Fast);
            async Task Set(string variable, string value, string bytes)
            {
                Assert.Equal(DriverResult.Handled, await host.SetVariableAsync(variable, value, default));
                Assert.Equal(bytes, device.Settings.Last());
            }
            await Set("input.transfer.high", "252", "HEH252");
            await Set("input.transfer.low", "208", "HEL208");
            await Set("input.frequency.high", "53.5", "FREH53.5");
            await Set("input.frequency.low", "47", "FREL47.0");
            await Set("battery.packs", "3", "BATGN03");
            await Set("battery.voltage.low", "22", "W0E22");
            await Set("outlet.1.delay.shutdown", "600", "PSK1010");
            var count = device.Settings.Count;
            Assert.Equal(DriverResult.Invalid, await host.SetVariableAsync("input.transfer.high", "260", default));
            Assert.Equal(DriverResult.Invalid, await host.SetVariableAsync("battery.packs", "0", default));
            Assert.Equal(DriverResult.Unknown, await host.SetVariableAsync("outlet.3.delay.shutdown", "60", default));
            Assert.Equal(count, device.Settings.Count);
            // The next (full) update re-reads the settings from the UPS.
            await bed.WaitForAsync("input.transfer.high", "252");
            await bed.WaitForAsync("battery.packs", "3");
            await bed.WaitForAsync("outlet.1.delay.shutdown", "600");
            await bed.WaitForAsync("battery.voltage.low", "22.0");
            await bed.WaitForAsync("input.frequency.high", "53.5");
        }

        [SkippableFact]
        public async Task RefusedSettingFails()
        {
            var device = SettingsDevice();
            device.EcoVoltage = (250, 210);
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1", Fast);
            device.EcoVoltage = null; // the simulator now answers HEH with (NAK
            Assert.Equal(DriverResult.Failed, await host.SetVariableAsync("input.transfer.high", "252", default));
            Assert.Contains("HEH252", device.Received);
        }

        [SkippableFact]
        public async Task OutletCommandsSendSkonAndSkoff()
        {
            var device = SettingsDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1", Fast);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("outlet.2.load.on", null, default));
            Assert.Equal("SKON2", device.Settings.Last());
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("outlet.1.load.off", null, default));
            Assert.Equal("SKOFF1", device.Settings.Last());
            Assert.Equal(DriverResult.Unknown, await host.InstantCommandAsync("outlet.3.load.off", null, default));
            await bed.WaitForAsync("outlet.1.status", "off");
            await bed.WaitForAsync("outlet.2.status", "on");
        }

        [SkippableFact]
        public async Task OutletsNeedTheJFlagEnabled()
        {
            var device = SettingsDevice();
            device.Flags = "(EpashcDbrojegfl"; // 'j' listed but disabled
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1", Fast);
            Assert.Equal("no", host.GetInfo("outlet.0.switchable"));
            Assert.Null(host.GetInfo("outlet.1.status"));
            Assert.DoesNotContain(device.Received, c => c.StartsWith("QSK", StringComparison.Ordinal));
        }

        [SkippableFact]
        public async Task EcoLimitsNeedTheEFlagAndProtocolRanges()
        {
            var device = SettingsDevice();
            device.Protocol = 0; // P00: values published read/write but without range, ECO voltage not settable
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1", Fast);
            Assert.Equal("250", host.GetInfo("input.transfer.high"));
            Assert.Empty(host.GetVariable("input.transfer.high")!.Ranges);
            Assert.Null(host.GetInfo("input.transfer.high.min"));
            Assert.Equal(DriverResult.Unknown, await host.SetVariableAsync("input.transfer.high", "252", default));

            var noEco = SettingsDevice();
            noEco.Flags = "(EpashcjDbrogfl"; // no 'e' at all
            await using var bed2 = await SerialTestBed.StartAsync(noEco);
            var host2 = await bed2.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1", Fast);
            Assert.Null(host2.GetInfo("input.transfer.high"));
            Assert.DoesNotContain("QHE", noEco.Received);
            Assert.DoesNotContain("QFRE", noEco.Received);
        }

        [SkippableFact]
        public async Task WarningsBecomeAlarmsAndStatusOnFullUpdates()
        {
            var device = new VoltronicDevice { ExtendedQueries = true, Warnings = "1000000010000000000000000000000000000000000000000000000100100000" };
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1\n pollfreq = 1", Fast);
            // Start-up: the bits are there, the alarm comes with the first full update (2.8.0).
            Assert.Equal("OL OVER RB", host.GetInfo("ups.status"));
            Assert.Null(host.GetInfo("ups.alarm"));
            await bed.WaitForAsync("ups.status", "ALARM OL OVER RB");
            Assert.Equal("UPS warnings: Battery disconnected. Overload alarm. Warning for Battery replace. Unknown warnings [bit: #59] Replace battery!",
                host.GetInfo("ups.alarm"));
            device.Warnings = new string('0', 64);
            await bed.WaitForAsync("ups.status", "OL");
            Assert.Null(host.GetInfo("ups.alarm"));
        }

        [SkippableFact]
        public async Task FaultBitNeverTriggersQfsLike280()
        {
            var device = new VoltronicDevice { ExtendedQueries = true, FaultBit = true, FaultReply = "(14 212.1 50.0 005.6 49.9 006 010.6 343.8 ---.- 026.2 021.8 01101100" };
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1\n pollfreq = 0", Fast);
            await Poll.UntilAsync(() => device.Received.Count(c => c == "QMOD") >= 2, TimeSpan.FromSeconds(10), () => string.Join(",", device.Received));
            Assert.DoesNotContain("QFS", device.Received);
            Assert.Null(host.GetInfo("ups.alarm"));
            Assert.Equal("OL", host.GetInfo("ups.status"));
        }

        [SkippableFact]
        public async Task P31BatteryTypeIsAnEnum()
        {
            var device = new VoltronicDevice { Protocol = 31, ExtendedQueries = true, BatteryType = 1 };
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1", Fast);
            Assert.Equal("Flooded", host.GetInfo("battery.type"));
            Assert.Equal(new[] { "Li", "Flooded", "AGM" }, host.GetVariable("battery.type")!.Enums);
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("battery.type", "AGM", default));
            Assert.Equal("PBT02", device.Settings.Last());
            Assert.Equal(DriverResult.Invalid, await host.SetVariableAsync("battery.type", "NiMH", default));
        }
    
        [SkippableFact]
        public async Task PhaseAngleOptionSendsTheAngleNotItsListPosition()
        {
            var device = new VoltronicDevice { ExtendedQueries = true, PhaseAngles = "000 240" };
            await using var bed = await SerialTestBed.StartAsync(device);
            await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1\n output_phase_angle = 120", Fast);
            Assert.Equal(new[] { "PPD120" }, device.Settings); // 2.8.0 would send PPD001 (docs/differences-from-nut.md)
        }

        [SkippableFact]
        public async Task ResetToDefaultOnlyWhenOff()
        {
            var on = new VoltronicDevice { ExtendedQueries = true };
            await using (var bed = await SerialTestBed.StartAsync(on))
                await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1\n reset_to_default", Fast);
            Assert.DoesNotContain("PF", on.Received);

            var off = new VoltronicDevice(new UpsPhaseState { Phase = UpsPhase.OutputOff }) { ExtendedQueries = true };
            await using var bed2 = await SerialTestBed.StartAsync(off);
            await bed2.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1\n reset_to_default", Fast);
            Assert.Equal(new[] { "PF" }, off.Settings);
        }

        [SkippableFact]
        public async Task BypassLimitOptionsAreRangeCheckedAndSkippedWhenEqual()
        {
            var device = new VoltronicDevice { ExtendedQueries = true, BypassVoltage = "264 170", BypassFrequency = "53.0 47.0" };
            await using var bed = await SerialTestBed.StartAsync(device);
            await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1\n max_bypass_volt = 264\n min_bypass_volt = 209\n max_bypass_freq = 55\n min_bypass_freq = 46", Fast);
            // 264 is the current value, 55 is outside 51..54 (P03, 50 Hz): only the two others are written.
            Assert.Equal(new[] { "PLV209", "PSF46.0" }, device.Settings);
        }
    }
}
