namespace UpsPS.SerialSim;

/// <summary>A device model: receives the host's bytes and writes its replies through <see cref="IDeviceOutput"/>.</summary>
public interface ISimulatedDevice
{
    Task OnBytesAsync(ReadOnlyMemory<byte> data, IDeviceOutput output, CancellationToken cancellationToken);
}

public interface IDeviceOutput
{
    Task SendAsync(byte[] data, CancellationToken cancellationToken);
}

/// <summary>Fault injection shared by the simulators.</summary>
public enum DeviceFault
{
    None,
    /// <summary>No reply at all.</summary>
    Silent,
    /// <summary>Random bytes instead of the reply.</summary>
    Garbage,
    /// <summary>Only the first half of the reply, no terminator.</summary>
    Partial,
    /// <summary>The reply arrives after <see cref="UpsPhaseState.LateReplyDelay"/> (longer than the driver waits).</summary>
    Late,
}
