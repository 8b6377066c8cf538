using System;
using System.Collections;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using System.Threading;
using UpsPS.Cmdlets.Simulation;
using UpsPS.Engine.Simulation;

namespace UpsPS.Commands
{
    /// <summary>
    /// Invoke-UpsSimulation: runs a whole NUT topology in this process (dummy-ups drivers, one server, several
    /// upsmon hosts with captured shutdowns) and returns the timeline. See <see cref="SimulationTopologyReader"/>.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "UpsSimulation", DefaultParameterSetName = "Topology")]
    [OutputType(typeof(SimulationResult))]
    public sealed class InvokeUpsSimulationCommand : PSCmdlet
    {
        /// <summary>The topology as a hashtable.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Topology", ValueFromPipeline = true)]
        public IDictionary? Topology { get; set; }

        /// <summary>A .psd1 file holding the topology hashtable; its relative paths are relative to the file.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Simulated seconds per real second; overrides the topology's TimeScale.</summary>
        [Parameter]
        [ValidateRange(0.01, 1000)]
        public double? TimeScale { get; set; }

        /// <summary>Longest simulated run in seconds; overrides the topology's Duration.</summary>
        [Parameter]
        [ValidateRange(1, 864000)]
        public double? DurationSeconds { get; set; }

        /// <summary>Write the generated NUT configuration here and keep it (it also runs with real upsd + dummy-ups).</summary>
        [Parameter]
        public string? WorkDirectory { get; set; }

        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        protected override void ProcessRecord()
        {
            SimulationTopology topology;
            try
            {
                if (Path != null)
                {
                    string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
                    topology = SimulationTopologyReader.Read(SimulationTopologyReader.ReadDataFile(file), System.IO.Path.GetDirectoryName(file)!);
                }
                else
                {
                    topology = SimulationTopologyReader.Read(Topology!, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
                }
            }
            catch (Exception ex) when (ex is ArgumentException || ex is IOException || ex is InvalidDataException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "UpsPS.SimulationTopologyInvalid", ErrorCategory.InvalidArgument, (object?)Path ?? Topology));
                return;
            }
            if (TimeScale.HasValue) topology.TimeScale = TimeScale.Value;
            if (DurationSeconds.HasValue) topology.Duration = TimeSpan.FromSeconds(DurationSeconds.Value);
            if (WorkDirectory != null)
            {
                topology.WorkDirectory = SessionState.Path.GetUnresolvedProviderPathFromPSPath(WorkDirectory);
                topology.KeepWorkDirectory = true;
            }

            var live = new BlockingCollection<SimulationEvent>();
            var simulation = new UpsSimulation(topology);
            simulation.EventRecorded += e => live.Add(e);
            var run = simulation.RunAsync(_cancel.Token);
            _ = run.ContinueWith(_ => live.CompleteAdding(), TaskContinuationOptionsExecuteSynchronously);
            foreach (var e in live.GetConsumingEnumerable()) WriteVerbose(e.ToString());

            SimulationResult result;
            try
            {
                result = run.GetAwaiter().GetResult();
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                var category = ex is ArgumentException ? ErrorCategory.InvalidArgument : ErrorCategory.OperationStopped;
                ThrowTerminatingError(new ErrorRecord(ex, "UpsPS.SimulationFailed", category, topology));
                return;
            }
            WriteObject(result);
        }

        protected override void StopProcessing() => _cancel.Cancel();

        private const System.Threading.Tasks.TaskContinuationOptions TaskContinuationOptionsExecuteSynchronously =
            System.Threading.Tasks.TaskContinuationOptions.ExecuteSynchronously;
    }
}
