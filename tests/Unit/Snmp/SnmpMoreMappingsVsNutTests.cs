using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Snmp
{
    /// <summary>
    /// The remaining 2.8.0 mappings (cpqpower, bestpower, eaton_ats30, baytech, aphel_*, raritan-px2). No recording of
    /// these devices exists in the test data, so the walks are composed here (values invented, typed as the MIBs define
    /// them); the real snmpd serves each to our driver and to the real NUT 2.8.0 snmp-ups, and both must publish the same.
    /// </summary>
    public sealed class SnmpMoreMappingsVsNutTests
    {
        private readonly ITestOutputHelper _output;
        public SnmpMoreMappingsVsNutTests(ITestOutputHelper output) { _output = output; }

        private static List<string> System(string sysOid, string descr) => new List<string>
        {
            "1.3.6.1.2.1.1.1.0|4|" + descr, "1.3.6.1.2.1.1.2.0|6|" + sysOid, "1.3.6.1.2.1.1.3.0|67|8640000",
            "1.3.6.1.2.1.1.4.0|4|noc@example.org", "1.3.6.1.2.1.1.5.0|4|dev-r7", "1.3.6.1.2.1.1.6.0|4|Row 7",
        };

        private static IEnumerable<string> Compaq(int phases, int source, int abm, int outlets)
        {
            const string p = "1.3.6.1.4.1.232.165.3.";
            var rows = System("1.3.6.1.4.1.232.165.3", "HP UPS Network Module");
            rows.AddRange(new[]
            {
                p + "1.1.0|4|HP", p + "1.2.0|4|R3000 XR", p + "1.3.0|4|00.01.0004", "1.3.6.1.4.1.232.165.1.2.7.0|4|B00123456",
                "1.3.6.1.2.1.33.1.1.4.0|4|00.01.0019",
                p + "2.1.0|2|" + (source == 5 ? 12 : 35), p + "2.2.0|2|545", p + "2.3.0|2|" + (source == 5 ? -42 : 3), p + "2.4.0|2|" + (source == 5 ? 61 : 100),
                p + "2.5.0|2|" + abm,
                p + "3.1.0|2|499", p + "3.2.0|65|3", p + "3.3.0|2|" + phases,
                p + "4.1.0|2|37", p + "4.2.0|2|500", p + "4.3.0|2|" + phases, p + "4.5.0|2|" + source,
                p + "6.1.0|2|24", p + "6.2.0|2|5", p + "6.3.0|2|40",
                p + "7.1.0|2|0", p + "7.2.0|2|2", p + "8.1.0|2|-1", p + "8.2.0|2|-1", p + "8.6.0|2|-1",
                p + "9.1.0|2|230", p + "9.2.0|2|230", p + "9.3.0|2|2700", p + "9.4.0|2|50",
            });
            for (var n = 1; n <= phases; n++)
            {
                rows.Add($"{p}3.4.1.1.{n}|2|{n}");
                rows.Add($"{p}3.4.1.2.{n}|2|{228 + n}");
                rows.Add($"{p}3.4.1.3.{n}|2|{50 + n}");
                rows.Add($"{p}3.4.1.4.{n}|2|{1100 + n}");
                rows.Add($"{p}4.4.1.1.{n}|2|{n}");
                rows.Add($"{p}4.4.1.2.{n}|2|{229 + n}");
                rows.Add($"{p}4.4.1.3.{n}|2|{47 + n}");
                rows.Add($"{p}4.4.1.4.{n}|2|{1000 + n}");
            }
            if (outlets > 0) rows.Add($"{p}10.1.0|2|{outlets}");
            for (var o = 1; o <= outlets; o++)
            {
                rows.Add($"{p}10.2.1.1.{o}|2|{o}");
                rows.Add($"{p}10.2.1.2.{o}|2|{(o == 2 ? 2 : 1)}");
                rows.Add($"{p}10.2.1.3.{o}|2|-1");
                rows.Add($"{p}10.2.1.4.{o}|2|-1");
                rows.Add($"{p}10.2.1.7.{o}|2|-1");
            }
            return rows;
        }

        private static IEnumerable<string> Bestpower(int status)
        {
            const string p = "1.3.6.1.4.1.2947.1.";
            var rows = System("1.3.6.1.4.1.2947", "Best Power SNMP agent");
            rows.AddRange(new[]
            {
                p + "1.1.0|4|Ferrups", p + "1.2.0|4|FE850VA", p + "1.3.0|2|850", p + "1.5.0|4|BE123456", p + "1.7.0|4|0201",
                p + "1.8.0|4|04/12/1999", p + "2.1.0|2|" + status, p + "2.2.0|2|" + (status == 2 ? 75 : 0),
                p + "2.3.0|2|" + (status == 2 ? 14 : 28), p + "2.4.0|2|" + (status == 2 ? 251 : 273), p + "2.5.0|2|" + (status == 2 ? -120 : 4),
            });
            return rows;
        }

        private static IEnumerable<string> EatonAts30(int failures, int source)
        {
            const string p = "1.3.6.1.4.1.534.10.1.";
            var rows = System("1.3.6.1.4.1.534.10.1", "Eaton ATS 30A");
            rows.AddRange(new[]
            {
                p + "1.1.0|4|EATON", p + "2.1.0|4|Eaton ATS 30", p + "2.2.0|4|1.2.3", p + "2.4.0|4|GA12F34567",
                p + "3.1.1.1.1|2|1", p + "3.1.1.1.2|2|2", p + "3.1.1.2.1|2|2301", p + "3.1.1.2.2|2|2287",
                p + "3.1.1.3.1|2|500", p + "3.1.1.3.2|2|499", p + "3.2.1.0|2|2299", p + "3.2.2.0|2|" + ((failures & 4) != 0 ? 325 : 61),
                p + "3.3.0|2|34", p + "3.5.0|2|123456", p + "3.7.0|2|" + source,
                p + "4.5.0|2|" + failures, p + "6.5.0|2|1", p + "6.6.0|2|2",
            });
            return rows;
        }

        private static IEnumerable<string> Baytech(int outlets)
        {
            const string p = "1.3.6.1.4.1.4779.1.";
            var rows = System("1.3.6.1.4.1.4779", "BayTech RPC3");
            rows.AddRange(new[]
            {
                p + "1.1.0|4|F4.00", p + "1.2.0|4|RPC3-12345", p + "1.3.0|4|rpc-r7", "1.3.6.1.2.1.2.2.1.6.2|4x|0000a1b2c3d4",
                p + "3.5.2.1.24.1|4|RPC3-20NC", p + "3.5.2.1.15.1|2|" + outlets, p + "3.5.5.1.6.2.1|2|53", p + "3.5.5.1.8.2.1|2|1204",
                p + "3.5.5.1.10.2.1|2|287",
            });
            for (var o = 1; o <= outlets; o++)
            {
                rows.Add($"{p}3.5.3.1.1.1.{o}|2|{o}");
                rows.Add($"{p}3.5.3.1.3.1.{o}|2|{(o == 3 ? 0 : 1)}");
                rows.Add($"{p}3.5.3.1.4.1.{o}|4|Outlet {o}");
                rows.Add($"{p}3.5.6.1.3.2.1.{o}|2|{o}");
            }
            return rows;
        }

        private static IEnumerable<string> Revelation(int outlets)
        {
            const string p = "1.3.6.1.4.1.534.6.6.6.";
            var rows = System("1.3.6.1.4.1.534.6.6.6", "Eaton Managed ePDU");
            rows.AddRange(new[]
            {
                p + "1.1.1.0|4|01.01.02", p + "1.1.2.0|4|AEP1234", p + "1.1.6.0|4x|0020850a0b0c", p + "1.1.7.0|4|A",
                p + "1.1.12.0|4|PW104MA0UB44", p + "1.1.13.0|4|epdu-r7", p + "1.2.1.0|2|" + outlets,
                p + "1.3.1.1.0|2|4350", p + "1.3.1.2.0|2|230100", p + "1.3.1.3.0|2|950", p + "1.3.1.4.0|2|990", p + "1.3.1.5.0|2|38",
                p + "2.2.1.3.0|2|24", p + "2.2.1.6.0|2|10", p + "2.2.1.7.0|2|35", p + "2.4.1.3.0|2|45", p + "2.4.1.6.0|2|20", p + "2.4.1.7.0|2|80",
            });
            // The outlet table is indexed from 0.
            for (var o = 0; o < outlets; o++)
            {
                rows.Add($"{p}1.2.2.1.1.{o}|2|{o}");
                rows.Add($"{p}1.2.2.1.2.{o}|4|Outlet {o}");
                rows.Add($"{p}1.2.2.1.3.{o}|2|{(o == 1 ? 0 : 1)}");
                rows.Add($"{p}1.2.2.1.4.{o}|2|{400 * o}");
                rows.Add($"{p}1.2.2.1.5.{o}|2|{500 * o}");
                rows.Add($"{p}1.2.2.1.6.{o}|2|230");
                rows.Add($"{p}1.2.2.1.7.{o}|2|{90 * o}");
                rows.Add($"{p}1.2.2.1.8.{o}|2|{95 * o}");
                rows.Add($"{p}1.2.2.1.9.{o}|2|{95 + o % 4}");
            }
            return rows;
        }

        private static IEnumerable<string> GenesisII()
        {
            const string p = "1.3.6.1.4.1.17373.3.";
            var rows = System("1.3.6.1.4.1.17373", "Eaton Monitored ePDU");
            rows.AddRange(new[] { p + "1.1.0|4|PW102MI0U052", p + "1.2.0|4|1.05", p + "1.3.0|4|mon-r7", p + "1.4.0|4|00:20:85:01:02:03" });
            for (var o = 1; o <= 8; o++) rows.Add($"{p}2.{o}.0|2|{(o == 7 ? -1 : 12 * o)}");
            return rows;
        }

        private static IEnumerable<string> RaritanPx2(int outlets)
        {
            const string p = "1.3.6.1.4.1.13742.6.";
            var rows = System("1.3.6.1.4.1.13742.6", "Raritan PX2");
            rows.AddRange(new[]
            {
                p + "3.2.1.1.2.1|4|Raritan", p + "3.2.1.1.3.1|4|PX2-5145R", p + "3.2.1.1.4.1|4|QFB1234567",
                p + "3.2.2.1.11.1|4x|000d5d0e0f10", p + "3.2.3.1.4.1.1.1|4|0x22", p + "3.2.3.1.6.1.1.1|4|3.5.0.5-45371",
                p + "3.2.2.1.13.1|4|px2-r7", p + "3.2.2.1.4.1|2|" + outlets,
                p + "5.2.3.1.4.1.1.1|66|52", p + "5.2.3.1.4.1.1.4|66|229", p + "5.2.3.1.4.1.1.5|66|1150",
                p + "5.2.3.1.4.1.1.6|66|1190", p + "5.2.3.1.4.1.1.7|66|97",
            });
            for (var o = 1; o <= outlets; o++)
            {
                rows.Add($"{p}3.5.3.1.2.1.{o}|4|{o}");
                rows.Add($"{p}3.5.3.1.3.1.{o}|4|Outlet {o}");
                rows.Add($"{p}3.5.3.1.28.1.{o}|2|{(o == 4 ? 2 : 1)}");
                rows.Add($"{p}4.1.2.1.3.1.{o}|2|{(o == 2 ? 8 : 7)}");
                rows.Add($"{p}4.1.2.1.2.1.{o}|2|1");
                rows.Add($"{p}5.4.3.1.4.1.{o}.1|66|{11 * o}");
                rows.Add($"{p}5.4.3.1.4.1.{o}.4|66|229");
                rows.Add($"{p}5.4.3.1.4.1.{o}.5|66|{30 * o}");
                rows.Add($"{p}5.4.3.1.4.1.{o}.6|66|{28 * o}");
                rows.Add($"{p}5.4.3.1.4.1.{o}.7|66|{90 + o}");
            }
            return rows;
        }

        private static IEnumerable<string> Avocent(int outlets)
        {
            const string p = "1.3.6.1.4.1.10418.17.2.";
            var rows = System("1.3.6.1.4.1.10418.17.1.7", "Avocent PM3000");
            rows.AddRange(new[]
            {
                p + "1.1.0|4|pm-r7", p + "1.2.0|4|PM3000", p + "1.4.0|4|0123456789", p + "1.7.0|4|2.6.0", "1.3.6.1.2.1.2.2.1.6.1|4x|00e086112233",
                // Index 0 of the PDU table answers a plain GET on this firmware (with N/A) although the table starts at 1.
                p + "5.2.1.4.1|2|1", p + "5.3.1.5.1.0|4|N/A", p + "5.3.1.5.1.1|4|PM3024V-404", p + "5.3.1.8.1.1|2|" + outlets, p + "5.6.1|2|0",
            });
            // The PDU table starts at 1: PDU 1, outlets 1..n.
            for (var o = 1; o <= outlets; o++)
            {
                string O(int column) => $"{p}5.5.1.{column}.1.1.{o}";
                rows.AddRange(new[]
                {
                    O(3) + $"|2|{o}", O(4) + $"|4|Outlet_{o}", O(5) + $"|2|{(o == 2 ? 1 : 2)}", O(6) + "|2|1",
                    O(50) + $"|2|{7 * o}", O(60) + $"|2|{150 * o}", O(70) + "|2|238",
                    O(100) + "|2|160", O(101) + "|2|120", O(102) + "|2|0", O(103) + "|2|0",
                });
            }
            return rows;
        }

        private static IEnumerable<string> Pulizzi(string sysOid, int outlets)
        {
            const string p = "1.3.6.1.4.1.20677.2.";
            var rows = System(sysOid, "Eaton Switched ePDU");
            rows.AddRange(new[]
            {
                p + "1.1.0|4|IPC3402-NET", p + "1.3.0|4|12:34:56", p + "1.4.0|4|01/02/2020", p + "2.6.0|4|00:0D:5D:01:02:03",
                p + "8.6.4.1.0|2|120", p + "8.6.4.2.0|2|7", p + "8.6.4.3.0|2|840", p + "6.2.1.0|2|0",
            });
            for (var o = 1; o <= outlets; o++)
            {
                rows.Add($"{p}6.1.{o}.1.0|4|Load {o}");
                rows.Add($"{p}6.1.{o}.4.0|2|{o}");
                rows.Add($"{p}6.1.{o}.5.0|2|{5 + o}");
                rows.Add($"{p}6.3.{o}.0|2|{(o == 5 ? 2 : 1)}");
                rows.Add($"{p}6.2.{o + 1}.0|2|0");
            }
            return rows;
        }

        private static IEnumerable<string> HpePdu(int voltageStatus, int outletCurrentStatus)
        {
            const string p = "1.3.6.1.4.1.232.165.7.";
            var rows = System("1.3.6.1.4.1.232.165.7", "HPE Intelligent PDU");
            rows.AddRange(new[]
            {
                p + "1.1.0|2|1", p + "1.2.1.3.0|4|HP 8.6kVA 208V 30A 3Ph NA/JP maPDU", p + "1.2.1.5.0|4|2.0.0.F", p + "1.2.1.6.0|4|H8B52A",
                p + "1.2.1.7.0|4|CN94230105", p + "1.2.1.11.0|2|2", p + "1.2.1.12.0|2|4", "1.3.6.1.2.1.2.2.1.6.2|4x|9cb6540a0b0c",
                p + "2.1.1.1.0|2|1", p + "2.1.1.2.0|2|600", p + "2.1.1.3.0|2|1", p + "2.1.1.4.0|2|1500", p + "2.1.1.5.0|2|1450", p + "2.1.1.8.0|2|967",
                p + "2.2.1.3.0.1|2|208000", p + "2.2.1.4.0.1|2|" + voltageStatus, p + "2.2.1.5.0.1|2|180000", p + "2.2.1.6.0.1|2|170000",
                p + "2.2.1.7.0.1|2|230000", p + "2.2.1.8.0.1|2|240000", p + "2.2.1.10.0.1|2|30000", p + "2.2.1.11.0.1|2|7200",
                p + "2.2.1.12.0.1|2|1", p + "2.2.1.13.0.1|2|-1", p + "2.2.1.14.0.1|2|-1", p + "2.2.1.15.0.1|2|24000", p + "2.2.1.16.0.1|2|27000",
                p + "2.2.1.18.0.1|2|24", p + "2.2.1.20.0.1|2|1500", p + "2.2.1.21.0.1|2|1450",
                p + "4.2.1.3.0.1|2|2", p + "4.2.1.4.0.1|2|245", p + "4.2.1.5.0.1|2|1", p + "4.2.1.6.0.1|2|100", p + "4.2.1.7.0.1|2|50",
                p + "4.2.1.8.0.1|2|350", p + "4.2.1.9.0.1|2|400",
                p + "4.3.1.4.0.1|2|455", p + "4.3.1.5.0.1|2|1", p + "4.3.1.6.0.1|2|200", p + "4.3.1.7.0.1|2|100", p + "4.3.1.8.0.1|2|800", p + "4.3.1.9.0.1|2|900",
                p + "4.4.1.4.0.1|2|1", p + "4.4.1.4.0.2|2|2",
            });
            for (var o = 1; o <= 4; o++)
            {
                string O(string column) => $"{p}{column}.0.{o}";
                rows.AddRange(new[]
                {
                    O("5.1.1.2") + $"|4|Outlet A{o}", O("5.1.1.3") + $"|2|{(o == 4 ? 2 : 1)}", O("5.1.1.5") + $"|2|{1100 * o}",
                    O("5.1.1.6") + $"|2|{(o == 3 ? outletCurrentStatus : 1)}", O("5.1.1.7") + "|2|-1", O("5.1.1.8") + "|2|-1",
                    O("5.1.1.9") + "|2|8000", O("5.1.1.10") + "|2|10000", O("5.1.1.13") + $"|2|{260 * o}", O("5.1.1.14") + $"|2|{250 * o}",
                    O("5.1.1.17") + $"|2|{950 + o}", O("5.2.1.1") + $"|2|{(o == 2 ? 1 : 2)}", O("5.2.1.2") + "|2|-1", O("5.2.1.3") + "|2|-1",
                    O("5.2.1.4") + "|2|-1", O("5.2.1.8") + $"|2|{(o == 4 ? 2 : 1)}",
                });
            }
            for (var g = 1; g <= 2; g++)
            {
                string G(int column) => $"{p}3.1.1.{column}.0.{g}";
                rows.AddRange(new[]
                {
                    G(1) + $"|4|{g}", G(2) + $"|4|Breaker {g}", G(3) + "|2|2", G(4) + $"|2|{g + 1}", G(5) + "|2|208100", G(6) + "|2|1",
                    G(7) + "|2|180000", G(8) + "|2|170000", G(9) + "|2|230000", G(10) + "|2|240000", G(11) + "|2|16000", G(12) + $"|2|{3000 * g}",
                    G(13) + "|2|1", G(14) + "|2|-1", G(15) + "|2|-1", G(16) + "|2|12800", G(17) + "|2|16000", G(19) + $"|2|{19 * g}",
                    G(20) + $"|2|{700 * g}", G(21) + $"|2|{690 * g}", G(24) + $"|2|{960 + g}", G(26) + "|2|2", G(27) + "|2|2",
                });
            }
            return rows;
        }

        /// <summary>The composed ePDU walk plus EMP002 external sensors (numbered from 1) and their temperature unit.</summary>
        private static IEnumerable<string> EpduWithSensors(int unit, int sensors, int temperatureStatus) =>
            SnmpPduVsNutTests.Walk("eaton-epdu-ok").Concat(SensorLines(unit, sensors, temperatureStatus));

        private static List<string> SensorLines(int unit, int sensors, int temperatureStatus)
        {
            const string e = "1.3.6.1.4.1.534.6.8.1.";
            var rows = new List<string>();
            rows.Add(e + "1.1.0|2|" + sensors);
            rows.Add(e + "2.5.0|2|" + unit);
            for (var n = 1; n <= sensors; n++)
            {
                rows.AddRange(new[]
                {
                    $"{e}1.4.1.1.{n}|2|{(n == 2 ? 3 : 2)}", $"{e}1.3.1.1.{n}|4|EMPDT1H1C2 @{n}", $"{e}1.2.1.6.{n}|4|Eaton",
                    $"{e}1.2.1.7.{n}|4|EMPDT1H1C2", $"{e}1.2.1.9.{n}|4|T1234{n}", $"{e}1.2.1.2.{n}|4|uuid-{n}", $"{e}1.2.1.4.{n}|2|{n}",
                    $"{e}1.2.1.5.{n}|4|G116J23016", $"{e}1.2.1.10.{n}|4|1.0.{n}",
                    $"{e}2.3.1.3.{n}.1|2|{(unit == 2 ? 770 + 9 * n : 245 + n)}", $"{e}2.3.1.1.{n}.1|2|{(n == 1 ? temperatureStatus : 0)}",
                    $"{e}2.2.1.5.{n}.1|2|100", $"{e}2.2.1.6.{n}.1|2|50", $"{e}2.2.1.7.{n}.1|2|350", $"{e}2.2.1.8.{n}.1|2|400",
                    $"{e}3.3.1.3.{n}.1|2|{450 + n}", $"{e}3.3.1.1.{n}.1|2|0", $"{e}3.2.1.5.{n}.1|2|200", $"{e}3.2.1.6.{n}.1|2|100",
                    $"{e}3.2.1.7.{n}.1|2|800", $"{e}3.2.1.8.{n}.1|2|900",
                    $"{e}4.2.1.1.{n}.1|4|Door {n}", $"{e}4.2.1.1.{n}.2|4|Smoke {n}", $"{e}4.2.1.3.{n}.1|2|0", $"{e}4.2.1.3.{n}.2|2|1",
                    $"{e}4.3.1.3.{n}.1|2|{n % 2}", $"{e}4.3.1.3.{n}.2|2|0",
                });
            }
            return rows;
        }

        internal static IEnumerable<string> Walk(string name) => name switch
        {
            "eaton-epdu-emp002-celsius" => EpduWithSensors(1, 2, 0),
            "eaton-epdu-emp002-fahrenheit-alarm" => EpduWithSensors(2, 3, 3),
            "hpe-epdu-ok" => HpePdu(1, 1),
            "hpe-epdu-alarms" => HpePdu(4, 5),
            "emerson-avocent-4" => Avocent(4),
            "pulizzi-switched2-8" => Pulizzi("1.3.6.1.4.1.20677.2", 8),
            "pulizzi-switched1-3" => Pulizzi("1.3.6.1.4.1.20677.1", 3),
            "cpqpower-online" => Compaq(1, 3, 1, 2),
            "cpqpower-battery" => Compaq(1, 5, 2, 2),
            "cpqpower-3phase-bypass" => Compaq(3, 4, 3, 0),
            "cpqpower-hiefficiency" => Compaq(1, 10, 1, 0),
            "bestpower-online" => Bestpower(1),
            "bestpower-battery" => Bestpower(2),
            "eaton-ats30-ok" => EatonAts30(0, 4),
            "eaton-ats30-off-over" => EatonAts30(7, 7),
            "baytech-8" => Baytech(8),
            "aphel-revelation-4" => Revelation(4),
            "aphel-genesisII" => GenesisII(),
            "raritan-px2-6" => RaritanPx2(6),
            _ => throw new ArgumentException(name),
        };

        [SkippableTheory]
        [InlineData("cpqpower-online", "auto", "cpqpower", "ups.status", "OL CHRG")]
        [InlineData("cpqpower-battery", "cpqpower", "cpqpower", "ups.status", "OB DISCHRG")]
        [InlineData("cpqpower-3phase-bypass", "auto", "cpqpower", "ups.status", "OL BYPASS")]
        [InlineData("cpqpower-hiefficiency", "auto", "cpqpower", "ups.type", "high efficiency")]
        [InlineData("bestpower-online", "auto", "bestpower", "ups.status", "OL")]
        [InlineData("bestpower-battery", "bestpower", "bestpower", "battery.runtime", "840")]
        [InlineData("eaton-ats30-ok", "auto", "eaton_ats30", "ups.status", "OL")]
        [InlineData("eaton-ats30-off-over", "eaton_ats30", "eaton_ats30", "ups.status", "OFF OVER")]
        [InlineData("baytech-8", "auto", "baytech", "outlet.count", "8")]
        [InlineData("aphel-revelation-4", "auto", "aphel_revelation", "outlet.count", "4")]
        [InlineData("aphel-genesisII", "auto", "aphel_genesisII", "outlet.8.current", "9.60")]
        [InlineData("raritan-px2-6", "auto", "raritan-px2", "outlet.4.switchable", "no")]
        [InlineData("hpe-epdu-ok", "auto", "hpe_epdu", "outlet.4.switchable", "no")]
        [InlineData("hpe-epdu-alarms", "hpe_epdu", "hpe_epdu", "ups.alarm", "high voltage warning! phase L1 high voltage warning! outlet 3 high current critical!")]
        [InlineData("eaton-epdu-emp002-celsius", "auto", "eaton_epdu", "ambient.2.temperature", "24")]
        [InlineData("eaton-epdu-emp002-fahrenheit-alarm", "eaton_epdu", "eaton_epdu", "ups.alarm", "high temperature warning!")]
        [InlineData("emerson-avocent-4", "auto", "emerson_avocent_pdu", "outlet.2.status", "off")]
        [InlineData("pulizzi-switched2-8", "auto", "pulizzi_switched2", "outlet.count", "8")]
        [InlineData("pulizzi-switched1-3", "auto", "pulizzi_switched1", "outlet.3.delay.reboot", "8")]
        public async Task PublishesWhatRealSnmpUpsPublishes(string walk, string mibs, string mapping, string variable, string expected)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            using var run = await WalkComparison.RunAsync(walk, Walk(walk), mibs, _output);
            Assert.Equal(expected, run.Ours[variable]);
            Assert.StartsWith(mapping + " MIB", run.Host.GetInfo("driver.version.data") ?? "");
        }

        /// <summary>
        /// The powerware "ups.alarms" row: with xupsAlarms above zero, the alarm table's OID values name the active alarms
        /// (the real Eaton 93E walk, which answers XUPS-MIB, given a Powerware card's sysObjectID instead of its MGE one,
        /// plus two table entries: output overload and on bypass; or no active alarm; or EMP002 sensors in Fahrenheit, one
        /// above its high warning threshold).
        /// </summary>
        [SkippableTheory]
        [InlineData(2, "Output overload! On bypass!", 0)]
        [InlineData(0, null, 0)]
        [InlineData(0, "high temperature warning!", 2)]
        public async Task PowerwareAlarmTableEqualsRealSnmpUps(int active, string? expectedAlarm, int sensors)
        {
            const string walk = "snmpsimdata_eaton-93e-80";
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            Skip.IfNot(SnmpdAgent.HasWalk(walk), SnmpdAgent.MissingWalk(walk));
            const string x = "1.3.6.1.4.1.534.1.7.";
            var lines = File.ReadAllLines(SnmpdAgent.WalkPath(walk)).ToList();
            lines.Add("1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.534.1");
            lines.Add(x + "1.0|66|" + active);
            var pointers = new[] { "7", "11" };
            for (var n = 1; n <= active; n++)
            {
                lines.Add($"{x}2.1.1.{n}|2|{n}");
                lines.Add($"{x}2.1.2.{n}|6|{x}{pointers[n - 1]}");
                lines.Add($"{x}2.1.3.{n}|67|{1000 * n}");
            }
            if (sensors > 0) lines.AddRange(SensorLines(2, sensors, 3));
            using var run = await WalkComparison.RunAsync("pw-alarms", lines, "auto");
            run.Ours.TryGetValue("ups.alarm", out var alarm);
            Assert.Equal(expectedAlarm, alarm);
            if (active > 0) Assert.EndsWith("OVER BYPASS", run.Ours["ups.status"]);
            if (sensors > 0) Assert.Equal(sensors.ToString(), run.Ours["ambient.count"]);
            Assert.StartsWith("pw MIB", run.Host.GetInfo("driver.version.data") ?? "");
        }

        [Theory]
        [InlineData("04/12/2019", "2019-04-12")]
        [InlineData("", "1900-01-00")]
        [InlineData("12/31", "1900-12-31")]
        [InlineData("13/01/2019", "1900-01-00")]
        public void UsDatesBecomeIsoDatesAsIn280(string us, string iso) =>
            Assert.Equal(iso, UpsPS.Engine.Drivers.Snmp.SnmpValueFormatter.UsDateToIso(us));

        /// <summary>2.8.0 confirms a mapping with its first device.model row's OID (else ups.model's), unit index 0.</summary>
        [Fact]
        public void EveryMappingIsConfirmedByItsModelRowAsIn280()
        {
            foreach (var mapping in UpsPS.Engine.Drivers.Snmp.Mappings.SnmpMappingCatalog.DetectionOrder)
            {
                var model = mapping.Rows.FirstOrDefault(r => r.Name == "device.model") ?? mapping.Rows.First(r => r.Name == "ups.model");
                Assert.True(model.Oid?.Replace("%i", "0") == mapping.DetectionOid, $"{mapping.Name}: {mapping.DetectionOid} vs {model.Oid}");
            }
        }
    }
}
