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
    /// <summary>nutdrv_qx/blazer_ser against the Q1 simulator on a real pty.</summary>
    public class QxDriverPtyTests
    {
        private static void Fast(IUpsDriver d)
        {
            ((QxDriver)d).ReplyTimeout = TimeSpan.FromMilliseconds(400);
            ((QxDriver)d).SettleDelay = TimeSpan.Zero;
        }

        [SkippableFact]
        public async Task MegatecVariablesMatchTheMapping()
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 1\n pollfreq = 0");
            await bed.WaitForAsync("ups.status", "OL");
            var v = bed.DeviceVariables();
            Assert.Equal("230.4", v["input.voltage"]);
            Assert.Equal("230.4", v["input.voltage.fault"]);
            Assert.Equal("230.4", v["output.voltage"]);
            Assert.Equal("14", v["ups.load"]);
            Assert.Equal("50.0", v["input.frequency"]);
            Assert.Equal("13.60", v["battery.voltage"]);
            Assert.Equal("25.0", v["ups.temperature"]);
            Assert.Equal("enabled", v["ups.beeper.status"]);
            Assert.Equal("offline / line interactive", v["ups.type"]);
            Assert.Equal("230", v["input.voltage.nominal"]);
            Assert.Equal("4.0", v["input.current.nominal"]);
            Assert.Equal("12.0", v["battery.voltage.nominal"]);
            Assert.Equal("50", v["input.frequency.nominal"]);
            Assert.Equal("10.40", v["battery.voltage.low"]);
            Assert.Equal("13.00", v["battery.voltage.high"]);
            Assert.Equal("100", v["battery.charge"]);
            Assert.Equal("UPSPS SIM", v["device.mfr"]);
            Assert.Equal("Q1SIM", v["device.model"]);
            Assert.Equal("VT12046Q", v["ups.firmware"]);
            Assert.Equal("Megatec 0.06", host.GetInfo("driver.version.data"));
            Assert.False(host.IsStale);
        }

        [SkippableFact]
        public async Task ScriptedOutageAndRecovery()
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 1\n pollfreq = 0", Fast);
            await bed.WaitForAsync("ups.status", "OL");
            device.State.Phase = UpsPhase.OnBattery;
            await bed.WaitForAsync("ups.status", "OB");
            device.State.Phase = UpsPhase.LowBattery;
            await bed.WaitForAsync("ups.status", "OB LB");
            Assert.Equal("0", host.GetInfo("battery.charge"));
            device.State.Phase = UpsPhase.Off;             // dead UPS: silence
            await bed.WaitForStaleAsync(true);
            Assert.Equal("OB LB", host.GetInfo("ups.status"));
            device.State.Phase = UpsPhase.OutputOff;       // mains back, output still off
            await bed.WaitForAsync("ups.status", "OL FSD");
            Assert.False(host.IsStale);
            Assert.Equal("Shutdown imminent!", host.GetInfo("ups.alarm"));
            device.State.Phase = UpsPhase.Online;
            await bed.WaitForAsync("ups.status", "OL");
            Assert.Null(host.GetInfo("ups.alarm"));
        }

        [SkippableTheory]
        [InlineData("shutdown.return", null, "S.5R0003")]
        [InlineData("shutdown.stayoff", null, "S.5R0000")]
        [InlineData("load.off", null, "S00R0000")]
        [InlineData("load.on", null, "C")]
        [InlineData("shutdown.stop", null, "C")]
        [InlineData("beeper.toggle", null, "Q")]
        [InlineData("test.battery.start", null, "T10")]
        [InlineData("test.battery.start", "120", "T02")]
        [InlineData("test.battery.start.quick", null, "T")]
        [InlineData("test.battery.start.deep", null, "TL")]
        [InlineData("test.battery.stop", null, "CT")]
        public async Task InstantCommandsReachTheDeviceAsExactBytes(string command, string? arg, string bytes)
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 30", Fast);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync(command, arg, default));
            await Poll.UntilAsync(() => device.Received.Contains(bytes), TimeSpan.FromSeconds(3),
                () => "received: " + string.Join(",", device.Received));
        }

        [SkippableFact]
        public async Task SetDelaysChangesShutdownBytes()
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 30\n offdelay = 60", Fast);
            Assert.Equal("60", host.GetInfo("ups.delay.shutdown"));
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("ups.delay.shutdown", "179", default));
            Assert.Equal("120", host.GetInfo("ups.delay.shutdown"));
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("ups.delay.start", "0", default));
            Assert.Equal(DriverResult.Invalid, await host.SetVariableAsync("ups.delay.shutdown", "5", default));
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("shutdown.return", null, default));
            await Poll.UntilAsync(() => device.Received.Contains("S02"), TimeSpan.FromSeconds(3), () => string.Join(",", device.Received));
        }

        [SkippableFact]
        public async Task EchoedCommandIsAFailure()
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 30", Fast);
            device.State.Fault = DeviceFault.None;
            // Q1Device echoes unknown commands; make 'C' unknown by answering it through a replayed echo.
            var d = (QxDriver)host.Driver;
            Assert.Equal("C\r", d.CommandBytes("load.on", null));
        }

        [SkippableFact]
        public async Task AutoDetectionFindsVariants()
        {
            var mustek = new Q1Device { StatusCommand = "QS" };
            await using (var bed = await SerialTestBed.StartAsync(mustek))
            {
                var host = await bed.StartDriverAsync("nutdrv_qx", " pollinterval = 30", Fast);
                Assert.Equal("Mustek 0.07", host.GetInfo("driver.version.data"));
            }
            var plainQ1 = new Q1Device { VendorReply = null };
            await using (var bed = await SerialTestBed.StartAsync(plainQ1))
            {
                var host = await bed.StartDriverAsync("nutdrv_qx", " pollinterval = 30", Fast);
                Assert.Equal("Q1 0.07", host.GetInfo("driver.version.data"));
                Assert.Null(host.GetInfo("device.mfr"));
            }
        }

        [SkippableFact]
        public async Task BlazerSerIsAcceptedWithTheSameProtocol()
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("blazer_ser", " pollinterval = 1\n pollfreq = 0", Fast);
            await bed.WaitForAsync("ups.status", "OL");
            Assert.Equal("blazer_ser", host.GetInfo("driver.name"));
            Assert.Equal("230.4", host.GetInfo("input.voltage"));
        }
    }
}
