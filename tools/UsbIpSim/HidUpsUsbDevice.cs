using System.Collections.Concurrent;
using System.Text;
using UpsPS.Engine.Drivers.UsbHid.Transport;

namespace UpsPS.UsbIpSim;

/// <summary>
/// A full-speed USB HID UPS on top of any <see cref="IHidDevice"/> (normally a replay folder): one configuration,
/// interface 0 of class HID with an interrupt IN endpoint 0x81. Standard requests are answered from the
/// descriptors built here; HID class GET_REPORT/SET_REPORT go to the backing device.
/// Every control request is kept in <see cref="Requests"/> so tests can see what the host asked.
/// </summary>
public sealed class HidUpsUsbDevice : IUsbIpDevice
{
    public const byte InterruptEndpoint = 0x81;
    private const byte MaxPacket = 64;
    private readonly IHidDevice _hid;
    private readonly byte[] _reportDescriptor;
    private readonly Dictionary<int, string> _strings;
    private readonly ConcurrentQueue<byte[]> _input = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly List<byte[]> _setReports = new();

    public HidUpsUsbDevice(string busId, uint deviceNumber, IHidDevice hid, IReadOnlyDictionary<int, string> strings)
    {
        BusId = busId;
        BusNumber = 1;
        DeviceNumber = deviceNumber;
        _hid = hid;
        _reportDescriptor = hid.GetReportDescriptor();
        _strings = strings.ToDictionary(kv => kv.Key, kv => kv.Value);
        var info = hid.Info;
        int Index(int i) => _strings.ContainsKey(i) ? i : 0;
        DeviceDescriptor =
        [
            18, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, MaxPacket,
            (byte)info.VendorId, (byte)(info.VendorId >> 8), (byte)info.ProductId, (byte)(info.ProductId >> 8),
            (byte)info.BcdDevice, (byte)(info.BcdDevice >> 8), (byte)Index(1), (byte)Index(2), (byte)Index(3), 1,
        ];
        HidDescriptor = [9, 0x21, 0x11, 0x01, 0x00, 1, 0x22, (byte)_reportDescriptor.Length, (byte)(_reportDescriptor.Length >> 8)];
        byte[] iface = [9, 0x04, 0, 0, 1, 0x03, 0x00, 0x00, 0];
        byte[] endpoint = [7, 0x05, InterruptEndpoint, 0x03, MaxPacket, 0x00, 10];
        var total = 9 + iface.Length + HidDescriptor.Length + endpoint.Length;
        ConfigurationDescriptor = [9, 0x02, (byte)total, (byte)(total >> 8), 1, ConfigurationValue, 0, 0xA0, 50, .. iface, .. HidDescriptor, .. endpoint];
    }

    public string BusId { get; }
    public uint BusNumber { get; }
    public uint DeviceNumber { get; }
    public uint Speed => 2;
    public byte ConfigurationValue => 1;
    public byte[] DeviceDescriptor { get; }
    public byte[] ConfigurationDescriptor { get; }
    public byte[] HidDescriptor { get; }
    public IReadOnlyList<UsbInterfaceClass> Interfaces { get; } = [new UsbInterfaceClass(0x03, 0x00, 0x00)];

    /// <summary>Control requests seen, as "bmRequestType bRequest wValue wIndex wLength" in hex.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>SET_REPORT payloads, report id first (as the backing device received them).</summary>
    public IReadOnlyList<byte[]> SetReports { get { lock (_setReports) return _setReports.ToArray(); } }

    public event Action? InputQueued;

    /// <summary>Queues an Input report (id first when the device uses ids) for the interrupt endpoint.</summary>
    public void QueueInput(byte[] report)
    {
        _input.Enqueue((byte[])report.Clone());
        InputQueued?.Invoke();
    }

    public byte[]? TakeInput(uint endpoint) => (endpoint | 0x80) == InterruptEndpoint && _input.TryDequeue(out var r) ? r : null;

    public byte[]? Control(UsbSetup s, byte[] outData)
    {
        _requests.Enqueue(s.ToString());
        var type = (byte)(s.Value >> 8);
        var index = (byte)s.Value;
        switch (s.RequestType, s.Request)
        {
            case (0x80, 0x06):                                                    // GET_DESCRIPTOR (device)
                return type switch
                {
                    0x01 => DeviceDescriptor,
                    0x02 => ConfigurationDescriptor,
                    0x03 => StringDescriptor(index),
                    _ => null,                                                    // device qualifier etc.: full speed only
                };
            case (0x81, 0x06):                                                    // GET_DESCRIPTOR (interface)
                return type switch { 0x21 => HidDescriptor, 0x22 => _reportDescriptor, _ => null };
            case (0x80, 0x00): return [0, 0];                                     // GET_STATUS
            case (0x81, 0x00): case (0x82, 0x00): return [0, 0];
            case (0x80, 0x08): return [ConfigurationValue];                       // GET_CONFIGURATION
            case (0x00, 0x09): case (0x01, 0x0B): case (0x02, 0x01): case (0x00, 0x03): case (0x00, 0x01):
                return [];                                                        // SET_CONFIGURATION, SET_INTERFACE, CLEAR/SET_FEATURE
            case (0x21, 0x0A): case (0x21, 0x0B): return [];                      // SET_IDLE, SET_PROTOCOL
            case (0xA1, 0x01): return GetReport(type, index, s.Length);
            case (0xA1, 0x02): return [0];                                        // GET_IDLE
            case (0xA1, 0x03): return [1];                                        // GET_PROTOCOL: report
            case (0x21, 0x09): return SetReport(type, index, outData);
            default: return null;
        }
    }

    private byte[]? StringDescriptor(byte index)
    {
        byte[] body;
        if (index == 0) body = [0x09, 0x04];                                      // LANGID en-US
        else if (_strings.TryGetValue(index, out var text)) body = Encoding.Unicode.GetBytes(text);
        else return null;
        return [(byte)(body.Length + 2), 0x03, .. body];
    }

    private byte[]? GetReport(byte type, byte id, int length)
    {
        if (type != 3 && type != 1) return null;                                  // Output reports cannot be read
        try
        {
            // The backing device always puts the id in byte 0; on the wire a report without id has none.
            var buffer = new byte[id == 0 ? length + 1 : Math.Max(length, 1)];
            var n = _hid.GetFeatureReport(id, buffer);
            return id == 0 ? buffer.AsSpan(1, Math.Max(0, n - 1)).ToArray() : buffer.AsSpan(0, n).ToArray();
        }
        catch (HidTransportException) { return null; }
    }

    private byte[]? SetReport(byte type, byte id, byte[] data)
    {
        if (type != 3 && type != 2) return null;
        var report = id == 0 ? [0, .. data] : data;
        lock (_setReports) _setReports.Add(report);
        try { _hid.SetFeatureReport(report); return []; }
        catch (HidTransportException) { return null; }
    }
}
