using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// Runs CMDSCRIPT for an <see cref="UpsschedAction"/>: the name is the last argument; environment UPSNAME,
    /// NOTIFYTYPE and NOTIFYMSG (2.8.5+; empty for cancel fallbacks). A single token containing blanks is run by
    /// the shell like 2.8.0 (<c>CMDSCRIPT name</c>). Waits (bounded) so handlers of one queue run in order.
    /// </summary>
    public sealed class UpsschedCommandRunner
    {
        private readonly IReadOnlyList<string> _cmdScript;
        private readonly IMonitorLog _log;

        public UpsschedCommandRunner(IReadOnlyList<string> cmdScript, IMonitorLog log)
        {
            _cmdScript = cmdScript;
            _log = log;
        }

        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

        public static ProcessStartInfo BuildStartInfo(IReadOnlyList<string> cmdScript, UpsschedAction action, bool? windows = null)
        {
            if (cmdScript.Count == 0) throw new InvalidOperationException("CMDSCRIPT is not set");
            bool isWindows = windows ?? RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            ProcessStartInfo psi;
            if (cmdScript.Count == 1 && cmdScript[0].Any(char.IsWhiteSpace))
                psi = isWindows
                    ? new ProcessStartInfo("cmd.exe", "/d /c " + cmdScript[0] + " " + CommandLineQuoting.Quote(action.Name))
                    : new ProcessStartInfo("/bin/sh", CommandLineQuoting.Join(new[] { "-c", cmdScript[0] + " \"$1\"", "sh", action.Name }));
            else
                psi = new ProcessStartInfo(cmdScript[0], CommandLineQuoting.Join(cmdScript.Skip(1).Concat(new[] { action.Name })));
            psi.UseShellExecute = false;
            psi.CreateNoWindow = true;
            psi.Environment["UPSNAME"] = action.UpsNameValue;
            psi.Environment["NOTIFYTYPE"] = action.NotifyTypeValue;
            psi.Environment["NOTIFYMSG"] = action.NotifyMessageValue;
            return psi;
        }

        public void Run(UpsschedAction action)
        {
            using var p = Process.Start(BuildStartInfo(_cmdScript, action)) ?? throw new InvalidOperationException("CMDSCRIPT did not start");
            if (!p.WaitForExit((int)Timeout.TotalMilliseconds))
            {
                try { p.Kill(); } catch (InvalidOperationException) { }
                _log.Log(MonitorLogLevel.Error, $"CMDSCRIPT {action.Name} did not finish within {Timeout.TotalSeconds:0} s; killed");
                return;
            }
            if (p.ExitCode != 0) _log.Log(MonitorLogLevel.Info, $"exec_cmd({action.Name}) returned {p.ExitCode}");
        }
    }
}
