using System;

namespace UpsPS.Engine.Server
{
    public enum ServerLogLevel { Debug, Info, Notice, Warning, Error }

    /// <summary>Where the server writes its log lines (NUT 2.8.0 wording where server.md §8 gives it).</summary>
    public interface IServerLog
    {
        void Write(ServerLogLevel level, string message);
    }

    /// <summary>Adapts a delegate to <see cref="IServerLog"/>.</summary>
    public sealed class DelegateServerLog : IServerLog
    {
        private readonly Action<ServerLogLevel, string> _write;

        public DelegateServerLog(Action<ServerLogLevel, string> write) { _write = write; }
        public DelegateServerLog(Action<string> write) { _write = (_, m) => write(m); }

        public static readonly IServerLog Null = new DelegateServerLog((ServerLogLevel _, string __) => { });

        public void Write(ServerLogLevel level, string message) => _write(level, message);
    }
}
