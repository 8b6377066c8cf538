using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Monitor;

namespace UpsPS.Cmdlets.Monitor
{
    /// <summary>-ShutdownAction: the script block gets the <see cref="ShutdownDecision"/>; a throw is the action's failure.</summary>
    public sealed class ScriptBlockShutdownAction : IShutdownAction
    {
        private readonly IScriptInvoker _invoker;
        private readonly ScriptBlock _script;

        public ScriptBlockShutdownAction(IScriptInvoker invoker, ScriptBlock script)
        {
            _invoker = invoker;
            _script = script;
        }

        public async Task ExecuteAsync(ShutdownDecision decision, CancellationToken cancellationToken)
        {
            string? error = await _invoker.InvokeAsync(_script, decision).ConfigureAwait(false);
            if (error != null) throw new InvalidOperationException("-ShutdownAction failed: " + error);
        }
    }
}
