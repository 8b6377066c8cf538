using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers;
using UpsPS.Engine.Drivers.Dummy;
using UpsPS.Engine.Protocol;

// Seeded mutation fuzzer (SharpFuzz needs an AFL/libFuzzer engine this machine does not have).
// usage: UpsPS.Fuzz <corpus-dir> [--target tokenizer|config|dev|all] [--iterations N] [--seed S]
// A crash is any exception other than the reader's own ConfigException/DriverException; a hang is an input
// that takes longer than 2 s; memory is sampled every 50,000 inputs and must stay bounded.
// Failing inputs are written to <corpus-dir>/../crashes/. Exit code 1 on any crash or hang.
var corpusRoot = args.Length > 0 ? args[0] : "bench/fuzz/corpus";
string Opt(string name, string fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
var target = Opt("--target", "all");
var iterations = long.Parse(Opt("--iterations", "1000000"));
var seed = int.Parse(Opt("--seed", "1"));
var failures = 0;

var targets = new (string Name, string Corpus, Action<byte[]> Run)[]
{
    ("tokenizer", "tokenizer", Targets.Tokenizer),
    ("config", "config", Targets.Config),
    ("dev", "dev", Targets.DevFile),
};
foreach (var t in targets.Where(t => target == "all" || t.Name == target))
{
    var corpus = Directory.GetFiles(Path.Combine(corpusRoot, t.Corpus)).OrderBy(f => f, StringComparer.Ordinal)
        .Select(File.ReadAllBytes).ToList();
    if (corpus.Count == 0) { Console.Error.WriteLine($"{t.Name}: empty corpus"); return 2; }
    var rng = new Random(seed);
    var mutator = new Mutator(rng, corpus);
    var clock = Stopwatch.StartNew();
    long maxTicks = 0, peakMemory = 0, startMemory = GC.GetTotalMemory(true);
    var crashes = 0;
    for (long i = 0; i < iterations; i++)
    {
        var input = mutator.Next();
        var started = Stopwatch.GetTimestamp();
        try { t.Run(input); }
        catch (Exception e) when (e is ConfigException || e is DriverException) { }
        catch (Exception e)
        {
            crashes++;
            Save(corpusRoot, t.Name, "crash", input);
            if (crashes <= 3) Console.Error.WriteLine($"{t.Name}: crash at input {i}: {e.GetType().Name}: {e.Message}");
        }
        var took = Stopwatch.GetTimestamp() - started;
        if (took > maxTicks) maxTicks = took;
        if (took > Stopwatch.Frequency * 2)
        {
            crashes++;
            Save(corpusRoot, t.Name, "hang", input);
            Console.Error.WriteLine($"{t.Name}: input {i} took {took * 1000.0 / Stopwatch.Frequency:F0} ms");
        }
        if (i % 50_000 == 0) peakMemory = Math.Max(peakMemory, GC.GetTotalMemory(false));
    }
    var endMemory = GC.GetTotalMemory(true);
    failures += crashes;
    Console.WriteLine($"target={t.Name} inputs={iterations} seed={seed} corpus={corpus.Count} crashes_or_hangs={crashes} " +
        $"secs={clock.Elapsed.TotalSeconds:F1} slowest_ms={maxTicks * 1000.0 / Stopwatch.Frequency:F2} " +
        $"heap_start_kb={startMemory / 1024} heap_peak_kb={peakMemory / 1024} heap_end_kb={endMemory / 1024}");
}
return failures == 0 ? 0 : 1;

static void Save(string corpusRoot, string target, string kind, byte[] input)
{
    var dir = Path.Combine(corpusRoot, "..", "crashes");
    Directory.CreateDirectory(dir);
    File.WriteAllBytes(Path.Combine(dir, $"{target}-{kind}-{Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(input))[..12]}"), input);
}

static class Targets
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>The network tokenizer, fed in random-sized chunks as a socket would deliver them.</summary>
    public static void Tokenizer(byte[] input)
    {
        var tokenizer = new NutTokenizer();
        var words = 0;
        var offset = 0;
        var chunk = input.Length == 0 ? 1 : 1 + input[0] % 64;
        while (offset < input.Length)
        {
            var n = Math.Min(chunk, input.Length - offset);
            tokenizer.Feed(new ReadOnlySpan<byte>(input, offset, n), line =>
            {
                if (line.Words.Count > NutTokenizer.DefaultWordLimit) throw new InvalidOperationException("word limit exceeded");
                words += line.Words.Count;
            });
            offset += n;
        }
        tokenizer.Finish();
    }

    /// <summary>Every config reader on the same text (they share the tokenizer but differ above it).</summary>
    public static void Config(byte[] input)
    {
        var text = Latin1.GetString(input);
        Try(() => UpsConfReader.Parse(text));
        Try(() => UpsdConfigReader.Parse(text));
        Try(() => UpsdUsersReader.Parse(text));
        Try(() => UpsmonConfReader.Parse(text));
        Try(() => UpsschedConfReader.Parse(text));
    }

    public static void DevFile(byte[] input)
    {
        var text = Latin1.GetString(input);
        var file = DummyFileParser.Parse(text, input.Length % 2 == 0 ? "fuzz.dev" : "fuzz.seq");
        GC.KeepAlive(file);
        DummyFileParser.SplitStatus(text.Length > 200 ? text.Substring(0, 200) : text);
    }

    private static void Try(Action parse)
    {
        try { parse(); }
        catch (ConfigException) { }
    }
}

/// <summary>Byte-level mutations plus splices and protocol-significant tokens.</summary>
sealed class Mutator
{
    private static readonly byte[][] Tokens = new[]
    {
        "\"", "\\", "#", "\n", "\r\n", "\r", " ", "\t", "[", "]", "=", ":", "\\\"", "\"\"", "TIMER ", "LISTEN ",
        "MAXCONN 0", "MAXCONN -1", "MAXCONN 99999999999999999999", "password = ", "[ups]\n", "upsmon primary\n",
        "actions = SET\n", "instcmds = ALL\n", "MONITOR a@b 1 u p primary\n", "AT ONBATT * START-TIMER x 5\n",
        "ups.status: OB LB\n", "TIMER -5\n", "TIMER 1e9\n", "\u00ff", "\0", "driver = dummy-ups\n", "port = x\n",
        "GET VAR ups ups.status\n", "LIST VAR ups\n", "SET VAR ups x \"", new string('a', 600), new string('"', 40),
    }.Select(s => Encoding.Latin1.GetBytes(s)).ToArray();

    private readonly Random _rng;
    private readonly List<byte[]> _corpus;

    public Mutator(Random rng, List<byte[]> corpus) { _rng = rng; _corpus = corpus; }

    public byte[] Next()
    {
        var data = new List<byte>(_corpus[_rng.Next(_corpus.Count)]);
        var rounds = 1 + _rng.Next(8);
        for (var r = 0; r < rounds; r++)
        {
            switch (_rng.Next(8))
            {
                case 0 when data.Count > 0: data[_rng.Next(data.Count)] ^= (byte)(1 << _rng.Next(8)); break;
                case 1: data.Insert(_rng.Next(data.Count + 1), (byte)_rng.Next(256)); break;
                case 2 when data.Count > 0:
                    {
                        var at = _rng.Next(data.Count);
                        data.RemoveRange(at, Math.Min(data.Count - at, 1 + _rng.Next(16)));
                        break;
                    }
                case 3: data.InsertRange(_rng.Next(data.Count + 1), Tokens[_rng.Next(Tokens.Length)]); break;
                case 4 when data.Count > 0:
                    {
                        var at = _rng.Next(data.Count);
                        var len = Math.Min(data.Count - at, 1 + _rng.Next(64));
                        data.InsertRange(_rng.Next(data.Count + 1), data.GetRange(at, len));
                        break;
                    }
                case 5:
                    {
                        var other = _corpus[_rng.Next(_corpus.Count)];
                        if (other.Length == 0) break;
                        var at = _rng.Next(other.Length);
                        data.InsertRange(_rng.Next(data.Count + 1), other.Skip(at).Take(1 + _rng.Next(128)));
                        break;
                    }
                case 6 when data.Count > 0: data[_rng.Next(data.Count)] = (byte)"\"\\#\n \t="[_rng.Next(7)]; break;
                default:
                    if (data.Count > 4096) data.RemoveRange(4096, data.Count - 4096);
                    break;
            }
        }
        return data.ToArray();
    }
}
