using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Cmdlets.Errors;
using UpsPS.Engine.Client;

namespace UpsPS.Commands
{
    /// <summary>
    /// Common parameters and plumbing of the network cmdlets: one NutClient per server for the whole pipeline,
    /// synchronous waits on the engine's async calls, protocol trace to the Debug stream, ErrorRecords from one map.
    /// </summary>
    public abstract class UpsCmdletBase : PSCmdlet, IDisposable
    {
        private readonly Dictionary<string, NutClient> _clients = new Dictionary<string, NutClient>(StringComparer.OrdinalIgnoreCase);
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> _trace = new ConcurrentQueue<string>();

        /// <summary>NUT server host name or address; overridden by a <c>ups@host:port</c> form of -UpsName.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "Server", "HostName")]
        [ValidateNotNullOrEmpty]
        public string ComputerName { get; set; } = "localhost";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = NutTarget.DefaultPort;

        /// <summary>NUT user (upsd.users) for commands that need one; never written to any output.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Connect and per-request timeout in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 10;

        /// <summary>Splits -UpsName (<c>ups</c> or <c>ups@host[:port]</c>) using -ComputerName/-Port as defaults.</summary>
        protected NutTarget ResolveTarget(string upsName) => NutTarget.Parse(upsName, ComputerName, Port);

        /// <summary>The pipeline-wide client for a server, connected and authenticated (when -Credential is given) on first use.</summary>
        protected NutClient GetClient(string host, int port)
        {
            var key = host + "|" + port;
            if (_clients.TryGetValue(key, out var client)) return client;
            WriteVerbose($"Connecting to NUT server {host}:{port}.");
            client = new NutClient(new NutClientOptions
            {
                Host = host,
                Port = port,
                ConnectTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
                RequestTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
                TryStartTls = true,
                Trace = _trace.Enqueue,
            });
            _clients[key] = client;
            if (Credential != null && Credential != PSCredential.Empty && !string.IsNullOrEmpty(Credential.UserName))
            {
                var credential = new NutCredential(Credential.UserName, Credential.Password);
                Run(ct => client.AuthenticateAsync(credential, ct));
            }
            return client;
        }

        /// <summary>Waits for an engine call on the pipeline thread (engine code never captures a context).</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> operation)
        {
            try
            {
                return operation(_stopping.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                FlushTrace();
            }
        }

        protected void Run(Func<CancellationToken, Task> operation) =>
            Run(async ct => { await operation(ct).ConfigureAwait(false); return true; });

        /// <summary>Writes a non-terminating ErrorRecord for an engine failure; anything unexpected is rethrown.</summary>
        protected void WriteFailure(Exception exception, object? target)
        {
            var record = UpsErrorMap.ToErrorRecord(exception, target);
            if (record == null) throw exception;
            WriteError(record);
        }

        /// <summary>Runs one unit of work; engine failures become non-terminating errors for <paramref name="target"/>.</summary>
        protected void Guard(object? target, Action body)
        {
            try
            {
                body();
            }
            catch (Exception ex) when (UpsErrorMap.ToErrorRecord(ex, target) != null)
            {
                WriteFailure(ex, target);
            }
        }

        protected static bool HasWildcards(IEnumerable<string>? names) =>
            names != null && names.Any(WildcardPattern.ContainsWildcardCharacters);

        protected static Func<string, bool> Matcher(string[]? names)
        {
            if (names == null || names.Length == 0) return _ => true;
            var patterns = names.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            return value => patterns.Any(p => p.IsMatch(value));
        }

        protected override void EndProcessing()
        {
            foreach (var client in _clients.Values)
            {
                try
                {
                    client.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is NutConnectionException || ex is TimeoutException || ex is ObjectDisposedException)
                {
                }
            }
            _clients.Clear();
            FlushTrace();
        }

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose()
        {
            foreach (var client in _clients.Values) client.Dispose();
            _clients.Clear();
            _stopping.Dispose();
        }

        private void FlushTrace()
        {
            while (_trace.TryDequeue(out var line)) WriteDebug(line);
        }
    }
}
