using System.Linq;
using UpsPS.Engine.Drivers.UsbHid;
using UpsPS.Engine.Drivers.UsbHid.Subdrivers;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;
using Xunit;

namespace UpsPS.Tests.Unit.Hid
{
    public class HidQuirkTests
    {
        private sealed class NoStrings : IHidConversionContext { public string? GetString(int index) => index == 4 ? "PbAc" : null; }

        private static byte[] Collection(byte usage, params byte[][] inner) =>
            new byte[] { 0x05, 0x84, 0x09, usage, 0xA1, 0x00 }.Concat(inner.SelectMany(b => b)).Concat(new byte[] { 0xC0 }).ToArray();

        private static byte[] Field(byte id, byte page, byte usage, byte size, short logMin, short logMax) =>
            new byte[] { 0x85, id, 0x05, page, 0x09, usage, 0x75, size, 0x95, 0x01, 0x16, (byte)logMin, (byte)(logMin >> 8), 0x26, (byte)logMax, (byte)(logMax >> 8), 0xB1, 0x02 };

        private static HidReportDescriptor Ups(params byte[][] collections) =>
            HidReportDescriptor.Parse(new byte[] { 0x05, 0x84, 0x09, 0x04, 0xA1, 0x01 }.Concat(collections.SelectMany(c => c)).Concat(new byte[] { 0xC0 }).ToArray());

        [Fact]
        public void ApcBackUpsInputVoltageRangeIsWidenedFromTheHighTransferPoint()
        {
            // UPS.Input { 0x30 ConfigVoltage 0..200, 0x31 Voltage 0..255 (bogus), 0x33 HighVoltageTransfer 256..278 }
            var d = Ups(Collection(0x1A, Field(0x30, 0x84, 0x40, 8, 0, 200), Field(0x31, 0x84, 0x30, 16, 0, 255), Field(0x33, 0x84, 0x54, 16, 256, 278)));
            var voltage = d.Items.Single(i => i.ReportId == 0x31);
            Assert.Equal(255.0, HidValueCodec.Decode(voltage, new byte[] { 0x31, 0x04, 0x01 }) % 256 == 4 ? 255.0 : 0);   // 260 masked/clamped before
            new ApcSubdriver().FixReportDescriptor(d, new HidDeviceInfo { VendorId = 0x051d, ProductId = 0x0002 });
            Assert.Equal(0, voltage.LogMin);
            Assert.Equal(556, voltage.LogMax);
            Assert.Equal(260.0, HidValueCodec.Decode(voltage, new byte[] { 0x31, 0x04, 0x01 }));
            Assert.Equal(255, d.Items.Single(i => i.ReportId == 0x30).LogMax);
            // Other APC products are left alone.
            var other = Ups(Collection(0x1A, Field(0x31, 0x84, 0x30, 16, 0, 255), Field(0x33, 0x84, 0x54, 16, 256, 278)));
            new ApcSubdriver().FixReportDescriptor(other, new HidDeviceInfo { VendorId = 0x051d, ProductId = 0x0003 });
            Assert.Equal(255, other.Items.Single(i => i.ReportId == 0x31).LogMax);
        }

        [Fact]
        public void CyberPowerOutputVoltageCopiedFromTransferRangeIsRepaired()
        {
            // UPS.Input { 0x0f Voltage 170..270 ; 0x10 HighVoltageTransfer 170..270 } UPS.Output { 0x12 Voltage 170..270 ; 0x18 ConfigActivePower 0..1000 }
            var d = Ups(Collection(0x1A, Field(0x0f, 0x84, 0x30, 16, 170, 270), Field(0x10, 0x84, 0x54, 16, 170, 270)),
                        Collection(0x1C, Field(0x12, 0x84, 0x30, 16, 170, 270), Field(0x18, 0x84, 0x44, 16, 0, 1000)));
            var output = d.Items.Single(i => i.ReportId == 0x12);
            Assert.Equal(170.0, HidValueCodec.Decode(output, new byte[] { 0x12, 140, 0 }));   // 140 V clamps to LogMin
            new CyberPowerSubdriver().FixReportDescriptor(d, new HidDeviceInfo { VendorId = 0x0764, ProductId = 0x0501 });
            Assert.Equal(511, output.LogMax);
            Assert.Equal(511, d.Items.Single(i => i.ReportId == 0x0f).LogMax);
            Assert.Equal(2048, d.Items.Single(i => i.ReportId == 0x18).LogMax);
            Assert.Equal(230.0, HidValueCodec.Decode(output, new byte[] { 0x12, 230, 0 }));
        }

        [Fact]
        public void CyberPowerAssumedLogMaxIsRaisedTo511AndCappedBySize()
        {
            // Output voltage 0x12: 8-bit field with LogMax FF (-1 -> assumed 255).
            var d = Ups(Collection(0x1C, new byte[] { 0x85, 0x12, 0x09, 0x30, 0x75, 0x08, 0x95, 0x01, 0x15, 0x00, 0x25, 0xFF, 0xB1, 0x02 }));
            var item = d.Items.Single();
            Assert.True(item.AssumedLogMax);
            new CyberPowerSubdriver().FixReportDescriptor(d, new HidDeviceInfo { VendorId = 0x0764, ProductId = 0x0601 });
            Assert.Equal(255, item.LogMax);   // raised to 511, then capped at 2^8-1
        }

        [Theory]
        [InlineData(499, 0.1)]
        [InlineData(50, 1.0)]
        [InlineData(600, 0.1)]
        [InlineData(60, 1.0)]
        public void CyberPowerFrequencyAutoScale(double reading, double scale) => Assert.Equal(scale, CyberPowerSubdriver.FrequencyScale(reading, null));

        [Fact]
        public void CyberPower0501BatteryVoltageAboveNominalTimes1Point4IsScaledByTwoThirds()
        {
            var cps = new CyberPowerSubdriver();
            var ctx = new HidSubdriverContext(new HidDeviceInfo { VendorId = 0x0764, ProductId = 0x0501 }, _ => null, _ => false);
            var nominal = cps.Table.First(r => r.Name == "battery.voltage.nominal");
            var voltage = cps.Table.First(r => r.Name == "battery.voltage");
            cps.AdjustValue(nominal, 24, ctx);
            Assert.Equal(27.0, cps.AdjustValue(voltage, 40.5, ctx), 6);
        }

        [Theory]
        [InlineData(0x1003, 138, 13.8)]
        [InlineData(0x3008, 13.8, 13.8)]
        [InlineData(0x3016, 0.000138, 13.8)]
        public void TrippLiteBatteryVoltageScaleByProduct(int pid, double raw, double volts)
        {
            var tl = new TrippLiteSubdriver();
            var ctx = new HidSubdriverContext(new HidDeviceInfo { VendorId = 0x09ae, ProductId = (ushort)pid }, _ => null, _ => false);
            Assert.Equal(volts, tl.AdjustValue(tl.Table.First(r => r.Name == "battery.voltage"), raw, ctx), 6);
        }

        [Fact]
        public void LiebertBrokenExponentsAreRepaired()
        {
            var belkin = new BelkinSubdriver();
            var ctx = new HidSubdriverContext(new HidDeviceInfo { VendorId = 0x10af, ProductId = 0x0001 }, _ => null, _ => false);
            // NUT 2.8.0: only a reading within 1e-9 of 1e-7 sets a factor; the factor then stays.
            var line = new HidMappingRow(HidRowKind.Variable, "input.voltage", "UPS.Input.Voltage");
            Assert.Equal(120e-7, belkin.AdjustValue(line, 120e-7, ctx), 12);
            var nominal = new HidMappingRow(HidRowKind.Variable, "battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage");
            Assert.Equal(10.0, belkin.AdjustValue(nominal, 1e-7, ctx), 6);
            Assert.Equal(120.0, belkin.AdjustValue(line, 120e-7, ctx), 6);
            Assert.Equal(12.0, belkin.AdjustValue(nominal, 12e-8, ctx), 6);
        }

        [Fact]
        public void BelkinStatusWordsMapBitsToFlags()
        {
            var power = BelkinSubdriver.Bits((0, "!online/online"), (4, "overload"));
            var status = new HidStatusComposer();
            status.Apply(power.ToText(0x11, new NoStrings())!);                // AC failure + overload
            Assert.Equal("OB OVER", status.ComposeStatus("50"));
            status.Apply(power.ToText(0x00, new NoStrings())!);
            Assert.Equal("OL", status.ComposeStatus("50"));
        }

        [Fact]
        public void PowercomDelayEncodings()
        {
            Assert.Equal(0x0200, PowercomSubdriver.EncodeStartupDelay(120));                  // 2 min, byte-swapped
            Assert.Equal(0x0002, PowercomSubdriver.EncodeStartupDelay(120, discrete: true));  // plain minutes
            Assert.Equal((1 << 8 | 30) | 0x40, PowercomSubdriver.EncodeShutdownDelay(90, stayOff: false));
            Assert.Equal((30 << 8 | 1) | 0x4000, PowercomSubdriver.EncodeShutdownDelay(90, stayOff: false, byteOrderFallback: true));
            Assert.Equal(1 | 0x80, PowercomSubdriver.EncodeShutdownDelay(0, stayOff: true));
            Assert.Equal((1 << 8) | 0x8000, PowercomSubdriver.EncodeShutdownDelay(0, stayOff: true, byteOrderFallback: true));
            Assert.Equal(4, PowercomSubdriver.DiscreteDelayIndex(30));
            Assert.Equal(1, PowercomSubdriver.DiscreteDelayIndex(5));
            Assert.Equal(18, PowercomSubdriver.DiscreteDelayIndex(3600));
        }

        [Fact]
        public void MgeClaimsPhoenixtecOnlyForAeg()
        {
            var info = new HidDeviceInfo { VendorId = 0x06da, ProductId = 0xffff, Manufacturer = "PPC" };
            Assert.Equal(HidClaim.No, new MgeSubdriver().Claim(info, false));
            Assert.Equal(HidClaim.Supported, new LiebertSubdriver().Claim(info, false));
            info.Manufacturer = "AEG Power Solutions";
            Assert.Equal(HidClaim.Supported, new MgeSubdriver().Claim(info, false));
            Assert.Equal(HidClaim.Possibly, new ApcSubdriver().Claim(new HidDeviceInfo { VendorId = 0x051d, ProductId = 0x1234 }, true));
        }

        [Theory]
        [InlineData("PPC", "Online UPS", "liebert")]
        [InlineData("AEG Power Solutions", "PROTECT NAS", "mge")]
        [InlineData("GoldenMate-BMS", "UPS", "idowell")]
        [InlineData("PPC", "Smart-Battery", "idowell")]
        public void Phoenixtec06daGoesToTheSubdriverItsStringsName(string manufacturer, string product, string subdriver)
        {
            var info = new HidDeviceInfo { VendorId = 0x06da, ProductId = 0xffff, Manufacturer = manufacturer, Product = product };
            var first = HidSubdrivers.All.First(s => s.Claim(info, false) == HidClaim.Supported);
            Assert.Equal(subdriver, first.Name);
        }

        [Fact]
        public void ApcModelStringsAndInterruptAndMaxReportQuirks()
        {
            var apc = new ApcSubdriver();
            var info = new HidDeviceInfo { VendorId = 0x051d, ProductId = 0x0003, Product = "Smart-UPS X 750  FW:COM 03.8 / UPS 03.8" };
            Assert.Equal("Smart-UPS X 750 ", apc.FormatModel(info.Product, info, _ => null));
            Assert.Equal(("ups.firmware", "COM 03.8 / UPS 03.8"), apc.ExtraIdentity(info).Single());
            Assert.True(apc.InterruptPipeDisabled(info));
            Assert.True(apc.NeedsMaxReport(new HidDeviceInfo { VendorId = 0x051d, ProductId = 0x0002, Product = "Back-UPS ES 525" }));
            Assert.False(apc.NeedsMaxReport(new HidDeviceInfo { VendorId = 0x051d, ProductId = 0x0002, Product = "BK650M2-CH" }));
        }

        [Theory]
        [InlineData(10785, "2001/01/01")]
        [InlineData(20648, "2020/05/08")]
        [InlineData(0, "not set")]
        public void PdcDate(long raw, string text)
        {
            Assert.Equal(text, HidConverters.Date.ToText(raw, new NoStrings()));
            if (raw != 0) Assert.Equal(raw, HidConverters.Date.FromText(text));
        }

        [Fact]
        public void ApcDateAndKelvinAndStringId()
        {
            Assert.Equal("2002/10/22", HidConverters.ApcDate.ToText(0x102202, new NoStrings()));
            Assert.Equal(0x102202, HidConverters.ApcDate.FromText("2002/10/22"));
            Assert.Equal("1999/01/05", HidConverters.ApcDate.ToText(0x010599, new NoStrings()));
            Assert.Equal("25.0", HidConverters.KelvinToCelsius.ToText(298.15, new NoStrings()));
            Assert.Equal("25.0", HidConverters.KelvinToCelsius.ToText(25, new NoStrings()));   // firmware already in C
            Assert.Equal("PbAc", HidConverters.StringId.ToText(4, new NoStrings()));
            Assert.Null(HidConverters.StringId.ToText(0, new NoStrings()));
        }

        [Theory]
        [InlineData("online", "chrg", "OL CHRG")]
        [InlineData("online", "fullycharged", "OL")]
        [InlineData("!online", "dischrg", "OB DISCHRG")]
        [InlineData("!online", "dischrg lowbatt", "OB DISCHRG LB")]
        [InlineData("!online", "dischrg timelimitexp", "OB DISCHRG LB")]
        [InlineData("!online", "dischrg shutdownimm", "OB DISCHRG LB")]
        [InlineData("online", "nobattery", "OL")]                          // 2.8.0: only the alarm, no RB
        [InlineData("!online", "", "OB")]                                   // 2.8.0: OB whenever online is not set
        [InlineData("", "", "OB")]
        [InlineData("online", "cal trim off replacebatt", "OL RB TRIM OFF CAL")]   // CAL last, as 2.8.0
        [InlineData("online", "ecomode", "OL")]                             // no ECO without upsps_later_nut
        [InlineData("online", "dischrg", "OL DISCHRG")]
        [InlineData("", "dischrg", "OB DISCHRG")]
        [InlineData("online", "dischrg depleted", "OL")]
        [InlineData("online", "trim overload off", "OL OVER TRIM OFF")]
        public void StatusComposition(string power, string flags, string expected)
        {
            var s = new HidStatusComposer();
            s.Apply(power);
            s.Apply(flags);
            if (flags.Contains("fullycharged")) s.Apply("chrg");
            Assert.Equal(expected, s.ComposeStatus("95"));
        }

        [Fact]
        public void OnlineDischargeOptionsAndAlarms()
        {
            var s = new HidStatusComposer { OnlineDischargeOnBattery = true };
            s.Apply("online dischrg replacebatt commfault vrange");
            Assert.Equal("OB DISCHRG RB", s.ComposeStatus("80"));
            Assert.Equal("Replace battery! Internal UPS fault!", s.ComposeAlarm());
            Assert.Equal("input voltage out of range", s.TransferReason());
            var cal = new HidStatusComposer { OnlineDischargeCalibration = true };
            cal.Apply("online dischrg");
            Assert.Equal("DISCHRG CAL", cal.ComposeStatus("80"));
        }

        [Theory]
        [InlineData("%.1f", 232, "232.0")]
        [InlineData("%.0f", 13.5, "14")]
        [InlineData("%.0f", 12.5, "12")]
        [InlineData("%.2f", 1.005, "1.00")]
        [InlineData("%.0f%%", 100, "100%")]
        [InlineData("%08lx", 255, "000000ff")]
        public void PrintfFormats(string format, double value, string text) => Assert.Equal(text, HidConverters.Format(format, value));
    }
}
