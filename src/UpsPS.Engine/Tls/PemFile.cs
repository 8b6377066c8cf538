using System;
using System.Collections.Generic;
using System.Text;

namespace UpsPS.Engine.Tls
{
    /// <summary>One <c>-----BEGIN label-----</c> … <c>-----END label-----</c> block of a PEM file.</summary>
    public sealed class PemBlock
    {
        public PemBlock(string label, byte[] data, bool hasHeaders)
        {
            Label = label;
            Data = data;
            HasHeaders = hasHeaders;
        }

        public string Label { get; }
        public byte[] Data { get; }

        /// <summary>RFC 1421 headers (e.g. <c>Proc-Type: 4,ENCRYPTED</c> of legacy OpenSSL key encryption).</summary>
        public bool HasHeaders { get; }

        public bool IsCertificate => Label == "CERTIFICATE" || Label == "X509 CERTIFICATE" || Label == "TRUSTED CERTIFICATE";
        public bool IsPrivateKey => Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal);
        public bool IsEncryptedKey => Label == "ENCRYPTED PRIVATE KEY" || (IsPrivateKey && HasHeaders);
    }

    /// <summary>Minimal PEM reader (RFC 7468): enough to find certificates and keys in a bundle.</summary>
    public static class PemFile
    {
        public static bool LooksLikePem(byte[] content) =>
            Encoding.ASCII.GetString(content, 0, Math.Min(content.Length, 64 * 1024)).Contains("-----BEGIN ");

        public static IReadOnlyList<PemBlock> Parse(string text)
        {
            var blocks = new List<PemBlock>();
            var pos = 0;
            while (true)
            {
                var begin = text.IndexOf("-----BEGIN ", pos, StringComparison.Ordinal);
                if (begin < 0) break;
                var labelStart = begin + 11;
                var labelEnd = text.IndexOf("-----", labelStart, StringComparison.Ordinal);
                if (labelEnd < 0) break;
                var label = text.Substring(labelStart, labelEnd - labelStart);
                var footer = "-----END " + label + "-----";
                var end = text.IndexOf(footer, labelEnd, StringComparison.Ordinal);
                if (end < 0) break;
                var body = text.Substring(labelEnd + 5, end - labelEnd - 5);
                var hasHeaders = body.Contains(":");
                var base64 = new StringBuilder();
                foreach (var rawLine in body.Split('\n'))
                {
                    var line = rawLine.Trim();
                    if (line.Length == 0 || line.Contains(":")) continue;
                    base64.Append(line);
                }
                byte[] data;
                try { data = Convert.FromBase64String(base64.ToString()); }
                catch (FormatException) { data = Array.Empty<byte>(); }
                blocks.Add(new PemBlock(label, data, hasHeaders));
                pos = end + footer.Length;
            }
            return blocks;
        }
    }
}
