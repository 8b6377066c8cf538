using System.Collections.Generic;

namespace UpsPS.Engine.Monitor
{
    /// <summary>Mutable per-UPS bookkeeping of the monitor core (monitor.md §6.2). Times are Unix seconds, 0 = never.</summary>
    internal sealed class UpsState
    {
        public UpsState(MonitoredUps config, UpsSystemName name)
        {
            Config = config;
            Name = name;
        }

        public MonitoredUps Config { get; set; }
        public UpsSystemName Name { get; }
        public string System => Name.Text;

        public UpsFlags Flags;
        public CommState Comm = CommState.Unknown;
        public LineState Line = LineState.Unknown;
        public long LastPoll;
        public long LastNonCritical;
        public long OffSince;
        public bool OffLongEnough;
        public long OverSince;
        public long ObLbSince;
        public bool PromotedDead;
        public string? CriticalReason;
        public long LastReplBattWarn;
        public long LastNoCommWarn;
        public string? AlarmText;
        public string OtherTokens = string.Empty;
        public string? LastStatus;
        public string? LastPollError;
        public int PollErrorRepeats;

        public IUpsConnection? Connection;
        public bool LoggedIn;
        public bool PrimaryGranted;

        public bool Has(UpsFlags f) => (Flags & f) == f;
        public void Set(UpsFlags f) => Flags |= f;
        public void Clear(UpsFlags f) => Flags &= ~f;

        public Dictionary<string, string> Variables()
        {
            var d = new Dictionary<string, string>();
            if (LastStatus != null) d["ups.status"] = LastStatus;
            if (AlarmText != null) d["ups.alarm"] = AlarmText;
            return d;
        }
    }
}
