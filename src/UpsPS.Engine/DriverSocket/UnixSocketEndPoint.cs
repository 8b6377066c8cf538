using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace UpsPS.Engine.DriverSocket
{
    /// <summary>
    /// Unix domain socket support for netstandard2.0: UnixDomainSocketEndPoint exists in the runtimes we run on
    /// (.NET Core 2.1+, .NET 5+) but not in the netstandard2.0 reference set, so it is created by reflection here,
    /// and only here. File mode changes go through libc's chmod.
    /// </summary>
    public static class UnixSocketEndPoint
    {
        private static readonly Type? EndPointType =
            typeof(Socket).Assembly.GetType("System.Net.Sockets.UnixDomainSocketEndPoint")
            ?? Type.GetType("System.Net.Sockets.UnixDomainSocketEndPoint, System.Net.Sockets");

        public static bool IsSupported => EndPointType != null;

        /// <summary>True where drivers use Unix sockets (everything but Windows).</summary>
        public static bool IsPlatformUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static EndPoint Create(string path)
        {
            if (EndPointType == null) throw new PlatformNotSupportedException("Unix domain sockets are not available in this runtime");
            return (EndPoint)Activator.CreateInstance(EndPointType, path)!;
        }

        public static Socket CreateSocket() => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

        /// <summary>Sets the file mode bits (e.g. 0660) of a path; false when not possible.</summary>
        public static bool TrySetMode(string path, int mode)
        {
            if (!IsPlatformUnix) return false;
            try { return chmod(path, mode) == 0; }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException) { return false; }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
    }
}
