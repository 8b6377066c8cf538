using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.Snmp.Mappings;
using UpsPS.Engine.Snmp;

namespace UpsPS.Engine.Drivers.Snmp
{
    /// <summary>
    /// snmp-ups' MIB detection (spec 2.4): exact sysObjectID match confirmed by the mapping's model OID, else
    /// the first mapping (in catalogue order) whose model OID answers. The classic pass asks every model OID
    /// in one batched GET instead of one GET per mapping.
    /// </summary>
    public static class SnmpMibDetector
    {
        public const string SysObjectId = "1.3.6.1.2.1.1.2.0";

        public static async Task<SnmpMapping> DetectAsync(SnmpBatchReader reader, string mibs, CancellationToken cancellationToken)
        {
            if (!string.Equals(mibs, "auto", StringComparison.OrdinalIgnoreCase))
            {
                var forced = SnmpMappingCatalog.Find(mibs) ?? throw new DriverException(
                    $"Unknown mibs value: {mibs}; supported: auto, {string.Join(", ", SnmpMappingCatalog.DetectionOrder.Select(m => m.Name))}");
                var answer = await reader.GetAsync(new[] { forced.DetectionOid }, cancellationToken).ConfigureAwait(false);
                if (answer.ContainsKey(forced.DetectionOid)) return forced;
                throw new DriverException($"No supported device detected (mibs={forced.Name}: {forced.DetectionOid} does not answer)");
            }

            var oids = SnmpMappingCatalog.DetectionOrder.Select(m => m.DetectionOid).Prepend(SysObjectId).ToList();
            var values = await reader.GetAsync(oids, cancellationToken).ConfigureAwait(false);
            string? sysOid = null;
            if (values.TryGetValue(SysObjectId, out var sys))
                sysOid = sys.Type == SnmpValueType.ObjectIdentifier ? sys.Oid
                    : sys.Type == SnmpValueType.OctetString && SnmpOid.TryNormalize(sys.BytesAsText, out var parsed) ? parsed : null;

            if (sysOid != null)
            {
                foreach (var mapping in SnmpMappingCatalog.DetectionOrder)
                    if (mapping.SysOids.Any(s => s == sysOid) && values.ContainsKey(mapping.DetectionOid)) return mapping;
            }
            foreach (var mapping in SnmpMappingCatalog.DetectionOrder)
                if (values.ContainsKey(mapping.DetectionOid)) return mapping;
            throw new DriverException("No supported device detected" + (sysOid != null ? $" (sysObjectID {sysOid})" : ""));
        }
    }
}
