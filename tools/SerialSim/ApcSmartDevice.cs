using System.Collections.Concurrent;
using System.Text;

namespace UpsPS.SerialSim;

/// <summary>
/// An APC Smart-UPS speaking the single-byte Smart protocol: <c>Y</c>→<c>SM</c>, variables by letter, status
/// register from the scripted phase, alert characters on phase changes, <c>^Z</c> capabilities, <c>-</c> to cycle
/// EEPROM values and to write the string variables, and the instant commands. Values default to the SU420INET
/// capture; <see cref="LoadCapture"/> replaces them with another capture's exact replies.
/// </summary>
public sealed class ApcSmartDevice : ISimulatedDevice
{
    private readonly Dictionary<char, byte[]> _values = new Dictionary<char, byte[]>();
    private readonly Dictionary<char, string[]> _choices = new Dictionary<char, string[]>();
    private char _lastRead;
    private StringBuilder? _stringWrite;
    private char _stringTarget;
    private int _atDigits = -1;
    private readonly StringBuilder _atBuffer = new StringBuilder();
    private bool _calibrating;
    private bool _simulatedFailure;
    private bool _multiBytePrefix;

    public ApcSmartDevice(UpsPhaseState? state = null)
    {
        State = state ?? new UpsPhaseState();
        State.PhaseChanged += OnPhaseChanged;
        foreach (var (c, v) in Defaults) _values[c] = Encoding.Latin1.GetBytes(v);
        _choices['u'] = new[] { "253", "264", "271", "280" };
        _choices['l'] = new[] { "208", "196", "188", "204" };
        _choices['e'] = new[] { "00", "15", "50", "90" };
        _choices['s'] = new[] { "H", "M", "L", "L" };
        _choices['p'] = new[] { "020", "180", "300", "600" };
        _choices['r'] = new[] { "000", "060", "180", "300" };
        _choices['k'] = new[] { "0", "T", "L", "N" };
        _choices['E'] = new[] { "336", "168", "ON ", "OFF" };
        _choices['q'] = new[] { "02", "05", "07", "10" };
    }

    public UpsPhaseState State { get; }

    /// <summary>Every byte received from the host, in order.</summary>
    public ConcurrentQueue<byte> Received { get; } = new ConcurrentQueue<byte>();

    public string Firmware { get; set; } = "21.3.I";

    /// <summary>Shutdown-type commands the device executed, in order: <c>S</c>, <c>K</c>, <c>Z</c>, <c>@000</c>…</summary>
    public ConcurrentQueue<string> Shutdowns { get; } = new ConcurrentQueue<string>();

    /// <summary>Older models answer shutdown commands with a bare <c>*</c> instead of <c>OK</c>.</summary>
    public bool StarReplies { get; set; }

    /// <summary>How many digits the device expects after <c>@</c> (3 on current units, 2 on old ones).</summary>
    public int HibernateDigits { get; set; } = 3;

    /// <summary>Replies to the multi-byte commands 0x9F &lt;sub&gt;.</summary>
    public Dictionary<byte, string> MultiByteValues { get; } = new Dictionary<byte, string> { [0xD3] = "50.01", [0xD4] = "001.2" };

    /// <summary>Sets (or with null removes) the reply to a single-letter query.</summary>
    public void SetValue(char command, string? value)
    {
        if (value == null) _values.Remove(command);
        else _values[command] = Encoding.Latin1.GetBytes(value);
    }

    /// <summary>Reply to <c>a</c> (SU420INET capture).</summary>
    public byte[] ProtocolInfo { get; set; } =
        Encoding.Latin1.GetBytes("3.!$%+?=#|.\x01\x0E\x1A')+-89@ABDEFGKLMNOPQRSUVWXYZabcdefgjklmnopqrsuxyz~");

    private IDeviceOutput? _output;

    private static readonly (char, string)[] Defaults =
    {
        ('B', "13.61"), ('C', "NA"), ('E', "336"), ('F', "50.00"), ('G', "S"), ('L', "231.8"), ('M', "233.2"), ('N', "231.8"),
        ('O', "231.8"), ('P', "009.1"), ('V', "DWI"), ('b', "21.3.I"), ('c', "UPS_IDEN"), ('e', "00"), ('f', "100.0"),
        ('g', "012"), ('h', "NA"), ('i', "NA"), ('j', "0042:"), ('k', "0"), ('l', "208"), ('m', "11/17/98"),
        ('n', "NS9847001053\0\0"), ('o', "230"), ('p', "020"), ('q', "02"), ('r', "000"), ('s', "H"), ('t', "NA"),
        ('u', "253"), ('v', "NA"), ('x', "11/17/98"), ('y', "(C) APCC"), ('9', "FF"), ('\x01', "SMART-UPS 420   "),
        ('X', "OK"), ('/', "NA"),
    };

    public void LoadCapture(CaptureFile capture)
    {
        foreach (var (request, replies) in capture.RepliesByRequest())
        {
            if (request.Length != 1 || replies.Count == 0) continue;
            var reply = replies[0];
            var text = reply.AsEnumerable();
            var trimmed = reply.Length >= 2 && reply[^2] == '\r' && reply[^1] == '\n' ? reply[..^2] : reply;
            if (request[0] == 'a') ProtocolInfo = trimmed;
            else if (request[0] != 'Y' && request[0] != 'Q') _values[request[0]] = trimmed;
        }
    }

    private void OnPhaseChanged(UpsPhase from, UpsPhase to)
    {
        var alerts = new List<byte>();
        if (to is UpsPhase.OnBattery or UpsPhase.LowBattery && from is UpsPhase.Online or UpsPhase.OutputOff) alerts.Add((byte)'!');
        if (to == UpsPhase.LowBattery && from != UpsPhase.LowBattery) alerts.Add((byte)'%');
        if (from == UpsPhase.LowBattery && to != UpsPhase.LowBattery && to != UpsPhase.Off) alerts.Add((byte)'+');
        if (to == UpsPhase.Online && from is UpsPhase.OnBattery or UpsPhase.LowBattery) alerts.Add((byte)'$');
        var output = _output;
        if (alerts.Count > 0 && output != null && State.Fault == DeviceFault.None)
            _ = output.SendAsync(alerts.ToArray(), CancellationToken.None);
    }

    public int StatusRegister => State.Phase switch
    {
        UpsPhase.Online => 0x08 | (_calibrating ? 0x01 : 0),
        UpsPhase.OnBattery => 0x10,
        UpsPhase.LowBattery => 0x50,
        _ => 0x00,
    };

    public string? ValueOf(char c) => _values.TryGetValue(c, out var v) ? Encoding.Latin1.GetString(v) : null;

    public async Task OnBytesAsync(ReadOnlyMemory<byte> data, IDeviceOutput output, CancellationToken cancellationToken)
    {
        _output = output;
        foreach (var b in data.ToArray())
        {
            Received.Enqueue(b);
            var reply = Respond(b);
            if (reply == null || State.Phase == UpsPhase.Off) continue;
            switch (State.Fault)
            {
                case DeviceFault.Silent: continue;
                case DeviceFault.Garbage: await output.SendAsync(Encoding.ASCII.GetBytes("zq\x7fk\r\n"), cancellationToken); continue;
                case DeviceFault.Partial: await output.SendAsync(reply.Take(Math.Max(1, reply.Length / 2)).ToArray(), cancellationToken); continue;
                case DeviceFault.Late: await Task.Delay(State.LateReplyDelay, cancellationToken); break;
            }
            await output.SendAsync(reply, cancellationToken);
        }
    }

    private static byte[] Line(string text) => Encoding.Latin1.GetBytes(text + "\r\n");
    private static byte[] Line(byte[] bytes) => bytes.Concat(new byte[] { 13, 10 }).ToArray();

    /// <summary>The device's answer to one received byte (null = nothing).</summary>
    public byte[]? Respond(byte b)
    {
        var c = (char)b;
        if (_stringWrite != null)
        {
            // 8 characters, short values padded with CRs
            if (c != '\r') _stringWrite.Append(c);
            if (++_stringCount < 8) return null;
            _values[_stringTarget] = Encoding.Latin1.GetBytes(_stringWrite.ToString());
            _stringWrite = null;
            return Line("OK");
        }
        if (_multiBytePrefix)
        {
            _multiBytePrefix = false;
            return MultiByteValues.TryGetValue(b, out var mv) ? Line(mv) : Line("NA");
        }
        if (_atDigits >= 0)
        {
            _atBuffer.Append(c);
            if (_atBuffer.Length < HibernateDigits) return null;
            _atDigits = -1;
            if (!_atBuffer.ToString().All(char.IsDigit)) return Line("NO");
            Shutdowns.Enqueue("@" + _atBuffer);
            return ShutdownOk();
        }
        switch (c)
        {
            case 'Y': return Line("SM");
            case '\x1b': return null;
            case 'R': return Line("BYE");
            case 'Q': return Line(StatusRegister.ToString("X2"));
            case 'a': return Line(ProtocolInfo);
            case '\x1a': return Line(Capabilities());
            case '-': return Cycle();
            case 'A': case 'W': return Line("OK");
            case 'U': _simulatedFailure = true; return Line("OK");
            case 'D': _calibrating = !_calibrating; return Line("OK");
            case '^': return Line("OK");
            case '\x0e': if (SecondOfPair(c)) Shutdowns.Enqueue("^N"); return null;
            case 'Z': if (SecondOfPair(c)) Shutdowns.Enqueue("Z"); return null;
            case 'K':
                if (!SecondOfPair(c)) return null;
                Shutdowns.Enqueue("K");
                return ShutdownOk();
            case 'S':
                if (State.Phase is not (UpsPhase.OnBattery or UpsPhase.LowBattery) && !_simulatedFailure) return Line("NO");
                Shutdowns.Enqueue("S");
                return ShutdownOk();
            case '@': _atDigits = 0; _atBuffer.Clear(); return null;
            case '\x9f': _multiBytePrefix = true; return null;
        }
        if (_values.TryGetValue(c, out var value))
        {
            _lastRead = c;
            return Line(value);
        }
        return Line("NA");
    }

    private char _pairFirst;
    private DateTime _pairAt;

    /// <summary>K, Z and ^N act only when the same byte comes twice within 3 s; the first one gets no reply.</summary>
    private bool SecondOfPair(char c)
    {
        var now = DateTime.UtcNow;
        if (_pairFirst == c && now - _pairAt < TimeSpan.FromSeconds(3)) { _pairFirst = '\0'; return true; }
        _pairFirst = c;
        _pairAt = now;
        return false;
    }

    private byte[] ShutdownOk() => StarReplies ? new[] { (byte)'*' } : Line("OK");

    private int _stringCount;

    private byte[] Cycle()
    {
        if (_lastRead is 'c' or 'x')
        {
            _stringCount = 0;
            _stringWrite = new StringBuilder();
            _stringTarget = _lastRead;
            return null!;
        }
        if (!_choices.TryGetValue(_lastRead, out var choices)) return Line("NO");
        var current = ValueOf(_lastRead);
        var i = Array.IndexOf(choices, current);
        _values[_lastRead] = Encoding.Latin1.GetBytes(choices[(i + 1) % choices.Length]);
        return Line("OK");
    }

    /// <summary><c>#</c> then records: command, locale, count, length, entries (serial.md §2.5).</summary>
    public string Capabilities()
    {
        var sb = new StringBuilder("#");
        foreach (var (c, choices) in _choices)
        {
            var len = choices[0].Length;
            sb.Append(c).Append('4').Append((char)('0' + choices.Length)).Append((char)('0' + len));
            foreach (var choice in choices) sb.Append(choice);
        }
        return sb.ToString();
    }
}
