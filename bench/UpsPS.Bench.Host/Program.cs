using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Hosting;
using UpsPS.Engine.Server;

// Runs UpsPS's server (Hosting.UpsServerHost, drivers in-process) on a NUT configuration directory until
// SIGTERM / Ctrl+C. Usage: UpsPS.Bench.Host <confdir> [--stamp <ups> <var> <interval-ms>]
// --stamp makes the in-process driver of <ups> publish the wall clock in microseconds as <var> every
// <interval-ms>, so a polling client can measure driver-to-client propagation (loadgen prop).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: UpsPS.Bench.Host <confdir> [--stamp <ups> <var> <interval-ms>]");
    return 2;
}

var config = NutConfiguration.Load(args[0], DriverRegistry.CreateDefault());
var host = new UpsServerHost(config, new ServerHostOptions(), new DelegateServerLog(line => Console.Error.WriteLine(line)));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });

await host.StartAsync(stop.Token);
Console.WriteLine("listening " + string.Join(" ", host.Server.BoundEndpoints));

Task stamping = Task.CompletedTask;
var stampAt = Array.IndexOf(args, "--stamp");
if (stampAt >= 0 && args.Length >= stampAt + 4)
{
    var ups = args[stampAt + 1];
    var variable = args[stampAt + 2];
    var interval = TimeSpan.FromMilliseconds(int.Parse(args[stampAt + 3]));
    var supervisor = host.Drivers.First(d => string.Equals(d.UpsName, ups, StringComparison.OrdinalIgnoreCase));
    stamping = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            var micros = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
            supervisor.Current?.SetInfo(variable, micros.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try { await Task.Delay(interval, stop.Token); } catch (OperationCanceledException) { }
        }
    });
}

try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
await stamping;
// Benchmarks only need the process gone; do not let a slow shutdown keep it alive.
await Task.WhenAny(host.StopAsync(), Task.Delay(TimeSpan.FromSeconds(3)));
return 0;
