using System.Text;
using System.Text.RegularExpressions;

namespace UpsPS.SerialSim;

/// <summary>
/// A wire capture in testdata format: lines containing <c>&gt;&gt;&gt; "..."</c> (host to UPS) or
/// <c>&lt;&lt;&lt; "..."</c> (UPS to host) with <c>\r \n \xNN</c> escapes.
/// </summary>
public sealed class CaptureFile
{
    private static readonly Regex Entry = new Regex("(>>>|<<<) \"(.*)\"\\s*$");

    public CaptureFile(IReadOnlyList<(bool FromHost, byte[] Bytes)> entries) => Entries = entries;

    public IReadOnlyList<(bool FromHost, byte[] Bytes)> Entries { get; }

    public static CaptureFile Load(string path) => Parse(File.ReadAllLines(path));

    public static CaptureFile Parse(IEnumerable<string> lines)
    {
        var entries = new List<(bool, byte[])>();
        foreach (var line in lines)
        {
            var m = Entry.Match(line);
            if (!m.Success) continue;
            entries.Add((m.Groups[1].Value == ">>>", Unescape(m.Groups[2].Value)));
        }
        return new CaptureFile(entries);
    }

    public static byte[] Unescape(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length) { bytes.Add((byte)c); continue; }
            var n = text[++i];
            switch (n)
            {
                case 'r': bytes.Add(13); break;
                case 'n': bytes.Add(10); break;
                case 'x': bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16)); i += 2; break;
                default: bytes.Add((byte)n); break;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>Replies to each request in order of appearance (request bytes as ASCII → list of reply byte arrays).</summary>
    public Dictionary<string, List<byte[]>> RepliesByRequest()
    {
        var map = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        for (var i = 0; i < Entries.Count; i++)
        {
            if (!Entries[i].FromHost) continue;
            var request = Encoding.Latin1.GetString(Entries[i].Bytes);
            if (!map.TryGetValue(request, out var list)) map[request] = list = new List<byte[]>();
            if (i + 1 < Entries.Count && !Entries[i + 1].FromHost) list.Add(Entries[i + 1].Bytes);
        }
        return map;
    }

    /// <summary>Every UPS line that looks like a Q1 status reply (leading '('), without its CR.</summary>
    public IReadOnlyList<string> StatusReplies() =>
        Entries.Where(e => !e.FromHost && e.Bytes.Length > 0 && e.Bytes[0] == '(')
               .Select(e => Encoding.Latin1.GetString(e.Bytes).TrimEnd('\r')).ToList();
}
