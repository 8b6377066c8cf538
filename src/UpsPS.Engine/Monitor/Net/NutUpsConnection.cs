using System;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Client;

namespace UpsPS.Engine.Monitor.Net
{
    /// <summary>
    /// <see cref="IUpsConnection"/> over <see cref="NutClient"/>: one TCP session per MONITOR line, no automatic
    /// reconnect (the monitor core reconnects once per cycle). <c>ERR x</c> → <see cref="UpsCommandException"/>;
    /// any other failure marks the session broken so <see cref="IsConnected"/> turns false.
    /// </summary>
    public sealed class NutUpsConnection : IUpsConnection
    {
        private readonly NutClient _client;
        private volatile bool _broken;
        private volatile bool _opened;

        public NutUpsConnection(NutClientOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            options.AutoReconnect = false;
            _client = new NutClient(options);
        }

        public bool IsConnected => _opened && !_broken && _client.IsConnected;

        public Task ConnectAsync(CancellationToken cancellationToken) =>
            GuardAsync(async ct => { await _client.ConnectAsync(ct).ConfigureAwait(false); _opened = true; return true; }, cancellationToken);

        public Task LoginAsync(string username, string password, string upsName, CancellationToken cancellationToken) =>
            GuardAsync(async ct =>
            {
                if (!string.IsNullOrEmpty(username))
                {
                    var chars = (password ?? string.Empty).ToCharArray();
                    try
                    {
                        using var credential = new NutCredential(username, chars);
                        await _client.AuthenticateAsync(credential, ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        Array.Clear(chars, 0, chars.Length);
                    }
                }
                await _client.LoginAsync(upsName, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken);

        public Task PrimaryAsync(string upsName, CancellationToken cancellationToken) =>
            GuardAsync(async ct => { await _client.PrimaryAsync(upsName, ct).ConfigureAwait(false); return true; }, cancellationToken);

        public Task<string> GetVariableAsync(string upsName, string variableName, CancellationToken cancellationToken) =>
            GuardAsync(ct => _client.GetVariableAsync(upsName, variableName, ct), cancellationToken);

        public Task SetForcedShutdownAsync(string upsName, CancellationToken cancellationToken) =>
            GuardAsync(async ct => { await _client.FsdAsync(upsName, ct).ConfigureAwait(false); return true; }, cancellationToken);

        public Task<int> GetNumLoginsAsync(string upsName, CancellationToken cancellationToken) =>
            GuardAsync(ct => _client.GetNumLoginsAsync(upsName, ct), cancellationToken);

        public async Task LogoutAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _client.LogoutAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _broken = true;
            }
        }

        public void Dispose()
        {
            _broken = true;
            _client.Dispose();
        }

        private async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
        {
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (NutException ex)
            {
                throw new UpsCommandException(ex.CodeText, ex.Message);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                _broken = true;
                throw;
            }
            catch (Exception)
            {
                _broken = true;
                throw;
            }
        }
    }
}
