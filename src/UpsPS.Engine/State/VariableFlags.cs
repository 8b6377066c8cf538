using System;

namespace UpsPS.Engine.State
{
    /// <summary>Flags a driver sets with SETFLAGS.</summary>
    [Flags]
    public enum VariableFlags
    {
        None = 0,
        ReadWrite = 1,
        String = 2,
        Number = 4,
    }
}
