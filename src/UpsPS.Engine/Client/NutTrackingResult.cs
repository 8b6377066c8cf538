namespace UpsPS.Engine.Client
{
    public enum NutTrackingStatus
    {
        Pending,
        Success,
        Failed,
    }

    /// <summary>Outcome of a tracked SET VAR / INSTCMD (<c>GET TRACKING &lt;id&gt;</c>).</summary>
    public sealed class NutTrackingResult
    {
        public NutTrackingResult(string id, NutTrackingStatus status, NutErrorCode? errorCode = null, string? errorText = null)
        {
            Id = id;
            Status = status;
            ErrorCode = errorCode;
            ErrorText = errorText;
        }

        public string Id { get; }
        public NutTrackingStatus Status { get; }

        /// <summary>For <see cref="NutTrackingStatus.Failed"/>: the ERR code (UNKNOWN, INVALID-ARGUMENT, FAILED).</summary>
        public NutErrorCode? ErrorCode { get; }

        /// <summary>The ERR word as sent, for failed results.</summary>
        public string? ErrorText { get; }

        public bool IsCompleted => Status != NutTrackingStatus.Pending;
    }
}
