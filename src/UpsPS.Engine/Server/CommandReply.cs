namespace UpsPS.Engine.Server
{
    /// <summary>What one request line produces: reply text (zero, one or several LF-terminated lines) and what to do next.</summary>
    public sealed class CommandReply
    {
        public CommandReply(string text, bool closeAfter = false, bool startTls = false)
        {
            Text = text;
            CloseAfter = closeAfter;
            StartTls = startTls;
        }

        /// <summary>Exact bytes to send (ASCII); empty for "no reply".</summary>
        public string Text { get; }

        /// <summary>LOGOUT: close the connection after sending.</summary>
        public bool CloseAfter { get; }

        /// <summary>STARTTLS accepted: start the TLS handshake right after sending.</summary>
        public bool StartTls { get; }

        /// <summary>Wait this long before sending (login throttling); the session's later replies wait behind it.</summary>
        public System.TimeSpan Delay { get; private set; }

        public CommandReply WithDelay(System.TimeSpan delay) =>
            delay <= System.TimeSpan.Zero ? this : new CommandReply(Text, CloseAfter, StartTls) { Delay = delay };

        public static readonly CommandReply None = new CommandReply("");

        public static CommandReply Line(string line) => new CommandReply(line + "\n");
        public static CommandReply Error(string code) => new CommandReply("ERR " + code + "\n");

        public override string ToString() => Text;
    }
}
