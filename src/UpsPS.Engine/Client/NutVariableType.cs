using System;
using System.Collections.Generic;

namespace UpsPS.Engine.Client
{
    /// <summary>A parsed <c>TYPE &lt;ups&gt; &lt;var&gt; &lt;flags…&gt;</c> reply. Unknown flag words are kept, not rejected.</summary>
    public sealed class NutVariableType
    {
        public NutVariableType(bool writable, bool isEnum, bool isRange, bool isString, int? maxLength, bool isNumber,
            IReadOnlyList<string> otherFlags)
        {
            Writable = writable;
            IsEnum = isEnum;
            IsRange = isRange;
            IsString = isString;
            MaxLength = maxLength;
            IsNumber = isNumber;
            OtherFlags = otherFlags;
        }

        public bool Writable { get; }
        public bool IsEnum { get; }
        public bool IsRange { get; }
        public bool IsString { get; }
        public int? MaxLength { get; }
        public bool IsNumber { get; }
        public IReadOnlyList<string> OtherFlags { get; }

        /// <summary>"STRING", "NUMBER", "ENUM", "RANGE" or the first unknown flag; what upsrw would show.</summary>
        public string Kind =>
            IsString ? "STRING" : IsEnum ? "ENUM" : IsRange ? "RANGE" : IsNumber ? "NUMBER" : OtherFlags.Count > 0 ? OtherFlags[0] : "UNKNOWN";

        public static NutVariableType FromFlags(IEnumerable<string> flags)
        {
            bool rw = false, en = false, rg = false, str = false, num = false;
            int? max = null;
            var other = new List<string>();
            foreach (var flag in flags)
            {
                var upper = flag.ToUpperInvariant();
                if (upper == "RW") rw = true;
                else if (upper == "ENUM") en = true;
                else if (upper == "RANGE") rg = true;
                else if (upper == "NUMBER") num = true;
                else if (upper == "STRING" || upper.StartsWith("STRING:", StringComparison.Ordinal))
                {
                    str = true;
                    if (upper.Length > 7 && int.TryParse(upper.Substring(7), out var n)) max = n;
                }
                else other.Add(flag);
            }
            return new NutVariableType(rw, en, rg, str, max, num, other);
        }
    }
}
