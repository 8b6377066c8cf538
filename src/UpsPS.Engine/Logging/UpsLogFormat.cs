using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace UpsPS.Engine.Logging
{
    /// <summary>What a format expands against: one UPS at one moment (values already fetched).</summary>
    public sealed class UpsLogContext
    {
        public string UpsHost { get; set; } = string.Empty;
        public string HostName { get; set; } = string.Empty;
        public int ProcessId { get; set; }
        public DateTimeOffset Time { get; set; }

        /// <summary>Variable → value; a missing entry or null prints <c>NA</c>.</summary>
        public IReadOnlyDictionary<string, string?> Values { get; set; } = new Dictionary<string, string?>();
    }

    /// <summary>
    /// An upslog format string scanned once (logging-and-web.md §1.2, checked against upslog 2.8.0):
    /// <c>%NAME[ arg]%</c> tokens matched case-insensitively by prefix against HOST, UPSHOST, PID, TIME, VAR,
    /// ETIME; <c>%%</c> → %, <c>%t</c> → TAB (2.8.3+); unknown tokens (including <c>%TEXT…%</c>, which NUT
    /// does not have) → <c>INVALID</c>; an unterminated % → <c>INVALID</c> then the rest literally.
    /// </summary>
    public sealed class UpsLogFormat
    {
        public const string Default = "%TIME @Y@m@d @H@M@S% %VAR battery.charge% %VAR input.voltage% %VAR ups.load% [%VAR ups.status%] %VAR ups.temperature% %VAR input.frequency%";
        private const string Invalid = "INVALID";
        private static readonly string[] Commands = { "HOST", "UPSHOST", "PID", "TIME", "VAR", "ETIME" };

        private readonly List<Piece> _pieces;

        private UpsLogFormat(string text, List<Piece> pieces)
        {
            Text = text;
            _pieces = pieces;
        }

        public string Text { get; }

        /// <summary>Variables the format reads (GET VAR), in first-use order.</summary>
        public IReadOnlyList<string> VariableNames => _pieces.Where(p => p.Kind == PieceKind.Var).Select(p => p.Argument!).Distinct().ToList();

        public static UpsLogFormat Parse(string? format)
        {
            string text = format ?? Default;
            var pieces = new List<Piece>();
            var literal = new StringBuilder();
            void Flush()
            {
                if (literal.Length > 0) pieces.Add(new Piece(PieceKind.Literal, literal.ToString()));
                literal.Clear();
            }
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c != '%') { literal.Append(c); i++; continue; }
                if (i + 1 < text.Length && text[i + 1] == '%') { literal.Append('%'); i += 2; continue; }
                if (i + 1 < text.Length && text[i + 1] == 't' && (i + 2 >= text.Length || !char.IsLetter(text[i + 2])))
                {
                    literal.Append('\t');
                    i += 2;
                    continue;
                }
                int close = text.IndexOf('%', i + 1);
                Flush();
                if (close < 0)
                {
                    pieces.Add(new Piece(PieceKind.Invalid, null));
                    literal.Append(text, i + 1, text.Length - i - 1);
                    break;
                }
                pieces.Add(ParseToken(text.Substring(i + 1, close - i - 1)));
                i = close + 1;
            }
            Flush();
            return new UpsLogFormat(text, pieces);
        }

        public string Expand(UpsLogContext context)
        {
            var sb = new StringBuilder();
            foreach (var p in _pieces)
            {
                switch (p.Kind)
                {
                    case PieceKind.Literal: sb.Append(p.Argument); break;
                    case PieceKind.Host: sb.Append(context.HostName); break;
                    case PieceKind.UpsHost: sb.Append(context.UpsHost); break;
                    case PieceKind.Pid: sb.Append(context.ProcessId.ToString(CultureInfo.InvariantCulture)); break;
                    case PieceKind.ETime: sb.Append(context.Time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)); break;
                    case PieceKind.Time: sb.Append(Strftime.Format(p.Argument!.Replace('@', '%'), context.Time.ToLocalTime())); break;
                    case PieceKind.Var:
                        sb.Append(context.Values.TryGetValue(p.Argument!, out var v) && v != null ? v : "NA");
                        break;
                    default: sb.Append(Invalid); break;
                }
            }
            // upslog's line buffer is 1024 bytes including the newline.
            return sb.Length > 1023 ? sb.ToString(0, 1023) : sb.ToString();
        }

        private static Piece ParseToken(string token)
        {
            string? command = Commands.FirstOrDefault(cmd => token.StartsWith(cmd, StringComparison.OrdinalIgnoreCase));
            if (command == null) return new Piece(PieceKind.Invalid, null);
            int space = token.IndexOf(' ');
            string? arg = space < 0 ? null : token.Substring(space + 1);
            switch (command)
            {
                case "HOST": return new Piece(PieceKind.Host, null);
                case "UPSHOST": return new Piece(PieceKind.UpsHost, null);
                case "PID": return new Piece(PieceKind.Pid, null);
                case "ETIME": return new Piece(PieceKind.ETime, null);
                // upslog 2.8.0 crashes on %TIME% without a format; we print INVALID instead.
                case "TIME": return arg == null ? new Piece(PieceKind.Invalid, null) : new Piece(PieceKind.Time, arg);
                default: return arg == null || arg.IndexOf('.') < 0 ? new Piece(PieceKind.Invalid, null) : new Piece(PieceKind.Var, arg);
            }
        }

        private enum PieceKind { Literal, Host, UpsHost, Pid, Time, Var, ETime, Invalid }

        private sealed class Piece
        {
            public Piece(PieceKind kind, string? argument)
            {
                Kind = kind;
                Argument = argument;
            }

            public PieceKind Kind { get; }
            public string? Argument { get; }
        }
    }
}
