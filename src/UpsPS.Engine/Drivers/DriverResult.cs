namespace UpsPS.Engine.Drivers
{
    /// <summary>Result of a SET or INSTCMD, with NUT's numeric status codes (sent as <c>TRACKING id n</c>).</summary>
    public enum DriverResult
    {
        Handled = 0,
        Unknown = 1,
        Invalid = 2,
        Failed = 3,
        ConversionFailed = 4,
    }
}
