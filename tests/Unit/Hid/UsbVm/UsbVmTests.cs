using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Hid.UsbVm
{
    /// <summary>
    /// Our hidraw and libusb transports and the real NUT 2.8.0 usbhid-ups against the same emulated USB HID UPS, seen
    /// by a real Linux kernel (vhci-hcd + usbhid in a QEMU guest, device served over USB/IP). See tools/usbvm.
    /// </summary>
    [Collection("UsbVm")]
    public class UsbVmTests
    {
        /// <summary>Same rules as the replay test (UsbHidReplayTests): values the recording cannot reproduce.</summary>
        private static readonly string[] NotInRecording = { "battery.type", "ups.serial", "ups.load" };
        private readonly ITestOutputHelper _output;

        public UsbVmTests(ITestOutputHelper output) => _output = output;

        private async Task<UsbVmBed> BedAsync()
        {
            var bed = await UsbVmBed.GetAsync();
            _output.WriteLine($"VM run {bed.Elapsed.TotalSeconds:0.0} s; guest log:\n{bed.GuestLog}");
            return bed;
        }

        internal static List<string> CompareWithExpected(Dictionary<string, string> actual)
        {
            var expected = HidTestData.Expected(HidTestData.Folder(UsbVmBed.Folder));
            var mismatches = new List<string>();
            foreach (var kv in expected)
            {
                if (kv.Key.StartsWith("driver.", StringComparison.Ordinal) || NotInRecording.Contains(kv.Key)) continue;
                actual.TryGetValue(kv.Key, out var value);
                if (value != kv.Value) mismatches.Add($"{kv.Key}: expected '{kv.Value}', got '{value ?? "(none)"}'");
            }
            mismatches.AddRange(actual.Keys.Where(k => !k.StartsWith("driver.", StringComparison.Ordinal) && !expected.ContainsKey(k)).Select(k => $"{k}: not expected"));
            if (actual.TryGetValue("ups.serial", out var serial) && serial != "9B2019A14274") mismatches.Add($"ups.serial: {serial}");
            if (actual.TryGetValue("ups.load", out var load) && load != "0") mismatches.Add($"ups.load: {load}");
            return mismatches;
        }

        internal static List<string> Diff(Dictionary<string, string> ours, Dictionary<string, string> nut, params string[] ignore)
        {
            var names = ours.Keys.Union(nut.Keys).Where(k => !k.StartsWith("driver.", StringComparison.Ordinal) && !ignore.Contains(k)).OrderBy(k => k, StringComparer.Ordinal);
            return names.Where(k => !ours.TryGetValue(k, out var a) | !nut.TryGetValue(k, out var b) || a != b)
                .Select(k => $"{k}: ours '{(ours.TryGetValue(k, out var a) ? a : "(none)")}', NUT '{(nut.TryGetValue(k, out var b) ? b : "(none)")}'").ToList();
        }

        [SkippableFact]
        public async Task HidrawTransportPublishesTheExpectedVariables()
        {
            var bed = await BedAsync();
            var vars = bed.Variables("ours-hidraw.txt");
            Assert.True(vars != null, bed.Describe("ours-hidraw.txt"));
            var mismatches = CompareWithExpected(vars!);
            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches) + "\n" + bed.Describe("ours-hidraw.txt"));
            Assert.Equal("/dev/hidraw0", vars!["driver.parameter.port"]);
            // hidraw reaches no string descriptor beyond the three sysfs ones, so battery.type (string 4) is absent.
            Assert.False(vars.ContainsKey("battery.type"));
        }

        [SkippableFact]
        public async Task LibusbTransportPublishesTheExpectedVariablesIncludingStringDescriptors()
        {
            var bed = await BedAsync();
            var vars = bed.Variables("ours-libusb.txt");
            Assert.True(vars != null, bed.Describe("ours-libusb.txt"));
            var mismatches = CompareWithExpected(vars!);
            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches) + "\n" + bed.Describe("ours-libusb.txt"));
            Assert.Equal(UsbVmBed.ChemistryString, vars!["battery.type"]);
        }

        [SkippableFact]
        public async Task OurTransportsMatchTheRealNutUsbhidUpsOnTheSameDevice()
        {
            Skip.IfNot(System.IO.File.Exists("/lib/nut/usbhid-ups"), "/lib/nut/usbhid-ups (package nut-server) is missing");
            var bed = await BedAsync();
            var nut = bed.Variables("nut-upsc.txt");
            Assert.True(nut != null && nut.Count > 0, bed.Describe("nut-upsc.txt"));
            Assert.Equal("2.8.0", nut!["driver.version"]);
            var libusb = Diff(bed.Variables("ours-libusb.txt")!, nut);
            Assert.True(libusb.Count == 0, "libusb vs NUT:\n" + string.Join("\n", libusb));
            var hidraw = Diff(bed.Variables("ours-hidraw.txt")!, nut, "battery.type");
            Assert.True(hidraw.Count == 0, "hidraw vs NUT:\n" + string.Join("\n", hidraw));
        }

        [SkippableFact]
        public async Task InputReportOnTheInterruptPipeChangesTheStatusLikeRealNut()
        {
            var bed = await BedAsync();
            var hidraw = bed.Variables("ours-hidraw-input.txt");
            var libusb = bed.Variables("ours-libusb-input.txt");
            Assert.True(hidraw != null, bed.Describe("ours-hidraw-input.txt"));
            Assert.True(libusb != null, bed.Describe("ours-libusb-input.txt"));
            Assert.Equal("OB DISCHRG", hidraw!["ups.status"]);
            Assert.Equal("OB DISCHRG", libusb!["ups.status"]);
            if (!System.IO.File.Exists("/lib/nut/usbhid-ups")) return;
            var nut = bed.Variables("nut-upsc-input.txt");
            Assert.True(nut != null, bed.Describe("nut-upsc-input.txt"));
            var diff = Diff(libusb, nut!);
            Assert.True(diff.Count == 0, "libusb vs NUT after the Input report:\n" + string.Join("\n", diff));
            diff = Diff(hidraw, nut!, "battery.type", "battery.charge.low");   // the hidraw stage set it to 40
            Assert.True(diff.Count == 0, "hidraw vs NUT after the Input report:\n" + string.Join("\n", diff));
        }

        [SkippableTheory]
        [InlineData("hidraw")]
        [InlineData("libusb")]
        public async Task UnplugMakesTheDataStaleAndReplugReconnects(string transport)
        {
            var bed = await BedAsync();
            var file = $"ours-{transport}-replug.txt";
            var after = bed.Variables(file);
            Assert.True(after != null, bed.Describe(file));
            var notes = bed.Notes(file);
            Assert.Contains(notes, n => n.StartsWith("#stale True", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.StartsWith("#fresh True", StringComparison.Ordinal));
            // The same device state (still on battery) is read again after the reconnect.
            var diff = Diff(after!, bed.Variables($"ours-{transport}-input.txt")!);
            Assert.True(diff.Count == 0, string.Join("\n", diff));
        }

        /// <summary>
        /// Differences against real NUT 2.8.0 found by this bed and not yet resolved in the driver (docs/usbhid-ups.md,
        /// "Checked against a real kernel"): a fix makes the list shorter, never the test red. battery.type: NUT publishes
        /// an empty value for string index 0, and hidraw reads no strings. Smart-UPS X (all reports zero): we add RB and
        /// "No battery installed!" for BatteryPresent = 0, NUT 2.8.0 does not. PowerWalker: NUT 2.8.0's Phoenixtec/Liebert
        /// table (0.41) has input/output voltage and output frequency and prints battery.voltage with two decimals;
        /// ours follows NUT 2.7.4's table (0.3), which produced the dump.
        /// </summary>
        private static readonly string[][] KnownExtraDifferences =
        {
            new[] { "battery.type", "ups.alarm" },
            new[] { "battery.type", "battery.voltage", "input.voltage", "output.voltage", "output.frequency" },
        };

        [SkippableTheory]
        [InlineData(1)]
        [InlineData(2)]
        public async Task OtherReplayFoldersGiveTheSameVariablesAsRealNutExceptKnownDifferences(int extra)
        {
            Skip.IfNot(System.IO.File.Exists("/lib/nut/usbhid-ups"), "/lib/nut/usbhid-ups (package nut-server) is missing");
            var bed = await BedAsync();
            var ours = bed.Variables($"extra{extra}-ours.txt");
            var nut = bed.Variables($"extra{extra}-nut-upsc.txt");
            Assert.True(ours != null, bed.Describe($"extra{extra}-ours.txt"));
            Assert.True(nut != null && nut.Count > 10, bed.Describe($"extra{extra}-nut-upsc.txt"));
            Assert.Equal(nut!["driver.version.data"].Split(' ')[0], ours!["driver.version.data"].Split(' ')[0]);   // same subdriver family
            var diff = Diff(ours, nut).Where(d => !KnownExtraDifferences[extra - 1].Contains(d.Substring(0, d.IndexOf(':')))).ToList();
            Assert.True(diff.Count == 0, $"{UsbVmBed.ExtraFolders[extra - 1]} hidraw vs NUT:\n" + string.Join("\n", diff));
            _output.WriteLine("all differences:\n" + string.Join("\n", Diff(ours, nut)));
        }

        [SkippableFact]
        public async Task SetAndInstantCommandThroughHidrawReachTheDeviceAsFeatureReports()
        {
            var bed = await BedAsync();
            var notes = bed.Notes("ours-hidraw.txt");
            Assert.Contains("#set battery.charge.low=40 -> Handled now 40", notes);
            Assert.Contains("#cmd beeper.disable -> Handled", notes);
            var written = bed.Devices[0].SetReports.Select(r => BitConverter.ToString(r)).ToList();

            // The same operations on the replay backend give the bytes the driver means to write.
            using var replay = HidReplayBed.ForTestData(UsbVmBed.Folder);
            await replay.StartAsync();
            Assert.Equal(DriverResult.Handled, await replay.Host.SetVariableAsync("battery.charge.low", "40", CancellationToken.None));
            Assert.Equal(DriverResult.Handled, await replay.Host.InstantCommandAsync("beeper.disable", null, CancellationToken.None));
            var intended = replay.Backend.Writes.Select(r => BitConverter.ToString(r)).ToList();
            Assert.Equal("11-28", intended[0]);
            Assert.Equal(intended, written);
            Assert.Empty(bed.Devices[1].SetReports);
        }

        [SkippableFact]
        public async Task KernelAndDriversAskedTheEmulatorForDescriptorsAndReports()
        {
            var bed = await BedAsync();
            var requests = bed.Devices[0].Requests;
            Assert.Contains(requests, r => r.StartsWith("80 06 0100", StringComparison.Ordinal));   // device descriptor
            Assert.Contains(requests, r => r.StartsWith("81 06 2200", StringComparison.Ordinal));   // report descriptor (usbhid)
            Assert.Contains(requests, r => r.StartsWith("a1 01 030c", StringComparison.Ordinal));   // GET_REPORT Feature 0x0c via HIDIOCGFEATURE
            // libusb and NUT read string descriptors themselves (string 4 = battery chemistry).
            Assert.Contains(bed.Devices[1].Requests, r => r.StartsWith("80 06 0304", StringComparison.Ordinal));
            Assert.Contains(bed.Devices[2].Requests, r => r.StartsWith("80 06 0304", StringComparison.Ordinal));
            Assert.True(bed.Elapsed < UsbVmBed.VmTimeout, $"VM run took {bed.Elapsed}");
        }
    }
}
