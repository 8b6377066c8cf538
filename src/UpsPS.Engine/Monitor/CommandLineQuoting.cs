using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// Builds a <c>ProcessStartInfo.Arguments</c> string (netstandard2.0 has no ArgumentList) that .NET splits back
    /// into exactly the given argv on every OS (MSVCRT quoting rules).
    /// </summary>
    public static class CommandLineQuoting
    {
        public static string Join(IEnumerable<string> args) => string.Join(" ", args.Select(Quote));

        public static string Quote(string arg)
        {
            if (arg.Length > 0 && arg.All(c => !char.IsWhiteSpace(c) && c != '"' && c != '\\')) return arg;
            var sb = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in arg)
            {
                if (c == '\\') { backslashes++; continue; }
                if (c == '"') { sb.Append('\\', backslashes * 2 + 1); sb.Append('"'); backslashes = 0; continue; }
                sb.Append('\\', backslashes);
                backslashes = 0;
                sb.Append(c);
            }
            sb.Append('\\', backslashes * 2);
            sb.Append('"');
            return sb.ToString();
        }

        /// <summary>POSIX shell single quoting: <c>it's</c> → <c>'it'\''s'</c>.</summary>
        public static string ShellSingleQuote(string arg) => "'" + arg.Replace("'", "'\\''") + "'";
    }
}
