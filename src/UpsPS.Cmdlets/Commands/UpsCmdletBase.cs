using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Cmdlets.Errors;
using UpsPS.Engine.Client;
using UpsPS.Engine.Tls;
using System.Net;
using System.Security;

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

        /// <summary>Require TLS (same as -TlsMode Required): a server without TLS is an error, never plain text.</summary>
        [Parameter]
        public SwitchParameter UseTls { get; set; }

        /// <summary>Off, Opportunistic (default: STARTTLS when the server offers it, like upsc) or Required. Whenever TLS is
        /// used the server certificate is verified.</summary>
        [Parameter]
        public NutTlsMode TlsMode { get; set; } = NutTlsMode.Opportunistic;

        /// <summary>CA certificate(s) (PEM/DER file or directory) to verify the server with, instead of the system store.</summary>
        [Parameter]
        public string? CertificateAuthorityFile { get; set; }

        /// <summary>Accept exactly the server certificate with this SHA-1 or SHA-256 thumbprint (pinning).</summary>
        [Parameter]
        public string[]? CertificateThumbprint { get; set; }

        /// <summary>Name the server certificate must carry when it differs from -ComputerName.</summary>
        [Parameter]
        public string? TlsServerName { get; set; }

        /// <summary>Do not verify the server certificate (explicit opt-out; a warning is written).</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Client certificate (PEM with key, or .pfx) for servers that request one (CERTREQUEST).</summary>
        [Parameter]
        public string? ClientCertificateFile { get; set; }

        [Parameter]
        public SecureString? ClientCertificatePassword { get; set; }

        private NutTlsClientOptions? _tls;

        /// <summary>The TLS settings of the parameters (built once; bad files end the command).</summary>
        protected NutTlsClientOptions TlsOptions()
        {
            if (_tls != null) return _tls;
            try
            {
                var tls = new NutTlsClientOptions { VerifyCertificate = !SkipCertificateCheck, ExpectedHostName = TlsServerName };
                if (SkipCertificateCheck)
                    WriteWarning("-SkipCertificateCheck: the NUT server's certificate is not verified; anyone between you and the server can read and change the traffic, including the password.");
                if (CertificateAuthorityFile != null)
                    tls.TrustAnchors = CertificateLoader.LoadTrustAnchors(GetUnresolvedProviderPathFromPSPath(CertificateAuthorityFile));
                if (CertificateThumbprint != null)
                    foreach (var t in CertificateThumbprint) tls.PinnedThumbprints.Add(t);
                if (ClientCertificateFile != null)
                    tls.ClientCertificate = CertificateLoader.LoadWithKey(GetUnresolvedProviderPathFromPSPath(ClientCertificateFile),
                        ClientCertificatePassword == null ? null : new NetworkCredential("", ClientCertificatePassword).Password);
                return _tls = tls;
            }
            catch (TlsConfigurationException ex)
            {
                ThrowTerminatingError(UpsErrorMap.ToErrorRecord(ex, null)!);
                throw;
            }
        }

        /// <summary>The effective TLS mode: -UseTls wins over -TlsMode.</summary>
        protected NutTlsMode EffectiveTlsMode => UseTls ? NutTlsMode.Required : TlsMode;

        /// <summary>Splits -UpsName (<c>ups</c> or <c>ups@host[:port]</c>) using -ComputerName/-Port as defaults.</summary>
        protected NutTarget ResolveTarget(string upsName) => NutTarget.Parse(upsName, ComputerName, Port);

        /// <summary>Like <see cref="ResolveTarget"/> for commands that act on one UPS: the spec must name it.</summary>
        protected (NutTarget Target, string Ups) ResolveUpsTarget(string upsName)
        {
            var target = ResolveTarget(upsName);
            return (target, target.UpsName ?? throw new FormatException($"'{upsName}' names no UPS."));
        }

        /// <summary>The pipeline-wide client for a server, connected and authenticated (when -Credential is given) on first use.</summary>
        protected NutClient GetClient(string host, int port)
        {
            var key = host + "|" + port;
            if (_clients.TryGetValue(key, out var client)) return client;
            WriteVerbose($"Connecting to NUT server {host}:{port}.");
            var options = new NutClientOptions
            {
                Host = host,
                Port = port,
                ConnectTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
                RequestTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
                Trace = _trace.Enqueue,
            };
            var mode = EffectiveTlsMode;
            NutTls.Configure(options, mode, mode == NutTlsMode.Off ? null : TlsOptions());
            client = new NutClient(options);
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
