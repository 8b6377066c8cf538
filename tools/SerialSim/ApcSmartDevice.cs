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
            if (c != '\r') { _stringWrite.Append(c); return null; }
            _values[_stringTarget] = Encoding.Latin1.GetBytes(_stringWrite.ToString().TrimEnd());
            _stringWrite = null;
            return Line("OK");
        }
        if (_atDigits >= 0)
        {
            _atBuffer.Append(c);
            if (_atBuffer.Length < 3) return null;
            _atDigits = -1;
            return Line("OK");
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
            case 'A': case 'U': case 'W': return Line("OK");
            case 'D': _calibrating = !_calibrating; return Line("OK");
            case '^': return Line("BYP");
            case '\x0e': case 'Z': return null;
            case 'K': return Line("OK");
            case 'S': return State.Phase is UpsPhase.OnBattery or UpsPhase.LowBattery ? Line("OK") : Line("NO");
            case '@': _atDigits = 0; _atBuffer.Clear(); return null;
        }
        if (_values.TryGetValue(c, out var value))
        {
            _lastRead = c;
            return Line(value);
        }
        return Line("NA");
    }

    private byte[] Cycle()
    {
        if (_lastRead is 'c' or 'x')
        {
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
