using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Monitor
{
    /// <summary>One upsmon notification event, as handed to sinks and script blocks.</summary>
    public sealed class UpsNotification
    {
        public UpsNotification(NotifyType type, string upsName, string message, DateTimeOffset time, NotifyFlags flags,
            string? extra = null, IReadOnlyDictionary<string, string>? variables = null)
        {
            Type = type;
            UpsName = upsName;
            Message = message;
            Time = time;
            Flags = flags;
            Extra = extra;
            Variables = variables ?? new Dictionary<string, string>();
        }

        public NotifyType Type { get; }

        /// <summary>The MONITOR system string (e.g. <c>myups@server:3493</c>); empty for UPS-less events.</summary>
        public string UpsName { get; }

        /// <summary>The formatted text (NOTIFYMSG or the stock text).</summary>
        public string Message { get; }

        public DateTimeOffset Time { get; }

        /// <summary>The NOTIFYFLAG in effect for this type when it fired.</summary>
        public NotifyFlags Flags { get; }

        /// <summary>The second %s: alarm text, unknown tokens, or time jump amount.</summary>
        public string? Extra { get; }

        /// <summary>The readings behind the event, e.g. <c>ups.status</c>, <c>ups.alarm</c>.</summary>
        public IReadOnlyDictionary<string, string> Variables { get; }

        /// <summary>NUT's NOTIFYTYPE name.</summary>
        public string TypeName => Type.ToString();

        public override string ToString() => $"{Time:u} {Type} [{UpsName}] {Message}";
    }

    /// <summary>Receives every notification the monitor core raises. Must not block (queue slow work).</summary>
    public interface INotificationSink
    {
        void Notify(UpsNotification notification);

        /// <summary>Flag-independent broadcast (upsmon always logs CRIT and walls "Executing automatic power-fail shutdown").</summary>
        void Announce(string message);
    }
}
