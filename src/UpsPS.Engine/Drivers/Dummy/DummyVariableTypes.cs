using System;
using System.Collections.Generic;
using UpsPS.Engine.State;

namespace UpsPS.Engine.Drivers.Dummy
{
    /// <summary>
    /// dummy-ups' built-in table of known variable names and their types (what NUT 2.8.0's dummy-ups publishes
    /// for them: numbers, or strings with a maximum length). Names not listed become STRING, max length 32.
    /// </summary>
    public static class DummyVariableTypes
    {
        public const int DefaultStringLength = 32;

        // value: string max length, or 0 for a number
        private static readonly Dictionary<string, int> Known = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["ups.mfr"] = 32, ["ups.model"] = 32, ["ups.status"] = 32, ["ups.serial"] = 32, ["ups.alarm"] = 32,
            ["ups.time"] = 16, ["ups.date"] = 16, ["ups.mfr.date"] = 16, ["ups.firmware"] = 16, ["ups.firmware.aux"] = 16,
            ["ups.id"] = 16, ["ups.test.result"] = 16,
            ["input.transfer.reason"] = 1, ["input.sensitivity"] = 1, ["input.quality"] = 6,
            ["ups.load"] = 0, ["ups.temperature"] = 0, ["ups.delay.start"] = 0, ["ups.delay.reboot"] = 0,
            ["ups.delay.shutdown"] = 0, ["ups.test.interval"] = 0,
            ["input.voltage"] = 0, ["input.voltage.maximum"] = 0, ["input.voltage.minimum"] = 0, ["input.voltage.nominal"] = 0,
            ["input.transfer.low"] = 0, ["input.transfer.high"] = 0, ["input.frequency"] = 0,
            ["input.transfer.boost.low"] = 0, ["input.transfer.boost.high"] = 0,
            ["input.transfer.trim.low"] = 0, ["input.transfer.trim.high"] = 0,
            ["output.voltage"] = 0, ["output.frequency"] = 0, ["output.current"] = 0,
            ["battery.charge"] = 0, ["battery.charge.low"] = 0, ["battery.voltage"] = 0, ["battery.current"] = 0,
            ["battery.runtime"] = 0, ["battery.runtime.low"] = 0, ["battery.charge.restart"] = 0,
            ["battery.temperature"] = 0, ["battery.voltage.nominal"] = 0,
        };

        /// <summary>Type flags (without RW) and STRING length for a variable name.</summary>
        public static (VariableFlags Type, int Aux) Lookup(string name)
        {
            if (Known.TryGetValue(name, out var length))
                return length == 0 ? (VariableFlags.Number, 0) : (VariableFlags.String, length);
            return (VariableFlags.String, DefaultStringLength);
        }
    }
}
