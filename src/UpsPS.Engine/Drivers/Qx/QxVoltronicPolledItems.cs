using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>One fixed-offset value of a Voltronic reply, polled on every full update.</summary>
    public sealed class QxVoltronicItem
    {
        public QxVoltronicItem(string command, string variable, int from, int to, string format, int minimumLength)
        {
            Command = command; Variable = variable; From = from; To = to; Format = format; MinimumLength = minimumLength;
        }

        public string Command { get; }
        public string Variable { get; }
        public int From { get; }
        public int To { get; }
        public string Format { get; }

        /// <summary>Shortest acceptable reply, without the CR.</summary>
        public int MinimumLength { get; }

        public double? Parse(string? reply) =>
            reply == null || reply.Length < MinimumLength || reply[0] != '(' || reply == "(NAK" ? null : QxFields.Number(reply, From, To);
    }

    /// <summary>
    /// QLDL (last load range) and the multi-phase queries Q3PV/Q3PC/Q3OV/Q3OC/Q3LD/Q3YV, with the items 2.8.0 enables per
    /// protocol: P03 (3-phase in, 1-phase out), P09 (2-phase in/out), P10 (3-phase in/out).
    /// </summary>
    public static class QxVoltronicPolledItems
    {
        private static IEnumerable<QxVoltronicItem> Six(string command, string prefix, string suffix, int[] pick, string[]? names = null)
        {
            names ??= new[] { "L1-N", "L2-N", "L3-N", "L1-L2", "L2-L3", "L1-L3" };
            for (var i = 0; i < 6; i++)
                if (pick.Contains(i)) yield return new QxVoltronicItem(command, $"{prefix}.{names[i]}.{suffix}", 1 + 6 * i, 5 + 6 * i, "F1", 36);
        }

        private static IEnumerable<QxVoltronicItem> Three(string command, string prefix, string suffix, int[] pick)
        {
            for (var i = 0; i < 3; i++)
                if (pick.Contains(i)) yield return new QxVoltronicItem(command, $"{prefix}.L{i + 1}.{suffix}", 1 + 4 * i, 3 + 4 * i, "F0", 12);
        }

        /// <summary>The items polled for a protocol number, in 2.8.0's table order.</summary>
        public static IReadOnlyList<QxVoltronicItem> For(int protocol)
        {
            var items = new List<QxVoltronicItem>
            {
                new QxVoltronicItem("QLDL", "output.power.minimum.percent", 1, 3, "F0", 8),
                new QxVoltronicItem("QLDL", "output.power.maximum.percent", 5, 7, "F0", 8),
            };
            var threeIn = protocol == 3 || protocol == 10;
            var anyIn = threeIn || protocol == 9;
            var twoOut = protocol == 9 || protocol == 10;
            if (anyIn) items.AddRange(Six("Q3PV", "input", "voltage", threeIn ? new[] { 0, 1, 2, 3, 4, 5 } : new[] { 0, 1, 3 }));
            if (anyIn) items.AddRange(Three("Q3PC", "input", "current", threeIn ? new[] { 0, 1, 2 } : new[] { 0, 1 }));
            if (twoOut) items.AddRange(Six("Q3OV", "output", "voltage", protocol == 10 ? new[] { 0, 1, 2, 3, 4, 5 } : new[] { 0, 1, 3 }));
            if (twoOut) items.AddRange(Three("Q3OC", "output", "current", protocol == 10 ? new[] { 0, 1, 2 } : new[] { 0, 1 }));
            if (twoOut) items.AddRange(Three("Q3LD", "output", "power.percent", protocol == 10 ? new[] { 0, 1, 2 } : new[] { 0, 1 }));
            if (protocol == 10) items.AddRange(Six("Q3YV", "output.bypass", "voltage", new[] { 0, 1, 2, 3, 4, 5 }));
            if (protocol == 9)
            {
                items.Add(new QxVoltronicItem("Q3YV", "output.bypass.L1-N.voltage", 1, 5, "F1", 18));
                items.Add(new QxVoltronicItem("Q3YV", "output.bypass.L2-N.voltage", 7, 11, "F1", 18));
            }
            return items;
        }
    }
}
