using System.IO;

namespace UpsPS.Engine.DriverSocket
{
    /// <summary>NUT's driver socket names: STATEPATH/&lt;driver&gt;-&lt;ups&gt;, or \\.\pipe\&lt;driver&gt;-&lt;ups&gt; on Windows.</summary>
    public static class DriverSocketPath
    {
        public static string Name(string driver, string upsName) => driver + "-" + upsName;

        /// <summary>Full socket path (Unix) or pipe path (Windows).</summary>
        public static string For(string statePath, string driver, string upsName) =>
            UnixSocketEndPoint.IsPlatformUnix
                ? Path.Combine(statePath, Name(driver, upsName))
                : @"\\.\pipe\" + Name(driver, upsName);

        /// <summary>The pipe name part of a \\.\pipe\name path (or the input when it has no prefix).</summary>
        public static string PipeName(string path)
        {
            const string prefix = @"\\.\pipe\";
            return path.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase) ? path.Substring(prefix.Length) : path;
        }
    }
}
