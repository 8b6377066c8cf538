using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace UpsPS.Engine.Client
{
    /// <summary>
    /// A NUT user name and password. The password stays in a <see cref="SecureString"/> and is only turned into
    /// bytes while the PASSWORD request is written; those bytes are cleared right after.
    /// </summary>
    public sealed class NutCredential : IDisposable
    {
        private readonly SecureString _password;

        public NutCredential(string userName, SecureString password)
        {
            UserName = userName ?? throw new ArgumentNullException(nameof(userName));
            _password = (password ?? throw new ArgumentNullException(nameof(password))).Copy();
            _password.MakeReadOnly();
        }

        public NutCredential(string userName, char[] password)
        {
            UserName = userName ?? throw new ArgumentNullException(nameof(userName));
            _password = new SecureString();
            foreach (var c in password) _password.AppendChar(c);
            _password.MakeReadOnly();
        }

        public string UserName { get; }

        public override string ToString() => UserName + ":********";

        /// <summary>The bytes of <c>PASSWORD &lt;arg&gt;\n</c>, argument encoded like every other request argument.
        /// The caller must clear the returned array.</summary>
        internal byte[] BuildPasswordLine()
        {
            var ptr = Marshal.SecureStringToGlobalAllocUnicode(_password);
            char[] chars = new char[_password.Length];
            try
            {
                Marshal.Copy(ptr, chars, 0, chars.Length);
                return NutRequestLine.BuildWithSecret("PASSWORD", chars);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, chars.Length);
            }
        }

        public void Dispose() => _password.Dispose();
    }

    /// <summary>Request lines as libupsclient builds them: each argument encoded, quoted when it has a space.</summary>
    internal static class NutRequestLine
    {
        public static byte[] Build(string line) => Encoding.UTF8.GetBytes(line + "\n");

        public static byte[] BuildWithSecret(string command, char[] secret)
        {
            var needsQuotes = secret.Length == 0;
            var extra = 0;
            foreach (var c in secret)
            {
                if (c == '"' || c == '\\' || c == '#') extra++;
                if (c == ' ' || c == '\t' || c == '=') needsQuotes = true;
            }
            var chars = new char[command.Length + 1 + secret.Length + extra + (needsQuotes ? 2 : 0) + 1];
            try
            {
                var i = 0;
                foreach (var c in command) chars[i++] = c;
                chars[i++] = ' ';
                if (needsQuotes) chars[i++] = '"';
                foreach (var c in secret)
                {
                    if (c == '"' || c == '\\' || c == '#') chars[i++] = '\\';
                    chars[i++] = c;
                }
                if (needsQuotes) chars[i++] = '"';
                chars[i] = '\n';
                return Encoding.UTF8.GetBytes(chars);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
            }
        }
    }
}
