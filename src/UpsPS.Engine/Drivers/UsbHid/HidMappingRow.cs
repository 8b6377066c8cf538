using System;

namespace UpsPS.Engine.Drivers.UsbHid
{
    public enum HidRowKind
    {
        /// <summary>A NUT variable read from (and maybe written to) a path.</summary>
        Variable,
        /// <summary>A status flag source; the converter yields flag names ("online", "!online").</summary>
        Bool,
        /// <summary>An instant command writing a value to a path.</summary>
        Command,
    }

    [Flags]
    public enum HidRowFlags
    {
        None = 0,
        /// <summary>Read once.</summary>
        Static = 1,
        /// <summary>Re-read only after a SET or command changed something.</summary>
        SemiStatic = 2,
        /// <summary>Also read in the quick poll after each interrupt read.</summary>
        QuickPoll = 4,
        /// <summary>Publish the default text instead of reading the device (ups.delay.*): path presence only.</summary>
        Absent = 8,
        /// <summary>Settable.</summary>
        ReadWrite = 16,
        /// <summary>Settable as a string (with <see cref="HidMappingRow.MaxLength"/>).</summary>
        String = 32,
        /// <summary>
        /// Feeds subdriver state or status flags only (MGE ABMEnable): kept even when it publishes nothing, and it
        /// never stops a later row from producing the same variable.
        /// </summary>
        Internal = 64,
        /// <summary>
        /// A row that exists only in NUT after 2.8.0 (MGE bypass/ECO commands, outlet.3): an UpsPS extension, used only
        /// with the driver option <c>upsps_later_nut</c> so that by default the driver publishes what 2.8.0 publishes.
        /// </summary>
        LaterNut = 128,
    }

    /// <summary>One line of a subdriver table (spec §5).</summary>
    public sealed class HidMappingRow
    {
        public HidMappingRow(HidRowKind kind, string name, string path)
        {
            Kind = kind;
            Name = name;
            Path = path;
        }

        public HidRowKind Kind { get; }
        /// <summary>NUT variable or command name ("BOOL" for status rows).</summary>
        public string Name { get; }
        public string Path { get; }
        public HidRowFlags Flags { get; set; }
        /// <summary>printf-style format of the value ("%.0f", "%.1f", "%s").</summary>
        public string Format { get; set; } = "%.0f";
        public HidConverter? Converter { get; set; }
        /// <summary>For ABSENT rows: the text published; for commands: a variable whose value is the default argument.</summary>
        public string? DefaultText { get; set; }
        /// <summary>For commands: the value written (unless a parameter or DefaultText variable supplies one).</summary>
        public double CommandValue { get; set; }
        public int MaxLength { get; set; }

        public bool Has(HidRowFlags flag) => (Flags & flag) != 0;

        public override string ToString() => $"{Kind} {Name} {Path}";
    }
}
