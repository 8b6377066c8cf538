using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Drivers.Snmp
{
    public sealed partial class SnmpUpsDriver
    {
        /// <summary>
        /// ups.conf ondelay / offdelay written into ups.delay.start / ups.delay.shutdown, as snmp-ups does at the end of
        /// start-up and again before a shutdown. Only rows with an OID take the value: like 2.8.0, a variable without
        /// OID (MGE's) keeps its default.
        /// </summary>
        public async Task SetDelaysAsync(CancellationToken cancellationToken)
        {
            foreach (var (key, variable) in new[] { ("ondelay", "ups.delay.start"), ("offdelay", "ups.delay.shutdown") })
            {
                var text = Host.Section.GetValue(key);
                if (text == null) continue;
                // snmp-ups reads the option with atoi and skips negative values.
                var seconds = (int)SnmpValueFormatter.StrToL(text);
                if (seconds < 0 || _rows.Any(r => r.Name == variable && r.Has(SnmpRowFlags.Absent))) continue;
                var result = await SetVariableAsync(variable, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken)
                    .ConfigureAwait(false);
                if (result != DriverResult.Handled && result != DriverResult.Unknown)
                    Host.WriteLog(DriverLogLevel.Warning, $"could not set {variable} from {key}={seconds}");
            }
        }

        /// <summary>
        /// The killpower sequence of snmp-ups 2.8.0 (driver.killpower, NUT's <c>-k</c>): write the delays, then try
        /// shutdown.return, shutdown.reboot and load.off.delay in that order; the first one the card accepts wins.
        /// </summary>
        public async Task<bool> ShutdownAsync(CancellationToken cancellationToken)
        {
            await SetDelaysAsync(cancellationToken).ConfigureAwait(false);
            foreach (var command in new[] { "shutdown.return", "shutdown.reboot", "load.off.delay" })
            {
                if (!_commands.ContainsKey(command)) continue;
                if (await InstantCommandAsync(command, null, cancellationToken).ConfigureAwait(false) == DriverResult.Handled)
                {
                    Host.WriteLog(DriverLogLevel.Info, $"Shutdown sent to the UPS ({command})");
                    return true;
                }
            }
            Host.WriteLog(DriverLogLevel.Error, "Shutdown failed!");
            return false;
        }
    }
}
