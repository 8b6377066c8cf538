using System.Linq;
using System.Text;
using UpsPS.Engine.Drivers.Qx;
using UpsPS.SerialSim;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    /// <summary>Pure parsing of the Voltronic-QS-Hex binary QS reply and of the Voltronic QPI-family replies.</summary>
    public class QxVoltronicParsingTests
    {
        // A 'P' unit's reply with one escaped byte (0x28 0x02 = XOFF 0x13), as in NUT's own test table.
        private static readonly byte[] HexP =
        {
            0x23, 0x6C, 0x01, 0x20, 0x35, 0x20, 0x6C, 0x01, 0x20, 0x35, 0x20, 0x03, 0x20, 0x51, 0x9A, 0x20,
            0x28, 0x02, 0x12, 0xD0, 0x20, 0xE6, 0x20, 0x1E, 0x20, 0x09, 0x0D,
        };

        [Fact]
        public void QsHexDecodeUnescapesAndConvertsTokens()
        {
            Assert.Equal("#6c01 35 6c01 35 03 519a 1312d0 e6 1e 00001001", QxQsHexReply.Decode(HexP));
        }

        [Fact]
        public void QsHexParseGivesVoltagesLoadFrequencyBatteryAndBits()
        {
            var r = QxQsHexReply.Parse(HexP)!;
            Assert.Equal("112.2", QxFields.Format(r.InputVoltage!.Value, "F1"));   // 0x6C01*0x35/51 = 28733 → /256
            Assert.Equal("112.2", QxFields.Format(r.OutputVoltage!.Value, "F1"));
            Assert.Equal(3, r.Load);
            Assert.Equal("59.8", QxFields.Format(r.Frequency!.Value, "F1"));        // 0x1312D0 / 0x519A
            Assert.Equal("13.53", QxFields.Format(r.BatteryVoltage!.Value, "F2"));  // 0xE6*0x1E/510
            Assert.Equal("OL", string.Join(" ", r.StatusTokens(false)));
            Assert.True(r.LineInteractive);
            Assert.True(r.BeeperOn);
            Assert.Null(r.NominalOutputVoltage);
        }

        [Fact]
        public void QsHexTUnitCarriesRatings()
        {
            var line = "#6901 6c 6802 6c 00 5fd7 12c000 e4 1e 10001001 10100011";
            var r = QxQsHexReply.Parse(line)!;
            Assert.Equal(60, r.NominalOutputFrequency);
            Assert.Equal(24, r.NominalBatteryVoltage);
            Assert.Equal(230, r.NominalOutputVoltage);
            Assert.Equal("OB", string.Join(" ", r.StatusTokens(false)));
        }

        [Theory]
        [InlineData(new byte[] { 0x28, 0x31, 0x0D })]                                   // wrong lead
        [InlineData(new byte[] { 0x23, 0x01, 0x20, 0x02, 0x0D })]                       // too few tokens
        public void QsHexRejectsNonCompliantReplies(byte[] raw) => Assert.Null(QxQsHexReply.Decode(raw));

        [Fact]
        public void QsHexRejectsWrongLengthWithTenTokens()
        {
            var raw = HexP.ToList();
            raw.Insert(2, 0x55); // token 1 now 3 bytes: 48 chars instead of 46
            Assert.Null(QxQsHexReply.Decode(raw.ToArray()));
        }

        [Fact]
        public void SimulatorEncoderRoundTripsThroughTheDecoder()
        {
            var status = new QsHexStatus { InputVoltage = 230.4, OutputVoltage = 229.9, Load = 32, Frequency = 50.0, BatteryVoltage = 13.6, Status = 0b1100_1001 };
            var raw = QsHexEncoder.Encode(status, withRatings: true).Select(c => (byte)c).ToArray();
            var r = QxQsHexReply.Parse(raw)!;
            Assert.Equal("230.4", QxFields.Format(r.InputVoltage!.Value, "F1"));
            Assert.Equal("229.9", QxFields.Format(r.OutputVoltage!.Value, "F1"));
            Assert.Equal(32, r.Load);
            Assert.Equal("50.0", QxFields.Format(r.Frequency!.Value, "F1"));
            Assert.Equal("13.60", QxFields.Format(r.BatteryVoltage!.Value, "F2"));
            Assert.Equal("OB LB", string.Join(" ", r.StatusTokens(false)));
            Assert.Equal(230, r.NominalOutputVoltage);
        }

        [Fact]
        public void QgsMapsFieldsTypeAndBits()
        {
            var r = QxVoltronicReplies.ParseQgs("(234.9 50.0 229.8 50.0 000.0 000 369.1 ---.- 026.5 ---.- 018.8 100000000001")!;
            Assert.Equal(234.9, r.InputVoltage);
            Assert.Equal(50.0, r.Frequency);
            Assert.Equal(229.8, r.OutputVoltage);
            Assert.Equal(50.0, r.OutputFrequency);
            Assert.Equal(0.0, r.OutputCurrent);
            Assert.Equal(0, r.Load);
            Assert.Equal(26.5, r.BatteryVoltage);
            Assert.Equal(18.8, r.Temperature);
            Assert.Equal("online", r.TypeText);
            Assert.Equal("OL", string.Join(" ", r.StatusTokens(false)));
            Assert.True(r.BeeperOn);            // character 72 '0' = beeper on
        }

        [Fact]
        public void QgsStatusBitsAndFaultQuirk()
        {
            // 65 OB, 66 LB, 68 fault (never honoured, as in NUT), 70 CAL, 71 FSD, 72 beeper
            var r = QxVoltronicReplies.ParseQgs("(000.0 00.0 229.8 50.0 001.2 030 369.1 ---.- 021.0 ---.- 018.8 011101011100")!;
            Assert.Equal("line-interactive", r.TypeText);
            Assert.Equal("OB LB CAL FSD", string.Join(" ", r.StatusTokens(false)));
            Assert.Null(r.UpsFailed);
            Assert.False(r.BeeperOn);
        }

        [Theory]
        [InlineData("(PI03", 3)]
        [InlineData("(PI99", 99)]
        [InlineData("(PI98", null)]
        [InlineData("(NAK", null)]
        [InlineData(null, null)]
        public void QpiProtocolNumbers(string? reply, int? expected) => Assert.Equal(expected, QxVoltronicReplies.ParseProtocol(reply));

        [Fact]
        public void RatingsFirmwareAndTexts()
        {
            var q = QxVoltronicReplies.ParseRatings("(230.0 004 024.0 50.0")!;
            Assert.Equal(230, q.Voltage);
            Assert.Equal(4, q.Current);
            Assert.Equal(24, q.BatteryVoltage);
            Assert.Equal(50, q.Frequency);
            Assert.Equal("00322.02", QxVoltronicReplies.ParseFirmware("(VERFW:00322.02"));
            Assert.Equal("BOH", QxVoltronicReplies.ParseText("(#######BOH"));
            Assert.Null(QxVoltronicReplies.ParseText("(NAK"));
        }

        [Theory]
        [InlineData(0, null, true)]     // P00: ≈equal voltages with bit 67 = AVR alarm, not BYPASS
        [InlineData(8, null, true)]
        [InlineData(3, "BYPASS", false)]
        public void AvrRuleDependsOnProtocol(int protocol, string? token, bool avr)
        {
            var r = QxVoltronicReplies.ParseQgs("(230.0 50.0 229.8 50.0 001.2 030 369.1 ---.- 027.0 ---.- 018.8 010010000100")!;
            Assert.True(r.BypassBoostBuck);
            Assert.Equal((token, avr), QxVoltronicReplies.Regulation(r, protocol));
        }

        [Fact]
        public void DetectionOrderMatchesNut280()
        {
            Assert.Equal(new[] { "Voltronic 0.06", "Voltronic-QS 0.07", "Voltronic-QS-Hex 0.10", "Mustek 0.07", "Megatec/old 0.07", "Megatec 0.06", "Zinto 0.06", "Q1 0.07" },
                QxSubdriver.DetectionOrder.Select(s => s.VersionData));
        }
    }
}
