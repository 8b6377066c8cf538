using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.UsbHid;
using UpsPS.Engine.Drivers.UsbHid.Replay;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Hid
{
    /// <summary>Locates shared/testdata/hid and runs usbhid-ups on a replay backend with a virtual clock.</summary>
    public static class HidTestData
    {
        public static string? Root
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "..", "shared", "testdata", "hid");
                    if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
                }
                return Directory.Exists("/work/shared/testdata/hid") ? "/work/shared/testdata/hid" : null;
            }
        }

        public static string Folder(string name)
        {
            var root = Root;
            Skip.If(root == null, "shared/testdata/hid is not present next to the repository; HID replay tests need it");
            var folder = Path.Combine(root!, name);
            Skip.IfNot(Directory.Exists(folder), $"test data folder {folder} is missing");
            return folder;
        }

        public static Dictionary<string, string> Expected(string folder) =>
            File.ReadAllLines(Path.Combine(folder, ReplayRecording.ExpectedFile))
                .Select(l => l.Split(new[] { ": " }, 2, StringSplitOptions.None)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1].Split(new[] { "\t#" }, StringSplitOptions.None)[0]);
    }

    public sealed class HidReplayBed : IDisposable
    {
        public HidReplayBed(ReplayHidBackend backend, string extraOptions = "")
        {
            Backend = backend;
            var conf = UpsConfReader.Parse($"[ups]\n driver = usbhid-ups\n port = replay:{backend.Recording.Folder}\n{extraOptions}\n");
            Driver = new UsbHidUpsDriver(backend);
            Host = new DriverHost(conf.Sections.Single(), Driver, new DriverHostOptions { Clock = Clock, InternalVersion = UsbHidUpsDriver.InternalVersion });
            Host.Log += (_, e) => { lock (Logs) Logs.Add(e.Message); };
        }

        public static HidReplayBed ForTestData(string name, string extraOptions = "") =>
            new HidReplayBed(ReplayHidBackend.Load(HidTestData.Folder(name)), extraOptions);

        public ReplayHidBackend Backend { get; }
        public UsbHidUpsDriver Driver { get; }
        public DriverHost Host { get; }
        public VirtualDriverClock Clock { get; } = new VirtualDriverClock();
        public List<string> Logs { get; } = new List<string>();

        public Task StartAsync() => Host.StartAsync();
        public Task PollAsync() => Host.PollOnceAsync();

        /// <summary>Lets pollfreq pass and polls: NUT 2.8.0 recomputes ups.alarm on such full updates only.</summary>
        public Task FullUpdateAsync()
        {
            Clock.Advance(TimeSpan.FromSeconds(121));
            return Host.PollOnceAsync();
        }
        public string? Get(string name) => Host.GetInfo(name);

        public void Dispose() => Host.Dispose();
    }
}
