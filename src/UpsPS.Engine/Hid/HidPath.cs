using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace UpsPS.Engine.Hid
{
    /// <summary>Path text ↔ usage nodes: names from a usage table, unknown usages as 8 hex digits, index nodes as [n].</summary>
    public static class HidPath
    {
        public const uint IndexNodeBase = 0x00FF0000;

        public static bool IsIndexNode(uint node) => (node & 0xFFFFFF00) == IndexNodeBase;

        public static string FormatNode(uint node, HidUsageTable? table)
        {
            if (IsIndexNode(node)) return "[" + (node & 0xFF).ToString(CultureInfo.InvariantCulture) + "]";
            return (table ?? HidUsageTable.Generic).Name(node) ?? node.ToString("x8", CultureInfo.InvariantCulture);
        }

        public static string Format(IReadOnlyList<uint> path, HidUsageTable? table)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < path.Count; i++)
            {
                if (i > 0) sb.Append('.');
                sb.Append(FormatNode(path[i], table));
            }
            return sb.ToString();
        }

        /// <summary>Parses a path text; null when a node is neither a known name, [n], 8 hex digits nor 0x-hex.</summary>
        public static uint[]? Parse(string text, HidUsageTable? table)
        {
            var parts = text.Split('.');
            var nodes = new uint[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                var node = ParseNode(parts[i], table ?? HidUsageTable.Generic);
                if (node == null) return null;
                nodes[i] = node.Value;
            }
            return nodes;
        }

        private static uint? ParseNode(string part, HidUsageTable table)
        {
            if (part.Length >= 3 && part[0] == '[' && part[part.Length - 1] == ']'
                && uint.TryParse(part.Substring(1, part.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                return IndexNodeBase | (index & 0xFF);
            var id = table.Id(part);
            if (id != null) return id;
            var hex = part.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? part.Substring(2) : part.Length == 8 ? part : null;
            if (hex != null && uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)) return value;
            return null;
        }

        public static bool Equal(IReadOnlyList<uint> a, IReadOnlyList<uint> b)
        {
            if (a.Count != b.Count) return false;
            for (var i = 0; i < a.Count; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
