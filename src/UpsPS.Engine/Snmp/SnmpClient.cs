using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Snmp.Usm;

namespace UpsPS.Engine.Snmp
{
    /// <summary>
    /// An SNMP manager session with one agent: GET, GETNEXT, GETBULK, SET over v1, v2c or v3 (USM), with
    /// retries, request-id matching, v3 engine discovery, time-window resynchronisation and re-discovery
    /// after an agent restart. Requests are serialised. Error-status answers are returned, not thrown;
    /// silence, malformed datagrams and USM reports become <see cref="SnmpException"/>s.
    /// </summary>
    public sealed partial class SnmpClient : IDisposable
    {
        private readonly SnmpClientOptions _options;
        private readonly ISnmpTransport _transport;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private int _nextRequestId;
        private long _pdusSent;
        private long _responses;
        private long _malformed;

        public SnmpClient(SnmpClientOptions options, ISnmpTransport transport)
        {
            _options = options;
            _transport = transport;
            var seed = new byte[4];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(seed);
            _nextRequestId = BitConverter.ToInt32(seed, 0) & 0x3fffffff;
            _saltCounter = ((long)_nextRequestId << 20) ^ DateTime.UtcNow.Ticks;
            if (options.Version == SnmpVersion.V3) ValidateV3Options();
        }

        public static async Task<SnmpClient> ConnectAsync(SnmpClientOptions options, CancellationToken cancellationToken = default)
        {
            var transport = await UdpSnmpTransport.ConnectAsync(options.Host, options.Port).ConfigureAwait(false);
            return new SnmpClient(options, transport);
        }

        public SnmpClientOptions Options => _options;

        /// <summary>Datagrams sent, retries and v3 discovery included.</summary>
        public long PdusSent => Interlocked.Read(ref _pdusSent);

        public long ResponsesReceived => Interlocked.Read(ref _responses);

        /// <summary>Datagrams dropped because they could not be decoded or verified.</summary>
        public long MalformedReceived => Interlocked.Read(ref _malformed);

        public Task<SnmpPdu> GetAsync(IReadOnlyList<string> oids, CancellationToken cancellationToken = default) =>
            RequestAsync(SnmpPduType.GetRequest, 0, 0, oids.Select(SnmpVarBind.Request).ToList(), cancellationToken);

        public Task<SnmpPdu> GetNextAsync(IReadOnlyList<string> oids, CancellationToken cancellationToken = default) =>
            RequestAsync(SnmpPduType.GetNextRequest, 0, 0, oids.Select(SnmpVarBind.Request).ToList(), cancellationToken);

        public Task<SnmpPdu> GetBulkAsync(int nonRepeaters, int maxRepetitions, IReadOnlyList<string> oids, CancellationToken cancellationToken = default)
        {
            if (_options.Version == SnmpVersion.V1) throw new InvalidOperationException("GETBULK needs SNMP v2c or v3");
            return RequestAsync(SnmpPduType.GetBulkRequest, nonRepeaters, maxRepetitions, oids.Select(SnmpVarBind.Request).ToList(), cancellationToken);
        }

        public Task<SnmpPdu> SetAsync(IReadOnlyList<SnmpVarBind> varBinds, CancellationToken cancellationToken = default) =>
            RequestAsync(SnmpPduType.SetRequest, 0, 0, varBinds, cancellationToken);

        /// <summary>
        /// All varbinds under <paramref name="prefix"/>: GETBULK on v2c/v3, GETNEXT on v1. Stops at the end of
        /// the subtree, on an error or exception, or when an agent answers an OID that does not increase.
        /// </summary>
        public async Task<IReadOnlyList<SnmpVarBind>> WalkAsync(string prefix, int maxRepetitions = 25, int maxRows = 10000,
            CancellationToken cancellationToken = default)
        {
            prefix = SnmpOid.Normalize(prefix);
            var result = new List<SnmpVarBind>();
            var current = prefix;
            while (result.Count < maxRows)
            {
                var response = _options.Version == SnmpVersion.V1
                    ? await GetNextAsync(new[] { current }, cancellationToken).ConfigureAwait(false)
                    : await GetBulkAsync(0, maxRepetitions, new[] { current }, cancellationToken).ConfigureAwait(false);
                if (response.ErrorStatus != 0 || response.VarBinds.Count == 0) break;
                foreach (var vb in response.VarBinds)
                {
                    if (vb.Value.IsException || !SnmpOid.IsUnder(vb.Oid, prefix) || SnmpOid.Compare(vb.Oid, current) <= 0)
                        return result;
                    result.Add(vb);
                    current = vb.Oid;
                }
            }
            return result;
        }

        private async Task<SnmpPdu> RequestAsync(SnmpPduType type, int errorStatus, int errorIndex, IReadOnlyList<SnmpVarBind> varBinds,
            CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var requestId = Interlocked.Increment(ref _nextRequestId) & 0x7fffffff;
                var pdu = new SnmpPdu(type, requestId, errorStatus, errorIndex, varBinds);
                return _options.Version == SnmpVersion.V3
                    ? await RequestV3Async(pdu, cancellationToken).ConfigureAwait(false)
                    : await RequestCommunityAsync(pdu, cancellationToken).ConfigureAwait(false);
            }
            finally { _gate.Release(); }
        }

        private async Task<SnmpPdu> RequestCommunityAsync(SnmpPdu pdu, CancellationToken cancellationToken)
        {
            var message = new SnmpCommunityMessage(_options.Version, Encoding.UTF8.GetBytes(_options.Community), pdu);
            var datagram = SnmpBer.EncodeCommunityMessage(message);
            var answer = await ExchangeAsync(datagram, reply =>
            {
                var decoded = SnmpBer.DecodeCommunityMessage(reply);
                return decoded.Version == _options.Version && decoded.Pdu.RequestId == pdu.RequestId && decoded.Pdu.Type == SnmpPduType.Response
                    ? decoded.Pdu : null;
            }, cancellationToken).ConfigureAwait(false);
            if (answer != null) return answer;
            throw new SnmpTimeoutException(
                $"no response from {_options.Describe()} after {_options.Retries + 1} tries of {_options.Timeout.TotalSeconds:0.###} s: " +
                "the agent is down or unreachable, or it silently ignored a wrong community");
        }

        /// <summary>Sends and re-sends <paramref name="datagram"/> until <paramref name="match"/> accepts a reply.</summary>
        private async Task<T?> ExchangeAsync<T>(byte[] datagram, Func<byte[], T?> match, CancellationToken cancellationToken, int? tries = null)
            where T : class
        {
            for (var attempt = 0; attempt < (tries ?? _options.Retries + 1); attempt++)
            {
                await _transport.SendAsync(datagram, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _pdusSent);
                var deadline = Stopwatch.StartNew();
                while (deadline.Elapsed < _options.Timeout)
                {
                    var reply = await _transport.ReceiveAsync(_options.Timeout - deadline.Elapsed, cancellationToken).ConfigureAwait(false);
                    if (reply == null) break;
                    T? result;
                    try { result = match(reply); }
                    catch (SnmpProtocolException)
                    {
                        Interlocked.Increment(ref _malformed);
                        continue;
                    }
                    if (result == null) continue; // a late answer to an earlier request
                    Interlocked.Increment(ref _responses);
                    return result;
                }
            }
            return null;
        }

        public void Dispose()
        {
            _transport.Dispose();
            _gate.Dispose();
        }
    }
}
