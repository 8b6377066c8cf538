using System.Collections.Generic;
using UpsPS.Engine.Drivers.Serial;

namespace UpsPS.Engine.Drivers.GenericUps
{
    /// <summary>One input signal: mask of lines looked at and the value meaning "true" (mask 0 = never/always per use).</summary>
    public readonly struct LineCondition
    {
        public LineCondition(ModemLineState mask, ModemLineState value) { Mask = mask; Value = value; }
        public ModemLineState Mask { get; }
        public ModemLineState Value { get; }
        public bool IsDefined => Mask != ModemLineState.None;
        public bool Matches(ModemLineState lines) => (lines & Mask) == Value;

        public static LineCondition On(ModemLineState line) => new LineCondition(line, line);
        public static LineCondition Off(ModemLineState line) => new LineCondition(line, ModemLineState.None);
        public static readonly LineCondition None = new LineCondition(ModemLineState.None, ModemLineState.None);
    }

    /// <summary>A contact-closure cable/UPS type (serial.md §3.2).</summary>
    public sealed class GenericUpsType
    {
        public GenericUpsType(int id, string mfr, string model, string description, ModemLineState cablePower,
            LineCondition online, LineCondition lowBattery, ModemLineState? shutdown, LineCondition? replaceBattery = null, LineCondition? bypass = null)
        {
            Id = id; Manufacturer = mfr; Model = model; Description = description; CablePower = cablePower;
            Online = online; LowBattery = lowBattery; Shutdown = shutdown;
            ReplaceBattery = replaceBattery ?? LineCondition.None; Bypass = bypass ?? LineCondition.None;
        }

        public int Id { get; }
        public string Manufacturer { get; }
        public string Model { get; }
        public string Description { get; }
        public ModemLineState CablePower { get; }
        public LineCondition Online { get; }
        public LineCondition LowBattery { get; }
        public LineCondition ReplaceBattery { get; }
        public LineCondition Bypass { get; }

        /// <summary>Output lines to set for the power-kill (<see cref="ModemLineState.Break"/> = send a BREAK); null = unknown (unsupported).</summary>
        public ModemLineState? Shutdown { get; }

        private const ModemLineState CTS = ModemLineState.Cts, DCD = ModemLineState.Dcd, RNG = ModemLineState.Ring, DSR = ModemLineState.Dsr,
            DTR = ModemLineState.Dtr, RTS = ModemLineState.Rts, ST = ModemLineState.Break, NONE = ModemLineState.None;

        private static LineCondition On(ModemLineState l) => LineCondition.On(l);
        private static LineCondition Off(ModemLineState l) => LineCondition.Off(l);

        public static readonly IReadOnlyList<GenericUpsType> All = new[]
        {
            new GenericUpsType(0, "UPSONIC", "LAN Saver 600", "UPSONIC LAN Saver 600", DTR | RTS, Off(CTS), On(DCD), RTS),
            new GenericUpsType(1, "APC", "Back-UPS", "APC Back-UPS (940-0095A/C cable)", DTR, Off(RNG), On(DCD), RTS),
            new GenericUpsType(2, "APC", "Back-UPS", "APC Back-UPS (940-0020B/C cable)", RTS, Off(CTS), On(DCD), DTR | RTS),
            new GenericUpsType(3, "PowerTech", "Comp1000", "PowerTech Comp1000 with DTR as cable power", DTR, Off(CTS), On(DCD), DTR | RTS),
            new GenericUpsType(4, "Generic", "Generic RUPS model", "Generic RUPS model", RTS, On(CTS), Off(DCD), NONE),
            new GenericUpsType(5, "TrippLite", "Internet Office Series", "Tripp Lite UPS with Lan2.2 interface (black 73-0844 cable)", DTR, On(CTS), Off(DCD), DTR | RTS),
            new GenericUpsType(6, "Best", "Patriot", "Best Patriot (INT51 cable)", DTR, On(CTS), Off(DCD), RTS),
            new GenericUpsType(7, "CyberPower", "Power99", "CyberPower Power99", RTS, On(CTS), Off(DCD), DTR),
            new GenericUpsType(8, "Nitram", "Elite UPS", "Nitram Elite 500", DTR, On(CTS), Off(DCD), null),
            new GenericUpsType(9, "APC", "Back-UPS", "APC Back-UPS (940-0023A cable)", NONE, Off(DCD), On(CTS), RTS),
            new GenericUpsType(10, "Victron", "Lite", "Victron Lite (crack cable)", RTS, On(CTS), Off(DCD), DTR),
            new GenericUpsType(11, "Powerware", "3115", "Powerware 3115", DTR, Off(CTS), Off(DCD), ST),
            new GenericUpsType(12, "APC", "Back-UPS Office", "APC Back-UPS Office (940-0119A cable)", RTS, Off(CTS), On(DCD), DTR),
            new GenericUpsType(13, "RPT", "Repoteck", "Repoteck RPT-800A, RPT-162A", DTR | RTS, On(DCD), Off(CTS), ST),
            new GenericUpsType(14, "Online", "P250, P500, P750, P1250", "Online P-series", DTR, On(DCD), Off(CTS), RTS),
            new GenericUpsType(15, "Powerware", "5119", "Powerware 5119", DTR, On(CTS), Off(DCD), ST),
            new GenericUpsType(16, "Nitram", "Elite UPS", "Nitram Elite 2002", DTR | RTS, On(CTS), Off(DCD), null),
            new GenericUpsType(17, "PowerKinetics", "9001", "PowerKinetics 9001", DTR, On(CTS), Off(DCD), null),
            new GenericUpsType(18, "TrippLite", "Omni 450LAN", "TrippLite UPS with Martin's cabling", DTR, On(CTS), On(DCD), null),
            new GenericUpsType(19, "Fideltronik", "Ares Series", "Fideltronik Ares Series", DTR, On(CTS), Off(DCD), RTS),
            new GenericUpsType(20, "Powerware", "5119 RM", "Powerware 5119 RM", DTR, Off(CTS), On(DCD), ST),
            new GenericUpsType(21, "Generic", "Generic RUPS 2000", "Generic RUPS 2000 (Megatec M2501 cable)", RTS, On(CTS), Off(DCD), RTS | DTR),
            new GenericUpsType(22, "Gamatronic Electronic Industries", "Generic Alarm UPS", "Gamatronic UPSs with alarm interface", RTS, On(CTS), Off(DCD), DTR),
            new GenericUpsType(23, "Generic", "Generic FTTx Battery Backup", "FTTx (Fiber to the x) battery backup with 4-wire telemetry interface",
                RTS, On(CTS), Off(DCD), NONE, replaceBattery: Off(RNG), bypass: Off(DSR)),
        };
    }
}
