using System;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Drivers
{
    /// <summary>
    /// A device driver run by <see cref="DriverHost"/> (NUT's upsdrv_* functions). The host serialises
    /// all calls: UpdateAsync, SetVariableAsync and InstantCommandAsync never overlap.
    /// </summary>
    public interface IUpsDriver
    {
        /// <summary>Program name as written in ups.conf (<c>dummy-ups</c>).</summary>
        string Name { get; }

        /// <summary>Opens the device and publishes the initial variables through <paramref name="host"/>.
        /// Throwing stops the driver (a fatal start-up error).</summary>
        Task InitializeAsync(DriverHost host, CancellationToken cancellationToken);

        /// <summary>One poll: refresh the variables, call DataOk/DataStale.</summary>
        Task UpdateAsync(CancellationToken cancellationToken);

        /// <summary>Time between the starts of two updates.</summary>
        TimeSpan PollInterval { get; }

        Task<DriverResult> SetVariableAsync(string name, string value, CancellationToken cancellationToken);

        Task<DriverResult> InstantCommandAsync(string command, string? parameter, CancellationToken cancellationToken);
    }
}
