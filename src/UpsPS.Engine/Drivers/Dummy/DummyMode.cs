using System;

namespace UpsPS.Engine.Drivers.Dummy
{
    public enum DummyMode
    {
        /// <summary>Play the file once, hold the last state, re-read when its modification time changes.</summary>
        Once,
        /// <summary>Play the file over and over.</summary>
        Loop,
        /// <summary>Copy the variables of a device on another NUT server.</summary>
        Repeater,
    }

    /// <summary>dummy-ups' mode decision table (dummy-ups.md §1), first match wins.</summary>
    public static class DummyModeResolver
    {
        /// <summary>Returns the mode and the text published as driver.parameter.mode.</summary>
        public static (DummyMode Mode, string Shown) Resolve(string? mode, string port)
        {
            if (mode == "repeater" || (mode == null && port.IndexOf('@') >= 0)) return (DummyMode.Repeater, "repeater");
            if (mode == "dummy-loop") return (DummyMode.Loop, "dummy-loop");
            if (mode == "dummy-once") return (DummyMode.Once, "dummy-once");
            if (mode == "dummy") return (DummyMode.Loop, "dummy-loop");
            // An unrecognised mode value is not rejected: it falls through to the file-name rules.
            if (port.EndsWith(".seq", StringComparison.Ordinal)) return (DummyMode.Loop, "dummy-loop");
            if (port.EndsWith(".dev", StringComparison.Ordinal)) return (DummyMode.Once, "dummy-once");
            return (DummyMode.Loop, "dummy");
        }
    }
}
