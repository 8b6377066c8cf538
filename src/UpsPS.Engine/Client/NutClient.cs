using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Client
{
    /// <summary>
    /// Async client for a NUT server (real upsd or UpsPS). One request is in flight per connection; calls from
    /// several tasks are queued. The connection is opened lazily on first use (or by <see cref="ConnectAsync"/>).
    /// </summary>
    public sealed partial class NutClient : IDisposable, IAsyncDisposable
    {
        private static readonly Version Version12 = new Version(1, 2);
        private static readonly Version Version13 = new Version(1, 3);

        private readonly NutClientOptions _options;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly CancellationTokenSource _disposing = new CancellationTokenSource();
        private NutConnection? _connection;
        private NutCredential? _credential;
        private string? _loginUps;
        private readonly List<string> _primaryUps = new List<string>();
        private bool _tracking;
        private long _lastActivityTicks = DateTime.UtcNow.Ticks;
        private Task? _keepAliveLoop;
        private bool _disposed;

        public NutClient(NutClientOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
        }

        public NutClient(string host, int port = NutTarget.DefaultPort)
            : this(new NutClientOptions { Host = host, Port = port })
        {
        }

        public NutClientOptions Options => _options;

        /// <summary>Protocol version from PROTVER/NETVER (1.1 assumed when both fail); null before connecting.</summary>
        public Version? ProtocolVersion { get; private set; }

        public bool IsConnected => _connection != null && !_connection.IsBroken;

        public bool IsTls { get; private set; }

        /// <summary>The UPS this connection did LOGIN to, if any.</summary>
        public string? LoggedInUps => _loginUps;

        public bool TrackingEnabled => _tracking;

        /// <summary>How many times the connection was re-established after a drop.</summary>
        public int ReconnectCount { get; private set; }

        /// <summary>Opens the connection now (STARTTLS probe, version probe). Later calls do nothing while connected.</summary>
        public Task ConnectAsync(CancellationToken cancellationToken = default) =>
            WithGateAsync(async ct => { await GetConnectionAsync(ct).ConfigureAwait(false); return true; }, cancellationToken);

        /// <summary>Re-establishes the connection and restores credentials, LOGIN, PRIMARY and tracking.</summary>
        public Task ReconnectAsync(CancellationToken cancellationToken = default) =>
            WithGateAsync(async ct => { await OpenSessionAsync(ct).ConfigureAwait(false); return true; }, cancellationToken);

        /// <summary>USERNAME + PASSWORD. The server only records them; a wrong password shows up at LOGIN/SET/INSTCMD
        /// as ACCESS-DENIED. The credential is kept (copied) for reconnects.</summary>
        public async Task AuthenticateAsync(NutCredential credential, CancellationToken cancellationToken = default)
        {
            if (credential == null) throw new ArgumentNullException(nameof(credential));
            await ExecuteAsync(async (c, ct) => { await SendCredentialAsync(c, credential, ct).ConfigureAwait(false); return true; },
                retryable: false, cancellationToken).ConfigureAwait(false);
            _credential = credential;
        }

        public async Task LoginAsync(string upsName, CancellationToken cancellationToken = default)
        {
            await SimpleAsync(new[] { "LOGIN", upsName }, retryable: false, cancellationToken).ConfigureAwait(false);
            _loginUps = upsName;
        }

        /// <summary>PRIMARY, falling back to MASTER on servers before 2.8.0. Returns the command that was granted.</summary>
        public async Task<string> PrimaryAsync(string upsName, CancellationToken cancellationToken = default)
        {
            var used = await ExecuteAsync((c, ct) => SendPrimaryAsync(c, upsName, ct), retryable: true, cancellationToken).ConfigureAwait(false);
            if (!_primaryUps.Contains(upsName, StringComparer.OrdinalIgnoreCase)) _primaryUps.Add(upsName);
            return used;
        }

        public Task FsdAsync(string upsName, CancellationToken cancellationToken = default) =>
            SimpleAsync(new[] { "FSD", upsName }, retryable: false, cancellationToken);

        /// <summary>LOGOUT; any reply (or the server just closing) is accepted. The connection is closed afterwards
        /// and the LOGIN/PRIMARY state is forgotten.</summary>
        public async Task LogoutAsync(CancellationToken cancellationToken = default)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var c = _connection;
                _connection = null;
                _loginUps = null;
                _primaryUps.Clear();
                _tracking = false;
                if (c == null || c.IsBroken) { c?.Dispose(); return; }
                try
                {
                    using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    cts.CancelAfter(TimeSpan.FromSeconds(Math.Min(2, _options.RequestTimeout.TotalSeconds)));
                    using (cts.Token.Register(c.Abort))
                    {
                        await SendAsync(c, "LOGOUT", null, cts.Token).ConfigureAwait(false);
                        await c.ReadLineAsync(cts.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is NutConnectionException || ex is OperationCanceledException || ex is ObjectDisposedException)
                {
                    // Old servers may close without replying; nothing left to do.
                }
                finally
                {
                    c.Dispose();
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Sends a harmless request (VER) so upsd's 60 s idle timer does not drop the connection.</summary>
        public Task KeepAliveAsync(CancellationToken cancellationToken = default) =>
            ExecuteAsync((c, ct) => RoundTripAsync(c, "VER", ct), retryable: true, cancellationToken);

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _disposing.Cancel();
            _connection?.Dispose();
            _connection = null;
            _credential = null;
        }

        /// <summary>Logs out politely (bounded wait), then releases the connection.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            try
            {
                if (IsConnected) await LogoutAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NutConnectionException || ex is TimeoutException || ex is OperationCanceledException)
            {
            }
            Dispose();
        }

        // ----- execution core -------------------------------------------------------------------------

        private Task SimpleAsync(string[] words, bool retryable, CancellationToken cancellationToken) =>
            ExecuteAsync(async (c, ct) =>
            {
                var request = NutEncoding.Line(words);
                NutReplyParser.ParseOk(await RoundTripAsync(c, request, ct).ConfigureAwait(false), request);
                return true;
            }, retryable, cancellationToken);

        /// <summary>Runs <paramref name="operation"/> under the request lock with the per-request timeout,
        /// reconnecting first if the connection dropped (and retrying once if the operation may be repeated).</summary>
        private Task<T> ExecuteAsync<T>(Func<NutConnection, CancellationToken, Task<T>> operation, bool retryable, CancellationToken cancellationToken) =>
            WithGateAsync(async ct =>
            {
                var connection = await GetConnectionAsync(ct).ConfigureAwait(false);
                try
                {
                    return await WithTimeoutAsync(connection, operation, ct).ConfigureAwait(false);
                }
                catch (NutConnectionException) when (retryable && _options.AutoReconnect && !ct.IsCancellationRequested)
                {
                    Trace("connection lost; reconnecting");
                    connection = await OpenSessionAsync(ct).ConfigureAwait(false);
                    return await WithTimeoutAsync(connection, operation, ct).ConfigureAwait(false);
                }
            }, cancellationToken);

        private async Task<T> WithGateAsync<T>(Func<CancellationToken, Task<T>> body, CancellationToken cancellationToken)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(NutClient));
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await body(cancellationToken).ConfigureAwait(false);
                _lastActivityTicks = DateTime.UtcNow.Ticks;
                return result;
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task<T> WithTimeoutAsync<T>(NutConnection connection, Func<NutConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
            cts.CancelAfter(_options.RequestTimeout);
            // A request that timed out leaves the reply stream in an unknown state: the connection is closed.
            using (cts.Token.Register(connection.Abort))
            {
                try
                {
                    return await operation(connection, cts.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (cts.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !_disposing.IsCancellationRequested
                                           && (ex is OperationCanceledException || ex is NutConnectionException || ex is ObjectDisposedException))
                {
                    throw new TimeoutException($"The NUT server {_options.Host}:{_options.Port} did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s.");
                }
            }
        }

        private async Task<NutConnection> GetConnectionAsync(CancellationToken ct)
        {
            if (_connection != null && !_connection.IsBroken) return _connection;
            var hadSession = _connection != null;
            if (hadSession && !_options.AutoReconnect)
                throw new NutConnectionException($"The connection to {_options.Host}:{_options.Port} was lost.");
            return await OpenSessionAsync(ct).ConfigureAwait(false);
        }

        /// <summary>(Re)opens the socket and replays the session state: STARTTLS, version probe, credentials, LOGIN, PRIMARY, tracking.</summary>
        private async Task<NutConnection> OpenSessionAsync(CancellationToken ct)
        {
            var reconnect = _connection != null;
            _connection?.Dispose();
            _connection = null;
            IsTls = false;

            var connection = await NutConnection.OpenAsync(_options.Host, _options.Port, _options.ConnectTimeout, ct).ConfigureAwait(false);
            try
            {
                Trace($"connected to {_options.Host}:{_options.Port}");
                if (_options.TryStartTls || _options.RequireTls) await WithTimeoutAsync(connection, StartTlsAsync, ct).ConfigureAwait(false);
                ProtocolVersion = await WithTimeoutAsync(connection, ProbeVersionAsync, ct).ConfigureAwait(false);
                if (_credential != null)
                    await WithTimeoutAsync(connection, async (c, t) => { await SendCredentialAsync(c, _credential, t).ConfigureAwait(false); return true; }, ct).ConfigureAwait(false);
                if (_loginUps != null)
                {
                    var login = "LOGIN " + NutEncoding.Argument(_loginUps);
                    await WithTimeoutAsync(connection, async (c, t) => NutReplyParser.ParseOk(await RoundTripAsync(c, login, t).ConfigureAwait(false), login), ct).ConfigureAwait(false);
                }
                foreach (var ups in _primaryUps)
                    await WithTimeoutAsync(connection, (c, t) => SendPrimaryAsync(c, ups, t), ct).ConfigureAwait(false);
                if (_tracking)
                    await WithTimeoutAsync(connection, async (c, t) => NutReplyParser.ParseOk(await RoundTripAsync(c, "SET TRACKING ON", t).ConfigureAwait(false), "SET TRACKING ON"), ct).ConfigureAwait(false);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
            _connection = connection;
            if (reconnect) ReconnectCount++;
            StartKeepAlive();
            return connection;
        }

        private async Task<bool> StartTlsAsync(NutConnection c, CancellationToken ct)
        {
            var reply = await RoundTripAsync(c, "STARTTLS", ct).ConfigureAwait(false);
            if (NutReplyParser.IsError(reply))
            {
                if (_options.RequireTls)
                    throw new Tls.NutTlsException(Tls.TlsFailureReason.StartTlsRefused,
                        $"The NUT server {_options.Host}:{_options.Port} refused STARTTLS ({string.Join(" ", reply)}) and TLS is required; not continuing in plain text.");
                Trace("server offers no TLS; continuing in plaintext");
                return false;
            }
            NutReplyParser.ParseOk(reply, "STARTTLS");
            if (_options.TlsUpgrade == null)
                throw new NutConnectionException("The server accepted STARTTLS but no TLS implementation is configured (NutClientOptions.TlsUpgrade).");
            await c.UpgradeAsync(_options.TlsUpgrade, _options.Host, ct).ConfigureAwait(false);
            IsTls = true;
            return true;
        }

        private async Task<Version> ProbeVersionAsync(NutConnection c, CancellationToken ct)
        {
            foreach (var command in new[] { "PROTVER", "NETVER" })
            {
                var reply = await RoundTripAsync(c, command, ct).ConfigureAwait(false);
                if (!NutReplyParser.IsError(reply)) return NutReplyParser.ParseProtocolVersion(reply, command);
            }
            return new Version(1, 1);
        }

        private async Task SendCredentialAsync(NutConnection c, NutCredential credential, CancellationToken ct)
        {
            var user = "USERNAME " + NutEncoding.Argument(credential.UserName);
            NutReplyParser.ParseOk(await RoundTripAsync(c, user, ct).ConfigureAwait(false), user);
            var line = credential.BuildPasswordLine();
            try
            {
                NutReplyParser.ParseOk(await RoundTripAsync(c, "PASSWORD ********", ct, line).ConfigureAwait(false), "PASSWORD ********");
            }
            finally
            {
                Array.Clear(line, 0, line.Length);
            }
        }

        private async Task<string> SendPrimaryAsync(NutConnection c, string upsName, CancellationToken ct)
        {
            if (ProtocolVersion == null || ProtocolVersion >= Version13)
            {
                var primary = "PRIMARY " + NutEncoding.Argument(upsName);
                var reply = await RoundTripAsync(c, primary, ct).ConfigureAwait(false);
                if (!NutReplyParser.IsError(reply))
                {
                    NutReplyParser.ParseOk(reply, primary);
                    return "PRIMARY";
                }
                var code = NutErrorCodes.Parse(reply.Count > 1 ? reply[1] : "");
                if (code != NutErrorCode.UnknownCommand && code != NutErrorCode.InvalidArgument) NutReplyParser.ThrowIfError(reply, primary);
            }
            var master = "MASTER " + NutEncoding.Argument(upsName);
            NutReplyParser.ParseOk(await RoundTripAsync(c, master, ct).ConfigureAwait(false), master);
            return "MASTER";
        }

        /// <summary>Writes one request line (or <paramref name="raw"/> bytes, traced as <paramref name="request"/>) and reads one reply line.</summary>
        private async Task<IReadOnlyList<string>> RoundTripAsync(NutConnection c, string request, CancellationToken ct, byte[]? raw = null)
        {
            await SendAsync(c, request, raw, ct).ConfigureAwait(false);
            var reply = await c.ReadLineAsync(ct).ConfigureAwait(false);
            Trace("← " + NutReplyParser.Show(reply));
            return reply;
        }

        private async Task SendAsync(NutConnection c, string request, byte[]? raw, CancellationToken ct)
        {
            Trace("→ " + request);
            await c.WriteAsync(raw ?? NutRequestLine.Build(request), ct).ConfigureAwait(false);
        }

        private async Task<IReadOnlyList<IReadOnlyList<string>>> ListAsync(string[] query, CancellationToken cancellationToken)
        {
            var request = "LIST " + NutEncoding.Line(query);
            return await ExecuteAsync(async (c, ct) =>
            {
                await SendAsync(c, request, null, ct).ConfigureAwait(false);
                var parser = new NutListParser(query, request);
                while (true)
                {
                    var line = await c.ReadLineAsync(ct).ConfigureAwait(false);
                    Trace("← " + NutReplyParser.Show(line));
                    if (parser.Accept(line)) return parser.Items;
                }
            }, retryable: true, cancellationToken).ConfigureAwait(false);
        }

        private Task<IReadOnlyList<string>> GetAsync(string[] query, CancellationToken cancellationToken)
        {
            var request = "GET " + NutEncoding.Line(query);
            return ExecuteAsync(async (c, ct) => NutReplyParser.ParseGet(query, await RoundTripAsync(c, request, ct).ConfigureAwait(false), request),
                retryable: true, cancellationToken);
        }

        private void RequireVersion(Version minimum, string feature)
        {
            if (ProtocolVersion != null && ProtocolVersion < minimum)
                throw new NotSupportedException($"{feature} needs NUT protocol {minimum} or later; the server speaks {ProtocolVersion}.");
        }

        private void StartKeepAlive()
        {
            if (_keepAliveLoop != null || _options.KeepAliveInterval is not TimeSpan interval || interval <= TimeSpan.Zero) return;
            _keepAliveLoop = Task.Run(async () =>
            {
                var token = _disposing.Token;
                while (!token.IsCancellationRequested)
                {
                    var idle = TimeSpan.FromTicks(DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastActivityTicks));
                    try
                    {
                        if (idle < interval) { await Task.Delay(interval - idle, token).ConfigureAwait(false); continue; }
                        if (IsConnected) await KeepAliveAsync(token).ConfigureAwait(false);
                        else await Task.Delay(interval, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested) { return; }
                    catch (ObjectDisposedException) { return; }
                    catch (Exception ex)
                    {
                        Trace("keepalive failed: " + ex.Message);
                        _lastActivityTicks = DateTime.UtcNow.Ticks;
                    }
                }
            });
        }

        private void Trace(string message) => _options.Trace?.Invoke(message);
    }
}
