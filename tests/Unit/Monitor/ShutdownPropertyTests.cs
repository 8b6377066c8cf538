using System;
using System.Collections.Generic;
using System.Linq;
using UpsPS.Engine.Monitor;
using Xunit;

namespace UpsPS.Tests.Unit.Monitor
{
    /// <summary>
    /// Seeded random status sequences and power-value layouts (all primaries, random comm loss): the monitor shuts
    /// down iff an independent model of the rules says the available power value fell below MINSUPPLIES (or FSD
    /// made a UPS critical), at the same poll, exactly once.
    /// </summary>
    public class ShutdownPropertyTests
    {
        private static readonly string?[] Statuses =
        {
            "OL", "OL", "OL CHRG", "OB", "OB DISCHRG", "OB LB", "OL LB", "LB", "OB LB CAL", "OL CAL", "FSD OL", "FSD OB LB", "", null,
        };

        private sealed class ModelUps
        {
            public bool Ob, Lb, Fsd, Cal, Lost;
            public long LastPoll;
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public void Shutdown_iff_power_value_below_MINSUPPLIES_exactly_once(int seedBase)
        {
            int shutdowns = 0, survivals = 0;
            for (int run = 0; run < 100; run++)
            {
                int seed = seedBase * 1000 + run;
                var rng = new Random(seed);
                int n = rng.Next(1, 5);
                int[] pv = Enumerable.Range(0, n).Select(_ => rng.Next(0, 4)).ToArray();
                int min = rng.Next(0, pv.Sum() + 1);
                const int steps = 30;
                // per UPS per step: a status string, "" (empty status) or null (unreachable)
                var script = new string?[n, steps];
                double fsdWeight = rng.NextDouble() < 0.3 ? 1 : 0;
                for (int i = 0; i < n; i++)
                {
                    string? current = "OL";
                    for (int s = 0; s < steps; s++)
                    {
                        if (rng.NextDouble() < 0.3)
                        {
                            do current = Statuses[rng.Next(Statuses.Length)];
                            while (fsdWeight == 0 && current != null && current.StartsWith("FSD"));
                        }
                        script[i, s] = current;
                    }
                }

                var h = new MonitorHarness(new MonitorConfig { MinSupplies = min });
                for (int i = 0; i < n; i++)
                {
                    int idx = i;
                    var server = h.Ups("ups" + i, pv[i], MonitorRole.Primary, t => script[idx, Math.Min(steps - 1, (int)(t / 5))] ?? "OL");
                    server.Reachable = t => script[idx, Math.Min(steps - 1, (int)(t / 5))] != null;
                }

                int? expectedStep = null;
                int expectedTotal = 0;
                var model = Enumerable.Range(0, n).Select(_ => new ModelUps()).ToArray();
                long t0 = FakeClock.Start.ToUnixTimeSeconds();
                for (int s = 0; s < steps && expectedStep == null; s++)
                {
                    long now = t0 + s * 5;
                    int total = 0;
                    for (int i = 0; i < n; i++)
                    {
                        var m = model[i];
                        var st = script[i, s];
                        if (string.IsNullOrEmpty(st)) m.Lost = true;
                        else
                        {
                            var tokens = st!.Split(' ');
                            if (tokens.Contains("OL")) m.Ob = false;
                            if (tokens.Contains("OB")) m.Ob = true;
                            m.Lb = tokens.Contains("LB");
                            m.Fsd = tokens.Contains("FSD");
                            m.Cal = tokens.Contains("CAL");
                            m.Lost = false;
                            m.LastPoll = now;
                        }
                        if (now - m.LastPoll > 15 && m.Ob) m.Lb = true;
                        bool critical = m.Fsd || (m.Lost && m.Cal) || (m.Ob && m.Lb && !m.Cal);
                        if (!critical) total += pv[i];
                    }
                    if (total < min) { expectedStep = s; expectedTotal = total; }
                }

                h.Run(steps * 5 - 1);
                string context = $"seed {seed}, pv [{string.Join(",", pv)}], MINSUPPLIES {min}";
                if (expectedStep == null)
                {
                    Assert.True(h.Shutdown.Calls.Count == 0, "unexpected shutdown: " + context + " " + h.Monitor!.ShutdownDecision);
                    survivals++;
                }
                else
                {
                    Assert.True(h.Shutdown.Calls.Count == 1, "expected one shutdown: " + context);
                    var d = h.Monitor!.ShutdownDecision!;
                    Assert.True(FakeClock.Start.AddSeconds(expectedStep.Value * 5) == d.Time, $"decision at {d.Time} expected step {expectedStep}: {context}");
                    Assert.True(expectedTotal == d.PowerValueTotal, $"total {d.PowerValueTotal} expected {expectedTotal}: {context}");
                    Assert.Single(h.Sink.TimesOf(NotifyType.SHUTDOWN));
                    shutdowns++;
                }
            }
            // the generator must exercise both outcomes, or the property says nothing
            Assert.InRange(shutdowns, 10, 90);
            Assert.InRange(survivals, 10, 90);
        }
    }
}
