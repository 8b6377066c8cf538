using UpsPS.Engine.Client;

namespace UpsPS
{
    /// <summary>What the driver made of a tracked SET VAR or INSTCMD.</summary>
    public sealed class UpsTrackingResult
    {
        public string UpsName { get; set; } = "";

        /// <summary>e.g. <c>SET ups.id</c> or <c>INSTCMD load.off</c>.</summary>
        public string Operation { get; set; } = "";
        public string TrackingId { get; set; } = "";
        public NutTrackingStatus Status { get; set; }

        /// <summary>For failed results the ERR word (UNKNOWN, INVALID-ARGUMENT, FAILED).</summary>
        public string? Error { get; set; }
        public string ComputerName { get; set; } = "";
        public int Port { get; set; }

        public override string ToString() => $"{Operation}: {Status}";
    }
}
