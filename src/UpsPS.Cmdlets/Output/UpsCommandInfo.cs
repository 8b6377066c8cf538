namespace UpsPS
{
    /// <summary>One instant command a UPS supports (LIST CMD + GET CMDDESC).</summary>
    public sealed class UpsCommandInfo
    {
        public string UpsName { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string ComputerName { get; set; } = "";
        public int Port { get; set; }

        public override string ToString() => Name;
    }
}
