namespace UpsPS.Engine.Hid
{
    /// <summary>Report types with the numbers used in GET_REPORT/SET_REPORT wValue's high byte.</summary>
    public enum HidReportType
    {
        Input = 1,
        Output = 2,
        Feature = 3,
    }
}
