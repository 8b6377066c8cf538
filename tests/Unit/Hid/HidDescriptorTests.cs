using System;
using System.IO;
using System.Linq;
using UpsPS.Engine.Drivers.UsbHid.Replay;
using UpsPS.Engine.Hid;
using Xunit;

namespace UpsPS.Tests.Unit.Hid
{
    public class HidDescriptorTests
    {
        [SkippableTheory]
        [InlineData("APC_Back-UPS_BK650M2-CH", 743)]
        [InlineData("APC_Smart-UPS_X_750", 425)]
        public void TestDataDescriptorsParseBalanced(string name, int length)
        {
            var folder = HidTestData.Folder(name);
            var bytes = File.ReadAllBytes(Path.Combine(folder, "report-descriptor.bin"));
            Assert.Equal(length, bytes.Length);
            Assert.Equal(bytes, ReplayRecording.ParseHex(File.ReadAllText(Path.Combine(folder, "report-descriptor.hex"))));
            var d = HidReportDescriptor.Parse(bytes);
            Assert.True(d.IsBalanced);
            Assert.NotEmpty(d.Items);
        }

        [SkippableFact]
        public void BackUpsItemsMatchTheLoggedLayoutAndValues()
        {
            var folder = HidTestData.Folder("APC_Back-UPS_BK650M2-CH");
            var d = HidReportDescriptor.Parse(File.ReadAllBytes(Path.Combine(folder, "report-descriptor.bin")));
            var log = ReportExchangeLog.Parse(File.ReadAllText(Path.Combine(folder, "report-exchanges.txt")));
            Assert.Equal(71, d.Items.Count);   // NUT: "71 HID objects found"
            var table = new UpsPS.Engine.Drivers.UsbHid.Subdrivers.ApcSubdriver().Usages;
            var checkedValues = 0;
            foreach (var logged in log.Items)
            {
                var item = d.Items.SingleOrDefault(i => i.Type == logged.Type && i.ReportId == logged.ReportId && i.Offset == logged.Offset
                                                        && HidPath.Format(i.Path, table).Replace("APCGeneralCollection", "ff860005")
                                                            .Replace("APCDelayBeforeReboot", "ff86007c").Replace("APCSensitivity", "ff860061")
                                                            .Replace("APCLineFailCause", "ff860052").Replace("APC_UPS_FirmwareRevision", "ff860042") == logged.Path);
                Assert.True(item != null, $"no item for {logged.Path} {logged.Type} 0x{logged.ReportId:x2} @{logged.Offset}");
                Assert.Equal(logged.Size, item!.Size);
                if (log.FeatureReplies.TryGetValue(logged.ReportId, out var replies))
                {
                    var buffer = new byte[Math.Max(d.ReportLength(logged.ReportId, HidReportType.Feature), replies[0].Length)];
                    Array.Copy(replies[0], buffer, replies[0].Length);
                    Assert.Equal(logged.Value, Math.Round(HidValueCodec.Decode(item, buffer), 6));
                    checkedValues++;
                }
            }
            Assert.True(checkedValues > 60, $"only {checkedValues} values compared");
            Assert.Equal(3, d.Warnings.Count(w => w.Contains("interpreting LogMax -1 as 255")));
        }

        [Fact]
        public void ParsesUsagePathsIndexNodesAndUnits()
        {
            // UPS { Flow (vendor collection 0x84 -> [4]) { Feature id 0x72: ConfigVoltage 8 bits, unit V, exp 7 } }
            var bytes = new byte[]
            {
                0x05, 0x84, 0x09, 0x04, 0xA1, 0x01,
                0x09, 0x1E, 0xA1, 0x84,
                0x85, 0x72, 0x09, 0x40, 0x75, 0x08, 0x95, 0x01, 0x15, 0x00, 0x26, 0xFF, 0x00,
                0x67, 0x21, 0xD1, 0xF0, 0x00, 0x55, 0x07, 0xB1, 0x02,
                0xC0, 0xC0,
            };
            var d = HidReportDescriptor.Parse(bytes);
            var item = Assert.Single(d.Items);
            Assert.Equal("UPS.Flow.[4].ConfigVoltage", HidPath.Format(item.Path, null));
            Assert.Equal(HidUnits.Volt, item.Unit);
            Assert.Equal(7, item.UnitExponent);
            Assert.Equal(230.0, HidValueCodec.Decode(item, new byte[] { 0x72, 230 }));
            Assert.Equal(2, d.ReportLength(0x72, HidReportType.Feature));
        }

        [Fact]
        public void FieldsWithoutTheirOwnUsageAreNotStoredButTakeBits()
        {
            // Report count 3 with one usage: NUT keeps one item (no "last usage repeats"); the next field starts at bit 24.
            var bytes = new byte[]
            {
                0x05, 0x84, 0x09, 0x04, 0xA1, 0x01, 0x85, 0x01, 0x75, 0x08, 0x95, 0x03, 0x09, 0x30, 0xB1, 0x02,
                0x95, 0x01, 0x09, 0x31, 0xB1, 0x02, 0xC0,
            };
            var d = HidReportDescriptor.Parse(bytes);
            Assert.Equal(2, d.Items.Count);
            Assert.Equal(24, d.Items[1].Offset);
            Assert.Equal(5, d.ReportLength(1, HidReportType.Feature));
        }

        [Fact]
        public void NegativeLogMaxBelowLogMinIsReadAsUnsigned()
        {
            // 15 00 25 FF: LogMax decodes as -1 < LogMin 0 -> 255, marked assumed (CyberPower fixups look at it).
            var bytes = new byte[] { 0x05, 0x84, 0x09, 0x04, 0xA1, 0x01, 0x85, 0x02, 0x15, 0x00, 0x25, 0xFF, 0x75, 0x08, 0x95, 0x01, 0x09, 0x30, 0xB1, 0x02, 0xC0 };
            var item = Assert.Single(HidReportDescriptor.Parse(bytes).Items);
            Assert.Equal(255, item.LogMax);
            Assert.True(item.AssumedLogMax);
            Assert.Equal(200.0, HidValueCodec.Decode(item, new byte[] { 2, 200 }));
        }

        [Fact]
        public void DecodeClampsToLogicalRangeAndMasksByLogMax()
        {
            var item = new HidDataItem(new uint[] { 0x840004, 0x840030 }, 1, HidReportType.Feature, 0, 16, 2) { LogMin = 0, LogMax = 255 };
            // 0x01F4 = 500: masked by bitlength(255)=8 -> 0xF4 = 244 (NUT discards high bits by LogMax, not by size).
            Assert.Equal(244.0, HidValueCodec.Decode(item, new byte[] { 1, 0xF4, 0x01 }));
            var clamped = new HidDataItem(item.Path, 1, HidReportType.Feature, 0, 16, 2) { LogMin = 0, LogMax = 200 };
            Assert.Equal(200.0, HidValueCodec.Decode(clamped, new byte[] { 1, 0xF0, 0x00 }));   // 240 > LogMax -> LogMax
            var signed = new HidDataItem(item.Path, 1, HidReportType.Feature, 0, 16, 2) { LogMin = -1, LogMax = 32767 };
            Assert.Equal(-1.0, HidValueCodec.Decode(signed, new byte[] { 1, 0xFF, 0xFF }));
        }

        [Fact]
        public void PhysicalRangeAndUnitExponentScale()
        {
            var item = new HidDataItem(new uint[] { 0x840030 }, 1, HidReportType.Feature, 0, 8, 2)
            { LogMin = 0, LogMax = 100, PhysMin = 0, PhysMax = 1000, HasPhysMin = true, HasPhysMax = true, Unit = HidUnits.Volt, UnitExponent = 5 };
            // (50 * 10) * 10^(5-7) = 5 V
            Assert.Equal(5.0, HidValueCodec.Decode(item, new byte[] { 1, 50 }), 9);
            Assert.Equal(50UL, HidValueCodec.EncodeRaw(item, 5.0));
        }

        [Fact]
        public void EncodeIsReadModifyWriteAndTruncatesNegativeToSize()
        {
            var item = new HidDataItem(new uint[] { 0x840057 }, 0x15, HidReportType.Feature, 8, 16, 2) { LogMin = 0, LogMax = 65535 };
            var updated = HidValueCodec.Encode(item, new byte[] { 0x15, 0xAA, 0, 0 }, -1);
            Assert.Equal(new byte[] { 0x15, 0xAA, 0xFF, 0xFF }, updated);
            var constant = new HidDataItem(item.Path, 0x15, HidReportType.Feature, 0, 8, 3);
            Assert.Throws<InvalidOperationException>(() => HidValueCodec.Encode(constant, new byte[2], 1));
        }

        [Fact]
        public void BuilderOutputParsesBackToTheSameFields()
        {
            var specs = new[]
            {
                new HidFieldSpec { Path = HidPath.Parse("UPS.PowerSummary.PresentStatus.ACPresent", null)!, ReportId = 1, Offset = 0, Size = 8, LogMax = 1 },
                new HidFieldSpec { Path = HidPath.Parse("UPS.PowerSummary.PresentStatus.Charging", null)!, ReportId = 1, Offset = 16, Size = 8, LogMax = 1 },
                new HidFieldSpec { Path = HidPath.Parse("UPS.Flow.[4].ConfigVoltage", null)!, ReportId = 0x72, Offset = 0, Size = 8 },
                new HidFieldSpec { Path = HidPath.Parse("UPS.PowerConverter.Input.[1].Voltage", null)!, ReportId = 0x31, Offset = 0, Size = 16, LogMax = 65535, Type = HidReportType.Input },
            };
            var d = HidReportDescriptor.Parse(HidDescriptorBuilder.Build(specs));
            Assert.True(d.IsBalanced);
            foreach (var s in specs)
            {
                var item = d.Items.Single(i => i.ReportId == s.ReportId && i.Offset == s.Offset && i.Type == s.Type);
                Assert.True(HidPath.Equal(s.Path, item.Path), HidPath.Format(item.Path, null));
                Assert.Equal(s.Size, item.Size);
                Assert.Equal(s.LogMax, item.LogMax);
            }
        }

        [Fact]
        public void FuzzedDescriptorsNeverCrashOrHang()
        {
            var rng = new Random(20240611);
            var seeds = new[] { HidDescriptorBuilder.Build(new[] { new HidFieldSpec { Path = new uint[] { 0x840004, 0x840024, 0x850066 }, ReportId = 12 } }) }.ToList();
            var root = HidTestData.Root;
            if (root != null)
                foreach (var f in Directory.GetFiles(root, "*.bin", SearchOption.AllDirectories)) seeds.Add(File.ReadAllBytes(f));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 3000; i++)
            {
                byte[] input;
                if (i % 3 == 0)
                {
                    input = new byte[rng.Next(0, 600)];
                    rng.NextBytes(input);
                }
                else
                {
                    input = (byte[])seeds[rng.Next(seeds.Count)].Clone();
                    var flips = rng.Next(1, 20);
                    for (var k = 0; k < flips && input.Length > 0; k++) input[rng.Next(input.Length)] = (byte)rng.Next(256);
                    if (rng.Next(4) == 0) Array.Resize(ref input, rng.Next(input.Length + 1));
                }
                try
                {
                    var d = HidReportDescriptor.Parse(input);
                    Assert.True(d.Items.Count <= 65536);
                    foreach (var item in d.Items.Take(200))
                    {
                        var buffer = new byte[Math.Min(d.ReportLength(item.ReportId, item.Type), 4096)];
                        var v = HidValueCodec.Decode(item, buffer);
                        Assert.False(double.IsNaN(v) && item.LogMax >= item.LogMin && !item.HasPhysMin);
                    }
                }
                catch (HidDescriptorException) { }
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {watch.Elapsed}");
        }
    }
}
