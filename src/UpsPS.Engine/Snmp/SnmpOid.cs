using System;
using System.Globalization;

namespace UpsPS.Engine.Snmp
{
    /// <summary>Dotted OID text helpers: normalisation, numeric ordering, prefix tests.</summary>
    public static class SnmpOid
    {
        /// <summary>Strips a leading dot and validates the arcs (digits only, at least two arcs).</summary>
        public static string Normalize(string oid)
        {
            if (oid == null) throw new ArgumentNullException(nameof(oid));
            var text = oid.Trim();
            if (text.StartsWith(".", StringComparison.Ordinal)) text = text.Substring(1);
            var arcs = text.Split('.');
            if (arcs.Length < 2) throw new FormatException($"invalid OID '{oid}'");
            foreach (var arc in arcs)
                if (arc.Length == 0 || !uint.TryParse(arc, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    throw new FormatException($"invalid OID '{oid}'");
            return text;
        }

        public static bool TryNormalize(string oid, out string normalized)
        {
            try { normalized = Normalize(oid); return true; }
            catch (FormatException) { normalized = ""; return false; }
        }

        /// <summary>Numeric (lexicographic by arc) comparison, the order agents walk in.</summary>
        public static int Compare(string a, string b)
        {
            var x = a.Split('.');
            var y = b.Split('.');
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                var c = ulong.Parse(x[i], CultureInfo.InvariantCulture).CompareTo(ulong.Parse(y[i], CultureInfo.InvariantCulture));
                if (c != 0) return c;
            }
            return x.Length.CompareTo(y.Length);
        }

        /// <summary>True when <paramref name="oid"/> lies strictly under <paramref name="prefix"/>.</summary>
        public static bool IsUnder(string oid, string prefix) =>
            oid.Length > prefix.Length && oid.StartsWith(prefix, StringComparison.Ordinal) && oid[prefix.Length] == '.';
    }
}
