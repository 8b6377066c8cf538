using UpsPS.Engine.Drivers.Qx;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    public class QxParsingTests
    {
        [Theory]
        [InlineData("(232.4 232.4 232.4 003 49.9 12.6 25.0 00001000", "OL")]
        [InlineData("(005.2 005.2 226.4 002 50.1 12.8 25.0 10001000", "OB")]
        [InlineData("(229.8 229.8 000.0 000 00.0 12.7 25.0 00001011", "OL FSD")]
        [InlineData("(205.0 205.0 230.0 010 50.0 13.0 25.0 01101100", "OL LB BOOST CAL")]
        [InlineData("(250.0 250.0 230.0 010 50.0 13.0 25.0 00101000", "OL TRIM")]
        [InlineData("(230.0 230.0 230.0 010 50.0 13.0 25.0 00101000", "OL BYPASS")]
        public void StatusBitsComposeNutStatus(string reply, string status)
        {
            var parsed = QxStatusReply.Parse(reply)!;
            Assert.Equal(status, string.Join(" ", parsed.StatusTokens(ignoreShutdownActive: false)));
        }

        [Fact]
        public void IgnoresabDropsFsd() =>
            Assert.Equal("OL", string.Join(" ", QxStatusReply.Parse("(229.8 229.8 000.0 000 00.0 12.7 25.0 00001011")!.StatusTokens(true)));

        [Fact]
        public void FieldsAtFixedOffsetsAndTemperatureDashesSkipped()
        {
            var r = QxStatusReply.Parse("(226.0 195.0 226.0 014 49.0 27.5 --.- 00001000")!;
            Assert.Equal(226.0, r.InputVoltage);
            Assert.Equal(195.0, r.InputFaultVoltage);
            Assert.Equal(14, r.Load);
            Assert.Equal(49.0, r.Frequency);
            Assert.Equal(27.5, r.BatteryVoltage);
            Assert.Null(r.Temperature);
            Assert.Equal(true, r.LineInteractive);
        }

        [Theory]
        [InlineData("(226.0 195.0 226.0 014 49.0 27.5 30.0 0000100")]   // one byte short
        [InlineData("#226.0 195.0 226.0 014 49.0 27.5 30.0 00001000")]  // wrong lead
        [InlineData("")]
        public void InvalidStatusRejected(string reply) => Assert.Null(QxStatusReply.Parse(reply));

        [Fact]
        public void NonBinaryStatusCharacterIgnored()
        {
            var r = QxStatusReply.Parse("(226.0 195.0 226.0 014 49.0 27.5 30.0 X1001000")!;
            Assert.Equal("LB", string.Join(" ", r.StatusTokens(false)));
        }

        [Fact]
        public void RatingAndBlankRating()
        {
            var f = QxRatingReply.Parse("#220.0 003 12.00 50.0")!;
            Assert.Equal(220.0, f.Voltage);
            Assert.Equal(3, f.Current);
            Assert.Equal(12.0, f.BatteryVoltage);
            Assert.Equal(50.0, f.Frequency);
            var blank = QxRatingReply.Parse("#   .   .  12.00   . ")!;
            Assert.Null(blank.Voltage);
            Assert.Equal(12.0, blank.BatteryVoltage);
        }

        [Fact]
        public void VendorClassicWidths()
        {
            var v = QxVendorReply.Parse("#-------------   ------     VT12046Q  ")!;
            Assert.Equal("-------------", v.Manufacturer);
            Assert.Equal("------", v.Model);
            Assert.Equal("VT12046Q", v.Firmware);
        }

        [Theory]
        [InlineData(30, 180, "S.5R0003\r")]
        [InlineData(12, 0, "S.2\r")]
        [InlineData(120, 60, "S02R0001\r")]
        [InlineData(600, 599940, "S10R9999\r")]
        public void ShutdownReturnEncoding(int off, int on, string expected) => Assert.Equal(expected, QxDelays.ShutdownReturn(off, on));

        [Theory]
        [InlineData(59, 54)]
        [InlineData(61, 60)]
        [InlineData(179, 120)]
        public void DelayNormalisation(int given, int stored) => Assert.Equal(stored, QxDelays.NormaliseShutdown(given));

        [Fact]
        public void BatteryTestMinutes()
        {
            Assert.Equal("T10\r", QxDelays.BatteryTest(600));
            Assert.Equal("T99\r", QxDelays.BatteryTest(5940));
            Assert.Null(QxDelays.BatteryTest(30));
        }

        [Fact]
        public void GuesstimationLimitsAndCharge()
        {
            var e = new QxBatteryEstimator { NominalVoltage = 24 };
            Assert.True(e.GuessLimits());
            Assert.Equal(20.8, e.LowVoltage!.Value, 6);
            Assert.Equal(26.0, e.HighVoltage!.Value, 6);
            Assert.Equal(50, e.ChargeFromVoltage(23.4)!.Value, 6);
            Assert.Equal(100, e.ChargeFromVoltage(27.5)!.Value, 6);
        }

        [Theory]
        [InlineData(2.25, 12, 6.0)]
        [InlineData(13.6, 12, 1.0)]
        [InlineData(13.6, 24, 2.0)]
        [InlineData(1.0, 240, null)]
        public void PackDetection(double volts, double nominal, double? packs) =>
            Assert.Equal(packs, QxBatteryEstimator.DetectPacks(volts, nominal));

        [Fact]
        public void RuntimeCalibrationDrainsOnBattery()
        {
            var e = new QxBatteryEstimator { RuntimeCalibration = new double[] { 240, 100, 720, 50 } };
            var first = e.Estimate(100, 50, onBattery: true, elapsedSeconds: 0)!.Value;
            var later = e.Estimate(100, 50, onBattery: true, elapsedSeconds: 60)!.Value;
            Assert.Equal(100, first.Charge, 3);
            Assert.Equal(720, first.Runtime, 0);
            Assert.True(later.Runtime < first.Runtime);
        }
    }
}
