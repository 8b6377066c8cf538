using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Hid.UsbVm
{
    /// <summary>
    /// The Windows transport (hid.dll + SetupAPI, WindowsHidDeviceProvider) run for real, as a self-contained win-x64
    /// build under Wine inside the USB VM: Wine's hid.dll/hidclass/winebus.sys reach the guest's /dev/hidraw0. This is
    /// Wine's implementation of the Windows API, not Microsoft's (docs/usb-vm-test-bed.md says what that proves).
    /// Skipped when wine64 or the win-x64 publish and prefix (tools/usbvm/prepare-wine.sh) are missing.
    /// </summary>
    [Collection("UsbVm")]
    public class UsbVmWindowsTransportTests
    {
        private static readonly string[] WineStrings = { "ups.mfr", "device.mfr", "ups.model", "device.model" };
        private readonly ITestOutputHelper _output;

        public UsbVmWindowsTransportTests(ITestOutputHelper output) => _output = output;

        private async Task<UsbVmBed> BedAsync()
        {
            var bed = await UsbVmBed.GetAsync();
            Skip.If(bed.WinHidSkipReason != null, bed.WinHidSkipReason);
            _output.WriteLine($"VM run {bed.Elapsed.TotalSeconds:0.0} s; guest log:\n{bed.GuestLog}");
            return bed;
        }

        private static string Describe(UsbVmBed bed, string file) =>
            bed.Describe(file) + "\n--- wine.log (tail)\n" + string.Join("\n",
                (System.IO.File.Exists(System.IO.Path.Combine(bed.Results, "wine.log")) ? System.IO.File.ReadAllLines(System.IO.Path.Combine(bed.Results, "wine.log")) : Array.Empty<string>()).TakeLast(60));

        [SkippableFact]
        public async Task WindowsTransportUnderWinePublishesTheExpectedVariables()
        {
            var bed = await BedAsync();
            var vars = bed.Variables("ours-winhid.txt");
            Assert.True(vars != null && vars.Count > 0, Describe(bed, "ours-winhid.txt"));
            // Wine's hidraw backend answers HidD_GetManufacturerString with "hidraw" and HidD_GetProductString with the
            // kernel's HID_NAME (manufacturer and product joined); Windows gives the USB strings. Everything else must
            // be what the replay test expects.
            var mismatches = UsbVmTests.CompareWithExpected(vars!).Where(m => !WineStrings.Contains(m.Substring(0, m.IndexOf(':')))).ToList();
            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches) + "\n" + Describe(bed, "ours-winhid.txt"));
            Assert.Equal("hidraw", vars!["ups.mfr"]);
            Assert.Equal("American Power Conversion BK650M2-CH", vars["ups.model"]);
            Assert.Equal("auto", vars["driver.parameter.port"]);
            // The descriptor is rebuilt from HidP caps here (Windows hands out no raw descriptor), yet gives hidraw's listing.
            var hidraw = bed.Variables("ours-hidraw.txt");
            Assert.True(hidraw != null, bed.Describe("ours-hidraw.txt"));
            var diff = UsbVmTests.Diff(vars, hidraw!, WineStrings.Concat(new[] { "battery.type", "driver.parameter.port" }).ToArray());
            Assert.True(diff.Count == 0, "Windows transport vs hidraw:\n" + string.Join("\n", diff));
            // String 4 needs IOCTL_HID_GET_INDEXED_STRING, which Wine 8's hidclass does not implement; Windows does.
            if (vars.TryGetValue("battery.type", out var chemistry)) Assert.Equal(UsbVmBed.ChemistryString, chemistry);
        }

        /// <summary>Windows gives no report descriptor; the one rebuilt from HidP caps must give the driver the same
        /// items as the device's real descriptor: paths, report ids, bit offsets and sizes, logical and physical
        /// ranges, units, flags.</summary>
        [SkippableFact]
        public async Task DescriptorRebuiltFromHidPCapsHasTheRealDescriptorsItems()
        {
            var bed = await BedAsync();
            var path = System.IO.Path.Combine(bed.Results, "ours-winhid-items.txt");
            Assert.True(System.IO.File.Exists(path), Describe(bed, "ours-winhid-items.txt"));
            var rebuilt = System.IO.File.ReadAllLines(path).Select(l => l.TrimEnd('\r')).OrderBy(l => l, StringComparer.Ordinal).ToList();
            using var replay = UpsPS.Engine.Drivers.UsbHid.Replay.ReplayHidBackend.Load(HidTestData.Folder(UsbVmBed.Folder)).Open(_ => true);
            var real = UpsPS.Engine.Hid.HidDescriptorParser.Parse(replay.GetReportDescriptor()).Items
                .Select(i => $"{i} phys=[{i.PhysMin},{i.PhysMax}] unit=0x{i.Unit:x} exp={i.UnitExponent} flags=0x{i.Flags:x}")
                .OrderBy(l => l, StringComparer.Ordinal).ToList();
            Assert.Equal(71, real.Count);
            Assert.Equal(real, rebuilt);
        }

        [SkippableFact]
        public async Task InputReportThroughReadFileChangesTheStatus()
        {
            var bed = await BedAsync();
            var after = bed.Variables("ours-winhid-input.txt");
            Assert.True(after != null, Describe(bed, "ours-winhid-input.txt"));
            Assert.Equal("OB DISCHRG", after!["ups.status"]);
        }

        [SkippableFact]
        public async Task SetAndInstantCommandThroughHidDllReachTheDeviceAsFeatureReports()
        {
            var bed = await BedAsync();
            var notes = bed.Notes("ours-winhid.txt");
            Assert.True(notes.Contains("#set battery.charge.low=40 -> Handled now 40"), Describe(bed, "ours-winhid.txt"));
            Assert.Contains("#cmd beeper.disable -> Handled", notes);
            var written = bed.WinHidDevice!.SetReports.Select(r => BitConverter.ToString(r)).ToList();

            using var replay = HidReplayBed.ForTestData(UsbVmBed.Folder);
            await replay.StartAsync();
            Assert.Equal(DriverResult.Handled, await replay.Host.SetVariableAsync("battery.charge.low", "40", CancellationToken.None));
            Assert.Equal(DriverResult.Handled, await replay.Host.InstantCommandAsync("beeper.disable", null, CancellationToken.None));
            var intended = replay.Backend.Writes.Select(r => BitConverter.ToString(r)).ToList();
            Assert.Equal("11-28", intended[0]);
            Assert.Equal(intended, written);
        }
    }
}
