using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace UpsPS.Engine.Monitor.Syslog
{
    /// <summary>
    /// upsmon's system log: on Linux/macOS a datagram to the local syslog socket (/dev/log, /var/run/syslog,
    /// /var/run/log) in RFC 3164 form; on Windows the Application Event Log (through reflection, source "UpsPS",
    /// falling back to "Application"). When neither is reachable, <see cref="Unavailable"/> says why and
    /// messages are dropped — logging never throws into the monitor.
    /// </summary>
    public sealed class SystemLogSink : IMonitorLog, IDisposable
    {
        private static readonly string[] PosixSockets = { "/dev/log", "/var/run/syslog", "/var/run/log" };

        private readonly string _tag;
        private readonly int _pid;
        private readonly object _gate = new object();
        private Socket? _socket;
        private EndPoint? _endPoint;
        private Action<string, MonitorLogLevel>? _eventLogWriter;

        /// <param name="socketPath">Explicit syslog socket (tests); null = the platform's usual paths.</param>
        public SystemLogSink(string tag = "upsmon", string? socketPath = null)
        {
            _tag = tag;
            using (var p = Process.GetCurrentProcess()) _pid = p.Id;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && socketPath == null) OpenEventLog();
            else OpenSocket(socketPath == null ? PosixSockets : new[] { socketPath });
        }

        /// <summary>Null when messages reach the system log; otherwise the reason they cannot.</summary>
        public string? Unavailable { get; private set; }

        public MonitorLogLevel MinimumLevel { get; set; } = MonitorLogLevel.Info;

        public void Log(MonitorLogLevel level, string message)
        {
            if (level < MinimumLevel) return;
            try
            {
                if (_eventLogWriter != null) { _eventLogWriter(message, level); return; }
                if (_socket == null || _endPoint == null) return;
                var bytes = Encoding.UTF8.GetBytes(Rfc3164Formatter.Format(level, _tag, _pid, message, DateTime.Now));
                lock (_gate) _socket.SendTo(bytes, _endPoint);
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException || ex is TargetInvocationException || ex is InvalidOperationException)
            {
                // The daemon went away (or the Event Log refused): drop, like syslog(3).
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _socket?.Dispose();
                _socket = null;
            }
        }

        private void OpenSocket(string[] paths)
        {
            // UnixDomainSocketEndPoint exists on .NET Core 2.1+ (PowerShell 7) but not in netstandard2.0.
            var endPointType = Type.GetType("System.Net.Sockets.UnixDomainSocketEndPoint, System.Net.Sockets", false);
            if (endPointType == null)
            {
                Unavailable = "this .NET runtime has no Unix domain sockets; syslog disabled";
                return;
            }
            foreach (var path in paths)
            {
                if (!File.Exists(path) && !Directory.Exists(path) && !IsSocketPath(path)) continue;
                try
                {
                    var ep = (EndPoint)Activator.CreateInstance(endPointType, path)!;
                    var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                    socket.Connect(ep);
                    _socket = socket;
                    _endPoint = ep;
                    Unavailable = null;
                    return;
                }
                catch (Exception ex) when (ex is SocketException || ex is TargetInvocationException)
                {
                    Unavailable = $"cannot reach syslog at {path}: {ex.GetBaseException().Message}";
                }
            }
            Unavailable ??= "no syslog socket found (" + string.Join(", ", paths) + "); syslog disabled";
        }

        private static bool IsSocketPath(string path)
        {
            try { return (File.GetAttributes(path) & FileAttributes.Directory) == 0; }
            catch (Exception) { return false; }
        }

        private void OpenEventLog()
        {
            var type = Type.GetType("System.Diagnostics.EventLog, System.Diagnostics.EventLog", false)
                ?? Type.GetType("System.Diagnostics.EventLog, System", false);
            var entryType = Type.GetType("System.Diagnostics.EventLogEntryType, System.Diagnostics.EventLog", false)
                ?? Type.GetType("System.Diagnostics.EventLogEntryType, System", false);
            if (type == null || entryType == null)
            {
                Unavailable = "System.Diagnostics.EventLog is not available in this PowerShell; Event Log disabled";
                return;
            }
            var write = type.GetMethod("WriteEntry", new[] { typeof(string), typeof(string), entryType });
            var exists = type.GetMethod("SourceExists", new[] { typeof(string) });
            if (write == null || exists == null)
            {
                Unavailable = "EventLog.WriteEntry not found; Event Log disabled";
                return;
            }
            string source;
            try { source = (bool)exists.Invoke(null, new object[] { "UpsPS" })! ? "UpsPS" : "Application"; }
            catch (Exception) { source = "Application"; }
            _eventLogWriter = (message, level) =>
            {
                string kind = level >= MonitorLogLevel.Error ? "Error" : level == MonitorLogLevel.Warning ? "Warning" : "Information";
                write.Invoke(null, new[] { source, _tag + ": " + message, Enum.Parse(entryType, kind) });
            };
        }
    }
}
