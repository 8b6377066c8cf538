using System;

namespace UpsPS.Engine.Monitor
{
    /// <summary>upsmon's internal per-UPS status flags (derived from ups.status tokens).</summary>
    [Flags]
    public enum UpsFlags
    {
        None = 0,
        Online = 1 << 0,
        OnBattery = 1 << 1,
        LowBattery = 1 << 2,
        Fsd = 1 << 3,
        Calibrating = 1 << 4,
        Off = 1 << 5,
        Bypass = 1 << 6,
        Eco = 1 << 7,
        Alarm = 1 << 8,
        Overload = 1 << 9,
        Trim = 1 << 10,
        Boost = 1 << 11,
    }

    public enum CommState
    {
        Unknown,
        Ok,
        Lost,
    }

    public enum LineState
    {
        Unknown,
        OnLine,
        NotOnLine,
    }
}
