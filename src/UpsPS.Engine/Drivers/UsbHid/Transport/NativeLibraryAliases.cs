using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;

namespace UpsPS.Engine.Drivers.UsbHid.Transport
{
    /// <summary>
    /// Lets a [DllImport] name resolve to versioned file names. Linux distributions ship libusb as
    /// libusb-1.0.so.0 only (the unversioned .so comes with the -dev package), which .NET's default probing of
    /// "libusb-1.0" never tries. The engine targets netstandard2.0, so NativeLibrary (.NET Core 3+) is reached
    /// through reflection; on runtimes without it the default probing stays in place.
    /// </summary>
    internal static class NativeLibraryAliases
    {
        private static readonly Dictionary<string, string[]> Aliases = new Dictionary<string, string[]>(StringComparer.Ordinal);
        private static readonly object Gate = new object();
        private static bool _registered;
        private static MethodInfo? _tryLoad;

        public static void Add(string name, params string[] candidates)
        {
            lock (Gate)
            {
                Aliases[name] = candidates;
                if (_registered) return;
                _registered = true;
                var nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary");
                var resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver");
                var set = nativeLibrary?.GetMethod("SetDllImportResolver", new[] { typeof(Assembly), resolverType! });
                _tryLoad = nativeLibrary?.GetMethod("TryLoad", new[] { typeof(string), typeof(IntPtr).MakeByRefType() });
                if (set == null || _tryLoad == null || resolverType == null) return;
                var resolver = Delegate.CreateDelegate(resolverType, typeof(NativeLibraryAliases).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static)!);
                try { set.Invoke(null, new object[] { typeof(NativeLibraryAliases).Assembly, resolver }); }
                catch (TargetInvocationException) { }   // another resolver was set for this assembly
            }
        }

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        {
            string[]? candidates;
            lock (Gate) Aliases.TryGetValue(libraryName, out candidates);
            if (candidates == null || _tryLoad == null) return IntPtr.Zero;
            foreach (var candidate in candidates)
            {
                var args = new object[] { candidate, IntPtr.Zero };
                if ((bool)_tryLoad.Invoke(null, args)) return (IntPtr)args[1];
            }
            return IntPtr.Zero;   // default probing of the plain name
        }
    }
}
