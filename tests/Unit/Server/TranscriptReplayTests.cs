using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using UpsPS.Engine.Protocol;
using Xunit;

namespace UpsPS.Tests.Unit.Server
{
    /// <summary>
    /// Replays the request/response transcripts recorded from the real upsd 2.8.0 (tests/Unit/Transcripts, made by
    /// record/record.py) against our server and compares the replies byte for byte. Only the version string
    /// (&lt;VER&gt;/&lt;URL&gt;, configured into our server) and tracking ids (&lt;ID&gt;) are normalised.
    /// </summary>
    public class TranscriptReplayTests
    {
        private static readonly Regex IdPattern = new("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
        private const string CmdVarTab = "/usr/share/nut/cmdvartab";

        public static IEnumerable<object[]> Transcripts() =>
            Directory.GetFiles(ServerHarness.TranscriptDir, "*.json").OrderBy(f => f)
                .Select(f => new object[] { Path.GetFileNameWithoutExtension(f) });

        [SkippableTheory]
        [MemberData(nameof(Transcripts))]
        public async Task ReplayMatchesRealUpsd(string name)
        {
            var path = Path.Combine(ServerHarness.TranscriptDir, name + ".json");
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var steps = doc.RootElement.GetProperty("steps").EnumerateArray().ToList();
            var needsDescriptions = steps.Any(s => s.TryGetProperty("send", out var v) && v.GetString()!.Contains("DESC", StringComparison.OrdinalIgnoreCase));
            Skip.If(needsDescriptions && !File.Exists(CmdVarTab),
                $"{CmdVarTab} (NUT's description file) is not installed; the '{name}' transcript needs its texts");

            await using var h = await ServerHarness.StartAsync();
            var clients = new Dictionary<int, TestClient>();
            string? lastId = null;
            try
            {
                for (var i = 0; i < steps.Count; i++)
                {
                    var step = steps[i];
                    var where = $"{name} step {i}";
                    if (step.TryGetProperty("driver", out _))
                    {
                        var action = step.GetProperty("action").GetString();
                        switch (action)
                        {
                            case "stale": h.Fake.SetStale(true); break;
                            case "ok": h.Fake.SetStale(false); break;
                            case "down": h.Fake.Down(); break;
                            case "up": h.Fake.Up(); break;
                        }
                        continue;
                    }
                    if (step.TryGetProperty("close", out _))
                    {
                        var n = step.GetProperty("conn").GetInt32();
                        clients[n].Dispose();
                        clients.Remove(n);
                        continue;
                    }
                    if (step.TryGetProperty("driver_got", out _))
                    {
                        var expected = NutTokenizer.SplitLine(Substitute(step.GetProperty("line").GetString()!, lastId));
                        await h.WaitUntilAsync(() => LastRelayed(h)?.SequenceEqual(expected) == true, 3000)
                            .ContinueWith(t => Assert.True(t.IsCompletedSuccessfully,
                                $"{where}: driver got [{string.Join("|", LastRelayed(h) ?? Array.Empty<string>())}], expected [{string.Join("|", expected)}]"));
                        continue;
                    }

                    var conn = step.GetProperty("conn").GetInt32();
                    if (!clients.TryGetValue(conn, out var client)) clients[conn] = client = await h.ConnectAsync();
                    var send = Substitute(step.GetProperty("send").GetString()!, lastId);
                    var recv = step.GetProperty("recv").GetString()!;
                    var closed = step.TryGetProperty("closed", out _);
                    string actual;
                    if (step.TryGetProperty("retry", out _))
                    {
                        var deadline = DateTime.UtcNow.AddSeconds(10);
                        while (true)
                        {
                            await client.SendAsync(ServerHarness.Latin1.GetBytes(send));
                            actual = Normalise(await client.ReadLineAsync());
                            if (actual == recv || DateTime.UtcNow > deadline) break;
                            await Task.Delay(20);
                        }
                    }
                    else
                    {
                        await client.SendAsync(ServerHarness.Latin1.GetBytes(send));
                        var length = recv.Replace("<ID>", new string('X', 36)).Length;
                        actual = length == 0 ? "" : await client.ReadBytesAsync(length);
                        var id = IdPattern.Match(actual);
                        if (id.Success && actual.StartsWith("OK TRACKING", StringComparison.Ordinal)) lastId = id.Value;
                        actual = Normalise(actual);
                    }
                    Assert.True(recv == actual, $"{where}: sent {Show(send)}\nexpected {Show(recv)}\nactual   {Show(actual)}");
                    if (closed) Assert.True(await client.IsClosedAsync(), $"{where}: connection should be closed");
                }
                // Nothing unexpected may trail the last reply on any connection: a VER must come back first.
                foreach (var c in clients.Values.Where(c => c != null))
                {
                    await c.SendAsync("VER\n");
                    var line = await c.ReadLineAsync();
                    Assert.True(line == "" || line == "Network UPS Tools upsd <VER> - <URL>\n", $"{name}: trailing bytes {Show(line)}");
                }
            }
            finally
            {
                foreach (var c in clients.Values) c.Dispose();
            }
        }

        private static IReadOnlyList<string>? LastRelayed(ServerHarness h) =>
            h.Fake.ReceivedSnapshot().LastOrDefault(w => w.Count > 0 && (w[0] == "SET" || w[0] == "INSTCMD"));

        private static string Substitute(string text, string? id) =>
            id == null ? text : text.Replace("$ID", id).Replace("$id", id.ToLowerInvariant());

        private static string Normalise(string text) => IdPattern.Replace(text, "<ID>");

        private static string Show(string s)
        {
            var sb = new StringBuilder("\"");
            foreach (var c in s.Length > 400 ? s.Substring(0, 400) + "…" : s)
                sb.Append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : c < 0x20 || c > 0x7e ? $"\\x{(int)c:x2}" : c.ToString());
            return sb.Append('"').ToString();
        }
    }
}
