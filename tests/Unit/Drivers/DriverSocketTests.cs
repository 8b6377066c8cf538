using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.DriverSocket;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers
{
    public class DriverSocketTests
    {
        internal static async Task<List<IReadOnlyList<string>>> DumpAsync(IDriverChannel channel)
        {
            await channel.SendAsync(new[] { "DUMPALL" });
            var lines = new List<IReadOnlyList<string>>();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                var words = await channel.ReceiveAsync(cts.Token) ?? throw new IOException("channel closed during DUMPALL");
                lines.Add(words);
                if (words[0] == "DUMPDONE") return lines;
            }
        }

        [SkippableFact]
        public async Task ListenerServesTheHostOverAUnixSocket()
        {
            Skip.IfNot(UnixSocketEndPoint.IsPlatformUnix, "Unix sockets only on Linux/macOS");
            using var bed = new DummyTestBed("dev.dev", "ups.status: OB\nups.model: \"Smart #2\\\"x\"\n");
            await bed.StartAsync();
            var path = DriverSocketPath.For(bed.Directory, bed.Host.DriverName, bed.Host.UpsName);
            Assert.Equal(Path.Combine(bed.Directory, "dummy-ups-test"), path);
            File.WriteAllText(path, "stale"); // a leftover file must not prevent listening

            using var listener = DriverSocketListener.ForStatePath(bed.Host, bed.Directory);
            listener.Start();
            var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(path);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, mode);

            var connector = SocketDriverConnector.ForDriver(bed.Directory, "dummy-ups", "test");
            Assert.Equal(path, connector.Location);
            using var channel = await connector.ConnectAsync();
            var dump = await DumpAsync(channel);
            Assert.Contains(dump, l => l.SequenceEqual(new[] { "SETINFO", "ups.status", "OB" }));
            Assert.Equal("DATAOK", dump[dump.Count - 2][0]);

            bed.Host.SetInfo("ups.model", "a \"quoted\" \\ value");
            var pushed = await channel.ReceiveAsync();
            Assert.Equal(new[] { "SETINFO", "ups.model", "a \"quoted\" \\ value" }, pushed);
            // The device.* mirror carries NUT 2.8.0's escaped copy (see DriverHost.SetInfoLocked).
            Assert.Equal(new[] { "SETINFO", "device.model", "a \\\"quoted\\\" \\\\ value" }, await channel.ReceiveAsync());

            await channel.SendAsync(new[] { "SET", "ups.status", "OL CHRG", "TRACKING", "abc" });
            Assert.Equal(new[] { "SETINFO", "ups.status", "OL CHRG" }, await channel.ReceiveAsync());
            Assert.Equal(new[] { "TRACKING", "abc", "0" }, await channel.ReceiveAsync());

            listener.Dispose();
            Assert.False(File.Exists(path));
        }

        [SkippableFact]
        public async Task ConnectorFailsWhenNoDriverListens()
        {
            Skip.IfNot(UnixSocketEndPoint.IsPlatformUnix, "Unix sockets only on Linux/macOS");
            var connector = new SocketDriverConnector(Path.Combine(Path.GetTempPath(), "upsps-none-" + Guid.NewGuid().ToString("N")));
            await Assert.ThrowsAnyAsync<Exception>(() => connector.ConnectAsync());
        }
    }
}
