using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.DriverSocket;
using UpsPS.Engine.Protocol;

namespace UpsPS.Tests.Unit.Server
{
    /// <summary>
    /// The scripted fake driver used by the transcript recorder (record.py), in C#: answers DUMPALL with a dump,
    /// PING with PONG, and tracked SET/INSTCMD with TRACKING results by the same rules. Also its own connector.
    /// </summary>
    public sealed class ScriptedFakeDriver : IDriverConnector
    {
        private readonly List<IReadOnlyList<string>> _dump;
        private readonly List<IDriverChannel> _channels = new List<IDriverChannel>();
        private readonly object _lock = new object();
        private bool _down;

        public ScriptedFakeDriver(IEnumerable<IReadOnlyList<string>> dump, string location = "in-process fake")
        {
            _dump = dump.ToList();
            Location = location;
        }

        public static ScriptedFakeDriver FromDumpFile(string path) =>
            new ScriptedFakeDriver(NutTokenizer.TokenizeText(File.ReadAllText(path))
                .Where(l => l.Error == null && l.Words.Count > 0).Select(l => l.Words), path);

        public string Location { get; }
        public bool Stale { get; private set; }

        /// <summary>Answer PING with PONG (tests switch this off to let MAXAGE expire).</summary>
        public bool AnswerPing { get; set; } = true;

        public List<IReadOnlyList<string>> Received { get; } = new List<IReadOnlyList<string>>();
        public int Connections { get; private set; }

        public Task<IDriverChannel> ConnectAsync(CancellationToken cancellationToken = default)
        {
            lock (_lock)
            {
                if (_down) throw new IOException("No such file or directory");
                var (server, driver) = InProcessDriverChannel.CreatePair();
                _channels.Add(driver);
                Connections++;
                _ = Task.Run(() => ServeAsync(driver));
                return Task.FromResult(server);
            }
        }

        public IReadOnlyList<IReadOnlyList<string>> ReceivedSnapshot()
        {
            lock (_lock) return Received.ToList();
        }

        public void SetStale(bool stale)
        {
            Stale = stale;
            Broadcast(new[] { stale ? "DATASTALE" : "DATAOK" });
        }

        public void Broadcast(IReadOnlyList<string> words)
        {
            List<IDriverChannel> channels;
            lock (_lock) channels = _channels.ToList();
            foreach (var c in channels)
            {
                try { c.SendAsync(words).GetAwaiter().GetResult(); } catch (IOException) { }
            }
        }

        /// <summary>Closes all connections and refuses new ones.</summary>
        public void Down()
        {
            List<IDriverChannel> channels;
            lock (_lock)
            {
                _down = true;
                channels = _channels.ToList();
                _channels.Clear();
            }
            foreach (var c in channels) c.Dispose();
        }

        public void Up()
        {
            lock (_lock) _down = false;
        }

        private async Task ServeAsync(IDriverChannel channel)
        {
            try
            {
                while (true)
                {
                    var words = await channel.ReceiveAsync().ConfigureAwait(false);
                    if (words == null) return;
                    lock (_lock) Received.Add(words);
                    foreach (var reply in Replies(words)) await channel.SendAsync(reply).ConfigureAwait(false);
                }
            }
            catch (IOException) { }
        }

        private IEnumerable<IReadOnlyList<string>> Replies(IReadOnlyList<string> w)
        {
            if (w.Count == 0) yield break;
            var cmd = w[0].ToUpperInvariant();
            if (cmd == "DUMPALL")
            {
                if (Stale) yield return new[] { "DATASTALE" };
                foreach (var line in _dump) yield return line;
                if (!Stale) yield return new[] { "DATAOK" };
                yield return new[] { "DUMPDONE" };
                yield break;
            }
            if (cmd == "PING")
            {
                if (AnswerPing) yield return new[] { "PONG" };
                yield break;
            }
            var t = IndexOf(w, "TRACKING");
            if (t < 0 || t + 1 >= w.Count) yield break;
            var id = w[t + 1];
            if (cmd == "SET")
            {
                var value = w.Count > 2 ? w[2] : "";
                if (value == "nores") yield break;
                yield return new[] { "TRACKING", id, value.StartsWith("r", StringComparison.Ordinal) ? value.Substring(1) : "0" };
            }
            else if (cmd == "INSTCMD")
            {
                var name = w[1].ToLowerInvariant();
                if (name == "beeper.toggle") yield break;
                yield return new[] { "TRACKING", id, name == "test.battery.start.quick" ? "3" : "0" };
            }
        }

        private static int IndexOf(IReadOnlyList<string> w, string word)
        {
            for (var i = 0; i < w.Count; i++) if (w[i] == word) return i;
            return -1;
        }
    }

    /// <summary>A device whose driver never runs.</summary>
    public sealed class AbsentDriver : IDriverConnector
    {
        public string Location => "/nonexistent/nodrv-nodrv";
        public Task<IDriverChannel> ConnectAsync(CancellationToken cancellationToken = default) =>
            throw new IOException("No such file or directory");
    }
}
