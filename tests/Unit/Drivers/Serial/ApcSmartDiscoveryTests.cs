using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.ApcSmart;
using UpsPS.SerialSim;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    /// <summary>apcsmart discovery paths and the polling cadence (serial.md §2.2, §2.4, §2.7).</summary>
    public class ApcSmartDiscoveryTests
    {
        private static string Bytes(ApcSmartDevice device) =>
            new string(device.Received.Select(b => b < 32 || b > 126 ? '.' : (char)b).ToArray());

        [Theory]
        [InlineData("8QI", "8QI", "Smart-UPS")]
        [InlineData("0XM", "0XM", "Matrix-UPS")]
        [InlineData("5.4.D", "5.4.D", "Matrix-UPS")]
        [InlineData("A3", "set\x01", "Smart-UPS")]
        [InlineData("6JI", "6JI", "Smart-UPS")]
        public void CompatibilityTable(string firmware, string key, string model)
        {
            Assert.Equal(key, ApcProtocol.CompatibilityKey(firmware));
            Assert.True(ApcProtocol.CompatibilityTable.ContainsKey(key));
            Assert.Equal(model, ApcProtocol.CompatibilityModel(key));
            Assert.False(ApcProtocol.CompatibilityTable.ContainsKey("21.3.I"));
        }

        [Fact]
        public void MultiBytePartOfProtocolInfo()
        {
            var subs = ApcProtocol.MultiByteCommands("4.!$.ABQ.\x9f:\xd3\xd4");
            Assert.Equal("\xd3\xd4", subs['\x9f']);
            Assert.Empty(ApcProtocol.MultiByteCommands("3.!$.ABQ"));
        }

        [Fact]
        public void PackedValuesAndTDisambiguation()
        {
            Assert.Equal(new[] { "45.0", "N/A", "50.0", "1" }, ApcProtocol.Unpack("45.0,,50.0,1,2"));
            Assert.Equal("ambient.3.humidity.high", ApcProtocol.InstanceName("ambient.0.humidity.high", 3));
            var t = ApcProtocol.Variables.Where(v => v.Command == 'T').ToList();
            Assert.Equal(new[] { "ambient.0.temperature", "device.uptime" }, t.Select(v => v.Name));
            Assert.True(t[0].Accepts("24.50") && !t[0].Accepts("123.4") && !t[0].Accepts("24.50,23.00"));
            Assert.True(t[1].Accepts("123.4") && !t[1].Accepts("24.50"));
            Assert.Equal("442800", t[1].Convert("123.4"));
        }

        [SkippableFact]
        public async Task MultiByteCommandsOnPty()
        {
            var device = new ApcSmartDevice();
            device.ProtocolInfo = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(device.ProtocolInfo) + ".\x9f:\xd3\xd4");
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 3600", ApcSmartTests.Fast, poll: false);
            Assert.Equal("50.00", host.GetInfo("output.frequency")); // plain F once 0x9F 0xD3 exists
            Assert.Equal("50.01", host.GetInfo("input.frequency"));
            Assert.Equal("001.2", host.GetInfo("battery.current"));
            while (device.Received.TryDequeue(out _)) { }
            await host.PollOnceAsync();
            var sent = device.Received.ToArray();
            Assert.Contains("\x9f\xd3", Encoding.Latin1.GetString(sent), StringComparison.Ordinal);
            Assert.Contains("\x9f\xd4", Encoding.Latin1.GetString(sent), StringComparison.Ordinal);
        }

        [SkippableFact]
        public async Task CompatibilityFirmwareSkipsProtocolInfoAndCapabilities()
        {
            var device = new ApcSmartDevice();
            device.SetValue('V', "7QI");
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 3600", ApcSmartTests.Fast, poll: false);
            var sent = Encoding.Latin1.GetString(device.Received.ToArray());
            Assert.False(sent.Contains((char)97), sent.Replace("\x1a", "^Z"));
            Assert.False(sent.Contains((char)0x1a));
            Assert.Equal("Smart-UPS", host.GetInfo("ups.model")); // forced: ^A is not in the 7QI set
            Assert.Equal("7QI", host.GetInfo("ups.firmware"));
            Assert.Contains("shutdown.stayoff", host.GetCommands());
            Assert.False(host.GetVariable("input.transfer.high")!.IsWritable); // no ^Z → no enumerations
        }

        [SkippableFact]
        public async Task StaleUpdatesStayQuietThenNudgeWithYEveryTime()
        {
            var device = new ApcSmartDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 3600", d =>
            {
                ApcSmartTests.Fast(d);
                ((ApcSmartDriver)d).StaleNudgeAfter = 10; // NUT 2.8.0's cadence
            }, poll: false);
            device.State.Fault = DeviceFault.Silent;
            await host.PollOnceAsync();
            Assert.True(host.IsStale);
            while (device.Received.TryDequeue(out _)) { }
            for (var i = 1; i <= 9; i++) await host.PollOnceAsync();
            Assert.Equal("", Bytes(device)); // updates 1..9 while stale send nothing
            await host.PollOnceAsync();
            Assert.Equal("Y.", Bytes(device)); // the 10th: Y, then ESC after no SM
            await host.PollOnceAsync();
            Assert.Equal("Y.Y.", Bytes(device)); // and from then on every update
            device.State.Fault = DeviceFault.None;
            await host.PollOnceAsync();
            Assert.False(host.IsStale);
            Assert.StartsWith("Y.Y.YQ", Bytes(device));
        }

        [SkippableFact]
        public async Task StringSettingIsPaddedWithCarriageReturns()
        {
            var device = new ApcSmartDevice();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("apcsmart", " pollinterval = 3600", ApcSmartTests.Fast, poll: false);
            while (device.Received.TryDequeue(out _)) { }
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("ups.id", "RACK7"));
            Assert.Equal("c-RACK7\r\r\rc", Encoding.Latin1.GetString(device.Received.ToArray()));
            Assert.Equal("RACK7", host.GetInfo("ups.id"));
            while (device.Received.TryDequeue(out _)) { }
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("ups.id", "RACK7")); // unchanged: no write
            Assert.Equal("c", Encoding.Latin1.GetString(device.Received.ToArray()));
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("battery.date", "01/06/21"));
            Assert.Equal("01/06/21", device.ValueOf('x'));
        }
    }
}
