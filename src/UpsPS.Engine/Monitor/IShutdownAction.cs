using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// The local shutdown (SHUTDOWNCMD, a script block, a test capture). Called at most once per monitor,
    /// after the POWERDOWNFLAG file was written. A throw is logged as "Unable to call shutdown command".
    /// </summary>
    public interface IShutdownAction
    {
        Task ExecuteAsync(ShutdownDecision decision, CancellationToken cancellationToken);
    }
}
