namespace UpsPS
{
    /// <summary>What Update-UpsServer changed in one running server.</summary>
    public sealed class UpsServerReloadInfo
    {
        public string Server { get; set; } = "";
        public string[] Added { get; set; } = new string[0];
        public string[] Removed { get; set; } = new string[0];
        public string[] Redefined { get; set; } = new string[0];
        public int Users { get; set; }
        public string[] Warnings { get; set; } = new string[0];

        public override string ToString() => Server;
    }
}
