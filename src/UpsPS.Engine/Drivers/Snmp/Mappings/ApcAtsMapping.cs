using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>APC automatic transfer switch, PowerNet-MIB ats group (mibs=apc_ats, sysOID .318.1.3.11).</summary>
    public static class ApcAtsMapping
    {
        private const string P = "1.3.6.1.4.1.318.1.1.8.";
        private const string ModelOid = P + "1.5.0";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Fixed("device.type", "ats");
            yield return Fixed("device.mfr", "APC");
            yield return Str("device.model", ModelOid);
            yield return Str("ups.firmware", P + "1.1.0");
            yield return Str("ups.firmware.aux", P + "1.2.0");
            yield return Str("device.serial", P + "1.6.0");
            yield return Str("ups.mfr.date", P + "1.4.0");
            yield return Str("ups.id", P + "4.1.0");
            yield return Num("input.voltage.nominal", P + "1.7.0");
            yield return Num("input.frequency.nominal", P + "1.8.0");
            yield return Num("input.source", P + "5.1.2.0");
            yield return Num("input.source.preferred", P + "4.2.0", 1, F.ReadWrite);
            // atsInputPhaseTable voltage of source A / B (input, phase, index 1).
            yield return Num("input.1.voltage", P + "5.3.3.1.3.1.1.1");
            yield return Num("input.2.voltage", P + "5.3.3.1.3.2.1.1");
            yield return Num("input.1.frequency", P + "5.3.2.1.4.1");
            yield return Num("input.2.frequency", P + "5.3.2.1.4.2");
            yield return Num("input.sensitivity", P + "4.4.0", 1, F.ReadWrite, L((1, "high"), (2, "low")));
            yield return Num("input.count", P + "5.3.1.0");
            yield return Num("output.frequency", P + "5.4.2.1.4.1");
            yield return Num("output.voltage", P + "5.4.5.1.6.1");
            // atsStatusVoltageOutStatus: fail / ok.
            yield return Status(P + "5.1.15.0", L((1, "OFF"), (2, "OL")));
            // Banks: total, bank1, bank2 (atsOutputBankTable).
            yield return Num("outlet.group.count", P + "5.4.4.0");
            yield return Num("outlet.group.%i.id", P + "5.4.5.1.1.%i", 1, F.OutletGroup);
            yield return Str("outlet.group.%i.name", P + "5.4.5.1.3.%i", F.Static | F.OutletGroup, null, L((1, "total"), (2, "bank1"), (3, "bank2")));
            yield return Num("outlet.group.%i.current", P + "5.4.5.1.4.%i", 0.1, F.OutletGroup);
            yield return Str("outlet.group.%i.status", P + "5.4.5.1.5.%i", F.OutletGroup, null, L((1, "OL"), (2, ""), (3, ""), (4, "OVER")));
            yield return Num("outlet.group.%i.voltage", P + "5.4.5.1.6.%i", 1, F.OutletGroup);
            yield return Num("outlet.group.%i.realpower", P + "5.4.5.1.15.%i", 1, F.NegInvalid | F.OutletGroup);
        }

        public static readonly SnmpMapping ApcAts = new SnmpMapping("apc_ats", "0.6", ModelOid, new[] { "1.3.6.1.4.1.318.1.3.11" }, Rows().ToList());
    }
}
