using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace UpsPS.SerialSim;

/// <summary>
/// A Megatec/Q1-family UPS: CR-terminated commands, Q1-layout status from the scripted phase (or replayed
/// verbatim from a capture), F rating, optional I vendor line, silent instant commands. Unknown commands are
/// echoed without CR like the Mustek PowerMust capture shows.
/// </summary>
public sealed class Q1Device : ISimulatedDevice
{
    private readonly CrLineFramer _framer = new CrLineFramer();
    private readonly Random _random = new Random(4);
    private int _replayIndex;

    public Q1Device(UpsPhaseState? state = null) => State = state ?? new UpsPhaseState();

    public UpsPhaseState State { get; }

    /// <summary>Which query gives the status: Q1 (megatec, q1, zinto), QS (mustek, voltronic-qs), D (megatec/old).</summary>
    public string StatusCommand { get; set; } = "Q1";

    /// <summary>Reply to <c>I</c>; null = the UPS does not answer it.</summary>
    public string? VendorReply { get; set; } = "#UPSPS SIM       Q1SIM      VT12046Q  ";

    /// <summary>Reply to <c>F</c>; null = no reply.</summary>
    public string? RatingReply { get; set; } = "#230.0 004 12.00 50.0";

    /// <summary>Reply to <c>M</c> (Voltronic-QS model letter); null = unknown command.</summary>
    public string? ModelReply { get; set; }

    /// <summary>When set, status replies come from this list in order (the last repeats): exact capture bytes.</summary>
    public IReadOnlyList<string>? ReplayStatus { get; set; }

    /// <summary>Voltronic-QS-Hex: 'P' or 'T' makes <c>QS</c> answer in the binary format (and <c>M</c> with this letter).</summary>
    public char? HexModel { get; set; }

    public bool Beeper { get; set; } = true;
    public bool TestRunning { get; set; }
    public bool ShutdownPending { get; set; }
    public double Load { get; set; } = 14;

    /// <summary>Reply to <c>QI</c> (Voltronic-QS extra values); null = unknown command.</summary>
    public string? QsInfoReply { get; set; }

    /// <summary>Answer instant commands by echoing them (how many Megatec units refuse a command).</summary>
    public bool EchoInstantCommands { get; set; }

    /// <summary>Every command received (without CR), in order.</summary>
    public ConcurrentQueue<string> Received { get; } = new ConcurrentQueue<string>();

    public async Task OnBytesAsync(ReadOnlyMemory<byte> data, IDeviceOutput output, CancellationToken cancellationToken)
    {
        foreach (var command in _framer.Feed(data))
        {
            Received.Enqueue(command);
            var reply = Respond(command);
            if (reply != null) await SendAsync(reply, output, cancellationToken);
        }
    }

    private async Task SendAsync(string reply, IDeviceOutput output, CancellationToken cancellationToken)
    {
        var bytes = Encoding.Latin1.GetBytes(reply); // Latin-1 keeps QS-Hex raw bytes 0x80..0xFF intact
        switch (State.Fault)
        {
            case DeviceFault.Silent: return;
            case DeviceFault.Garbage:
                var junk = new byte[Math.Max(8, bytes.Length)];
                _random.NextBytes(junk);
                for (var i = 0; i < junk.Length; i++) if (junk[i] == '\r') junk[i] = (byte)'x';
                junk[^1] = (byte)'\r';
                await output.SendAsync(junk, cancellationToken);
                return;
            case DeviceFault.Partial:
                await output.SendAsync(bytes.Take(bytes.Length / 2).ToArray(), cancellationToken);
                return;
            case DeviceFault.Late:
                await Task.Delay(State.LateReplyDelay, cancellationToken);
                break;
        }
        await output.SendAsync(bytes, cancellationToken);
    }

    /// <summary>The reply bytes for one command (null = say nothing).</summary>
    public string? Respond(string command)
    {
        if (State.Phase == UpsPhase.Off) return null;
        if (command == StatusCommand) return HexModel != null ? QsHexEncoder.Encode(HexStatus(), HexModel == 'T') : StatusLine() + "\r";
        if (EchoInstantCommands && command is not ("F" or "I" or "M")) return command + "\r";
        switch (command)
        {
            case "F": return RatingReply == null ? null : RatingReply + "\r";
            case "I": return VendorReply == null ? null : VendorReply + "\r";
            case "M": return ModelReply == null ? command : ModelReply + "\r";
            case "QI" when QsInfoReply != null: return QsInfoReply + "\r";
            case "Q": Beeper = !Beeper; return null;
            case "T": case "TL": TestRunning = true; return null;
            case "CT": TestRunning = false; return null;
            case "C": ShutdownPending = false; if (State.Phase == UpsPhase.OutputOff) State.Phase = UpsPhase.Online; return null;
        }
        if (command.Length == 3 && command[0] == 'T' && char.IsDigit(command[1]) && char.IsDigit(command[2])) { TestRunning = true; return null; }
        if (command.StartsWith("S", StringComparison.Ordinal) && command.Length >= 2 && (command[1] == '.' || char.IsDigit(command[1])))
        {
            ShutdownPending = true;
            return null;
        }
        return command; // unknown: echoed back without CR
    }

    /// <summary>The current 46-character status line (without CR).</summary>
    public string StatusLine()
    {
        if (ReplayStatus is { Count: > 0 } replay)
        {
            var line = replay[Math.Min(_replayIndex, replay.Count - 1)];
            _replayIndex++;
            return line;
        }
        double vin = 230.4, vfault = 230.4, vout = 230.4, freq = 50.0, batt = 13.60, load = Load;
        bool utilityFail = false, low = false, shutdown = ShutdownPending;
        switch (State.Phase)
        {
            case UpsPhase.OnBattery: vin = 5.2; vfault = 5.2; batt = 12.60; utilityFail = true; break;
            case UpsPhase.LowBattery: vin = 5.2; vfault = 5.2; batt = 10.20; utilityFail = true; low = true; break;
            case UpsPhase.OutputOff: vout = 0; load = 0; freq = 0; batt = 12.70; shutdown = true; break;
        }
        var bits = $"{B(utilityFail)}{B(low)}0{B(false)}1{B(TestRunning)}{B(shutdown)}{B(Beeper)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"({vin:000.0} {vfault:000.0} {vout:000.0} {load:000} {freq:00.0} {batt:00.0} 25.0 {bits}");
    }

    private static char B(bool v) => v ? '1' : '0';

    /// <summary>The phase-driven values for the binary QS reply.</summary>
    public QsHexStatus HexStatus()
    {
        var s = new QsHexStatus { InputVoltage = 230.4, OutputVoltage = 230.4, Load = (int)Load, Frequency = 50.0, BatteryVoltage = 13.6 };
        bool utilityFail = false, low = false, shutdown = ShutdownPending;
        switch (State.Phase)
        {
            case UpsPhase.OnBattery: s.InputVoltage = 0; s.BatteryVoltage = 12.6; utilityFail = true; break;
            case UpsPhase.LowBattery: s.InputVoltage = 0; s.BatteryVoltage = 10.2; utilityFail = true; low = true; break;
            case UpsPhase.OutputOff: s.OutputVoltage = 0; s.Load = 0; shutdown = true; break;
        }
        s.Status = (byte)((utilityFail ? 0x80 : 0) | (low ? 0x40 : 0) | 0x08 | (TestRunning ? 0x04 : 0) | (shutdown ? 0x02 : 0) | (Beeper ? 0x01 : 0));
        return s;
    }
}
