using System;
using System.Collections.Generic;
using System.Text;

namespace UpsPS.Engine.Client
{
    /// <summary>Conversions between <see cref="NutErrorCode"/> and the wire words (<c>ACCESS-DENIED</c>).</summary>
    public static class NutErrorCodes
    {
        private static readonly Dictionary<string, NutErrorCode> ByWire = BuildTable();

        /// <summary>Maps a wire code (case-insensitive); unknown codes give <see cref="NutErrorCode.Other"/>.</summary>
        public static NutErrorCode Parse(string wire) =>
            ByWire.TryGetValue(wire, out var code) ? code : NutErrorCode.Other;

        /// <summary>The wire spelling, e.g. <c>VAR-NOT-SUPPORTED</c>.</summary>
        public static string ToWire(NutErrorCode code)
        {
            if (code == NutErrorCode.Other) return "OTHER";
            var name = code.ToString();
            var sb = new StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                if (i > 0 && char.IsUpper(name[i])) sb.Append('-');
                sb.Append(char.ToUpperInvariant(name[i]));
            }
            return sb.ToString();
        }

        /// <summary>PascalCase identifier for a wire code, also for codes this library does not know
        /// (<c>SOME-NEW-CODE</c> → <c>SomeNewCode</c>); used for stable error ids.</summary>
        public static string ToIdentifier(string wire)
        {
            var known = Parse(wire);
            if (known != NutErrorCode.Other) return known.ToString();
            var sb = new StringBuilder(wire.Length);
            var upperNext = true;
            foreach (var c in wire)
            {
                if (!char.IsLetterOrDigit(c)) { upperNext = true; continue; }
                sb.Append(upperNext ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                upperNext = false;
            }
            return sb.Length == 0 ? "UnknownError" : sb.ToString();
        }

        private static Dictionary<string, NutErrorCode> BuildTable()
        {
            var table = new Dictionary<string, NutErrorCode>(StringComparer.OrdinalIgnoreCase);
            foreach (NutErrorCode code in Enum.GetValues(typeof(NutErrorCode)))
            {
                if (code != NutErrorCode.Other) table[ToWire(code)] = code;
            }
            return table;
        }
    }
}
