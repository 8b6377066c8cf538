using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace UpsPS.SerialSim;

/// <summary>
/// A Voltronic (QPI family) UPS: QGS status from the scripted phase, QPI protocol, QRI ratings, QVFW/QMF/QID,
/// commands answered <c>(ACK</c>, anything unknown <c>(NAK</c>.
/// </summary>
public sealed class VoltronicDevice : ISimulatedDevice
{
    private readonly CrLineFramer _framer = new CrLineFramer();

    public VoltronicDevice(UpsPhaseState? state = null) => State = state ?? new UpsPhaseState();

    public UpsPhaseState State { get; }

    /// <summary>The <c>(PIxx</c> number.</summary>
    public int Protocol { get; set; } = 3;

    /// <summary>QGS characters 63–64: 00 offline, 01 line-interactive, 10 online.</summary>
    public string UpsType { get; set; } = "01";

    /// <summary>Reply to <c>QFLAG</c> (e.g. <c>(EpashcDbroegfl</c>); null = <c>(NAK</c>.</summary>
    public string? Flags { get; set; }

    public bool Beeper { get; set; } = true;
    public bool TestRunning { get; set; }
    public bool ShutdownPending { get; set; }
    public double Load { get; set; } = 21;

    /// <summary>Output voltage while online (set equal-ish to the input to exercise the AVR/BYPASS rule with bit 67).</summary>
    public double OnlineOutputVoltage { get; set; } = 230.0;
    public bool RegulationBit { get; set; }

    /// <summary>QGS character 68 ("UPS fault") and the QFS reply that goes with it (null = <c>(OK</c>).</summary>
    public bool FaultBit { get; set; }

    /// <summary>QMOD letter to report instead of the one the phase implies (e.g. 'P', 'E', 'C').</summary>
    public char? ModeLetter { get; set; }
    public string? FaultReply { get; set; }

    /// <summary>Also answer QMOD (mode letter), QBV (battery) and QMD (model/ratings) instead of (NAK.</summary>
    public bool ExtendedQueries { get; set; }

    /// <summary>QWS: 64 warning characters '0'/'1' (bit 1 first); null = (NAK.</summary>
    public string? Warnings { get; set; }

    /// <summary>QHE ECO voltage limits (high, low); null = (NAK.</summary>
    public (int high, int low)? EcoVoltage { get; set; }

    /// <summary>QFRE ECO frequency limits (high, low); null = (NAK.</summary>
    public (double high, double low)? EcoFrequency { get; set; }

    /// <summary>Outlets 1–4: on/off (QSKn) and shutdown delay in minutes (QSKTn); missing = (NAK.</summary>
    public ConcurrentDictionary<int, bool> Outlets { get; } = new ConcurrentDictionary<int, bool>();
    public ConcurrentDictionary<int, int> OutletDelayMinutes { get; } = new ConcurrentDictionary<int, int>();

    /// <summary>RE0 battery low voltage (<c>#20</c>); null = (NAK.</summary>
    public int? BatteryLowVoltage { get; set; }

    /// <summary>QBT battery type code 0–2 (P31); null = (NAK.</summary>
    public int? BatteryType { get; set; }

    /// <summary>Replies (without '(') to QBYV <c>264 170</c>, QBYF <c>53.0 47.0</c>, QPD <c>000 240</c>, QGR <c>00</c>; null = (NAK.</summary>
    public string? BypassVoltage { get; set; }
    public string? BypassFrequency { get; set; }
    public string? PhaseAngles { get; set; }
    public string? WorkRange { get; set; }

    /// <summary>Further query → reply pairs (e.g. QLDL, Q3PV); anything not listed is (NAK.</summary>
    public ConcurrentDictionary<string, string> ExtraReplies { get; } = new ConcurrentDictionary<string, string>();

    /// <summary>QBV battery packs in parallel (BATGN sets it).</summary>
    public int Packs { get; set; } = 1;

    /// <summary>Setting commands received and answered (ACK), in order.</summary>
    public ConcurrentQueue<string> Settings { get; } = new ConcurrentQueue<string>();

    public ConcurrentQueue<string> Received { get; } = new ConcurrentQueue<string>();

    public async Task OnBytesAsync(ReadOnlyMemory<byte> data, IDeviceOutput output, CancellationToken cancellationToken)
    {
        foreach (var command in _framer.Feed(data))
        {
            Received.Enqueue(command);
            var reply = Respond(command);
            if (reply != null && State.Fault != DeviceFault.Silent)
                await output.SendAsync(Encoding.ASCII.GetBytes(reply + "\r"), cancellationToken);
        }
    }

    public string? Respond(string command)
    {
        if (State.Phase == UpsPhase.Off) return null;
        switch (command)
        {
            case "QGS": return StatusLine();
            case "QPI": return "(PI" + Protocol.ToString("00", CultureInfo.InvariantCulture);
            case "QRI": return "(230.0 004 024.0 50.0";
            case "QVFW": return "(VERFW:00322.02";
            case "QMF": return "(#######UPSPS";
            case "QID": return "(12345679012345";
            case "QFLAG": return Flags ?? "(NAK";
            case "QMOD" when ExtendedQueries && ModeLetter != null: return "(" + ModeLetter;
            case "QMOD" when ExtendedQueries: return State.Phase switch { UpsPhase.OnBattery or UpsPhase.LowBattery => "(B", UpsPhase.OutputOff => "(S", _ => "(L" };
            case "QBV" when ExtendedQueries: return State.Phase switch { UpsPhase.LowBattery => $"(021.0 02 {Packs:00} 012 003", UpsPhase.OnBattery => $"(025.1 02 {Packs:00} 068 021", _ => $"(027.2 02 {Packs:00} 100 045" };
            case "QWS" when Warnings != null: return "(" + Warnings;
            case "QFS": return FaultReply ?? "(OK";
            case var q when ExtraReplies.TryGetValue(q, out var extra): return extra;
            case "QBYV" when BypassVoltage != null: return "(" + BypassVoltage;
            case "QBYF" when BypassFrequency != null: return "(" + BypassFrequency;
            case "QPD" when PhaseAngles != null: return "(" + PhaseAngles;
            case "QGR" when WorkRange != null: return "(" + WorkRange;
            case "PF": Settings.Enqueue(command); return "(ACK";
            case "QHE" when EcoVoltage != null: return string.Create(CultureInfo.InvariantCulture, $"({EcoVoltage.Value.high:000} {EcoVoltage.Value.low:000}");
            case "QFRE" when EcoFrequency != null: return string.Create(CultureInfo.InvariantCulture, $"({EcoFrequency.Value.high:00.0} {EcoFrequency.Value.low:00.0}");
            case "RE0" when BatteryLowVoltage != null: return string.Create(CultureInfo.InvariantCulture, $"#{BatteryLowVoltage:00}");
            case "QBT" when BatteryType != null: return string.Create(CultureInfo.InvariantCulture, $"({BatteryType:00}");
            case "QMD" when ExtendedQueries: return "(#######OLHVT1K0 ###1000 80 1/1 230 230 02 12.0";
            case "BZON": Beeper = true; return "(ACK";
            case "BZOFF": Beeper = false; return "(ACK";
            case "PEA": Beeper = true; Settings.Enqueue(command); return "(ACK";
            case "PDA": Beeper = false; Settings.Enqueue(command); return "(ACK";
            case "PEE": case "PDE": Settings.Enqueue(command); return "(ACK";
            case "CT": TestRunning = false; return "(ACK";
            case "CS": ShutdownPending = false; return "(ACK";
            case "SON": if (State.Phase == UpsPhase.OutputOff) State.Phase = UpsPhase.Online; return "(ACK";
            case "SOFF": return "(ACK";
        }
        if (Flags != null && command.Length == 3 && (command.StartsWith("PE", StringComparison.Ordinal) || command.StartsWith("PD", StringComparison.Ordinal)))
        {
            var letter = char.ToLowerInvariant(command[2]);
            var body = Flags.Substring(1).Replace(letter.ToString(), "");
            var split = body.IndexOf('D');
            Flags = "(" + (command[1] == 'E' ? body.Insert(split, letter.ToString()) : body + letter);
            Settings.Enqueue(command);
            return "(ACK";
        }
        var setting = ApplySetting(command);
        if (setting != null) { if (setting == "(ACK") Settings.Enqueue(command); return setting; }
        if (command.StartsWith("T", StringComparison.Ordinal)) { TestRunning = true; return "(ACK"; }
        if (command.StartsWith("S", StringComparison.Ordinal) && command.Length >= 2 && (command[1] == '.' || char.IsDigit(command[1])))
        {
            ShutdownPending = true;
            return "(ACK";
        }
        return "(NAK";
    }

    /// <summary>Outlet queries and setting commands; null when <paramref name="command"/> is neither.</summary>
    private string? ApplySetting(string command)
    {
        static bool Number(string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        int Outlet(string prefix) => command.Length == prefix.Length + 1 && command.StartsWith(prefix, StringComparison.Ordinal) && char.IsDigit(command[^1]) ? command[^1] - '0' : -1;
        int n;
        if ((n = Outlet("QSKT")) > 0) return OutletDelayMinutes.TryGetValue(n, out var m) ? string.Create(CultureInfo.InvariantCulture, $"({m:000}") : "(NAK";
        if ((n = Outlet("QSK")) > 0) return Outlets.TryGetValue(n, out var on) ? (on ? "(1" : "(0") : "(NAK";
        if ((n = Outlet("SKON")) > 0) { if (!Outlets.ContainsKey(n)) return "(NAK"; Outlets[n] = true; return "(ACK"; }
        if ((n = Outlet("SKOFF")) > 0) { if (!Outlets.ContainsKey(n)) return "(NAK"; Outlets[n] = false; return "(ACK"; }
        if (command.StartsWith("PSK", StringComparison.Ordinal) && command.Length == 7 && int.TryParse(command.AsSpan(4), out var minutes))
        {
            n = command[3] - '0';
            if (!OutletDelayMinutes.ContainsKey(n)) return "(NAK";
            OutletDelayMinutes[n] = minutes;
            return "(ACK";
        }
        double v;
        if (command.StartsWith("HEH", StringComparison.Ordinal) && EcoVoltage != null && Number(command[3..], out v)) { EcoVoltage = ((int)v, EcoVoltage.Value.low); return "(ACK"; }
        if (command.StartsWith("HEL", StringComparison.Ordinal) && EcoVoltage != null && Number(command[3..], out v)) { EcoVoltage = (EcoVoltage.Value.high, (int)v); return "(ACK"; }
        if (command.StartsWith("FREH", StringComparison.Ordinal) && EcoFrequency != null && Number(command[4..], out v)) { EcoFrequency = (v, EcoFrequency.Value.low); return "(ACK"; }
        if (command.StartsWith("FREL", StringComparison.Ordinal) && EcoFrequency != null && Number(command[4..], out v)) { EcoFrequency = (EcoFrequency.Value.high, v); return "(ACK"; }
        if (command.StartsWith("BATGN", StringComparison.Ordinal) && Number(command[5..], out v)) { Packs = (int)v; return "(ACK"; }
        if (command.StartsWith("BATN", StringComparison.Ordinal) && Number(command[4..], out _)) return "(ACK";
        if (command.StartsWith("W0E", StringComparison.Ordinal) && Number(command[3..], out v)) { BatteryLowVoltage = (int)v; return "(ACK"; }
        if (command.StartsWith("PBT", StringComparison.Ordinal) && Number(command[3..], out v)) { BatteryType = (int)v; return "(ACK"; }
        foreach (var prefix in new[] { "PHV", "PLV", "PGF", "PSF", "PPD", "PGR" })
            if (command.StartsWith(prefix, StringComparison.Ordinal) && Number(command[3..], out _)) return "(ACK";
        return null;
    }

    public string StatusLine()
    {
        double vin = 230.0, fin = 50.0, vout = OnlineOutputVoltage, fout = 50.0, iout = 1.5, load = Load, batt = 27.2;
        bool utilityFail = false, low = false, shutdown = ShutdownPending;
        switch (State.Phase)
        {
            case UpsPhase.OnBattery: vin = 0; fin = 0; batt = 25.1; utilityFail = true; break;
            case UpsPhase.LowBattery: vin = 0; fin = 0; batt = 21.0; utilityFail = true; low = true; break;
            case UpsPhase.OutputOff: vout = 0; iout = 0; load = 0; shutdown = true; break;
        }
        var bits = $"{UpsType}{B(utilityFail)}{B(low)}{B(RegulationBit)}{B(FaultBit)}0{B(TestRunning)}{B(shutdown)}{B(!Beeper)}00";
        return string.Create(CultureInfo.InvariantCulture,
            $"({vin:000.0} {fin:00.0} {vout:000.0} {fout:00.0} {iout:000.0} {load:000} 369.1 ---.- {batt:000.0} ---.- 031.0 {bits}");
    }

    private static char B(bool v) => v ? '1' : '0';
}
