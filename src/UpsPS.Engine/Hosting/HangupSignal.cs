using System;
using System.Linq;
using System.Reflection;

namespace UpsPS.Engine.Hosting
{
    /// <summary>
    /// SIGHUP, the signal <c>upsd -c reload</c> sends, on runtimes that have PosixSignalRegistration (.NET 6+ on
    /// Unix). Reached through reflection because the engine targets netstandard2.0; null where there is no such signal.
    /// </summary>
    public static class HangupSignal
    {
        private const int SigHup = -1; // PosixSignal.SIGHUP

        public static IDisposable? Register(Action onHangup)
        {
            var registration = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration, System.Runtime.InteropServices", throwOnError: false);
            var signalType = Type.GetType("System.Runtime.InteropServices.PosixSignal, System.Runtime.InteropServices", throwOnError: false);
            var contextType = Type.GetType("System.Runtime.InteropServices.PosixSignalContext, System.Runtime.InteropServices", throwOnError: false);
            if (registration == null || signalType == null || contextType == null) return null;
            var create = registration.GetMethods(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(m => m.Name == "Create");
            if (create == null) return null;
            var handlerType = typeof(Action<>).MakeGenericType(contextType);
            var handler = Delegate.CreateDelegate(handlerType, new Forwarder(onHangup, contextType), typeof(Forwarder).GetMethod(nameof(Forwarder.Invoke))!);
            try
            {
                return create.Invoke(null, new object[] { Enum.ToObject(signalType, SigHup), handler }) as IDisposable;
            }
            catch (TargetInvocationException e) when (e.InnerException is PlatformNotSupportedException)
            {
                return null;
            }
        }

        private sealed class Forwarder
        {
            private readonly Action _action;
            private readonly PropertyInfo? _cancel;

            public Forwarder(Action action, Type contextType)
            {
                _action = action;
                _cancel = contextType.GetProperty("Cancel");
            }

            // Cancel = true keeps the runtime from applying SIGHUP's default action (terminating the process).
            public void Invoke(object context)
            {
                _cancel?.SetValue(context, true);
                _action();
            }
        }
    }
}
