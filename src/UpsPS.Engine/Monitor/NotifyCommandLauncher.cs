using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// Runs NOTIFYCMD for one EXEC notification with NUT's contract: environment <c>NOTIFYTYPE</c> and
    /// <c>UPSNAME</c> (empty for UPS-less events) on top of ours, the message as the last argument.
    /// Several tokens → exec'd directly (master). A single token containing blanks (a 2.8.0-style
    /// <c>"/path/script arg"</c>) → run by the shell, the message passed as one argument (never expanded).
    /// </summary>
    public sealed class NotifyCommandLauncher
    {
        private readonly IMonitorLog _log;

        public NotifyCommandLauncher(IMonitorLog log)
        {
            _log = log;
        }

        public static ProcessStartInfo BuildStartInfo(IReadOnlyList<string> command, string notifyType, string upsName, string message, bool? windows = null)
        {
            if (command == null || command.Count == 0) throw new ArgumentException("NOTIFYCMD is not set", nameof(command));
            bool isWindows = windows ?? RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            ProcessStartInfo psi;
            if (command.Count == 1 && command[0].Any(char.IsWhiteSpace))
            {
                psi = isWindows
                    ? new ProcessStartInfo("cmd.exe", "/d /c " + command[0] + " " + CommandLineQuoting.Quote(message))
                    : new ProcessStartInfo("/bin/sh", CommandLineQuoting.Join(new[] { "-c", command[0] + " \"$1\"", "sh", message }));
            }
            else
            {
                psi = new ProcessStartInfo(command[0], CommandLineQuoting.Join(command.Skip(1).Concat(new[] { message })));
            }
            psi.UseShellExecute = false;
            psi.CreateNoWindow = true;
            psi.Environment["NOTIFYTYPE"] = notifyType;
            psi.Environment["UPSNAME"] = upsName;
            return psi;
        }

        /// <summary>Starts the command; the task completes with the exit code, or throws on start failure/timeout (the process is killed).</summary>
        public async Task<int> RunAsync(IReadOnlyList<string> command, UpsNotification n, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var psi = BuildStartInfo(command, n.TypeName, n.UpsName, n.Message);
            using var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.Exited += (_, __) => exited.TrySetResult(0);
            if (!process.Start()) throw new InvalidOperationException($"NOTIFYCMD {command[0]} did not start");
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutCts.CancelAfter(timeout);
            using (timeoutCts.Token.Register(() => exited.TrySetCanceled()))
            {
                try
                {
                    await exited.Task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    try { process.Kill(); } catch (InvalidOperationException) { }
                    throw new TimeoutException($"NOTIFYCMD for {n.Type} did not finish within {timeout.TotalSeconds:0.#} s; killed");
                }
            }
            process.WaitForExit();
            if (process.ExitCode != 0) _log.Log(MonitorLogLevel.Debug, $"NOTIFYCMD for {n.Type} returned {process.ExitCode}");
            return process.ExitCode;
        }
    }
}
