using System;
using System.IO;
using System.Threading.Tasks;

namespace UpsPS.Tests.Unit.Support
{
    /// <summary>
    /// A lock shared by every test process on the machine, for real NUT programs that use fixed paths
    /// (upsmon 2.8.0 always writes /run/nut/upsmon.pid, so two at once stop each other).
    /// </summary>
    public sealed class MachineLock : IDisposable
    {
        private readonly FileStream _file;

        private MachineLock(FileStream file) { _file = file; }

        public static async Task<MachineLock> AcquireAsync(string name, TimeSpan timeout)
        {
            var path = Path.Combine(Path.GetTempPath(), name + ".lock");
            FileStream? file = null;
            await Poll.UntilAsync(() =>
            {
                try { file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); return true; }
                catch (IOException) { return false; }
            }, timeout, () => $"another test process holds {path}").ConfigureAwait(false);
            return new MachineLock(file!);
        }

        public void Dispose() => _file.Dispose();
    }
}
