namespace UpsPS
{
    /// <summary>One variable of a UPS with its type information (GET VAR, GET TYPE, GET DESC, LIST ENUM/RANGE).</summary>
    public sealed class UpsVariableInfo
    {
        public string UpsName { get; set; } = "";
        public string Name { get; set; } = "";
        public string Value { get; set; } = "";

        /// <summary>STRING, NUMBER, ENUM, RANGE (or an unknown flag reported by the server).</summary>
        public string? Type { get; set; }
        public bool Writable { get; set; }
        public int? MaxLength { get; set; }
        public string[] Enum { get; set; } = System.Array.Empty<string>();
        public UpsValueRange[] Range { get; set; } = System.Array.Empty<UpsValueRange>();
        public string? Description { get; set; }
        public string ComputerName { get; set; } = "";
        public int Port { get; set; }

        public override string ToString() => $"{Name}={Value}";
    }

    /// <summary>An allowed interval of a RANGE variable; bounds as the server sent them.</summary>
    public sealed class UpsValueRange
    {
        public UpsValueRange(string minimum, string maximum)
        {
            Minimum = minimum;
            Maximum = maximum;
        }

        public string Minimum { get; }
        public string Maximum { get; }

        public override string ToString() => Minimum + ".." + Maximum;
    }
}
