using System;
using System.IO;
using System.IO.Ports;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.Serial;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    /// <summary>RI and the other input lines read from the OS (TIOCMGET / GetCommModemStatus), serial.md §3.3.</summary>
    public class ModemStatusReaderTests
    {
        [Theory]
        [InlineData(0x000, ModemLineState.None)]
        [InlineData(0x020, ModemLineState.Cts)]
        [InlineData(0x040, ModemLineState.Dcd)]
        [InlineData(0x080, ModemLineState.Ring)]
        [InlineData(0x100, ModemLineState.Dsr)]
        [InlineData(0x4166, ModemLineState.Cts | ModemLineState.Dcd | ModemLineState.Dsr)] // a 16550A with DTR/RTS/OUT2 set, RI low
        [InlineData(0x1E6, ModemLineState.Cts | ModemLineState.Dcd | ModemLineState.Ring | ModemLineState.Dsr)]
        public void DecodesTiocmBits(int bits, ModemLineState expected) => Assert.Equal(expected, ModemStatusReader.DecodeTiocm(bits));

        [Theory]
        [InlineData(0x00u, ModemLineState.None)]
        [InlineData(0x10u, ModemLineState.Cts)]
        [InlineData(0x20u, ModemLineState.Dsr)]
        [InlineData(0x40u, ModemLineState.Ring)]
        [InlineData(0x80u, ModemLineState.Dcd)]
        [InlineData(0xF0u, ModemLineState.Cts | ModemLineState.Dsr | ModemLineState.Ring | ModemLineState.Dcd)]
        public void DecodesGetCommModemStatusBits(uint status, ModemLineState expected) => Assert.Equal(expected, ModemStatusReader.DecodeWin32(status));

        /// <summary>The ioctl really runs on the port's own descriptor: a pty answers ENOTTY (it has no modem lines).</summary>
        [SkippableFact]
        public async Task OnAPtyTheIoctlIsReachedAndRefused()
        {
            Skip.IfNot(RuntimeInformation.IsOSPlatform(OSPlatform.Linux), "Linux pty check");
            await using var bed = await SerialTestBed.StartAsync(new UpsPS.SerialSim.Q1Device());
            using var port = new SerialPort(bed.PortPath, 2400);
            port.Open();
            var e = Assert.Throws<IOException>(() => ModemStatusReader.TryRead(port));
            Assert.Contains("TIOCMGET", e.Message);
        }

        /// <summary>On a real port the OS reading agrees with SerialPort's CTS/DCD/DSR and adds RI.</summary>
        [SkippableFact]
        public void RealPortAgreesWithSerialPortProperties()
        {
            var name = Environment.GetEnvironmentVariable("UPSPS_GENERICUPS_PORT");
            Skip.If(string.IsNullOrEmpty(name), "set UPSPS_GENERICUPS_PORT to a real serial port to run this");
            using var port = new SerialPort(name!, 2400);
            port.Open();
            var lines = ModemStatusReader.TryRead(port);
            Assert.NotNull(lines);
            Assert.Equal(port.CtsHolding, (lines!.Value & ModemLineState.Cts) != 0);
            Assert.Equal(port.CDHolding, (lines.Value & ModemLineState.Dcd) != 0);
            Assert.Equal(port.DsrHolding, (lines.Value & ModemLineState.Dsr) != 0);
        }
    }
}
