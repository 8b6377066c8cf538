using System;
using System.Collections.Generic;
using System.Text;

namespace UpsPS.SerialSim;

/// <summary>Cuts the bytes a driver sends into CR-terminated commands (Megatec/Q1 and Voltronic framing).</summary>
public sealed class CrLineFramer
{
    private readonly StringBuilder _line = new StringBuilder();

    /// <summary>The commands completed by <paramref name="data"/>, without their CR; a partial command is kept.</summary>
    public IReadOnlyList<string> Feed(ReadOnlyMemory<byte> data)
    {
        var commands = new List<string>();
        foreach (var b in data.Span)
        {
            if (b != '\r') { _line.Append((char)b); continue; }
            commands.Add(_line.ToString());
            _line.Clear();
        }
        return commands;
    }
}
