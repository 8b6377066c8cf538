using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Client
{
    // The protocol's GET / LIST / SET / INSTCMD / TRACKING requests.
    public sealed partial class NutClient
    {
        /// <summary>VER: free text, for display only.</summary>
        public Task<string> GetServerVersionAsync(CancellationToken cancellationToken = default) =>
            ExecuteAsync(async (c, ct) =>
            {
                var reply = await RoundTripAsync(c, "VER", ct).ConfigureAwait(false);
                NutReplyParser.ThrowIfError(reply, "VER");
                return string.Join(" ", reply);
            }, retryable: true, cancellationToken);

        public async Task<string> GetVariableAsync(string upsName, string variable, CancellationToken cancellationToken = default) =>
            SingleValue(await GetAsync(new[] { "VAR", upsName, variable }, cancellationToken).ConfigureAwait(false), "GET VAR");

        public async Task<NutVariableType> GetTypeAsync(string upsName, string variable, CancellationToken cancellationToken = default) =>
            NutVariableType.FromFlags(await GetAsync(new[] { "TYPE", upsName, variable }, cancellationToken).ConfigureAwait(false));

        public async Task<string> GetDescriptionAsync(string upsName, string variable, CancellationToken cancellationToken = default) =>
            SingleValue(await GetAsync(new[] { "DESC", upsName, variable }, cancellationToken).ConfigureAwait(false), "GET DESC");

        public async Task<string> GetCommandDescriptionAsync(string upsName, string command, CancellationToken cancellationToken = default) =>
            SingleValue(await GetAsync(new[] { "CMDDESC", upsName, command }, cancellationToken).ConfigureAwait(false), "GET CMDDESC");

        public async Task<string> GetUpsDescriptionAsync(string upsName, CancellationToken cancellationToken = default) =>
            SingleValue(await GetAsync(new[] { "UPSDESC", upsName }, cancellationToken).ConfigureAwait(false), "GET UPSDESC");

        public async Task<int> GetNumLoginsAsync(string upsName, CancellationToken cancellationToken = default)
        {
            var value = SingleValue(await GetAsync(new[] { "NUMLOGINS", upsName }, cancellationToken).ConfigureAwait(false), "GET NUMLOGINS");
            if (!int.TryParse(value, out var n)) throw new NutProtocolException($"NUMLOGINS value '{value}' is not a number.");
            return n;
        }

        public async Task<IReadOnlyList<NutUpsEntry>> ListUpsAsync(CancellationToken cancellationToken = default) =>
            (await ListAsync(new[] { "UPS" }, cancellationToken).ConfigureAwait(false))
                .Select(i => new NutUpsEntry(Word(i, 0), Word(i, 1))).ToArray();

        public async Task<IReadOnlyList<NutVariableValue>> ListVariablesAsync(string upsName, CancellationToken cancellationToken = default) =>
            (await ListAsync(new[] { "VAR", upsName }, cancellationToken).ConfigureAwait(false))
                .Select(i => new NutVariableValue(Word(i, 0), Word(i, 1))).ToArray();

        public async Task<IReadOnlyList<NutVariableValue>> ListWritableAsync(string upsName, CancellationToken cancellationToken = default) =>
            (await ListAsync(new[] { "RW", upsName }, cancellationToken).ConfigureAwait(false))
                .Select(i => new NutVariableValue(Word(i, 0), Word(i, 1))).ToArray();

        public async Task<IReadOnlyList<string>> ListCommandsAsync(string upsName, CancellationToken cancellationToken = default) =>
            (await ListAsync(new[] { "CMD", upsName }, cancellationToken).ConfigureAwait(false)).Select(i => Word(i, 0)).ToArray();

        public async Task<IReadOnlyList<string>> ListEnumAsync(string upsName, string variable, CancellationToken cancellationToken = default) =>
            (await ListAsync(new[] { "ENUM", upsName, variable }, cancellationToken).ConfigureAwait(false)).Select(i => Word(i, 0)).ToArray();

        public async Task<IReadOnlyList<NutRange>> ListRangeAsync(string upsName, string variable, CancellationToken cancellationToken = default)
        {
            RequireVersion(Version12, "LIST RANGE");
            return (await ListAsync(new[] { "RANGE", upsName, variable }, cancellationToken).ConfigureAwait(false))
                .Select(i => new NutRange(Word(i, 0), Word(i, 1))).ToArray();
        }

        public async Task<IReadOnlyList<NutClientEntry>> ListClientsAsync(string upsName, CancellationToken cancellationToken = default)
        {
            RequireVersion(Version12, "LIST CLIENT");
            // CLIENT lines carry the configured spelling of the UPS name; the echo check already ignores case.
            return (await ListAsync(new[] { "CLIENT", upsName }, cancellationToken).ConfigureAwait(false))
                .Select(i => new NutClientEntry(upsName, Word(i, 0))).ToArray();
        }

        /// <summary>SET VAR (value always sent quoted). Returns the tracking id when tracking is on, else null.
        /// OK only means "relayed to the driver".</summary>
        public Task<string?> SetVariableAsync(string upsName, string variable, string value, CancellationToken cancellationToken = default)
        {
            var request = "SET VAR " + NutEncoding.Line(new[] { upsName, variable }) + " " + NutEncoding.Quote(value);
            return ExecuteAsync(async (c, ct) => NutReplyParser.ParseOkTracking(await RoundTripAsync(c, request, ct).ConfigureAwait(false), request),
                retryable: false, cancellationToken);
        }

        /// <summary>INSTCMD with an optional parameter (protocol 1.3). Returns the tracking id when tracking is on.</summary>
        public Task<string?> InstantCommandAsync(string upsName, string command, string? parameter = null, CancellationToken cancellationToken = default)
        {
            if (parameter != null) RequireVersion(Version13, "INSTCMD with a parameter");
            var words = parameter == null ? new[] { "INSTCMD", upsName, command } : new[] { "INSTCMD", upsName, command, parameter };
            var request = NutEncoding.Line(words);
            return ExecuteAsync(async (c, ct) => NutReplyParser.ParseOkTracking(await RoundTripAsync(c, request, ct).ConfigureAwait(false), request),
                retryable: false, cancellationToken);
        }

        /// <summary>SET TRACKING ON|OFF for this connection (needs USERNAME/PASSWORD first; restored after reconnects).</summary>
        public async Task SetTrackingAsync(bool enabled, CancellationToken cancellationToken = default)
        {
            RequireVersion(Version13, "SET TRACKING");
            await SimpleAsync(new[] { "SET", "TRACKING", enabled ? "ON" : "OFF" }, retryable: true, cancellationToken).ConfigureAwait(false);
            _tracking = enabled;
        }

        /// <summary>GET TRACKING: this connection's switch.</summary>
        public Task<bool> GetTrackingSwitchAsync(CancellationToken cancellationToken = default) =>
            ExecuteAsync(async (c, ct) => NutReplyParser.ParseTrackingSwitch(await RoundTripAsync(c, "GET TRACKING", ct).ConfigureAwait(false), "GET TRACKING"),
                retryable: true, cancellationToken);

        /// <summary>GET TRACKING &lt;id&gt;: one status poll.</summary>
        public Task<NutTrackingResult> GetTrackingAsync(string trackingId, CancellationToken cancellationToken = default)
        {
            var request = "GET TRACKING " + NutEncoding.Argument(trackingId);
            return ExecuteAsync(async (c, ct) => NutReplyParser.ParseTracking(trackingId, await RoundTripAsync(c, request, ct).ConfigureAwait(false), request),
                retryable: true, cancellationToken);
        }

        /// <summary>Polls GET TRACKING until the result is final or <paramref name="timeout"/> passes; then the last
        /// (Pending) result is returned. Other requests may run between polls.</summary>
        public async Task<NutTrackingResult> WaitForTrackingAsync(string trackingId, TimeSpan timeout, TimeSpan? pollInterval = null,
            CancellationToken cancellationToken = default)
        {
            var interval = pollInterval ?? TimeSpan.FromMilliseconds(200);
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var result = await GetTrackingAsync(trackingId, cancellationToken).ConfigureAwait(false);
                if (result.IsCompleted) return result;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return result;
                await Task.Delay(left < interval ? left : interval, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Turns tracking on if needed, sends SET VAR and waits for the driver's verdict.</summary>
        public async Task<NutTrackingResult> SetVariableTrackedAsync(string upsName, string variable, string value, TimeSpan timeout,
            CancellationToken cancellationToken = default)
        {
            if (!_tracking) await SetTrackingAsync(true, cancellationToken).ConfigureAwait(false);
            var id = await SetVariableAsync(upsName, variable, value, cancellationToken).ConfigureAwait(false)
                     ?? throw new NutProtocolException("The server did not return a tracking id for SET VAR although tracking is on.");
            return await WaitForTrackingAsync(id, timeout, null, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Turns tracking on if needed, sends INSTCMD and waits for the driver's verdict.</summary>
        public async Task<NutTrackingResult> InstantCommandTrackedAsync(string upsName, string command, string? parameter, TimeSpan timeout,
            CancellationToken cancellationToken = default)
        {
            if (!_tracking) await SetTrackingAsync(true, cancellationToken).ConfigureAwait(false);
            var id = await InstantCommandAsync(upsName, command, parameter, cancellationToken).ConfigureAwait(false)
                     ?? throw new NutProtocolException("The server did not return a tracking id for INSTCMD although tracking is on.");
            return await WaitForTrackingAsync(id, timeout, null, cancellationToken).ConfigureAwait(false);
        }

        private static string SingleValue(IReadOnlyList<string> rest, string what) =>
            rest.Count > 0 ? rest[0] : throw new NutProtocolException($"The reply to {what} has no value.");

        private static string Word(IReadOnlyList<string> item, int index) =>
            index < item.Count ? item[index] : throw new NutProtocolException($"List item '{string.Join(" ", item)}' is missing a field.");
    }
}
