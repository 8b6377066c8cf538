using System.Collections.Generic;
using System.Linq;
using static UpsPS.Engine.Drivers.Snmp.Row;
using F = UpsPS.Engine.Drivers.Snmp.SnmpRowFlags;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>
    /// HP/Compaq UPS network cards, CPQPOWER-MIB (mibs=cpqpower, sysOID .232.165.3).
    /// </summary>
    public static class CompaqMapping
    {
        private const string P = "1.3.6.1.4.1.232.165.3.";
        private const string MfrOid = P + "1.1.0";
        private const string ModelOid = P + "1.2.0";

        private static IEnumerable<SnmpMappingRow> Rows()
        {
            yield return Str("device.description", "1.3.6.1.2.1.1.1.0", F.ReadWrite);
            yield return Str("device.contact", "1.3.6.1.2.1.1.4.0", F.ReadWrite);
            yield return Str("device.location", "1.3.6.1.2.1.1.6.0", F.ReadWrite);
            yield return Str("ups.mfr", MfrOid, F.Static, "HP/Compaq");
            yield return Str("ups.model", ModelOid, F.Static, "SNMP UPS");
            yield return Str("ups.serial", "1.3.6.1.4.1.232.165.1.2.7.0", F.Static, "");
            yield return Str("ups.firmware", P + "1.3.0");
            yield return Str("ups.firmware.aux", "1.3.6.1.2.1.33.1.1.4.0");
            yield return Num("ups.load", P + "4.1.0");
            // The watts column without an instance never answers; the second row is the one that does on 1-phase units.
            yield return Num("ups.realpower", P + "4.4.1.4", 1, F.Output1);
            yield return Num("ups.realpower", P + "9.3.0", 1, F.Output1);
            for (var n = 1; n <= 3; n++) yield return Num($"ups.L{n}.realpower", P + "4.4.1.4." + n, 0.1, F.Output3);
            // Output source then battery state both feed ups.status.
            yield return Status(P + "4.5.0", L((1, ""), (2, "OFF"), (3, "OL"), (4, "OL BYPASS"), (5, "OB"), (6, "OL BOOST"),
                (7, "OL TRIM"), (8, "OL"), (9, "OL"), (10, "OL")));
            yield return Status(P + "2.5.0", L((1, "CHRG"), (2, "DISCHRG")));
            // The output source again, read as the UPS mode (a plain variable: only "ups.status" rows feed the status).
            yield return Str("ups.type", P + "4.5.0", F.None, "", L((1, ""), (2, ""), (3, "normal"), (4, ""), (5, ""), (6, ""),
                (7, ""), (8, "parallel capacity"), (9, "parallel redundancy"), (10, "high efficiency")));
            yield return Str("ups.test.result", P + "7.2.0", F.None, "", L((1, "Unknown"), (2, "Done and passed"), (3, "Done and error"),
                (4, "In progress"), (5, "Not supported"), (6, "Inhibited"), (7, "Scheduled")));
            // Delays: flagged absent, so 2.8.0 publishes the defaults and never reads the OIDs.
            yield return new SnmpMappingRow("ups.delay.shutdown", F.String | F.ReadWrite | F.Absent | F.Static, 1, P + "8.1.0", "20", null);
            yield return new SnmpMappingRow("ups.delay.start", F.String | F.ReadWrite | F.Absent | F.Static, 1, P + "8.2.0", "30", null);
            yield return Num("ups.timer.shutdown", P + "8.1.0");
            yield return Num("ups.timer.start", P + "8.2.0");
            yield return Num("ambient.temperature", P + "6.1.0");
            yield return Num("ambient.temperature.low", P + "6.2.0");
            yield return Num("ambient.temperature.high", P + "6.3.0");
            yield return Num("battery.charge", P + "2.4.0");
            yield return Num("battery.runtime", P + "2.1.0");
            yield return Num("battery.voltage", P + "2.2.0", 0.1);
            yield return Num("battery.current", P + "2.3.0", 0.1);
            yield return Num("input.phases", P + "3.3.0");
            yield return Num("input.frequency", P + "3.1.0", 0.1);
            yield return Num("input.voltage", P + "3.4.1.2", 1, F.Output1);
            yield return Num("input.voltage", P + "3.4.1.2.1", 1, F.Output1);
            yield return Str("input.voltage.nominal", P + "9.2.0", F.ReadWrite | F.Output1);
            for (var n = 1; n <= 3; n++) yield return Num($"input.L{n}-N.voltage", P + "3.4.1.2." + n, 1, F.Input3);
            yield return Num("input.current", P + "3.4.1.3", 0.1, F.Output1);
            yield return Num("input.current", P + "3.4.1.3.1", 0.1, F.Output1);
            for (var n = 1; n <= 3; n++) yield return Num($"input.L{n}.current", P + "3.4.1.3." + n, 0.1, F.Input3);
            yield return Num("input.realpower", P + "3.4.1.4", 0.1, F.Output1);
            for (var n = 1; n <= 3; n++) yield return Num($"input.L{n}.realpower", P + "3.4.1.4." + n, 0.1, F.Input3);
            yield return Num("input.quality", P + "3.2.0");
            yield return Num("output.phases", P + "4.3.0");
            yield return Num("output.frequency", P + "4.2.0", 0.1);
            yield return Str("output.frequency.nominal", P + "9.4.0", F.ReadWrite | F.Output1);
            yield return Num("output.voltage", P + "4.4.1.2", 1, F.Output1);
            yield return Num("output.voltage", P + "4.4.1.2.1", 1, F.Output1);
            yield return Str("output.voltage.nominal", P + "9.1.0", F.ReadWrite | F.Output1);
            for (var n = 1; n <= 3; n++) yield return Num($"output.L{n}-N.voltage", P + "4.4.1.2." + n, 1, F.Output3);
            yield return Num("output.current", P + "4.4.1.3", 0.1, F.Output1);
            yield return Num("output.current", P + "4.4.1.3.1", 0.1, F.Output1);
            for (var n = 1; n <= 3; n++) yield return Num($"output.L{n}.current", P + "4.4.1.3." + n, 0.1, F.Output3);

            yield return new SnmpMappingRow("outlet.id", F.Absent | F.Static, 1, null, "0", null);
            yield return new SnmpMappingRow("outlet.desc", F.String | F.ReadWrite | F.Absent | F.Static, 1, null, "All outlets", null);
            yield return Num("outlet.count", P + "10.1.0");
            const F O = F.Outlet;
            yield return Str("outlet.%i.switchable", P + "10.2.1.1.%i", F.Static | O, "yes", L((1, "yes"), (2, "yes"), (3, "yes"), (4, "yes")));
            yield return new SnmpMappingRow("outlet.%i.id", F.Absent | F.Static | O, 1, P + "10.2.1.1.%i", "%i", null);
            yield return Str("outlet.%i.status", P + "10.2.1.2.%i", O, null,
                L((1, "on"), (2, "off"), (3, "pendingOff"), (4, "pendingOn"), (5, "unknown")));
            yield return new SnmpMappingRow("outlet.%i.load.off", F.Command | O, 1, P + "10.2.1.3.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.on", F.Command | O, 1, P + "10.2.1.4.%i", "0", null);
            yield return new SnmpMappingRow("outlet.%i.load.cycle", F.Command | O, 1, P + "10.2.1.7.%i", "0", null);

            // "0" cancels a pending shutdown, so the immediate commands send 1 second.
            yield return Cmd("load.off", P + "8.1.0", 1);
            yield return Cmd("load.on", P + "8.2.0", 1);
            yield return Cmd("shutdown.stop", P + "8.1.0", 0);
            yield return Cmd("load.off.delay", P + "8.1.0", 20);
            yield return Cmd("load.on.delay", P + "8.2.0", 30);
            yield return Cmd("shutdown.reboot", P + "8.6.0", 0);
            yield return Cmd("test.battery.start", P + "7.1.0", 1);
        }

        public static readonly SnmpMapping Compaq = new SnmpMapping("cpqpower", "1.66", ModelOid, new[] { "1.3.6.1.4.1.232.165.3" }, Rows().ToList());
    }
}
