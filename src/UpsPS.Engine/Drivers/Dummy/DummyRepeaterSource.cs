using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Client;

namespace UpsPS.Engine.Drivers
{
    /// <summary>
    /// Where a dummy-ups repeater (<c>port = ups@host[:port]</c>) copies its variables from: another NUT
    /// server, read with <c>LIST VAR &lt;ups&gt;</c> through the client library.
    /// </summary>
    internal sealed class DummyRepeaterSource : IDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
        private readonly NutClient _client;

        public DummyRepeaterSource(string port)
        {
            var (ups, host, tcpPort) = ParseTarget(port);
            UpsName = ups;
            _client = new NutClient(new NutClientOptions
            {
                Host = host,
                Port = tcpPort,
                ConnectTimeout = Timeout,
                RequestTimeout = Timeout,
                AutoReconnect = true,
            });
        }

        public string UpsName { get; }

        /// <summary>Splits <c>ups@host[:port]</c>; IPv6 hosts go in brackets (<c>ups@[::1]:3493</c>).</summary>
        public static (string Ups, string Host, int Port) ParseTarget(string target)
        {
            NutTarget parsed;
            try { parsed = NutTarget.Parse(target, defaultHost: ""); }
            catch (FormatException e) { throw new DriverException($"Invalid repeater target '{target}': {e.Message}", e); }
            if (!NutTarget.HasHost(target) || parsed.UpsName == null || parsed.Host.Length == 0)
                throw new DriverException($"Invalid repeater target '{target}': expected ups@host[:port]");
            return (parsed.UpsName, parsed.Host, parsed.Port);
        }

        public async Task<IReadOnlyList<(string Name, string Value)>> ListVariablesAsync(CancellationToken cancellationToken)
        {
            var variables = await _client.ListVariablesAsync(UpsName, cancellationToken).ConfigureAwait(false);
            return variables.Select(v => (v.Name, v.Value)).ToList();
        }

        public void Dispose() => _client.Dispose();
    }
}
