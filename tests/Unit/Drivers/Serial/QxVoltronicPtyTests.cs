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
    /// <summary>nutdrv_qx Voltronic-QS-Hex and Voltronic (QPI) against the simulators on a real pty.</summary>
    public class QxVoltronicPtyTests
    {
        private static void Fast(IUpsDriver d)
        {
            ((QxDriver)d).ReplyTimeout = TimeSpan.FromMilliseconds(400);
            ((QxDriver)d).SettleDelay = TimeSpan.Zero;
        }

        [SkippableFact]
        public async Task QsHexIsAutoDetectedAndMapped()
        {
            var device = new Q1Device { StatusCommand = "QS", HexModel = 'T', ModelReply = "T", VendorReply = null, Load = 13 }; // 13 = CR, sent escaped
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " pollinterval = 1\n pollfreq = 0", Fast);
            await bed.WaitForAsync("ups.status", "OL");
            Assert.Equal("Voltronic-QS-Hex 0.10", host.GetInfo("driver.version.data"));
            var v = bed.DeviceVariables();
            Assert.Equal("PM-T", v["ups.firmware.aux"]);
            Assert.Equal("230.4", v["input.voltage"]);
            Assert.Equal("230.4", v["output.voltage"]);
            Assert.Equal("13", v["ups.load"]);
            Assert.Equal("50.0", v["output.frequency"]);
            Assert.Equal("13.60", v["battery.voltage"]);
            Assert.Equal("230.0", v["output.voltage.nominal"]);
            Assert.Equal("50.0", v["output.frequency.nominal"]);
            Assert.Equal("12.0", v["battery.voltage.nominal"]);
            Assert.Equal("enabled", v["ups.beeper.status"]);
            Assert.False(v.ContainsKey("input.frequency"));
            Assert.Contains("test.battery.start.quick", ((QxDriver)host.Driver).CommandNames());
            Assert.DoesNotContain("test.battery.start", ((QxDriver)host.Driver).CommandNames());
            Assert.Equal(DriverResult.Invalid, await host.SetVariableAsync("ups.delay.shutdown", "600", default));

            device.State.Phase = UpsPhase.LowBattery;
            await bed.WaitForAsync("ups.status", "OB LB");
            Assert.Equal("10.20", host.GetInfo("battery.voltage"));
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("shutdown.return", null, default));
            await Poll.UntilAsync(() => device.Received.Contains("S.5R0003"), TimeSpan.FromSeconds(3), () => string.Join(",", device.Received));
        }

        [SkippableFact]
        public async Task VoltronicIsDetectedFirstAndMapped()
        {
            var device = new VoltronicDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " pollinterval = 1\n pollfreq = 0", Fast);
            await bed.WaitForAsync("ups.status", "OL");
            Assert.Equal("Voltronic 0.06", host.GetInfo("driver.version.data"));
            Assert.Equal("QGS", device.Received.First());
            var v = bed.DeviceVariables();
            Assert.Equal("P03", v["ups.firmware.aux"]);
            Assert.Equal("230.0", v["input.voltage"]);
            Assert.Equal("50.0", v["input.frequency"]);
            Assert.Equal("230.0", v["output.voltage"]);
            Assert.Equal("50.0", v["output.frequency"]);
            Assert.Equal("1.5", v["output.current"]);
            Assert.Equal("21", v["ups.load"]);
            Assert.Equal("27.20", v["battery.voltage"]);
            Assert.Equal("31.0", v["ups.temperature"]);
            Assert.Equal("line-interactive", v["ups.type"]);
            Assert.Equal("enabled", v["ups.beeper.status"]);
            Assert.Equal("230.0", v["output.voltage.nominal"]);
            Assert.Equal("4", v["output.current.nominal"]);
            Assert.Equal("50.0", v["output.frequency.nominal"]);
            Assert.Equal("24.0", v["battery.voltage.nominal"]);
            Assert.Equal("00322.02", v["ups.firmware"]);
            Assert.Equal("UPSPS", v["device.mfr"]);
            Assert.Equal("12345679012345", v["device.serial"]);

            device.State.Phase = UpsPhase.OnBattery;
            await bed.WaitForAsync("ups.status", "OB");
            device.State.Phase = UpsPhase.Online;
            await bed.WaitForAsync("ups.status", "OL");

            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("beeper.toggle", null, default));
            Assert.Contains("BZOFF", device.Received);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("shutdown.stop", null, default));
            Assert.Contains("CS", device.Received);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("test.battery.start", "1200", default));
            Assert.Contains("T20", device.Received);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("load.off", null, default));
            Assert.Contains("SOFF", device.Received);
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("ups.delay.shutdown", "5940", default));
            Assert.Equal("5940", host.GetInfo("ups.delay.shutdown"));
        }

        [SkippableFact]
        public async Task VoltronicAvrModeOnProtocolZero()
        {
            var device = new VoltronicDevice { Protocol = 0, RegulationBit = true, OnlineOutputVoltage = 229.0 };
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 1\n pollfreq = 0", Fast);
            // Like 2.8.0, alarms are committed by the first full update after start-up, which also adds ALARM.
            await bed.WaitForAsync("ups.status", "ALARM OL");
            Assert.Equal("UPS is in AVR Mode.", host.GetInfo("ups.alarm"));
        }

        [SkippableFact]
        public async Task VoltronicCommandsAreAcknowledgedAndCheckedForRange()
        {
            var device = new VoltronicDevice { Flags = "(EpashcDbroegfl" };
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 30", Fast);
            Assert.Equal("yes", host.GetInfo("battery.protection"));
            Assert.Equal("no", host.GetInfo("ups.start.auto"));
            Assert.Null(host.GetInfo("outlet.0.switchable"));
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("ups.start.auto", "yes", default));
            Assert.Contains("PER", device.Received); // upper case like 2.8.0's "P%sR"
            Assert.Equal("yes", host.GetInfo("ups.start.auto"));
            Assert.Equal(DriverResult.Invalid, await host.SetVariableAsync("ups.start.auto", "maybe", default));
            Assert.Contains("beeper.enable", ((QxDriver)host.Driver).CommandNames());
            device.State.Fault = DeviceFault.None;
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("bypass.start", null, default));
            Assert.Contains("PEE", device.Received);
            Assert.Equal("TL\r", ((QxDriver)host.Driver).CommandBytes("test.battery.start.deep", null));
            Assert.Null(((QxDriver)host.Driver).CommandBytes("test.battery.start", "6000"));
        }
    }
}
