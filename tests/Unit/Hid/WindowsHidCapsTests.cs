using UpsPS.Engine.Drivers.UsbHid.Transport.Windows;
using UpsPS.Engine.Hid;
using Xunit;

namespace UpsPS.Tests.Unit.Hid
{
    /// <summary>What the Windows transport makes of HidP caps, checked without Windows (the whole path runs under Wine in
    /// the USB VM, UsbVmWindowsTransportTests).</summary>
    public class WindowsHidCapsTests
    {
        [Theory]
        [InlineData(0xFFFFD121u, HidUnits.Watt)]         // 2-byte Unit item 0xD121, sign-extended by Wine's hidparse
        [InlineData(0x00F0D121u, HidUnits.Volt)]         // 3-byte item: untouched
        [InlineData(0x00001001u, HidUnits.Second)]
        [InlineData(0xFFFFFF81u, 0x81u)]                 // 1-byte item 0x81
        [InlineData(0u, 0u)]
        public void SignExtendedUnitCodesAreRestored(uint fromHidP, uint expected)
        {
            Assert.Equal(expected, WindowsDescriptorSynthesizer.UnsignExtend(fromHidP));
        }
    }
}
