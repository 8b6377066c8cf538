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
    /// SHUTDOWNCMD through the shell, like upsmon's system(): the first token is a command line taken verbatim,
    /// later tokens are appended single-quoted (master). A non-zero exit status is an error.
    /// </summary>
    public sealed class ShellShutdownAction : IShutdownAction
    {
        private readonly Func<IReadOnlyList<string>> _command;
        private readonly IMonitorLog _log;

        public ShellShutdownAction(Func<IReadOnlyList<string>> command, IMonitorLog log)
        {
            _command = command;
            _log = log;
        }

        public static string BuildCommandLine(IReadOnlyList<string> tokens) =>
            string.Join(" ", new[] { tokens[0] }.Concat(tokens.Skip(1).Select(CommandLineQuoting.ShellSingleQuote)));

        public async Task ExecuteAsync(ShutdownDecision decision, CancellationToken cancellationToken)
        {
            var tokens = _command();
            if (tokens == null || tokens.Count == 0) throw new InvalidOperationException("no shutdown command defined");
            string line = BuildCommandLine(tokens);
            bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            var psi = windows
                ? new ProcessStartInfo("cmd.exe", "/d /c " + line)
                : new ProcessStartInfo("/bin/sh", CommandLineQuoting.Join(new[] { "-c", line }));
            psi.UseShellExecute = false;
            psi.CreateNoWindow = true;
            _log.Log(MonitorLogLevel.Info, "Running shutdown command: " + line);
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("shutdown command did not start");
            await Task.Run(() => process.WaitForExit(), cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0) throw new InvalidOperationException($"{line} exited with status {process.ExitCode}");
        }
    }
}
