using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.UsbHid.Replay;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;
using Xunit;

namespace UpsPS.Tests.Unit.Hid
{
    /// <summary>
    /// The whole driver on mutated descriptors and random report bytes, under every vendor id: start-up either works or
    /// fails with a DriverException, polls, SETs and commands never throw anything else.
    /// </summary>
    public class HidDriverFuzzTests
    {
        private static readonly (ushort Vid, ushort Pid)[] Devices =
        {
            (0x051d, 0x0002), (0x051d, 0x0003), (0x0764, 0x0501), (0x0463, 0xffff), (0x050d, 0x0980), (0x10af, 0x0001),
            (0x09ae, 0x3016), (0x09ae, 0x1330), (0x06da, 0xffff), (0x0d9f, 0x00a3), (0x04d8, 0xd004), (0x1cb0, 0x0032),
        };

        [Fact]
        public async Task MutatedDevicesNeverCrashTheDriver()
        {
            var rng = new Random(6);
            var seeds = new List<byte[]>();
            var root = HidTestData.Root;
            if (root != null) foreach (var f in Directory.GetFiles(root, "*.bin", SearchOption.AllDirectories)) seeds.Add(File.ReadAllBytes(f));
            seeds.Add(new SyntheticUps(HidUsageTable.Generic, 0, 0)
                .Field("UPS.PowerSummary.RemainingCapacity", 1, 50)
                .Field("UPS.PowerSummary.PresentStatus.ACPresent", 2, 1, size: 1)
                .Field("UPS.PowerSummary.DelayBeforeShutdown", 3, 0, size: 16, logMin: -1, logMax: 32767)
                .Field("UPS.PowerSummary.DelayBeforeStartup", 4, 0, size: 16, logMin: -1, logMax: 32767).Descriptor);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var started = 0;
            for (var i = 0; i < 240; i++)
            {
                var descriptor = (byte[])seeds[rng.Next(seeds.Count)].Clone();
                for (var k = rng.Next(0, 6); k > 0 && descriptor.Length > 0; k--) descriptor[rng.Next(descriptor.Length)] = (byte)rng.Next(256);
                HidReportDescriptor parsed;
                try { parsed = HidReportDescriptor.Parse(descriptor); }
                catch (HidDescriptorException) { continue; }
                var reports = parsed.ReportIds(HidReportType.Feature).Select(id =>
                {
                    var r = new byte[Math.Min(parsed.ReportLength(id, HidReportType.Feature), 512)];
                    rng.NextBytes(r);
                    r[0] = id;
                    return r;
                }).ToList();
                var (vid, pid) = Devices[i % Devices.Length];
                var info = new HidDeviceInfo { VendorId = vid, ProductId = pid, Manufacturer = "Fuzz BMS", Product = "Back-UPS ES 525 FW:x" };
                var backend = new ReplayHidBackend(ReplayRecording.FromParts(descriptor, info, reports));
                if (rng.Next(3) == 0) backend.ShortReports[(byte)rng.Next(256)] = rng.Next(0, 3);
                using var bed = new HidReplayBed(backend, rng.Next(2) == 0 ? " interruptonly" : "");
                try { await bed.StartAsync(); }
                catch (DriverException) { continue; }
                started++;
                for (var p = 0; p < 3; p++)
                {
                    var interrupt = new byte[rng.Next(1, 16)];
                    rng.NextBytes(interrupt);
                    backend.EnqueueInterrupt(interrupt);
                    bed.Clock.Advance(TimeSpan.FromSeconds(rng.Next(1, 40)));
                    await bed.PollAsync();
                }
                foreach (var command in bed.Host.GetCommands().Take(4))
                    await bed.Driver.InstantCommandAsync(command, rng.Next(2) == 0 ? null : rng.Next(-5, 70000).ToString(), CancellationToken.None);
                foreach (var variable in bed.Host.GetVariables().Where(v => v.Flags.HasFlag(UpsPS.Engine.State.VariableFlags.ReadWrite)).Take(3))
                    await bed.Driver.SetVariableAsync(variable.Name, rng.Next(3) == 0 ? "garbage" : rng.Next(-100, 100000).ToString(), CancellationToken.None);
            }
            Assert.True(started > 20, $"only {started} devices started");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        }
    }
}
