namespace UpsPS.Engine.Protocol
{
    /// <summary>Numbers the way NUT reads them: C's atoi, so "20s" is 20 and "abc" is 0.</summary>
    public static class CNumber
    {
        /// <summary>Optional leading blanks and sign, then digits up to the first non-digit; 0 when none; clamped to int.</summary>
        public static int Atoi(string s)
        {
            var i = 0;
            while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
            var negative = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) { negative = s[i] == '-'; i++; }
            long n = 0;
            for (; i < s.Length && s[i] >= '0' && s[i] <= '9'; i++)
            {
                n = n * 10 + (s[i] - '0');
                if (n > int.MaxValue) n = int.MaxValue;
            }
            return (int)(negative ? -n : n);
        }

        /// <summary>True for an optional sign followed by digits only.</summary>
        public static bool IsInteger(string s)
        {
            if (s.Length == 0) return false;
            var i = s[0] == '-' || s[0] == '+' ? 1 : 0;
            if (i == s.Length) return false;
            for (; i < s.Length; i++) if (s[i] < '0' || s[i] > '9') return false;
            return true;
        }
    }
}
