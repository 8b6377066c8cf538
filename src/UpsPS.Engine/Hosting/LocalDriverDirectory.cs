using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.DriverSocket;

namespace UpsPS.Engine.Hosting
{
    /// <summary>
    /// Drivers this process runs, by their driver socket path. A server in the same process reaches them
    /// through in-process channels instead of the socket (the in-process shortcut); others use the socket.
    /// </summary>
    public static class LocalDriverDirectory
    {
        private static readonly ConcurrentDictionary<string, DriverSupervisor> Drivers =
            new ConcurrentDictionary<string, DriverSupervisor>(StringComparer.Ordinal);

        public static void Register(string socketPath, DriverSupervisor driver) => Drivers[Normalize(socketPath)] = driver;

        public static void Unregister(string socketPath, DriverSupervisor driver) =>
            ((System.Collections.Generic.ICollection<System.Collections.Generic.KeyValuePair<string, DriverSupervisor>>)Drivers)
                .Remove(new System.Collections.Generic.KeyValuePair<string, DriverSupervisor>(Normalize(socketPath), driver));

        public static DriverSupervisor? Find(string socketPath) =>
            Drivers.TryGetValue(Normalize(socketPath), out var d) ? d : null;

        /// <summary>A connector that prefers a driver of this process and falls back to the socket.</summary>
        public static IDriverConnector ConnectorFor(string statePath, string driver, string upsName) =>
            new LocalFirstConnector(SocketDriverConnector.ForDriver(statePath, driver, upsName));

        private static string Normalize(string path) => Path.GetFullPath(path);

        private sealed class LocalFirstConnector : IDriverConnector
        {
            private readonly SocketDriverConnector _socket;

            public LocalFirstConnector(SocketDriverConnector socket) { _socket = socket; }

            public string Location => _socket.Location;

            public Task<IDriverChannel> ConnectAsync(CancellationToken cancellationToken = default)
            {
                var local = Find(_socket.Location);
                return local?.Current != null ? local.ConnectAsync(cancellationToken) : _socket.ConnectAsync(cancellationToken);
            }
        }
    }
}
