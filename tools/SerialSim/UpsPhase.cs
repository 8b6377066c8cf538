using System.Globalization;

namespace UpsPS.SerialSim;

/// <summary>Power situations a scripted device goes through.</summary>
public enum UpsPhase
{
    /// <summary>Mains present, output on.</summary>
    Online,
    /// <summary>Mains lost, running on battery.</summary>
    OnBattery,
    /// <summary>On battery with low battery.</summary>
    LowBattery,
    /// <summary>Battery exhausted: the UPS is dead and answers nothing.</summary>
    Off,
    /// <summary>Mains back but output still off after a shutdown (Megatec bit b1 set).</summary>
    OutputOff,
}

/// <summary>Mutable device state shared by the simulators; thread-safe enough for one connection.</summary>
public sealed class UpsPhaseState
{
    private volatile UpsPhase _phase = UpsPhase.Online;

    public UpsPhase Phase { get => _phase; set { var old = _phase; _phase = value; if (old != value) PhaseChanged?.Invoke(old, value); } }

    public DeviceFault Fault { get; set; }

    public TimeSpan LateReplyDelay { get; set; } = TimeSpan.FromSeconds(2);

    public event Action<UpsPhase, UpsPhase>? PhaseChanged;
}

/// <summary>
/// A timeline "0:online 5:onbattery 10:lowbattery 15:off 20:online" (seconds from start) applied to a
/// <see cref="UpsPhaseState"/>.
/// </summary>
public sealed class PhaseScript
{
    public PhaseScript(IReadOnlyList<(TimeSpan At, UpsPhase Phase)> steps) => Steps = steps;

    public IReadOnlyList<(TimeSpan At, UpsPhase Phase)> Steps { get; }

    public static PhaseScript Parse(string text)
    {
        var steps = new List<(TimeSpan, UpsPhase)>();
        foreach (var item in text.Split(new[] { ' ', ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':');
            if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                throw new FormatException($"script step '{item}' is not SECONDS:PHASE");
            if (!Enum.TryParse<UpsPhase>(parts[1], true, out var phase))
                throw new FormatException($"unknown phase '{parts[1]}' (online, onbattery, lowbattery, off, outputoff)");
            steps.Add((TimeSpan.FromSeconds(seconds), phase));
        }
        return new PhaseScript(steps.OrderBy(s => s.Item1).ToList());
    }

    public async Task RunAsync(UpsPhaseState state, CancellationToken cancellationToken)
    {
        var start = DateTime.UtcNow;
        foreach (var (at, phase) in Steps)
        {
            var wait = start + at - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            state.Phase = phase;
        }
    }
}
