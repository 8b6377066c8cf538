using System;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.Qx;
using UpsPS.SerialSim;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    /// <summary>nutdrv_qx quick/full polls, the driver's own shutdown sequence and battery_voltage_reports_one_pack (serial.md §1.3, §1.5, §1.8).</summary>
    public class QxPollAndShutdownTests
    {
        private static void Fast(IUpsDriver d)
        {
            ((QxDriver)d).ReplyTimeout = TimeSpan.FromMilliseconds(400);
            ((QxDriver)d).SettleDelay = TimeSpan.Zero;
        }

        private static void Clear(Q1Device device)
        {
            while (device.Received.TryDequeue(out _)) { }
        }

        [SkippableFact]
        public async Task QuickPollsUpdateOnlyTheStatusUntilPollfreqOrACommand()
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 3600\n pollfreq = 3600", Fast, poll: false);
            Assert.Equal("14", host.GetInfo("ups.load"));
            Assert.Equal("230.4", host.GetInfo("input.voltage"));

            device.Load = 55;
            device.State.Phase = UpsPhase.OnBattery;
            Clear(device);
            await host.PollOnceAsync();
            Assert.Equal(new[] { "Q1" }, device.Received.ToArray()); // same query on a quick poll
            Assert.Equal("OB", host.GetInfo("ups.status"));          // status bits are quick-polled
            Assert.Equal("14", host.GetInfo("ups.load"));           // values wait for the full poll
            Assert.Equal("230.4", host.GetInfo("input.voltage"));

            Assert.Equal(DriverResult.Handled, await host.InstantCommandAsync("beeper.toggle", null));
            await host.PollOnceAsync();                              // a command forces the next poll to be full
            Assert.Equal("55", host.GetInfo("ups.load"));
            Assert.Equal("5.2", host.GetInfo("input.voltage"));

            device.Load = 20;
            await host.PollOnceAsync();
            Assert.Equal("55", host.GetInfo("ups.load"));
            Assert.Equal(DriverResult.Handled, await host.SetVariableAsync("ups.delay.start", "240")); // so does a SET
            await host.PollOnceAsync();
            Assert.Equal("20", host.GetInfo("ups.load"));
        }

        [SkippableTheory]
        [InlineData("", new[] { "C", "S.5R0003" })]
        [InlineData("\n stayoff", new[] { "C", "S.5R0000" })]
        [InlineData("\n offdelay = 120\n ondelay = 0", new[] { "C", "S02" })]
        public async Task KillpowerCancelsThenShutsDown(string options, string[] commands)
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 3600" + options, Fast, poll: false);
            Clear(device);
            Assert.Equal(DriverResult.Handled, await ((QxDriver)host.Driver).ShutdownUpsAsync(default));
            Assert.Equal(commands, device.Received.ToArray());
            Assert.True(device.ShutdownPending);
        }

        [SkippableFact]
        public async Task KillpowerRetriesACommandTheUpsEchoes()
        {
            // An echo is a refusal: C three times (ignored), then S three times, then "Shutdown failed!".
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 3600", Fast, poll: false);
            device.EchoInstantCommands = true;
            Clear(device);
            Assert.Equal(DriverResult.Failed, await ((QxDriver)host.Driver).ShutdownUpsAsync(default));
            Assert.Equal(new[] { "C", "C", "C", "S.5R0003", "S.5R0003", "S.5R0003" }, device.Received.ToArray());
        }

        [SkippableFact]
        public async Task VoltronicQsReadsQiOnFullPolls()
        {
            var device = new Q1Device { StatusCommand = "QS", ModelReply = "V", QsInfoReply = "(087 00979 49.9 000.3 177 290 0 0000010000112000" };
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic-qs\n pollinterval = 3600", Fast, poll: false);
            Assert.Equal("87", host.GetInfo("battery.charge"));
            Assert.Equal("979", host.GetInfo("battery.runtime"));
            Assert.Equal("49.9", host.GetInfo("input.frequency"));
            Assert.Equal("50.0", host.GetInfo("output.frequency")); // QS offset 23-26 is the output frequency
            Assert.Equal("0.3", host.GetInfo("output.current"));
            Assert.Equal("177", host.GetInfo("input.transfer.low"));
            Assert.Equal("290", host.GetInfo("input.transfer.high"));
            Assert.Contains("QI", device.Received);
            Assert.Null(QxQsInfoReply.Parse("(087 00979 49.9"));
        }

        [SkippableFact]
        public async Task PortSettlesBeforeTheFirstCommand()
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 3600", d => ((QxDriver)d).ReplyTimeout = TimeSpan.FromMilliseconds(400), poll: false);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1100), watch.Elapsed.ToString());
        }

        [SkippableTheory]
        [InlineData(" battery_voltage_reports_one_pack\n override.battery.packs = 6", "81.60")]
        [InlineData(" override.battery.packs = 6", "13.60")]
        [InlineData(" battery_voltage_reports_one_pack", "13.60")] // without the override nothing is multiplied
        public async Task OnePackVoltageIsMultipliedOnlyWithTheOverride(string options, string voltage)
        {
            var device = new Q1Device();
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = megatec\n pollinterval = 3600\n" + options, Fast, poll: false);
            Assert.Equal(voltage, host.GetInfo("battery.voltage"));
        }
    }
}
