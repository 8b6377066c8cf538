namespace UpsPS.Engine.Monitor
{
    /// <summary>Role of this monitor for one UPS ("master"/"slave" are the legacy spellings).</summary>
    public enum MonitorRole
    {
        Secondary,
        Primary,
    }
}
