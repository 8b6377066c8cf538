using System.Collections.Generic;

namespace UpsPS.Engine.Config
{
    public enum UpsschedCommand
    {
        /// <summary>A command word the reader did not recognise; matching it logs <c>Invalid command</c>.</summary>
        Invalid,
        StartTimer,
        StartTimerShared,
        CancelTimer,
        CancelTimerMatched,
        Execute,
    }

    /// <summary>One <c>AT notifytype upsname command arg1 [arg2]</c> line.</summary>
    public sealed class UpsschedRule
    {
        /// <summary>Notify type as written; compared case-insensitively.</summary>
        public string NotifyType { get; set; } = string.Empty;

        /// <summary>Exact (case-sensitive) system string, or <c>*</c>.</summary>
        public string UpsName { get; set; } = "*";

        public UpsschedCommand Command { get; set; }

        /// <summary>The command word as written (for the <c>Invalid command</c> message).</summary>
        public string CommandText { get; set; } = string.Empty;

        /// <summary>Timer or action name (EXECUTE: the command argument).</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>START-TIMER: seconds text (strtol); CANCEL-TIMER: fallback command; else null.</summary>
        public string? Argument { get; set; }

        /// <summary>Which of CMDSCRIPT/PIPEFN/LOCKFN had not been set when this line was read (null = all set).
        /// Matching such a rule aborts the event, like upssched.</summary>
        public string? MissingPrerequisite { get; set; }

        public int Line { get; set; }

        public bool Matches(string notifyType, string upsName) =>
            string.Equals(NotifyType, notifyType, System.StringComparison.OrdinalIgnoreCase)
            && (UpsName == "*" || UpsName == upsName);
    }

    /// <summary>upssched.conf contents. Plain settable properties (constructible from code).</summary>
    public sealed class UpsschedConfig
    {
        /// <summary>CMDSCRIPT tokens; the action/timer name is appended as the last argument.</summary>
        public List<string> CmdScript { get; set; } = new List<string>();

        public string? PipeFn { get; set; }
        public string? LockFn { get; set; }
        public int? DebugMin { get; set; }
        public List<UpsschedRule> Rules { get; set; } = new List<UpsschedRule>();
    }
}
