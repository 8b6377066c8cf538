using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Ports;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Drivers.Serial
{
    /// <summary>
    /// <see cref="ISerialLink"/> and <see cref="IModemLines"/> on System.IO.Ports: Windows COM ports, Linux/macOS
    /// tty and pty paths. A port is opened exclusively within this process (two UPS sections on one port fail
    /// clearly); the OS adds its own exclusivity (Windows always, Unix through TIOCEXCL for non-root users).
    /// </summary>
    public sealed class SerialPortLink : ISerialLink, IModemLines
    {
        private static readonly HashSet<string> OpenPorts = new HashSet<string>(StringComparer.Ordinal);
        private readonly SerialPort _port;
        private readonly string _key;
        private bool _disposed;

        private SerialPortLink(SerialPort port, string key)
        {
            _port = port;
            _key = key;
        }

        public string PortName => _port.PortName;

        /// <summary>Opens <paramref name="portName"/> with <paramref name="settings"/>; throws <see cref="SerialLinkException"/> with a message saying what is wrong.</summary>
        public static SerialPortLink Open(string portName, SerialSettings settings)
        {
            var key = NormalisePortKey(portName);
            lock (OpenPorts)
            {
                if (!OpenPorts.Add(key))
                    throw new SerialLinkException($"serial port {portName} is busy: it is already in use by another UPS driver in this process");
            }
            var port = new SerialPort(portName, settings.BaudRate, settings.Parity, settings.DataBits, settings.StopBits)
            {
                Handshake = Handshake.None,
                ReadTimeout = SerialPort.InfiniteTimeout,
                WriteTimeout = 5000,
            };
            try
            {
                if (!IsWindows && !File.Exists(portName))
                    throw new SerialLinkException($"serial port {portName} does not exist (is the device or USB-serial adapter plugged in? check `ls -l /dev/tty*`)");
                port.Open();
                var link = new SerialPortLink(port, key);
                if (settings.KeepLinesOnClose) HangupOnClose.Clear(port);
                link.ApplyOutputs(settings);
                return link;
            }
            catch (SerialLinkException)
            {
                Release(port, key);
                throw;
            }
            catch (UnauthorizedAccessException e)
            {
                Release(port, key);
                throw new SerialLinkException(IsWindows
                    ? $"serial port {portName} is busy: access denied, another program has it open"
                    : $"permission denied opening {portName}: add the user running UpsPS to the group owning the device " +
                      "(`ls -l` shows it; usually 'dialout', 'uucp' on Arch) or grant access with a udev rule " +
                      "(e.g. SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"…\", GROUP=\"nut\", MODE=\"0660\")", e);
            }
            catch (IOException e)
            {
                Release(port, key);
                var busy = e.Message.IndexOf("busy", StringComparison.OrdinalIgnoreCase) >= 0;
                throw new SerialLinkException(busy
                    ? $"serial port {portName} is busy: another program has it open ({e.Message})"
                    : $"cannot open serial port {portName}: {e.Message}", e);
            }
            catch (ArgumentException e)
            {
                Release(port, key);
                throw new SerialLinkException($"invalid serial port name '{portName}': {e.Message}", e);
            }
        }

        private void ApplyOutputs(SerialSettings settings)
        {
            try
            {
                if (settings.Dtr.HasValue) _port.DtrEnable = settings.Dtr.Value;
                if (settings.Rts.HasValue) _port.RtsEnable = settings.Rts.Value;
            }
            catch (IOException e) when (!settings.ModemLinesRequired)
            {
                // A pty has no modem lines; Megatec drivers carry on like NUT does.
                _ = e;
            }
            catch (IOException e)
            {
                throw new SerialLinkException($"cannot set DTR/RTS on {PortName}: {e.Message} (a pseudo-terminal has no modem lines)", e);
            }
        }

        public async Task WriteAsync(byte[] data, CancellationToken cancellationToken)
        {
            try
            {
                await _port.BaseStream.WriteAsync(data, 0, data.Length, cancellationToken).ConfigureAwait(false);
                await _port.BaseStream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsPortFailure(e))
            {
                throw new SerialLinkException($"write to {PortName} failed: {e.Message}", e);
            }
        }

        public async Task<int> ReadAsync(byte[] buffer, int offset, int count, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (timeout <= TimeSpan.Zero) timeout = TimeSpan.FromMilliseconds(1);
            using var timer = new CancellationTokenSource(timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
            try
            {
                var n = await _port.BaseStream.ReadAsync(buffer, offset, count, linked.Token).ConfigureAwait(false);
                return n;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
            catch (TimeoutException)
            {
                return 0;
            }
            catch (Exception e) when (IsPortFailure(e))
            {
                throw new SerialLinkException($"read from {PortName} failed: {e.Message}", e);
            }
        }

        public void DiscardInput()
        {
            try { _port.DiscardInBuffer(); }
            catch (Exception e) when (IsPortFailure(e))
            {
                throw new SerialLinkException($"{PortName} failed: {e.Message}", e);
            }
        }

        public ModemLineState ReadInputs()
        {
            try { return ReadInputLines(); }
            catch (IOException e) { throw NoModemLines(e); }
        }

        private SerialLinkException NoModemLines(IOException e) =>
            new SerialLinkException($"cannot use the modem lines of {PortName}: {e.Message} (a pseudo-terminal or a 3-wire adapter has no modem lines)", e);

        private ModemLineState ReadInputLines()
        {
            // All four lines from the OS when its handle is reachable (RI has no SerialPort property).
            if (ModemStatusReader.TryRead(_port) is { } lines) return lines;
            var state = ModemLineState.None;
            if (_port.CtsHolding) state |= ModemLineState.Cts;
            if (_port.CDHolding) state |= ModemLineState.Dcd;
            if (_port.DsrHolding) state |= ModemLineState.Dsr;
            // Fallback: System.IO.Ports exposes RI only as a PinChanged event, so it reads low here.
            return state;
        }

        public void SetOutputs(bool dtr, bool rts)
        {
            try
            {
                _port.DtrEnable = dtr;
                _port.RtsEnable = rts;
            }
            catch (IOException e) { throw NoModemLines(e); }
        }

        public async Task SendBreakAsync(TimeSpan duration, CancellationToken cancellationToken)
        {
            _port.BreakState = true;
            try { await Task.Delay(duration, cancellationToken).ConfigureAwait(false); }
            finally { _port.BreakState = false; }
        }

        private static bool IsPortFailure(Exception e) =>
            e is IOException || e is InvalidOperationException || e is UnauthorizedAccessException || e is ObjectDisposedException;

        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        private static string NormalisePortKey(string portName)
        {
            if (IsWindows) return portName.ToUpperInvariant();
            try { return Path.GetFullPath(portName); } catch { return portName; }
        }

        private static void Release(SerialPort port, string key)
        {
            try { port.Dispose(); } catch { }
            lock (OpenPorts) OpenPorts.Remove(key);
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Release(_port, _key);
        }
    }
}
