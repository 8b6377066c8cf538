using System.Collections.Generic;

namespace UpsPS.Engine.State
{
    /// <summary>An inclusive integer range a writable variable accepts (ADDRANGE).</summary>
    public readonly struct VariableRange
    {
        public VariableRange(int min, int max) { Min = min; Max = max; }
        public int Min { get; }
        public int Max { get; }
        public bool Contains(int value) => value >= Min && value <= Max;
        public override string ToString() => $"{Min}..{Max}";
    }

    /// <summary>One device variable with the metadata of NUT's dstate: flags, max length, enum and range lists.</summary>
    public sealed class UpsVariable
    {
        public UpsVariable(string name, string value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }
        public string Value { get; set; }
        public VariableFlags Flags { get; set; }

        /// <summary>Max length for STRING variables (SETAUX).</summary>
        public int Aux { get; set; }

        public List<string> Enums { get; } = new List<string>();
        public List<VariableRange> Ranges { get; } = new List<VariableRange>();

        public bool IsWritable => (Flags & VariableFlags.ReadWrite) != 0;
        public bool IsString => (Flags & VariableFlags.String) != 0;

        public UpsVariable Clone()
        {
            var copy = new UpsVariable(Name, Value) { Flags = Flags, Aux = Aux };
            copy.Enums.AddRange(Enums);
            copy.Ranges.AddRange(Ranges);
            return copy;
        }
    }
}
