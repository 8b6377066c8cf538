using System;
using System.IO;
using System.Text;

namespace UpsPS.Engine.Logging
{
    /// <summary>
    /// Appends upslog lines to a file, flushed per line. Optional size rotation (file → file.1 → … file.N);
    /// <see cref="Reopen"/> is the SIGHUP equivalent for external rotation (logrotate).
    /// </summary>
    public sealed class UpsLogFileWriter : IDisposable
    {
        private readonly object _gate = new object();
        private FileStream? _stream;

        public UpsLogFileWriter(string path, long maxBytes = 0, int maxFiles = 5)
        {
            Path = path;
            MaxBytes = maxBytes;
            MaxFiles = Math.Max(1, maxFiles);
            Open();
        }

        public string Path { get; }

        /// <summary>Rotate before a line would make the file larger than this; 0 = never.</summary>
        public long MaxBytes { get; }

        /// <summary>How many rotated files to keep.</summary>
        public int MaxFiles { get; }

        public void WriteLine(string line)
        {
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            lock (_gate)
            {
                if (_stream == null) Open();
                if (MaxBytes > 0 && _stream!.Length > 0 && _stream.Length + bytes.Length > MaxBytes) Rotate();
                _stream!.Write(bytes, 0, bytes.Length);
                _stream.Flush();
            }
        }

        public void Reopen()
        {
            lock (_gate)
            {
                _stream?.Dispose();
                _stream = null;
                Open();
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _stream?.Dispose();
                _stream = null;
            }
        }

        private void Open()
        {
            _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }

        private void Rotate()
        {
            _stream!.Dispose();
            _stream = null;
            string Name(int n) => Path + "." + n;
            if (File.Exists(Name(MaxFiles))) File.Delete(Name(MaxFiles));
            for (int n = MaxFiles - 1; n >= 1; n--)
                if (File.Exists(Name(n))) File.Move(Name(n), Name(n + 1));
            File.Move(Path, Name(1));
            Open();
        }
    }
}
