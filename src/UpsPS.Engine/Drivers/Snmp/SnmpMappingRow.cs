using System;
using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Drivers.Snmp
{
    /// <summary>snmp-ups row flags (NUT's ST_FLAG_* / SU_FLAG_* / SU_TYPE_* and phase flags).</summary>
    [Flags]
    public enum SnmpRowFlags
    {
        None = 0,
        String = 1 << 0,
        ReadWrite = 1 << 1,
        Static = 1 << 2,
        SemiStatic = 1 << 3,
        /// <summary>No OID: the default text is published.</summary>
        Absent = 1 << 4,
        NegInvalid = 1 << 5,
        ZeroInvalid = 1 << 6,
        /// <summary>The first Unique row that answers disables the other rows with the same name.</summary>
        Unique = 1 << 7,
        /// <summary>Adds the lookup's tokens to ups.status.</summary>
        Status = 1 << 8,
        /// <summary>Adds the lookup's text to ups.alarm.</summary>
        Alarm = 1 << 9,
        Command = 1 << 10,
        /// <summary>Values are TimeTicks: SET sends seconds x 100.</summary>
        Time = 1 << 11,
        Input1 = 1 << 12,
        Input3 = 1 << 13,
        Output1 = 1 << 14,
        Output3 = 1 << 15,
        Bypass1 = 1 << 16,
        Bypass3 = 1 << 17,
        /// <summary>Outlet template (SU_OUTLET): name and OID carry "%i", instantiated per outlet index.</summary>
        Outlet = 1 << 18,
        /// <summary>Outlet group template (SU_OUTLET_GROUP).</summary>
        OutletGroup = 1 << 19,
        /// <summary>A string "N/A" at index 0 means the table starts at index 1 (SU_FLAG_NAINVALID).</summary>
        NaInvalid = 1 << 20,
        /// <summary>An outlet command's OID index is the outlet number plus one (SU_CMD_OFFSET, Pulizzi).</summary>
        CommandOffset = 1 << 21,
        /// <summary>A "MM/DD/YYYY" string published as "YYYY-MM-DD" (snmp-ups' US-date-to-ISO conversion).</summary>
        UsDateToIso = 1 << 22,
        /// <summary>External sensor template (SU_AMBIENT_TEMPLATE): "ambient.%i.*", counted by "ambient.count".</summary>
        Ambient = 1 << 23,
    }

    /// <summary>One mapping row: NUT name, OID, scaling or lookup, flags; for commands <see cref="Default"/> is the value sent.</summary>
    public sealed class SnmpMappingRow
    {
        public SnmpMappingRow(string name, SnmpRowFlags flags, double multiplier, string? oid, string? @default,
            IReadOnlyDictionary<long, string>? lookup)
        {
            Name = name;
            Flags = flags;
            Multiplier = multiplier;
            Oid = oid;
            Default = @default;
            Lookup = lookup;
        }

        public string Name { get; }
        public SnmpRowFlags Flags { get; }
        public double Multiplier { get; }
        public string? Oid { get; }
        public string? Default { get; }
        public IReadOnlyDictionary<long, string>? Lookup { get; }

        public bool Has(SnmpRowFlags flag) => (Flags & flag) != 0;

        /// <summary>
        /// An outlet / outlet group / ambient template row, still with "%i" in its name or OID (an ambient template's
        /// alarm row keeps the name "ups.alarm": only its OID carries the item).
        /// </summary>
        public bool IsTemplate => (Flags & (SnmpRowFlags.Outlet | SnmpRowFlags.OutletGroup | SnmpRowFlags.Ambient)) != 0
                                  && (Name.Contains("%i") || Oid != null && Oid.Contains("%i"));

        /// <summary>The row for item <paramref name="index"/> of a template.</summary>
        public SnmpMappingRow Instantiate(int index, SnmpRowFlags extra = SnmpRowFlags.None)
        {
            var n = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var oidIndex = (Has(SnmpRowFlags.CommandOffset) ? index + 1 : index).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new SnmpMappingRow(Name.Replace("%i", n), Flags | extra, Multiplier, Oid?.Replace("%i", oidIndex), Default?.Replace("%i", n), Lookup);
        }

        /// <summary>snmp-ups routes every variable whose name ends in ".alarm" into ups.alarm.</summary>
        public bool IsAlarm => Has(SnmpRowFlags.Alarm) || Name.EndsWith(".alarm", StringComparison.Ordinal);

        public override string ToString() => $"{Name} <- {Oid ?? "(none)"}";
    }

    /// <summary>Short constructors so mapping tables read like NUT's.</summary>
    internal static class Row
    {
        public static IReadOnlyDictionary<long, string> L(params (long Code, string Text)[] entries) =>
            entries.ToDictionary(e => e.Code, e => e.Text);

        public static SnmpMappingRow Str(string name, string oid, SnmpRowFlags flags = SnmpRowFlags.None, string? def = null,
            IReadOnlyDictionary<long, string>? lookup = null) =>
            new SnmpMappingRow(name, flags | SnmpRowFlags.String, 1, oid, def, lookup);

        public static SnmpMappingRow Num(string name, string oid, double multiplier = 1, SnmpRowFlags flags = SnmpRowFlags.None,
            IReadOnlyDictionary<long, string>? lookup = null) =>
            new SnmpMappingRow(name, flags, multiplier, oid, null, lookup);

        /// <summary>The four writable thresholds of a measurement (low/high warning/critical) in consecutive columns
        /// starting at <paramref name="firstColumn"/>; <paramref name="oidOfColumn"/> builds each OID.</summary>
        public static IEnumerable<SnmpMappingRow> Thresholds(string name, Func<int, string> oidOfColumn, int firstColumn, double multiplier,
            SnmpRowFlags flags = SnmpRowFlags.None)
        {
            var suffixes = new[] { ".low.warning", ".low.critical", ".high.warning", ".high.critical" };
            for (var k = 0; k < suffixes.Length; k++)
                yield return Num(name + suffixes[k], oidOfColumn(firstColumn + k), multiplier, SnmpRowFlags.ReadWrite | SnmpRowFlags.NegInvalid | flags);
        }

        public static SnmpMappingRow Fixed(string name, string value) =>
            new SnmpMappingRow(name, SnmpRowFlags.String | SnmpRowFlags.Absent | SnmpRowFlags.Static, 1, null, value, null);

        public static SnmpMappingRow Status(string oid, IReadOnlyDictionary<long, string> lookup) =>
            new SnmpMappingRow("ups.status", SnmpRowFlags.Status, 1, oid, null, lookup);

        public static SnmpMappingRow Alarm(string oid, IReadOnlyDictionary<long, string> lookup) =>
            new SnmpMappingRow("ups.alarm", SnmpRowFlags.Alarm, 1, oid, null, lookup);

        public static SnmpMappingRow Cmd(string name, string oid, long value, SnmpRowFlags flags = SnmpRowFlags.None) =>
            new SnmpMappingRow(name, flags | SnmpRowFlags.Command, 1, oid, value.ToString(System.Globalization.CultureInfo.InvariantCulture), null);

        /// <summary>Three rows for phases 1..3: name pattern with {0} replaced by the phase number, OID prefix + ".n".</summary>
        public static IEnumerable<SnmpMappingRow> Phases(string namePattern, string oidPrefix, double multiplier, SnmpRowFlags flags)
        {
            for (var n = 1; n <= 3; n++)
                yield return Num(string.Format(System.Globalization.CultureInfo.InvariantCulture, namePattern, n), oidPrefix + "." + n, multiplier, flags);
        }
    }

    /// <summary>One MIB mapping (NUT's mib2nut_info_t).</summary>
    public sealed class SnmpMapping
    {
        public SnmpMapping(string name, string version, string detectionOid, IReadOnlyList<string> sysOids, IReadOnlyList<SnmpMappingRow> rows,
            bool daisyChain = false, IReadOnlyList<SnmpOidAlarm>? oidAlarms = null)
        {
            DaisyChain = daisyChain;
            OidAlarms = oidAlarms ?? Array.Empty<SnmpOidAlarm>();
            Name = name;
            Version = version;
            DetectionOid = detectionOid;
            SysOids = sysOids;
            Rows = rows;
        }

        /// <summary>The <c>mibs=</c> name.</summary>
        public string Name { get; }
        public string Version { get; }

        /// <summary>The model OID GET to confirm the mapping.</summary>
        public string DetectionOid { get; }

        /// <summary>sysObjectID values matched exactly in the first detection pass.</summary>
        public IReadOnlyList<string> SysOids { get; }
        public IReadOnlyList<SnmpMappingRow> Rows { get; }

        /// <summary>
        /// The MIB indexes its tables by daisy-chained unit first (Eaton ePDU): the first "%i" of an OID is the unit.
        /// Only the first unit is read (snmp-ups' single-unit case).
        /// </summary>
        public bool DaisyChain { get; }

        /// <summary>The rows with the unit index put into their OIDs.</summary>
        public IReadOnlyList<SnmpMappingRow> ForUnit(int unitIndex)
        {
            if (!DaisyChain) return Rows;
            var unit = unitIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Rows.Select(r =>
            {
                if (r.Oid == null) return r;
                var first = r.Oid.IndexOf("%i", StringComparison.Ordinal);
                var second = first < 0 ? -1 : r.Oid.IndexOf("%i", first + 2, StringComparison.Ordinal);
                // A template with a single "%i" is indexed by item only (not by unit).
                if (first < 0 || r.IsTemplate && second < 0) return r;
                var oid = r.Oid.Substring(0, first) + unit + r.Oid.Substring(first + 2);
                return new SnmpMappingRow(r.Name, r.Flags, r.Multiplier, oid, r.Default, r.Lookup);
            }).ToList();
        }

        /// <summary>
        /// For the "ups.alarms" row (powerware): the alarm OIDs that an active-alarm table row may point to, with the
        /// status token and alarm text each one raises.
        /// </summary>
        public IReadOnlyList<SnmpOidAlarm> OidAlarms { get; }

        public SnmpMapping WithName(string name, IReadOnlyList<string> sysOids) =>
            new SnmpMapping(name, Version, DetectionOid, sysOids, Rows, DaisyChain, OidAlarms);
    }

    /// <summary>One entry of a mapping's alarm-OID list (NUT's alarms_info_t).</summary>
    public sealed class SnmpOidAlarm
    {
        public SnmpOidAlarm(string oid, string? status, string? alarm)
        {
            Oid = oid;
            Status = status;
            Alarm = alarm;
        }

        public string Oid { get; }
        public string? Status { get; }
        public string? Alarm { get; }
    }
}
