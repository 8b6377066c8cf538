using System.Globalization;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.UsbHid;
using UpsPS.Engine.Drivers.UsbHid.Replay;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.UsbIpSim;

// serve: export replay folders over USB/IP.   drive: run our usbhid-ups once (inside the test VM) and dump its variables.
if (args.Length == 0 || (args[0] != "serve" && args[0] != "drive" && args[0] != "list"))
{
    Console.Error.WriteLine("usage: UpsPS.UsbIpSim serve --folder DIR [--port N] [--count N] [--string INDEX=TEXT]...\n" +
                            "       UpsPS.UsbIpSim list [--port PORT]   (the HID devices the platform transport sees)\n" +
                            "       UpsPS.UsbIpSim drive --port PORT --out FILE [--option NAME=VALUE]... [--set VAR=VALUE]... [--cmd NAME]... [--wait-vendor HEXID [--items-out FILE]]");
    return 2;
}
var options = new List<(string Key, string Value)>();
for (var i = 1; i + 1 < args.Length; i += 2) options.Add((args[i].TrimStart('-'), args[i + 1]));
string? One(string key) => options.LastOrDefault(o => o.Key == key).Value;
IEnumerable<string> All(string key) => options.Where(o => o.Key == key).Select(o => o.Value);

if (args[0] == "serve")
{
    var folder = One("folder") ?? throw new ArgumentException("--folder is required");
    var count = int.Parse(One("count") ?? "1", CultureInfo.InvariantCulture);
    var devices = new List<HidUpsUsbDevice>();
    for (var n = 1; n <= count; n++)
    {
        var recording = ReplayRecording.Load(folder);
        var strings = new Dictionary<int, string>(recording.Strings);
        foreach (var s in All("string")) { var p = s.Split('=', 2); strings[int.Parse(p[0], CultureInfo.InvariantCulture)] = p[1]; }
        devices.Add(new HidUpsUsbDevice($"1-{n}", (uint)(n + 1), new ReplayHidBackend(recording).Open(_ => true), strings));
    }
    await using var server = new UsbIpServer(devices, System.Net.IPAddress.Loopback, int.Parse(One("port") ?? "3240", CultureInfo.InvariantCulture));
    server.Log += m => Console.WriteLine(m);
    server.Start();
    Console.WriteLine($"listening on 127.0.0.1:{server.Port} with {string.Join(", ", devices.Select(d => d.BusId))}");
    var done = new TaskCompletionSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; done.TrySetResult(); };
    await done.Task;
    return 0;
}

var port = One("port") ?? "auto";
if (args[0] == "list")
{
    try { HidPlatform.CreateProvider(port).Open(d => { Console.WriteLine($"{d} serial '{d.Serial}'"); return false; }); }
    catch (HidTransportException e) { Console.WriteLine(e.Message); }
    // --items VID: the report descriptor items as the transport gives them (under Windows: rebuilt from HidP caps).
    if (One("items") is { } vid)
    {
        using var device = One("folder") is { } replay ? ReplayHidBackend.Load(replay).Open(_ => true)
            : HidPlatform.CreateProvider(port).Open(d => d.VendorId == Convert.ToUInt16(vid, 16));
        DescribeItems(device).ForEach(Console.WriteLine);
    }
    return 0;
}
// Under Wine the HID bus driver enumerates hidraw in the background (after Wine's own virtual mouse and keyboard):
// wait up to 30 s until a device of this vendor id opens.
// With --items-out, the descriptor items the transport hands to the driver are written there first.
if (One("wait-vendor") is { } waitVendor)
    await WaitForDevice(port, Convert.ToUInt16(waitVendor, 16), 30, device => { if (One("items-out") is { } file) Write(file, DescribeItems(device)); });
var conf = $"[ups]\n driver = usbhid-ups\n port = {port}\n" + string.Concat(All("option").Select(o => $" {o.Replace("=", " = ")}\n"));
var section = UpsConfReader.Parse(conf).Sections.Single();
using var host = new DriverHost(section, new UsbHidUpsDriver(), new DriverHostOptions { InternalVersion = UsbHidUpsDriver.InternalVersion });
var log = new List<string>();
host.Log += (_, e) => { lock (log) log.Add(e.Message); };
var lines = new List<string>();
var failed = false;
// Each stage writes one file: variables, "#" notes, then the driver log lines of that stage.
var stages = new List<(string File, Func<Task> Run)>
{
    (One("out") ?? throw new ArgumentException("--out is required"), async () =>
    {
        await host.StartAsync();
        Dump();
        foreach (var set in All("set"))
        {
            var p = set.Split('=', 2);
            lines.Add($"#set {set} -> {await host.SetVariableAsync(p[0], p[1])} now {host.GetInfo(p[0])}");
        }
        foreach (var cmd in All("cmd")) lines.Add($"#cmd {cmd} -> {await host.InstantCommandAsync(cmd, null)}");
    }),
};
// Then keep polling (interrupt pipe + walks) until ups.status shows the awaited word, and dump again.
if (One("wait-status") is { } wait)
    stages.Add((One("after-out") ?? One("out") + ".after", async () =>
    {
        await PollUntil(() => (host.GetInfo("ups.status") ?? "").Split(' ').Contains(wait), 20, delay: false);
        Dump();
    }));
// Then ride through an unplug and replug (done by the guest script): stale, reconnected, dump once more.
if (One("replug-out") is { } replug)
    stages.Add((replug, async () =>
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await PollUntil(() => host.IsStale, 30, delay: true);
        lines.Add($"#stale {host.IsStale} after {watch.Elapsed.TotalSeconds:0.0} s");
        Write(replug + ".stale", lines);
        await PollUntil(() => !host.IsStale, 40, delay: true);
        lines.Add($"#fresh {!host.IsStale} after {watch.Elapsed.TotalSeconds:0.0} s");
        Dump();
    }));
foreach (var (file, run) in stages)
{
    lines.Clear();
    try { await run(); }
    catch (Exception e) { lines.Add("#error " + e.GetType().Name + ": " + e.Message); failed = true; }
    lock (log) { lines.AddRange(log.Select(l => "#log " + l.Replace('\n', ' '))); log.Clear(); }
    Write(file, lines);
    if (failed) break;
}
return failed ? 1 : 0;

void Dump() => lines.AddRange(host.GetVariables().OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => $"{v.Name}: {v.Value}"));

async Task PollUntil(Func<bool> condition, int seconds, bool delay)
{
    var deadline = DateTime.UtcNow.AddSeconds(seconds);
    while (!condition() && DateTime.UtcNow < deadline)
    {
        await host.PollOnceAsync();
        if (delay) await Task.Delay(200);   // without a device a poll returns at once
    }
}

static List<string> DescribeItems(IHidDevice device)
{
    var parse = typeof(UpsPS.Engine.Hid.HidReportDescriptor).Assembly.GetType("UpsPS.Engine.Hid.HidDescriptorParser")!.GetMethod("Parse")!;   // internal
    return ((UpsPS.Engine.Hid.HidReportDescriptor)parse.Invoke(null, new object[] { device.GetReportDescriptor() })!).Items
        .Select(item => $"{item} phys=[{item.PhysMin},{item.PhysMax}] unit=0x{item.Unit:x} exp={item.UnitExponent} flags=0x{item.Flags:x}").ToList();
}

static async Task WaitForDevice(string port, ushort vendorId, int seconds, Action<IHidDevice> found)
{
    var deadline = DateTime.UtcNow.AddSeconds(seconds);
    while (true)
    {
        try
        {
            using var device = HidPlatform.CreateProvider(port).Open(d => d.VendorId == vendorId);
            found(device);
            return;
        }
        catch (HidTransportException e) when (e.Fault == HidFault.NotFound && DateTime.UtcNow < deadline) { await Task.Delay(250); }
    }
}

static void Write(string file, List<string> lines)
{
    File.WriteAllLines(file + ".tmp", lines);
    File.Move(file + ".tmp", file, overwrite: true);   // appears whole: the host watches for it
}
