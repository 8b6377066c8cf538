using System.Diagnostics;
using System.Runtime.InteropServices;

namespace UpsPS.Engine.Monitor
{
    /// <summary>The WALL flag: broadcast a message to logged-in users.</summary>
    public interface IWallSink
    {
        void Broadcast(string message);
    }

    /// <summary><c>wall</c> on POSIX, <c>msg *</c> on Windows. Fire and forget.</summary>
    public sealed class ProcessWallSink : IWallSink
    {
        public void Broadcast(string message)
        {
            bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            var psi = windows
                ? new ProcessStartInfo("msg", CommandLineQuoting.Join(new[] { "*", message }))
                : new ProcessStartInfo("wall", CommandLineQuoting.Join(new[] { message }));
            psi.UseShellExecute = false;
            psi.CreateNoWindow = true;
            using var p = Process.Start(psi);
        }
    }
}
