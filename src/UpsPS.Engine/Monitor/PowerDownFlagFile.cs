using System;
using System.IO;
using System.Text;

namespace UpsPS.Engine.Monitor
{
    /// <summary>The POWERDOWNFLAG ("killpower") file: exactly the 20 bytes <c>upsmon-shutdown-file</c>, no newline.</summary>
    public static class PowerDownFlagFile
    {
        public const string Magic = "upsmon-shutdown-file";

        public static byte[] Content => Encoding.ASCII.GetBytes(Magic);

        /// <summary>Creates or truncates the file with the magic.</summary>
        public static void Write(string path)
        {
            using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
            var bytes = Content;
            fs.Write(bytes, 0, bytes.Length);
            fs.Flush(true);
        }

        /// <summary><c>upsmon -K</c>: configured, exists, and starts with the magic.</summary>
        public static bool IsSet(string? path)
        {
            if (string.IsNullOrEmpty(path)) return false;
            try
            {
                if (!File.Exists(path)) return false;
                var buffer = new byte[Magic.Length];
                using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                int read = 0;
                while (read < buffer.Length)
                {
                    int n = fs.Read(buffer, read, buffer.Length - read);
                    if (n == 0) break;
                    read += n;
                }
                return read == buffer.Length && Encoding.ASCII.GetString(buffer) == Magic;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        public enum StartupCheck { Absent, RemovedStale, ForeignContent }

        /// <summary>Start-up rule: an existing flag with the magic is deleted; foreign content disables the feature.</summary>
        public static StartupCheck CheckAtStartup(string path)
        {
            if (!File.Exists(path)) return StartupCheck.Absent;
            if (!IsSet(path)) return StartupCheck.ForeignContent;
            File.Delete(path);
            return StartupCheck.RemovedStale;
        }
    }
}
