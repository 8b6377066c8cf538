using System.IO.Ports;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.Serial;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers.Serial
{
    /// <summary>genericups clears HUPCL so that closing the port keeps the cable-power lines up (serial.md §3.1).</summary>
    public class HangupOnCloseTests
    {
        [SkippableFact]
        public async Task SetsAndClearsTheTermiosFlagAsSttySeesIt()
        {
            Skip.IfNot(RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && System.IO.File.Exists("/bin/stty"), "termios check on Linux ptys with stty");
            await using var bed = await SerialTestBed.StartAsync(new UpsPS.SerialSim.Q1Device());
            using var port = new SerialPort(bed.PortPath, 2400);
            port.Open();

            Assert.True(HangupOnClose.Set(port, true));
            Assert.True(HangupOnClose.IsSet(port));
            Assert.Contains(" hupcl", await SttyAsync(bed.PortPath));

            Assert.True(HangupOnClose.Clear(port));
            Assert.False(HangupOnClose.IsSet(port));
            Assert.Contains(" -hupcl", await SttyAsync(bed.PortPath));
            Assert.Equal(2400, port.BaudRate);
        }

        private static async Task<string> SttyAsync(string path)
        {
            var result = await NutProcesses.RunToolAsync("/bin/stty", new[] { "-a", "-F", path });
            Assert.True(result.ExitCode == 0, result.ToString());
            return " " + result.StdOut.Replace('\n', ' ');
        }
    }
}
