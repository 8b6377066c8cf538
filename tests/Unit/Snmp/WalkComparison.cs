using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Snmp
{
    /// <summary>
    /// A composed walk served by the real snmpd, read by the real snmp-ups 2.8.0 and by ours, with equal variables
    /// (driver.* aside) asserted. Keeps the agent and our driver alive for further checks until disposed.
    /// </summary>
    public sealed class WalkComparison : IDisposable
    {
        private readonly string _file;
        private readonly SnmpdAgent _agent;

        private WalkComparison(string file, SnmpdAgent agent, Dictionary<string, string> ours, DriverHost host)
        {
            _file = file;
            _agent = agent;
            Ours = ours;
            Host = host;
        }

        public Dictionary<string, string> Ours { get; }
        public DriverHost Host { get; }

        public static async Task<WalkComparison> RunAsync(string name, IEnumerable<string> walk, string mibs, ITestOutputHelper? output = null)
        {
            var file = Path.Combine(Path.GetTempPath(), $"upsps-walk-{name}-{Guid.NewGuid():N}.snmprec");
            File.WriteAllLines(file, walk);
            SnmpdAgent? agent = null;
            try
            {
                agent = await SnmpdAgent.StartFromFileAsync(file);
                var (nut, log) = await SnmpDriverRunner.RunNutAsync(agent.Address, $" mibs = {mibs}");
                Assert.True(nut != null, log);
                output?.WriteLine("NUT: " + string.Join(" | ", nut!.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)));
                var (ours, host) = await SnmpDriverRunner.RunOursAsync(agent.Address, $" mibs = {mibs}");
                var comparison = new WalkComparison(file, agent, ours, host);
                var diff = SnmpDriverRunner.Diff(ours, nut);
                if (diff.Length != 0)
                {
                    comparison.Dispose();
                    Assert.Fail(name + "\n" + diff);
                }
                return comparison;
            }
            catch
            {
                agent?.Dispose();
                File.Delete(file);
                throw;
            }
        }

        public void Dispose()
        {
            Host.Dispose();
            _agent.Dispose();
            File.Delete(_file);
        }
    }
}
