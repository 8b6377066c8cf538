using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Snmp;

namespace UpsPS.Engine.Drivers.Snmp
{
    /// <summary>
    /// Reads many scalar OIDs with as few GET PDUs as the agent allows: up to <see cref="MaxVarBinds"/> per
    /// PDU, halving the batch when the agent answers tooBig (or genErr, which some cards send for large
    /// PDUs) and remembering the smaller size; on v1 a noSuchName drops the named varbind and retries the rest.
    /// </summary>
    public sealed class SnmpBatchReader
    {
        private readonly SnmpClient _client;

        public SnmpBatchReader(SnmpClient client, int maxVarBinds = 40)
        {
            _client = client;
            MaxVarBinds = Math.Max(1, maxVarBinds);
        }

        public int MaxVarBinds { get; private set; }

        /// <summary>v1 answers an absent OID with noSuchName for the whole PDU, so each one costs a round trip.</summary>
        public bool AbsentCostsARoundTrip => _client.Options.Version == SnmpVersion.V1;

        /// <summary>Values of the OIDs that exist; absent OIDs are missing from the result.</summary>
        public async Task<IReadOnlyDictionary<string, SnmpValue>> GetAsync(IEnumerable<string> oids, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, SnmpValue>(StringComparer.Ordinal);
            var pending = new Queue<string>(oids.Distinct(StringComparer.Ordinal));
            while (pending.Count > 0)
            {
                var batch = new List<string>();
                while (batch.Count < MaxVarBinds && pending.Count > 0) batch.Add(pending.Dequeue());
                await ReadBatchAsync(batch, result, cancellationToken).ConfigureAwait(false);
            }
            return result;
        }

        private async Task ReadBatchAsync(List<string> batch, Dictionary<string, SnmpValue> result, CancellationToken cancellationToken)
        {
            while (batch.Count > 0)
            {
                var response = await _client.GetAsync(batch, cancellationToken).ConfigureAwait(false);
                switch (response.Error)
                {
                    case SnmpErrorStatus.NoError:
                        for (var i = 0; i < batch.Count && i < response.VarBinds.Count; i++)
                        {
                            var vb = response.VarBinds[i];
                            if (!vb.Value.IsException && vb.Value.Type != SnmpValueType.Null) result[batch[i]] = vb.Value;
                        }
                        return;
                    case SnmpErrorStatus.NoSuchName:
                    case SnmpErrorStatus.BadValue:
                    case SnmpErrorStatus.NoAccess:
                    case SnmpErrorStatus.AuthorizationError:
                        if (response.ErrorIndex >= 1 && response.ErrorIndex <= batch.Count)
                        {
                            batch.RemoveAt(response.ErrorIndex - 1);
                            continue;
                        }
                        await SplitAsync(batch, result, cancellationToken).ConfigureAwait(false);
                        return;
                    case SnmpErrorStatus.TooBig:
                    case SnmpErrorStatus.GenErr:
                        if (batch.Count == 1) return;
                        if (response.Error == SnmpErrorStatus.TooBig) MaxVarBinds = Math.Max(1, batch.Count / 2);
                        await SplitAsync(batch, result, cancellationToken).ConfigureAwait(false);
                        return;
                    default:
                        if (batch.Count == 1) return;
                        await SplitAsync(batch, result, cancellationToken).ConfigureAwait(false);
                        return;
                }
            }
        }

        private async Task SplitAsync(List<string> batch, Dictionary<string, SnmpValue> result, CancellationToken cancellationToken)
        {
            if (batch.Count <= 1) return;
            var half = batch.Count / 2;
            await ReadBatchAsync(batch.Take(half).ToList(), result, cancellationToken).ConfigureAwait(false);
            await ReadBatchAsync(batch.Skip(half).ToList(), result, cancellationToken).ConfigureAwait(false);
        }
    }
}
