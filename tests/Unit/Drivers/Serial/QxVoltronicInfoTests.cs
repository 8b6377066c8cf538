using System;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.Qx;
using UpsPS.SerialSim;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    /// <summary>Voltronic QBV (battery) and QMD (model/ratings), serial.md §1.6.</summary>
    public class QxVoltronicInfoTests
    {
        [Fact]
        public void ParsesQbvAndQmd()
        {
            var b = QxVoltronicBattery.Parse("(026.5 02 01 068 255")!;
            Assert.Equal((26.5, 1.0, 68.0, 255.0 * 60), (b.Voltage, b.Packs, b.Charge, b.Runtime));
            Assert.Null(QxVoltronicBattery.Parse("(NAK"));
            var m = QxVoltronicModel.Parse("(#######OLHVT1K0 ###1000 80 1/1 230 230 02 12.0")!;
            Assert.Equal("OLHVT1K0", m.Model);
            Assert.Equal((1000.0, 0.8, 1.0, 1.0, 230.0, 230.0), (m.PowerNominal, m.PowerFactor, m.InputPhases, m.OutputPhases, m.InputVoltageNominal, m.OutputVoltageNominal));
            Assert.Null(QxVoltronicModel.Parse("(#######OLHVT1K0"));
        }

        [SkippableFact]
        public async Task ReportedChargeReplacesTheVoltageGuess()
        {
            var device = new VoltronicDevice { ExtendedQueries = true };
            await using var bed = await SerialTestBed.StartAsync(device);
            var host = await bed.StartDriverAsync("nutdrv_qx", " protocol = voltronic\n pollinterval = 3600\n pollfreq = 0", d =>
            {
                ((QxDriver)d).ReplyTimeout = TimeSpan.FromMilliseconds(400);
                ((QxDriver)d).SettleDelay = TimeSpan.Zero;
            }, poll: false);
            Assert.Equal("100", host.GetInfo("battery.charge"));
            Assert.Equal("2700", host.GetInfo("battery.runtime"));
            Assert.Equal("1", host.GetInfo("battery.packs"));
            Assert.Equal("OLHVT1K0", host.GetInfo("device.model"));
            Assert.Equal("1000", host.GetInfo("ups.power.nominal"));
            Assert.Null(host.GetInfo("battery.voltage.low")); // no guesses when the UPS reports its charge
            device.State.Phase = UpsPhase.OnBattery;
            await host.PollOnceAsync();
            Assert.Equal("68", host.GetInfo("battery.charge"));
            Assert.Equal("1260", host.GetInfo("battery.runtime"));
            Assert.Contains("QBV", device.Received);
        }
    }
}
