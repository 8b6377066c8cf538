using System;
using System.Diagnostics;
using System.IO;

namespace UpsPS.Engine.Hosting
{
    /// <summary>
    /// upsd's pid file (<c>upsd.pid</c> in NUT_ALTPIDPATH, else STATEPATH), so that NUT's own
    /// <c>upsd -c reload</c> and <c>upsd -c stop</c> (and the service units calling them) reach a foreground UpsPS server.
    /// Removed again on dispose while it still names this process.
    /// </summary>
    public sealed class PidFile : IDisposable
    {
        private readonly string _content;

        private PidFile(string path, string content)
        {
            Path = path;
            _content = content;
        }

        public string Path { get; }

        public static string DefaultPath(string statePath, Func<string, string?>? getEnvironment = null)
        {
            var alternative = (getEnvironment ?? Environment.GetEnvironmentVariable)("NUT_ALTPIDPATH");
            return System.IO.Path.Combine(string.IsNullOrEmpty(alternative) ? statePath : alternative!, "upsd.pid");
        }

        /// <summary>Writes the current process id; throws IOException/UnauthorizedAccessException when it cannot.</summary>
        public static PidFile Write(string path)
        {
            var content = Process.GetCurrentProcess().Id + "\n";
            File.WriteAllText(path, content);
            return new PidFile(path, content);
        }

        public void Dispose()
        {
            try
            {
                if (File.Exists(Path) && File.ReadAllText(Path) == _content) File.Delete(Path);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
