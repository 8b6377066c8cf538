using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.UsbHid.Subdrivers;
using UpsPS.Engine.Hid;
using Xunit;

namespace UpsPS.Tests.Unit.Hid
{
    /// <summary>The parser rules of spec §3.1 not covered elsewhere, each from the bytes that exercise it.</summary>
    public class HidParserRuleTests
    {
        private static byte[] Ups(params byte[] body) =>
            new byte[] { 0x05, 0x84, 0x09, 0x04, 0xA1, 0x01 }.Concat(body).Concat(new byte[] { 0xC0 }).ToArray();

        [Fact]
        public void OffsetsCountPerReportIdAndType()
        {
            // id 1: Feature Voltage (8) + Feature Current (8); Input Voltage (8) of the same id starts again at bit 0.
            var d = HidReportDescriptor.Parse(Ups(0x85, 0x01, 0x75, 0x08, 0x95, 0x01, 0x26, 0xFF, 0x00,
                0x09, 0x30, 0xB1, 0x02, 0x09, 0x31, 0xB1, 0x02, 0x09, 0x30, 0x81, 0x02));
            Assert.Equal(new[] { 0, 8 }, d.Items.Where(i => i.Type == HidReportType.Feature).Select(i => i.Offset));
            Assert.Equal(0, d.Items.Single(i => i.Type == HidReportType.Input).Offset);
            Assert.Equal(3, d.ReportLength(1, HidReportType.Feature));
            Assert.Equal(2, d.ReportLength(1, HidReportType.Input));
        }

        [Fact]
        public void UnitExponentNibbleIsSignedAndLogicalLimitsSignExtendBySize()
        {
            // 55 0F = exponent -1; 15 81 = LogMin -127 (1 byte); 26 FF 7F = LogMax 32767 (2 bytes).
            var d = HidReportDescriptor.Parse(Ups(0x85, 0x02, 0x75, 0x10, 0x95, 0x01, 0x55, 0x0F, 0x15, 0x81, 0x26, 0xFF, 0x7F,
                0x09, 0x30, 0xB1, 0x02));
            var item = d.Items.Single();
            Assert.Equal(-1, item.UnitExponent);
            Assert.Equal(-127, item.LogMin);
            Assert.Equal(32767, item.LogMax);
            Assert.False(item.AssumedLogMax);
            Assert.Equal(-12.3, HidValueCodec.Decode(item, new byte[] { 0x02, 0x85, 0xFF }), 9);   // 0xFF85 = -123
        }

        [Fact]
        public void FourByteUsagesLongItemsAndPushPopFollowNut()
        {
            // 0B 16 00 86 FF = usage 0xFF860016 (APCBattReplaceDate); FE 02 10 AA BB = long item, skipped;
            // A4 / B4 (Push / Pop) are ignored: the report size set between them stays in force.
            var d = HidReportDescriptor.Parse(Ups(0x85, 0x03, 0x95, 0x01, 0x75, 0x18, 0x27, 0xFF, 0xFF, 0xFF, 0x00,
                0xFE, 0x02, 0x10, 0xAA, 0xBB,
                0xA4, 0x75, 0x10, 0xB4,
                0x0B, 0x16, 0x00, 0x86, 0xFF, 0xB1, 0x02));
            var item = d.Items.Single();
            Assert.Equal("UPS.APCBattReplaceDate", HidPath.Format(item.Path, new ApcSubdriver().Usages));
            Assert.Equal(16, item.Size);
        }

        [Fact]
        public void UnknownVendorNodesPrintAsHexAndParseBack()
        {
            var d = HidReportDescriptor.Parse(Ups(0x06, 0x34, 0x12, 0x09, 0x57, 0xA1, 0x00, 0x85, 0x04, 0x75, 0x08, 0x95, 0x01,
                0x05, 0x84, 0x09, 0x30, 0xB1, 0x02, 0xC0));
            var item = d.Items.Single();
            Assert.Equal("UPS.12340057.Voltage", HidPath.Format(item.Path, HidUsageTable.Generic));
            Assert.True(HidPath.Equal(item.Path, HidPath.Parse("UPS.0x12340057.Voltage", HidUsageTable.Generic)!));
        }

        [Fact]
        public async Task SetOnAConstantFeatureItemIsRefusedWithoutWriting()
        {
            var ups = new SyntheticUps(new ApcSubdriver().Usages, 0x051d, 0x0002)
                .Field("UPS.PowerSummary.RemainingCapacityLimit", 0x11, 10, flags: 0x03);
            using var bed = await ups.StartAsync();
            Assert.Equal("10", bed.Get("battery.charge.low"));
            Assert.Equal(DriverResult.Invalid, await bed.Driver.SetVariableAsync("battery.charge.low", "20", CancellationToken.None));
            Assert.Empty(bed.Backend.Writes);
        }
    }
}
