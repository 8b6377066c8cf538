namespace UpsPS
{
    /// <summary>One device served by a NUT server (LIST UPS / GET UPSDESC).</summary>
    public sealed class UpsInfo
    {
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string ComputerName { get; set; } = "";
        public int Port { get; set; }

        /// <summary>Same as <see cref="Name"/>; lets the object bind to -UpsName down the pipeline.</summary>
        public string UpsName => Name;

        public override string ToString() => $"{Name}@{ComputerName}:{Port}";
    }
}
