using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Logging
{
    /// <summary>One upslog line for one UPS: the formatted text plus the values behind it.</summary>
    public sealed class UpsLogRecord
    {
        public UpsLogRecord(DateTimeOffset time, string ups, string line, IReadOnlyDictionary<string, string?> values, string? error)
        {
            Time = time;
            Ups = ups;
            Line = line;
            Values = values;
            Error = error;
        }

        public DateTimeOffset Time { get; }

        /// <summary>The UPS as given (<c>upsname[@host[:port]]</c>), like %UPSHOST%.</summary>
        public string Ups { get; }

        public string Line { get; }

        /// <summary>Variable → value; null where upslog prints NA.</summary>
        public IReadOnlyDictionary<string, string?> Values { get; }

        /// <summary>Why values are missing (connection failure), or null.</summary>
        public string? Error { get; }

        public override string ToString() => Line;
    }
}
