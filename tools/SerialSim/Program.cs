using UpsPS.SerialSim;

// serial-sim q1|voltronic|apc --link PATH [--script "0:online 10:onbattery 20:lowbattery 30:off 40:online"]
//                   [--replay CAPTURE] [--protocol megatec|mustek|megatec/old|q1|voltronic-qs|voltronic-qs-hex] [--novendor]
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: UpsPS.SerialSim q1|voltronic|apc --link PATH [--script \"SECONDS:PHASE ...\"] [--replay CAPTURE] [--protocol NAME] [--novendor]");
    Console.WriteLine("phases: online onbattery lowbattery off outputoff. Point a driver's port at PATH. Needs socat.");
    return 2;
}
string? Option(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
var link = Option("--link") ?? Path.Combine(Path.GetTempPath(), "upsps-sim-tty");
var state = new UpsPhaseState();
ISimulatedDevice device;
if (args[0] == "q1")
{
    var q1 = new Q1Device(state);
    switch ((Option("--protocol") ?? "megatec").ToLowerInvariant())
    {
        case "mustek": q1.StatusCommand = "QS"; break;
        case "megatec/old": q1.StatusCommand = "D"; break;
        case "voltronic-qs": q1.StatusCommand = "QS"; q1.ModelReply = "V"; q1.VendorReply = null; break;
        case "voltronic-qs-hex": q1.StatusCommand = "QS"; q1.HexModel = 'T'; q1.ModelReply = "T"; q1.VendorReply = null; break;
        case "q1": q1.VendorReply = null; break;
    }
    if (args.Contains("--novendor")) q1.VendorReply = null;
    if (Option("--replay") is { } capture) q1.ReplayStatus = CaptureFile.Load(capture).StatusReplies();
    device = q1;
}
else if (args[0] == "voltronic")
{
    device = new VoltronicDevice(state);
}
else if (args[0] == "apc")
{
    var apc = new ApcSmartDevice(state);
    if (Option("--replay") is { } capture) apc.LoadCapture(CaptureFile.Load(capture));
    device = apc;
}
else { Console.Error.WriteLine($"unknown device '{args[0]}'"); return 2; }

await using var sim = await PtySimulator.StartAsync(device, link);
Console.WriteLine($"{args[0]} simulator on {sim.PortPath}; Ctrl+C to stop");
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
state.PhaseChanged += (from, to) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {from} -> {to}");
try
{
    if (Option("--script") is { } script) await PhaseScript.Parse(script).RunAsync(state, cts.Token);
    await Task.Delay(Timeout.Infinite, cts.Token);
}
catch (OperationCanceledException) { }
return 0;
