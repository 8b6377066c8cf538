using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.UsbHid.Replay;
using UpsPS.Tests.Unit.Support;
using UpsPS.UsbIpSim;
using Xunit;

namespace UpsPS.Tests.Unit.Hid.UsbVm
{
    /// <summary>
    /// Boots a Debian kernel in QEMU with the host's / shared read-only over virtio-9p, exports three copies of the
    /// emulated APC Back-UPS (one per stage, so every driver sees a fresh replay) from an in-process USB/IP server,
    /// and runs tools/usbvm/guest-usbhid.sh inside: our usbhid-ups on hidraw (1-1), on libusb (1-2), then the real
    /// NUT 2.8.0 usbhid-ups behind upsd (1-3). The VM runs once per test run; the tests read its results.
    /// Acceleration is TCG unless UPSPS_USBVM_ACCEL=kvm: the /dev/kvm of our CI machines is PVM (kvm_pvm), which
    /// only runs guest kernels built for it, and TCG boots this kernel in about 3 s.
    /// </summary>
    public sealed class UsbVmBed
    {
        public const string Folder = "APC_Back-UPS_BK650M2-CH";
        /// <summary>Exported as 1-4 and 1-5 (extra1, extra2): compared between our hidraw driver and real NUT only.</summary>
        public static readonly string[] ExtraFolders = { "APC_Smart-UPS_X_750", "PowerWalker_VI_2200_SH_paths-only" };
        /// <summary>The Back-UPS's battery chemistry string (iDeviceChemistry = 4); NUT's dump lists it as battery.type.</summary>
        public const string ChemistryString = "PbAc";
        private static readonly Lazy<Task<UsbVmBed>> Shared = new Lazy<Task<UsbVmBed>>(() => RunAsync());

        public string Results { get; private set; } = "";
        public string GuestLog { get; private set; } = "";
        public IReadOnlyList<HidUpsUsbDevice> Devices { get; private set; } = Array.Empty<HidUpsUsbDevice>();
        /// <summary>1-6, the Back-UPS served to the Windows transport under Wine; null when that stage is skipped.</summary>
        public HidUpsUsbDevice? WinHidDevice { get; private set; }
        /// <summary>Why the Wine stage did not run (wine64 or the win-x64 publish/prefix missing); null when it ran.</summary>
        public string? WinHidSkipReason { get; private set; }
        public TimeSpan Elapsed { get; private set; }
        public string Console { get; private set; } = "";

        /// <summary>Skips (with the reason) when something the VM needs is missing; otherwise the shared run.</summary>
        public static async Task<UsbVmBed> GetAsync()
        {
            Skip.IfNot(OperatingSystem.IsLinux(), "the USB VM test bed needs Linux");
            var root = RepoRoot();
            Skip.If(root == null, "repository root (UpsPS.sln) not found above the test binaries");
            Skip.IfNot(File.Exists(Qemu), $"{Qemu} is missing; run tools/install-deps.sh (package qemu-system-x86)");
            Skip.IfNot(File.Exists(Path.Combine(Cache(root!), "vmlinuz")), $"no kernel in {Cache(root!)}; run tools/install-deps.sh (downloads the Debian kernel)");
            Skip.IfNot(File.Exists("/bin/busybox"), "/bin/busybox is missing; run tools/install-deps.sh (package busybox-static)");
            Skip.IfNot(File.Exists("/usr/sbin/usbip"), "/usr/sbin/usbip is missing; run tools/install-deps.sh (package usbip)");
            HidTestData.Folder(Folder);
            return await Shared.Value.ConfigureAwait(false);
        }

        private const string Qemu = "/usr/bin/qemu-system-x86_64";
        /// <summary>QEMU is killed after this. About 2 min at load 10-15 with the Wine stage; the margin is for busier CI.</summary>
        public static readonly TimeSpan VmTimeout = TimeSpan.FromSeconds(230);
        private const string Wine = "/usr/lib/wine/wine64";

        private static string WineCache(string root) => Path.Combine(Cache(root), "winhid");

        private static string? WineMissing(string root)
        {
            if (!File.Exists(Wine)) return $"{Wine} is missing; run tools/install-deps.sh (package wine64)";
            var cache = WineCache(root);
            if (!File.Exists(Path.Combine(cache, "app", "UpsPS.UsbIpSim.exe")) || !File.Exists(Path.Combine(cache, "prefix", ".ready")))
                return $"no win-x64 publish or Wine prefix in {cache}; run tools/install-deps.sh (tools/usbvm/prepare-wine.sh)";
            return null;
        }

        private static string Cache(string root) => Path.Combine(root, ".cache", "usbvm");

        private static string? RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "UpsPS.sln"))) return dir.FullName;
            return null;
        }

        private static async Task<UsbVmBed> RunAsync()
        {
            var root = RepoRoot()!;
            var bed = new UsbVmBed();
            var work = Path.Combine(Path.GetTempPath(), "upsps-usbvm-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            bed.Results = Path.Combine(work, "results");
            Directory.CreateDirectory(bed.Results);
            var initramfs = Path.Combine(work, "initramfs.cpio.gz");
            await RunToolAsync(Path.Combine(root, "tools", "usbvm", "make-initramfs.sh"), new[] { Cache(root), initramfs }).ConfigureAwait(false);

            var folder = HidTestData.Folder(Folder);
            var devices = new List<HidUpsUsbDevice>();
            var backends = new List<ReplayHidBackend>();
            for (var n = 1; n <= 3; n++)
            {
                var backend = ReplayHidBackend.Load(folder);
                var strings = new Dictionary<int, string>(backend.Recording.Strings) { [4] = ChemistryString };
                devices.Add(new HidUpsUsbDevice($"1-{n}", (uint)(n + 1), backend.Open(_ => true), strings));
                backends.Add(backend);
            }
            // 1-4, 1-5: the other folders, attached together; our hidraw driver and NUT only compare values there.
            var extraIds = new List<string>();
            foreach (var (name, n) in ExtraFolders.Select((f, i) => (f, i + 4)))
            {
                var extraFolder = Path.Combine(HidTestData.Root!, name);
                if (!Directory.Exists(extraFolder)) continue;
                var backend = ReplayHidBackend.Load(extraFolder);
                devices.Add(new HidUpsUsbDevice($"1-{n}", (uint)(n + 1), backend.Open(_ => true), backend.Recording.Strings));
                extraIds.Add($"{backend.Recording.Info.VendorIdText}:{backend.Recording.Info.ProductIdText}");
            }
            // 1-6: the Windows transport (hid.dll + SetupAPI) under Wine, when tools/usbvm/prepare-wine.sh prepared it.
            var winhid = WineCache(root);
            bed.WinHidSkipReason = WineMissing(root);
            if (bed.WinHidSkipReason == null)
            {
                var backend = ReplayHidBackend.Load(folder);
                var strings = new Dictionary<int, string>(backend.Recording.Strings) { [4] = ChemistryString };
                bed.WinHidDevice = new HidUpsUsbDevice("1-6", 7, backend.Open(_ => true), strings);
                devices.Add(bed.WinHidDevice);
                backends.Add(backend);
            }
            bed.Devices = devices;
            using var vmDone = new CancellationTokenSource();
            var triggers = new[] { "ours-hidraw.txt", "ours-libusb.txt", "nut-upsc.txt" }
                .Select((file, i) => GoOnBatteryAfterAsync(Path.Combine(bed.Results, file), devices[i], backends[i], vmDone.Token)).ToList();
            if (bed.WinHidDevice != null)
                triggers.Add(GoOnBatteryAfterAsync(Path.Combine(bed.Results, "ours-winhid.txt"), bed.WinHidDevice, backends[backends.Count - 1], vmDone.Token));
            await using var server = new UsbIpServer(devices, IPAddress.Loopback, 0);
            server.Start();

            var sim = Path.Combine(AppContext.BaseDirectory, "UpsPS.UsbIpSim.dll");
            var accel = Environment.GetEnvironmentVariable("UPSPS_USBVM_ACCEL") == "kvm" ? new[] { "-accel", "kvm", "-cpu", "host" } : new[] { "-accel", "tcg,thread=multi" };
            var args = accel.Concat(new[]
            {
                "-m", "1536", "-smp", "2", "-nographic", "-no-reboot",
                "-kernel", Path.Combine(Cache(root), "vmlinuz"), "-initrd", initramfs,
                "-append", $"console=ttyS0 quiet panic=-1 usbvm.results={bed.Results} usbvm.repo={root} usbvm.script={Path.Combine(root, "tools", "usbvm", "guest-usbhid.sh")} usbvm.args={server.Port},{sim},{(bed.WinHidSkipReason == null ? winhid : "-")}{(extraIds.Count == 2 ? "," + string.Join(",", extraIds) : "")}",
                "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                "-virtfs", $"local,path={root},mount_tag=repo,security_model=none,readonly=on,multidevs=remap",
                "-virtfs", $"local,path={bed.Results},mount_tag=results,security_model=none",
                "-netdev", "user,id=n0", "-device", "virtio-net-pci,netdev=n0,romfile=",
            }).ToArray();
            var watch = Stopwatch.StartNew();
            try { bed.Console = await RunToolAsync(Qemu, args, VmTimeout).ConfigureAwait(false); }
            finally { vmDone.Cancel(); File.Delete(initramfs); }   // the results stay for inspection
            bed.Elapsed = watch.Elapsed;
            await Task.WhenAll(triggers).ConfigureAwait(false);
            var log = Path.Combine(bed.Results, "guest.log");
            foreach (var d in devices) File.WriteAllLines(Path.Combine(bed.Results, $"requests-{d.BusId}.txt"), d.Requests);
            bed.GuestLog = File.Exists(log) ? File.ReadAllText(log) : "(no guest.log)";
            return bed;
        }

        /// <summary>ACPresent (report 0x13) drops to 0 as an Input report on the interrupt pipe once a stage's first dump
        /// exists; the Feature report of the same id says the same from then on, like a real UPS.</summary>
        private static async Task GoOnBatteryAfterAsync(string trigger, HidUpsUsbDevice device, ReplayHidBackend backend, CancellationToken vmDone)
        {
            try { await Poll.UntilAsync(() => File.Exists(trigger) || vmDone.IsCancellationRequested, VmTimeout).ConfigureAwait(false); }
            catch (TimeoutException) { return; }
            if (vmDone.IsCancellationRequested) return;
            backend.SetReport(OnBatteryReport);
            device.QueueInput(OnBatteryReport);
        }

        public static readonly byte[] OnBatteryReport = { 0x13, 0x00 };

        /// <summary>Runs a program to completion (killing it at the timeout) and returns its combined output.</summary>
        private static async Task<string> RunToolAsync(string path, string[] args, TimeSpan? timeout = null)
        {
            var psi = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
            try { await process.WaitForExitAsync(cts.Token).ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Path.GetFileName(path)} did not finish within {timeout}:\n{await stdout.ConfigureAwait(false)}");
            }
            var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(path)} exited {process.ExitCode}:\n{output}");
            return output;
        }

        /// <summary>"name: value" lines of a result file (driver dump or upsc output); null when the stage wrote none.</summary>
        public Dictionary<string, string>? Variables(string file)
        {
            var path = Path.Combine(Results, file);
            if (!File.Exists(path)) return null;
            return File.ReadAllLines(path).Where(l => !l.StartsWith("#", StringComparison.Ordinal))
                .Select(l => l.Split(new[] { ": " }, 2, StringSplitOptions.None)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1]);
        }

        public string[] Notes(string file)
        {
            var path = Path.Combine(Results, file);
            return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.StartsWith("#", StringComparison.Ordinal)).ToArray() : Array.Empty<string>();
        }

        public string Describe(string file) =>
            $"{file} in {Results}\n--- guest.log\n{GuestLog}\n--- {file}\n" +
            (File.Exists(Path.Combine(Results, file)) ? File.ReadAllText(Path.Combine(Results, file)) : "(missing)") + $"\n--- console\n{Console}";
    }
}
