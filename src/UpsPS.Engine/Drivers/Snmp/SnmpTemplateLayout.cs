using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Snmp;

namespace UpsPS.Engine.Drivers.Snmp
{
    /// <summary>
    /// Where an outlet (or outlet group) table starts and how many items it has, found the way snmp-ups 2.8.0 does:
    /// the count comes from the mapping's "outlet.count" row when that answered, else from counting the consecutive
    /// indexes at which the first template's OID answers; the first index is 0 or 1 depending on whether index 0
    /// answers (and is not 0 / "N/A" for ZEROINVALID / NAINVALID rows). The first template of a kind decides for
    /// all templates of that kind. Unlike snmp-ups (one GET per probe), the probe indexes go in one batched GET.
    /// </summary>
    public sealed class SnmpTemplateLayout
    {
        // Indexes asked per probe GET. On v1 every absent index past the end costs a round trip, so v1 probes less ahead.
        private const int ProbeBatch = 64;
        private const int ProbeBatchV1 = 8;

        private SnmpTemplateLayout(int first, int count, bool countGuessed)
        {
            First = first;
            Count = count;
            CountGuessed = countGuessed;
        }

        /// <summary>The first SNMP (and NUT) index: 0, 1, or 2 when neither 0 nor 1 answers.</summary>
        public int First { get; }
        public int Count { get; }

        /// <summary>No count row answered: the driver publishes its own <c>outlet.count</c>.</summary>
        public bool CountGuessed { get; }

        public IEnumerable<int> Indexes => Enumerable.Range(First, Count);

        /// <summary>"outlet", "outlet.group" or "ambient".</summary>
        public static string Kind(SnmpMappingRow row) =>
            row.Has(SnmpRowFlags.OutletGroup) ? "outlet.group" : row.Has(SnmpRowFlags.Ambient) ? "ambient" : "outlet";

        public static async Task<SnmpTemplateLayout> FindAsync(SnmpBatchReader reader, SnmpMappingRow template, int? publishedCount,
            CancellationToken cancellationToken)
        {
            if (template.Oid == null) return new SnmpTemplateLayout(-1, 0, false);
            var probed = new Dictionary<int, SnmpValue>();
            var asked = 0;
            async Task Probe(int upTo)
            {
                if (upTo < asked) return;
                var indexes = Enumerable.Range(asked, upTo - asked + 1).ToList();
                var oids = indexes.Select(i => template.Instantiate(i).Oid!).ToList();
                var values = await reader.GetAsync(oids, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < indexes.Count; k++)
                    if (values.TryGetValue(oids[k], out var v) && !v.IsException && v.Type != SnmpValueType.Null) probed[indexes[k]] = v;
                asked = upTo + 1;
            }

            var batch = reader.AbsentCostsARoundTrip ? ProbeBatchV1 : ProbeBatch;
            var count = publishedCount ?? 0;
            if (publishedCount == null)
            {
                // Count the items: start at 1 if index 0 is missing (or 0 on a ZEROINVALID row), then consecutive answers.
                await Probe(batch - 1).ConfigureAwait(false);
                var start = !probed.TryGetValue(0, out var zero) || template.Has(SnmpRowFlags.ZeroInvalid) && IsZero(zero) ? 1 : 0;
                count = 0;
                while (true)
                {
                    if (start + count >= asked) await Probe(asked + batch - 1).ConfigureAwait(false);
                    if (!probed.ContainsKey(start + count)) break;
                    count++;
                }
            }
            else await Probe(1).ConfigureAwait(false);

            var first = 0;
            for (; first < 2; first++)
            {
                if (!probed.TryGetValue(first, out var v)) continue;
                if (template.Has(SnmpRowFlags.ZeroInvalid)) { if (!IsZero(v)) break; }
                else if (template.Has(SnmpRowFlags.NaInvalid)) { if (!v.BytesAsText.StartsWith("N/A", StringComparison.Ordinal)) break; }
                else break;
            }
            return new SnmpTemplateLayout(first, count, publishedCount == null);
        }

        private static bool IsZero(SnmpValue value) => SnmpValueFormatter.ToNumber(value) == 0;

        public static int? ParseCount(string? text) =>
            text != null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
    }
}
