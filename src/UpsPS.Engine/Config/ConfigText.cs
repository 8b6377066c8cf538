using System.IO;
using System.Text;

namespace UpsPS.Engine.Config
{
    /// <summary>Reads a config file as NUT does (bytes, missing file fatal with NUT's "stat" wording).</summary>
    internal static class ConfigText
    {
        public static string ReadRequired(string path)
        {
            if (!File.Exists(path)) throw new ConfigException(path, 0, $"stat {path}: No such file or directory");
            try
            {
                // Latin-1 keeps every byte as one char; the tokenizer drops non-ASCII bytes anyway.
                return Encoding.GetEncoding("ISO-8859-1").GetString(File.ReadAllBytes(path));
            }
            catch (IOException ex) { throw new ConfigException(path, 0, $"Can't open {path}: {ex.Message}", ex); }
            catch (System.UnauthorizedAccessException ex) { throw new ConfigException(path, 0, $"Can't open {path}: Permission denied", ex); }
        }
    }
}
