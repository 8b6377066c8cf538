namespace UpsPS
{
    /// <summary>A connection that did LOGIN to a UPS (LIST CLIENT), e.g. an upsmon instance.</summary>
    public sealed class UpsClientInfo
    {
        public string UpsName { get; set; } = "";
        public string Address { get; set; } = "";
        public string ComputerName { get; set; } = "";
        public int Port { get; set; }

        public override string ToString() => Address;
    }
}
