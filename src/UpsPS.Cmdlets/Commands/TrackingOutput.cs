using System.Management.Automation;
using UpsPS.Engine.Client;

namespace UpsPS.Commands
{
    /// <summary>Turns an engine tracking result into the output object plus the right warning or error.</summary>
    internal static class TrackingOutput
    {
        public const string TrackedOperationFailedId = "UpsPS.TrackedOperationFailed";

        public static void Write(PSCmdlet cmdlet, NutTrackingResult result, string ups, string operation, NutTarget target)
        {
            var output = new UpsTrackingResult
            {
                UpsName = ups,
                Operation = operation,
                TrackingId = result.Id,
                Status = result.Status,
                Error = result.ErrorText,
                ComputerName = target.Host,
                Port = target.Port,
            };
            cmdlet.WriteObject(output);
            if (result.Status == NutTrackingStatus.Pending)
                cmdlet.WriteWarning($"{operation} on {ups}@{target.Host}:{target.Port} is still pending (tracking id {result.Id}).");
            else if (result.Status == NutTrackingStatus.Failed)
                cmdlet.WriteError(new ErrorRecord(
                    new NutException(result.ErrorCode ?? NutErrorCode.Other, result.ErrorText ?? "", null, operation),
                    TrackedOperationFailedId, ErrorCategory.InvalidResult, output)
                {
                    ErrorDetails = new ErrorDetails($"The driver reported {result.ErrorText} for {operation} on {ups}."),
                });
        }
    }
}
