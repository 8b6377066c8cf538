using System.Linq;
using UpsPS.Engine.Drivers.Qx;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    /// <summary>Voltronic QWS warnings, QFS faults, QMOD letters and the setting ranges/commands of NUT 2.8.0.</summary>
    public class QxVoltronicAlarmsTests
    {
        private static string Bits(params int[] set) =>
            "(" + new string(Enumerable.Range(1, 64).Select(b => set.Contains(b) ? '1' : '0').ToArray());

        [Fact]
        public void WarningsSpellKnownBitsAndNumberUnknownOnes()
        {
            var w = QxVoltronicAlarms.ParseWarnings(Bits(1, 9, 56, 59))!;
            Assert.Equal("UPS warnings: Battery disconnected. Overload alarm. Warning for Battery replace. Unknown warnings [bit: #59]", w.Text);
            Assert.Equal(new[] { "OVER", "RB" }, w.Status);
        }

        [Fact]
        public void WarningsLowBatteryRaisesLb()
        {
            var w = QxVoltronicAlarms.ParseWarnings(Bits(8))!;
            Assert.Equal("UPS warnings: Low battery.", w.Text);
            Assert.Equal(new[] { "LB" }, w.Status);
        }

        [Fact]
        public void OnlyUnknownWarnings()
        {
            Assert.Equal("UPS warnings: Unknown warnings [bit: #59, #60]", QxVoltronicAlarms.ParseWarnings(Bits(59, 60))!.Text);
        }

        [Fact]
        public void LongWarningListsUseTheBitNumberForm()
        {
            var w = QxVoltronicAlarms.ParseWarnings(Bits(29, 30, 31, 32, 33, 34, 64))!;
            Assert.Equal("UPS warnings: Known (see log or manual) [bit: #29, #30, #31, #32, #33, #34]; Unknown warnings [bit: #64]", w.Text);
            Assert.StartsWith("UPS warnings: Male connector", QxVoltronicAlarms.ParseWarnings(Bits(29, 30, 31))!.Text);
        }

        [Theory]
        [InlineData("(NAK")]
        [InlineData("(000")]
        [InlineData(null)]
        public void WarningsRejectNonBitReplies(string? reply) => Assert.Null(QxVoltronicAlarms.ParseWarnings(reply));

        [Fact]
        public void NoWarningBitsNoText()
        {
            var w = QxVoltronicAlarms.ParseWarnings(Bits())!;
            Assert.Null(w.Text);
            Assert.Empty(w.Status);
        }

        [Theory]
        [InlineData("(OK", 3, "No fault found", false)]
        [InlineData("(14 212.1 50.0 005.6 49.9 006 010.6 343.8 ---.- 026.2 021.8 01101100", 3, "Inverter short-circuited.", false)]
        [InlineData("(1B 212.1", 3, "L2 inverter negative power out of acceptable range.", false)]
        [InlineData("(01 212.1", 3, "Bus voltage not within default setting.", false)]
        [InlineData("(43 212.1", 3, "Overload fault.", true)]
        [InlineData("(99 212.1", 3, "Unknown fault [99 212.1]", false)]
        [InlineData("(B1 212.1", 3, "Unknown fault [B1 212.1]", false)]
        [InlineData("(07 212.1", 31, "Overload fault.", true)]
        [InlineData("(1A 212.1", 31, "Unknown fault [1A 212.1]", false)]
        [InlineData("(10 212.1", 31, "Unknown fault [Fault code: 10]", false)]
        public void FaultCodes(string reply, int protocol, string text, bool overload)
        {
            var f = QxVoltronicAlarms.ParseFault(reply, protocol)!;
            Assert.Equal(text, f.Text);
            Assert.Equal(overload, f.Status.Contains("OVER"));
        }

        [Theory]
        [InlineData('P', null, "UPS is going ON")] // no full stop in 2.8.0
        [InlineData('S', "OFF", null)]
        [InlineData('B', "!OL", null)]
        [InlineData('E', null, "UPS is in ECO Mode.")]
        [InlineData('C', null, "UPS is in Converter Mode.")]
        [InlineData('D', "FSD", "UPS is shutting down!")]
        [InlineData('F', null, "Fault reported by UPS.")]
        public void ModeLetters(char letter, string? status, string? alarm) =>
            Assert.Equal((status, alarm), QxVoltronicAlarms.Mode(letter));

        [Theory]
        [InlineData(1, 230, 206, 223, 237, 254)]
        [InlineData(9, 120, 108, 117, 123, 132)]
        [InlineData(3, 230, 206, 219, 241, 254)]
        [InlineData(99, 120, 108, 115, 125, 132)]
        public void EcoVoltageRanges(int protocol, int ovn, int lowMin, int lowMax, int highMin, int highMax) =>
            Assert.Equal((lowMin, lowMax, highMin, highMax), QxVoltronicSettings.EcoVoltageRange(protocol, ovn));

        [Theory]
        [InlineData(0)]
        [InlineData(8)]
        [InlineData(31)]
        public void NoEcoRangesWithoutEcoMode(int protocol)
        {
            Assert.Null(QxVoltronicSettings.EcoVoltageRange(protocol, 230));
            Assert.Null(QxVoltronicSettings.EcoFrequencyRange(protocol, 50.0));
        }

        [Fact]
        public void EcoFrequencyRanges()
        {
            Assert.Equal(((40, 47), (53, 60)), QxVoltronicSettings.EcoFrequencyRange(1, 50.0));
            Assert.Equal(((46, 48), (52, 54)), QxVoltronicSettings.EcoFrequencyRange(3, 50.0));
            Assert.Equal(((50, 57), (63, 70)), QxVoltronicSettings.EcoFrequencyRange(9, 60.0));
            Assert.Equal(((56, 58), (62, 64)), QxVoltronicSettings.EcoFrequencyRange(14, 60.0));
            Assert.Null(QxVoltronicSettings.EcoFrequencyRange(3, 55.0));
        }

        [Fact]
        public void BatteryLowRangeDependsOnVoltAmperes()
        {
            Assert.Equal((20, 24), QxVoltronicSettings.BatteryLowRange(230, 4));
            Assert.Equal((20, 28), QxVoltronicSettings.BatteryLowRange(230, 5));
            Assert.Null(QxVoltronicSettings.BatteryLowRange(230, null));
        }

        [Theory]
        [InlineData("input.transfer.high", 252, "HEH252")]
        [InlineData("input.transfer.low", 98, "HEL098")]
        [InlineData("input.frequency.high", 53.5, "FREH53.5")]
        [InlineData("input.frequency.low", 7, "FREL07.0")]
        [InlineData("battery.packs", 3, "BATGN03")]
        [InlineData("battery.voltage.low", 22, "W0E22")]
        [InlineData("battery.type", 2, "PBT02")]
        [InlineData("outlet.2.delay.shutdown", 300, "PSK2005")]
        [InlineData("outlet.4.delay.shutdown", 59, "PSK4000")]
        public void SettingCommands(string variable, double value, string bytes) =>
            Assert.Equal(bytes, QxVoltronicSettings.SetCommand(variable, value));

        [Fact]
        public void SettingReplies()
        {
            Assert.Equal((250.0, 210.0), QxVoltronicSettings.ParsePair("(250 210", 3, 5, 7));
            Assert.Equal((54.0, 46.0), QxVoltronicSettings.ParsePair("(54.0 46.0", 4, 6, 9));
            Assert.Null(QxVoltronicSettings.ParsePair("(NAK", 3, 5, 7));
            Assert.Equal("on", QxVoltronicSettings.ParseOutletStatus("(1"));
            Assert.Equal("off", QxVoltronicSettings.ParseOutletStatus("(0"));
            Assert.Null(QxVoltronicSettings.ParseOutletStatus("(NAK"));
            Assert.Equal(480, QxVoltronicSettings.ParseOutletDelay("(008"));
            Assert.Equal(20, QxVoltronicSettings.ParseBatteryLow("#20"));
            Assert.Equal("Flooded", QxVoltronicSettings.ParseBatteryType("(01"));
            Assert.Null(QxVoltronicSettings.ParseBatteryType("(03"));
        }
    }
}
