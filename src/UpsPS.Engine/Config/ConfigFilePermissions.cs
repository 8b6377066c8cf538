using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace UpsPS.Engine.Config
{
    /// <summary>
    /// upsd warns when files holding secrets can be read by everyone; so do we. Unix permission bits are read through
    /// File.GetUnixFileMode (.NET 7+, found by reflection since the engine targets netstandard2.0); elsewhere no check.
    /// </summary>
    public static class ConfigFilePermissions
    {
        private const int OtherRead = 0x4; // S_IROTH

        /// <summary>The warning text when <paramref name="path"/> (file or directory) is world-readable, else null.</summary>
        public static string? WorldReadableWarning(string path)
        {
            var mode = UnixMode(path);
            if (mode == null || (mode.Value & OtherRead) == 0) return null;
            return $"{path} is world readable";
        }

        /// <summary>Permission bits of a file or directory, or null when unknown (Windows, old runtime, missing file).</summary>
        public static int? UnixMode(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
            if (!File.Exists(path) && !Directory.Exists(path)) return null;
            var method = typeof(File).GetMethod("GetUnixFileMode", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null);
            if (method == null) return null;
            try { return Convert.ToInt32(method.Invoke(null, new object[] { path })); }
            catch (TargetInvocationException) { return null; }
        }
    }
}
