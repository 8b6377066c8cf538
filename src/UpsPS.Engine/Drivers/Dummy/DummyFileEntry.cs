using System.Collections.Generic;

namespace UpsPS.Engine.Drivers.Dummy
{
    public enum DummyEntryKind
    {
        /// <summary>Set a variable (Name, Value).</summary>
        Set,
        /// <summary><c>var:</c> with no value: delete the variable.</summary>
        Delete,
        /// <summary><c>ups.status: tokens</c> (Tokens, already de-duplicated).</summary>
        Status,
        /// <summary><c>TIMER n</c> (Seconds).</summary>
        Timer,
        /// <summary><c>ALARM text</c> (Value), or <c>ALARM</c> alone to clear (Value null).</summary>
        Alarm,
        /// <summary>UpsPS extension: <c>#@&lt;driver socket protocol line&gt;</c> (Words).</summary>
        Capability,
    }

    /// <summary>One meaningful line of a .dev/.seq file.</summary>
    public sealed class DummyFileEntry
    {
        public DummyEntryKind Kind { get; set; }
        public string Name { get; set; } = "";
        public string? Value { get; set; }
        public IReadOnlyList<string> Tokens { get; set; } = new string[0];
        public int Seconds { get; set; }
        public IReadOnlyList<string> Words { get; set; } = new string[0];
        public int LineNumber { get; set; }

        public override string ToString() => $"{Kind} {Name} {Value} {string.Join(" ", Tokens)} {Seconds} {string.Join(" ", Words)}".Trim();
    }
}
