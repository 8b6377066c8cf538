using System;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Monitor
{
    /// <summary>
    /// The monitor's view of one NUT network session (one per MONITOR line, like upsmon).
    /// Contract for adapters:
    /// <list type="bullet">
    /// <item>A server <c>ERR &lt;code&gt;</c> reply → throw <see cref="UpsCommandException"/> with the code
    /// (e.g. <c>ACCESS-DENIED</c>, <c>DATA-STALE</c>); the session stays usable.</item>
    /// <item>Any other exception (I/O, timeout, protocol garbage) means the session is broken; the monitor
    /// disposes it and creates a new one on the next cycle. <see cref="IsConnected"/> must turn false.</item>
    /// <item>Each call should be bounded by the network timeout (NUT: 10 s) and honour the token.</item>
    /// </list>
    /// </summary>
    public interface IUpsConnection : IDisposable
    {
        bool IsConnected { get; }

        /// <summary>TCP connect (+ STARTTLS policy: try, accept refusal unless FORCESSL).</summary>
        Task ConnectAsync(CancellationToken cancellationToken);

        /// <summary><c>USERNAME</c>, <c>PASSWORD</c>, <c>LOGIN &lt;ups&gt;</c>.</summary>
        Task LoginAsync(string username, string password, string upsName, CancellationToken cancellationToken);

        /// <summary><c>PRIMARY &lt;ups&gt;</c>; on any non-OK reply retry <c>MASTER &lt;ups&gt;</c>; throw if both fail.</summary>
        Task PrimaryAsync(string upsName, CancellationToken cancellationToken);

        /// <summary><c>GET VAR &lt;ups&gt; &lt;name&gt;</c> → the value.</summary>
        Task<string> GetVariableAsync(string upsName, string variableName, CancellationToken cancellationToken);

        /// <summary><c>FSD &lt;ups&gt;</c> (expects <c>OK FSD-SET</c>).</summary>
        Task SetForcedShutdownAsync(string upsName, CancellationToken cancellationToken);

        /// <summary><c>GET NUMLOGINS &lt;ups&gt;</c>.</summary>
        Task<int> GetNumLoginsAsync(string upsName, CancellationToken cancellationToken);

        /// <summary><c>LOGOUT</c> (the monitor disposes afterwards).</summary>
        Task LogoutAsync(CancellationToken cancellationToken);
    }

    /// <summary>Creates an unconnected session for one monitored system.</summary>
    public interface IUpsConnectionFactory
    {
        IUpsConnection Create(UpsSystemName system, MonitorConfig config);
    }

    /// <summary>A NUT <c>ERR</c> reply, e.g. <c>ERR ACCESS-DENIED</c> → ErrorCode "ACCESS-DENIED".</summary>
    public class UpsCommandException : Exception
    {
        public UpsCommandException(string errorCode, string? message = null) : base(message ?? "ERR " + errorCode)
        {
            ErrorCode = errorCode;
        }

        public string ErrorCode { get; }
    }
}
