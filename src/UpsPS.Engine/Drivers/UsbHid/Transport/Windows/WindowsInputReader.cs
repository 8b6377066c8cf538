using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace UpsPS.Engine.Drivers.UsbHid.Transport.Windows
{
    /// <summary>
    /// Reads Input reports with ReadFile on an overlapped handle of its own, waiting on an event, never binding the
    /// handle to the thread pool's completion port. A handle bound there (FileStream with isAsync) gets a completion
    /// packet for the hid.dll IOCTLs too (HidD_GetFeature and friends pass no OVERLAPPED of .NET's), and the thread
    /// pool then dereferences a NativeOverlapped it never allocated: AccessViolationException (seen under Wine).
    /// </summary>
    internal sealed class WindowsInputReader : IDisposable
    {
        private const int ErrorIoPending = 997, ErrorOperationAborted = 995;
        private readonly SafeFileHandle _handle;
        private readonly int _length;
        private readonly object _gate = new object();
        private bool _disposed, _reading;

        public WindowsInputReader(SafeFileHandle overlappedHandle, int reportLength)
        {
            _handle = overlappedHandle;
            _length = Math.Max(reportLength, 2);
        }

        public async Task<byte[]?> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var done = new ManualResetEvent(false);
            var buffer = Marshal.AllocHGlobal(_length);
            var overlapped = Marshal.AllocHGlobal(Marshal.SizeOf<NativeOverlapped>());
            try
            {
                Marshal.StructureToPtr(new NativeOverlapped { EventHandle = done.SafeWaitHandle.DangerousGetHandle() }, overlapped, false);
                lock (_gate)
                {
                    if (_disposed) throw new HidTransportException(HidFault.Io, "the device was closed");
                    if (!WinNative.ReadFile(_handle, buffer, _length, IntPtr.Zero, overlapped))
                    {
                        var error = Marshal.GetLastWin32Error();
                        if (error != ErrorIoPending) throw ReadFailed(error);
                    }
                    _reading = true;
                }
                var signalled = await WaitAsync(done, timeout, cancellationToken).ConfigureAwait(false);
                if (!signalled) WinNative.CancelIoEx(_handle, overlapped);
                // Wait for the read to finish either way: the kernel writes into buffer and overlapped until then.
                if (!WinNative.GetOverlappedResult(_handle, overlapped, out var transferred, true))
                {
                    var error = Marshal.GetLastWin32Error();
                    if (error == ErrorOperationAborted && !signalled)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        return null;
                    }
                    throw ReadFailed(error);
                }
                if (transferred <= 0) return null;
                var report = new byte[transferred];
                Marshal.Copy(buffer, report, 0, transferred);
                return report;
            }
            finally
            {
                lock (_gate)
                {
                    _reading = false;
                    if (_disposed) _handle.Dispose();   // Dispose came while the read was in flight
                }
                Marshal.FreeHGlobal(overlapped);
                Marshal.FreeHGlobal(buffer);
            }
        }

        private static Task<bool> WaitAsync(WaitHandle handle, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var result = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var registration = ThreadPool.RegisterWaitForSingleObject(handle, (_, timedOut) => result.TrySetResult(!timedOut), null, timeout, true);
            var cancel = cancellationToken.Register(() => result.TrySetResult(false));
            return result.Task.ContinueWith(t =>
            {
                registration.Unregister(null);
                cancel.Dispose();
                return t.Result;
            }, TaskScheduler.Default);
        }

        private static HidTransportException ReadFailed(int error) =>
            new HidTransportException(WindowsHidDevice.FaultOf(error), $"ReadFile failed (Win32 error {error})");

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                if (_reading) WinNative.CancelIoEx(_handle, IntPtr.Zero);   // the read closes the handle when it returns
                else _handle.Dispose();
            }
        }
    }
}
