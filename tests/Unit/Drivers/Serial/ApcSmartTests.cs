using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.ApcSmart;
using UpsPS.SerialSim;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    public class ApcSmartTests
    {
        internal static void Fast(IUpsDriver d)
        {
            var apc = (ApcSmartDriver)d;
            apc.ReplyTimeout = TimeSpan.FromMilliseconds(1000);
            apc.RepeatDelay = TimeSpan.FromMilliseconds(100);
            apc.NastyConfirmAfter = TimeSpan.Zero;
            apc.StaleNudgeAfter = 2;
        }

        [Theory]
        [InlineData(0x08, "OL")]
        [InlineData(0x10, "OB")]
        [InlineData(0x50, "OB LB")]
        [InlineData(0x0A, "TRIM OL")]
        [InlineData(0x00, "OFF")]
        [InlineData(0xFF, "CAL TRIM BOOST OL OB OVER LB RB")]
        public void StatusRegister(int reg, string status) => Assert.Equal(status, ApcProtocol.Status(reg));

        [Fact]
        public void AlertsChangeTheRegister()
        {
            Assert.Equal("OB", ApcProtocol.Status(ApcProtocol.ApplyAlert(0x08, '!')));
            Assert.Equal("OL", ApcProtocol.Status(ApcProtocol.ApplyAlert(0x10, '$')));
            Assert.Equal("OB LB", ApcProtocol.Status(ApcProtocol.ApplyAlert(0x10, '%')));
            Assert.Equal("OB", ApcProtocol.Status(ApcProtocol.ApplyAlert(0x50, '+')));
        }

        [Fact]
        public void ProtocolInfoForms()
        {
            Assert.Equal("\x01\x0E\x1A')+-89@ABDEFGKLMNOPQRSUVWXYZabcdefgjklmnopqrsuxyz~",
                ApcProtocol.SupportedCommands("3.!$%+?=#|.\x01\x0E\x1A')+-89@ABDEFGKLMNOPQRSUVWXYZabcdefgjklmnopqrsuxyz~"));
            Assert.Null(ApcProtocol.SupportedCommands(".!$?.3"));
        }

        [Fact]
        public void CapabilitiesByLocale()
        {
            var caps = ApcProtocol.Capabilities("#uI43253264271280uD43207214220225lA221001e4220015", 'I');
            Assert.Equal(new[] { "253", "264", "271", "280" }, caps['u']);
            Assert.False(caps.ContainsKey('l'));
            Assert.Equal(new[] { "00", "15" }, caps['e']);
        }

        [SkippableFact]
        public async Task VariablesStatusAndAlertsOnPty()
        {
            var device = new ApcSmartDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 1", Fast);
            await bed.WaitForAsync("ups.status", "OL");
            var v = bed.DeviceVariables();
            Assert.Equal("SMART-UPS 420   ", v["ups.model"]);
            Assert.Equal("NS9847001053", v["ups.serial"]);
            Assert.Equal("21.3.I", v["ups.firmware"]);
            Assert.Equal("2520", v["battery.runtime"]);
            Assert.Equal("1209600", v["ups.test.interval"]);
            Assert.Equal("simulated power failure or UPS test", v["input.transfer.reason"]);
            device.State.Phase = UpsPhase.OnBattery;
            await bed.WaitForAsync("ups.status", "OB");
            device.State.Phase = UpsPhase.LowBattery;
            await bed.WaitForAsync("ups.status", "OB LB");
            device.State.Phase = UpsPhase.Online;
            await bed.WaitForAsync("ups.status", "OL");
        }

        [SkippableFact]
        public async Task SetEnumAndStringAndInstantCommands()
        {
            var device = new ApcSmartDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 30", Fast);
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("input.transfer.high", "271"));
            Assert.Equal("271", device.ValueOf('u'));
            Assert.Equal("271", host.GetInfo("input.transfer.high"));
            Assert.Equal(DriverResult.Invalid, await host.SetVariableAsync("input.transfer.high", "999"));
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("ups.id", "RACK7"));
            Assert.Equal("RACK7", device.ValueOf('c'));
            Assert.Equal("RACK7", host.GetInfo("ups.id"));

            while (device.Received.TryDequeue(out _)) { }
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("test.panel.start", null));
            Assert.Contains((byte)'A', device.Received);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("shutdown.stayoff", null)); // arms
            Assert.DoesNotContain((byte)'K', device.Received);
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("shutdown.stayoff", null)); // confirms: K twice
            Assert.Equal(2, device.Received.Count(b => b == 'K'));
            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("calibrate.start", null));
            Assert.Contains((byte)'D', device.Received);
            await host.PollOnceAsync();
            Assert.Equal("CAL OL", host.GetInfo("ups.status"));
        }

        [SkippableTheory]
        [InlineData(DeviceFault.Silent)]
        [InlineData(DeviceFault.Garbage)]
        [InlineData(DeviceFault.Partial)]
        public async Task FaultsGoStaleWithoutInventingStatusAndRecover(DeviceFault fault)
        {
            var device = new ApcSmartDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 1", Fast);
            await bed.WaitForAsync("ups.status", "OL");
            device.State.Fault = fault;
            await bed.WaitForStaleAsync(true, 20);
            Assert.Equal("OL", host.GetInfo("ups.status"));
            device.State.Fault = DeviceFault.None;
            await bed.WaitForStaleAsync(false, 20);
            Assert.Equal("OL", host.GetInfo("ups.status"));
        }

        [SkippableFact]
        public async Task PortVanishesAndComesBack()
        {
            var device = new ApcSmartDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 1", Fast);
            await bed.WaitForAsync("ups.status", "OL");
            bed.Simulator.Pty.Stop();
            await bed.WaitForStaleAsync(true, 20);
            await bed.Simulator.Pty.StartAsync();
            await bed.WaitForStaleAsync(false, 20);
        }

        [SkippableFact]
        public async Task NewFirmwareCaptureReplay()
        {
            var capture = CaptureFile.Load(TestData.File("serial/apcsmart_SUVS420I_new-firmware_uart-capture.txt"));
            var device = new ApcSmartDevice();
            device.LoadCapture(capture);
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 30", Fast);
            Assert.Equal("42.L.I", host.GetInfo("ups.firmware"));
            Assert.Equal("GS9803139882", host.GetInfo("ups.serial"));
            Assert.Equal("OL", host.GetInfo("ups.status"));
        }
    }
}
