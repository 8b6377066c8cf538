using System;
using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// Everything upsmon.conf can say, with NUT's defaults. All plain settable properties so it can be built
    /// from a hashtable or by <see cref="Config.UpsmonConfReader"/>. Times are whole seconds like NUT.
    /// </summary>
    public sealed class MonitorConfig
    {
        public List<MonitoredUps> Monitors { get; set; } = new List<MonitoredUps>();
        public int MinSupplies { get; set; } = 1;

        /// <summary>SHUTDOWNCMD tokens: the first is a shell command line taken verbatim; later tokens are appended single-quoted (master).</summary>
        public List<string> ShutdownCommand { get; set; } = new List<string>();

        /// <summary>NOTIFYCMD tokens (see <see cref="NotifyCommandLauncher"/>).</summary>
        public List<string> NotifyCommand { get; set; } = new List<string>();

        public int PollFreq { get; set; } = 5;
        public int PollFreqAlert { get; set; } = 5;
        public int HostSync { get; set; } = 15;
        public int DeadTime { get; set; } = 15;
        public string? PowerDownFlag { get; set; }
        public Dictionary<NotifyType, string> NotifyMessages { get; set; } = new Dictionary<NotifyType, string>();
        public Dictionary<NotifyType, NotifyFlags> NotifyFlags { get; set; } = new Dictionary<NotifyType, NotifyFlags>();
        public int RbWarnTime { get; set; } = 43200;
        public int NoCommWarnTime { get; set; } = 300;
        public int FinalDelay { get; set; } = 5;
        public string? RunAsUser { get; set; }
        public string? CertPath { get; set; }
        public string? CertIdentName { get; set; }
        public string? CertIdentPassword { get; set; }
        public List<CertHostEntry> CertHosts { get; set; } = new List<CertHostEntry>();
        public bool CertVerify { get; set; }
        public bool ForceSsl { get; set; }
        public string? CertFile { get; set; }
        public int? DebugMin { get; set; }

        /// <summary>0 = exit right after the shutdown action; n&gt;0 = linger n s; &lt;0 = linger until stopped.</summary>
        public int ShutdownExit { get; set; }

        public int PollFailLogThrottleMax { get; set; } = -1;
        public int OffDuration { get; set; } = 30;
        public int OverDuration { get; set; } = -1;
        public int ObLbDuration { get; set; }
        public bool AlarmCritical { get; set; } = true;

        /// <summary>Default NOTIFYFLAG for types not in <see cref="NotifyFlags"/>; null = platform default.</summary>
        public bool? WindowsDefaults { get; set; }

        public string GetMessageTemplate(NotifyType type) =>
            NotifyMessages.TryGetValue(type, out var m) ? m : NotificationDefaults.GetMessage(type);

        public NotifyFlags GetFlags(NotifyType type) =>
            NotifyFlags.TryGetValue(type, out var f) ? f
            : WindowsDefaults.HasValue ? NotificationDefaults.GetFlags(type, WindowsDefaults.Value) : NotificationDefaults.GetFlags(type);

        public int TotalPowerValue => Monitors.Sum(m => Math.Max(0, m.PowerValue));

        /// <summary>The start-up/reload fatal check; null when fine, else NUT's three-line message.</summary>
        public string? CheckSufficientPower()
        {
            if (TotalPowerValue >= MinSupplies) return null;
            return "Fatal error: insufficient power configured!\n"
                + $"Sum of power values........: {TotalPowerValue}\n"
                + $"Minimum value (MINSUPPLIES): {MinSupplies}";
        }

        public MonitorConfig Clone()
        {
            var c = (MonitorConfig)MemberwiseClone();
            c.Monitors = Monitors.Select(m => m.Clone()).ToList();
            c.ShutdownCommand = new List<string>(ShutdownCommand);
            c.NotifyCommand = new List<string>(NotifyCommand);
            c.NotifyMessages = new Dictionary<NotifyType, string>(NotifyMessages);
            c.NotifyFlags = new Dictionary<NotifyType, NotifyFlags>(NotifyFlags);
            c.CertHosts = new List<CertHostEntry>(CertHosts);
            return c;
        }
    }

    /// <summary>CERTHOST host[:port] certname verify forcessl.</summary>
    public sealed class CertHostEntry
    {
        public string Host { get; set; } = string.Empty;
        public string CertName { get; set; } = string.Empty;
        public bool Verify { get; set; }
        public bool ForceSsl { get; set; }
    }
}
