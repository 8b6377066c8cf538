using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Transport.Windows
{
    /// <summary>
    /// Windows' own HID stack (hid.dll + SetupAPI): no driver swap, no Zadig. The device stays bound to the in-box
    /// "HID UPS Battery" driver; we open it shared. Windows gives no raw report descriptor, so one is rebuilt
    /// from the preparsed data (<see cref="WindowsDescriptorSynthesizer"/>).
    /// </summary>
    public sealed class WindowsHidDeviceProvider : IHidDeviceProvider
    {
        private readonly string _port;

        public WindowsHidDeviceProvider(string port) => _port = port;

        public string Name => "winhid";

        public IHidDevice Open(Func<HidDeviceInfo, bool> accept)
        {
            HidTransportException? denied = null;
            foreach (var path in EnumeratePaths())
            {
                if (_port.StartsWith(@"\\?\", StringComparison.Ordinal) && !string.Equals(path, _port, StringComparison.OrdinalIgnoreCase)) continue;
                var handle = OpenShared(path, overlapped: false);
                if (handle.IsInvalid)
                {
                    if (Marshal.GetLastWin32Error() == 5)
                        denied = new HidTransportException(HidFault.AccessDenied, $"access denied opening {path}; another program holds it exclusively or UpsPS lacks rights");
                    continue;
                }
                var info = Describe(handle, path);
                if (info == null || !accept(info)) { handle.Dispose(); continue; }
                // Input reports are read on a second, overlapped handle so that the IOCTL handle stays synchronous.
                var reader = OpenShared(path, overlapped: true);
                if (reader.IsInvalid)
                {
                    var error = Marshal.GetLastWin32Error();
                    handle.Dispose();
                    throw new HidTransportException(WindowsHidDevice.FaultOf(error), $"opening {path} for Input reports failed (Win32 error {error})");
                }
                try { return new WindowsHidDevice(handle, reader, info); }
                catch { reader.Dispose(); handle.Dispose(); throw; }
            }
            throw denied ?? new HidTransportException(HidFault.NotFound, "no matching USB HID UPS found (SetupAPI HID interfaces)");
        }

        private static SafeFileHandle OpenShared(string path, bool overlapped) =>
            WinNative.CreateFile(path, WinNative.GENERIC_READ | WinNative.GENERIC_WRITE, WinNative.FILE_SHARE_READ | WinNative.FILE_SHARE_WRITE,
                IntPtr.Zero, WinNative.OPEN_EXISTING, overlapped ? WinNative.FILE_FLAG_OVERLAPPED : 0, IntPtr.Zero);

        private static IEnumerable<string> EnumeratePaths()
        {
            WinNative.HidD_GetHidGuid(out var guid);
            var set = WinNative.SetupDiGetClassDevs(ref guid, IntPtr.Zero, IntPtr.Zero, WinNative.DIGCF_PRESENT | WinNative.DIGCF_DEVICEINTERFACE);
            if (set == new IntPtr(-1)) yield break;
            try
            {
                var data = new WinNative.SP_DEVICE_INTERFACE_DATA { cbSize = Marshal.SizeOf<WinNative.SP_DEVICE_INTERFACE_DATA>() };
                for (uint i = 0; WinNative.SetupDiEnumDeviceInterfaces(set, IntPtr.Zero, ref guid, i, ref data); i++)
                {
                    WinNative.SetupDiGetDeviceInterfaceDetail(set, ref data, IntPtr.Zero, 0, out var needed, IntPtr.Zero);
                    var buffer = Marshal.AllocHGlobal((int)needed);
                    try
                    {
                        Marshal.WriteInt32(buffer, IntPtr.Size == 8 ? 8 : 6);      // cbSize of SP_DEVICE_INTERFACE_DETAIL_DATA_W
                        if (!WinNative.SetupDiGetDeviceInterfaceDetail(set, ref data, buffer, needed, out _, IntPtr.Zero)) continue;
                        var path = Marshal.PtrToStringUni(buffer + 4);
                        if (path != null) yield return path;
                    }
                    finally { Marshal.FreeHGlobal(buffer); }
                }
            }
            finally { WinNative.SetupDiDestroyDeviceInfoList(set); }
        }

        private static HidDeviceInfo? Describe(SafeFileHandle handle, string path)
        {
            var attributes = new WinNative.HIDD_ATTRIBUTES { Size = Marshal.SizeOf<WinNative.HIDD_ATTRIBUTES>() };
            if (!WinNative.HidD_GetAttributes(handle, ref attributes)) return null;
            string? Str(Func<SafeFileHandle, byte[], int, bool> get)
            {
                var buffer = new byte[256];
                return get(handle, buffer, buffer.Length) ? Encoding.Unicode.GetString(buffer).TrimEnd('\0') : null;
            }
            return new HidDeviceInfo
            {
                VendorId = attributes.VendorID,
                ProductId = attributes.ProductID,
                BcdDevice = attributes.VersionNumber,
                Manufacturer = Str(WinNative.HidD_GetManufacturerString),
                Product = Str(WinNative.HidD_GetProductString),
                Serial = Str(WinNative.HidD_GetSerialNumberString),
                Path = path,
            };
        }
    }

    internal sealed class WindowsHidDevice : IHidDevice
    {
        private readonly SafeFileHandle _handle;
        private readonly WindowsInputReader _reader;
        private readonly byte[] _descriptor;
        private readonly int _featureLength;

        /// <param name="handle">synchronous handle for the hid.dll calls</param>
        /// <param name="readHandle">overlapped handle of the same device, owned by the Input report reader</param>
        public WindowsHidDevice(SafeFileHandle handle, SafeFileHandle readHandle, HidDeviceInfo info)
        {
            _handle = handle;
            Info = info;
            _descriptor = WindowsDescriptorSynthesizer.Build(handle, out var inputLength, out _featureLength);
            _reader = new WindowsInputReader(readHandle, inputLength);
        }

        public HidDeviceInfo Info { get; }

        public byte[] GetReportDescriptor() => (byte[])_descriptor.Clone();

        /// <remarks>hid.dll rejects a buffer shorter than the report as the device declares it (ERROR_INVALID_PARAMETER),
        /// and the rebuilt descriptor cannot see constant padding, so the caller's size may be short: ask with the
        /// longest Feature report (FeatureReportByteLength) and hand back the caller's share.</remarks>
        public int GetFeatureReport(byte reportId, byte[] buffer)
        {
            var full = new byte[Math.Max(_featureLength, buffer.Length)];
            full[0] = reportId;
            if (!WinNative.HidD_GetFeature(_handle, full, full.Length)) Fail($"HidD_GetFeature(0x{reportId:x2})");
            Array.Copy(full, buffer, buffer.Length);
            return buffer.Length;
        }

        /// <remarks>Padded with zeros to FeatureReportByteLength, which hid.dll requires; only the report's own length
        /// goes to the device.</remarks>
        public void SetFeatureReport(byte[] report)
        {
            var full = report.Length >= _featureLength ? report : report.Concat(new byte[_featureLength - report.Length]).ToArray();
            if (!WinNative.HidD_SetFeature(_handle, full, full.Length)) Fail($"HidD_SetFeature(0x{report[0]:x2})");
        }

        public Task<byte[]?> ReadInputReportAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            _reader.ReadAsync(timeout, cancellationToken);

        public string? GetString(int index)
        {
            var buffer = new byte[256];
            return WinNative.HidD_GetIndexedString(_handle, index, buffer, buffer.Length) ? Encoding.Unicode.GetString(buffer).TrimEnd('\0') : null;
        }

        private static void Fail(string what)
        {
            var error = Marshal.GetLastWin32Error();
            throw new HidTransportException(FaultOf(error), $"{what} failed (Win32 error {error})");
        }

        /// <summary>ERROR_DEVICE_NOT_CONNECTED 1167 / ERROR_FILE_NOT_FOUND 2 after unplug, ERROR_ACCESS_DENIED 5.</summary>
        internal static HidFault FaultOf(int error) =>
            error == 1167 || error == 2 ? HidFault.Disconnected : error == 5 ? HidFault.AccessDenied : HidFault.Io;

        public void Dispose()
        {
            _reader.Dispose();
            _handle.Dispose();
        }
    }

    /// <summary>
    /// Rebuilds a report descriptor from HidP caps: link collections give the path, value and button caps the
    /// fields, DataIndex order the bit offsets (constant padding is invisible to HidP, so devices with padding
    /// between data fields are placed approximately). Then NUT's two canonicalisations: "...ID" collection usages
    /// to the plain collection, and PresentStatus flags reported on page 0x84 moved to page 0x85.
    /// </summary>
    internal static class WindowsDescriptorSynthesizer
    {
        public static byte[] Build(SafeFileHandle handle, out int inputLength, out int featureLength)
        {
            if (!WinNative.HidD_GetPreparsedData(handle, out var preparsed)) throw new HidTransportException(HidFault.Io, "HidD_GetPreparsedData failed");
            try
            {
                var caps = new byte[64];
                WinNative.HidP_GetCaps(preparsed, caps);
                inputLength = BitConverter.ToUInt16(caps, 4);
                featureLength = BitConverter.ToUInt16(caps, 8);
                var nodeCount = BitConverter.ToUInt16(caps, 44);
                var nodeSize = 16 + IntPtr.Size;
                var nodes = new byte[nodeCount * nodeSize];
                var count = (uint)nodeCount;
                WinNative.HidP_GetLinkCollectionNodes(nodes, ref count, preparsed);
                var fields = new List<(HidFieldSpec Spec, int DataIndex, int Span)>();
                foreach (var (type, valueCount, buttonCount) in new[]
                {
                    (HidReportType.Input, BitConverter.ToUInt16(caps, 48), BitConverter.ToUInt16(caps, 46)),
                    (HidReportType.Output, BitConverter.ToUInt16(caps, 54), BitConverter.ToUInt16(caps, 52)),
                    (HidReportType.Feature, BitConverter.ToUInt16(caps, 60), BitConverter.ToUInt16(caps, 58)),
                })
                {
                    var hidpType = (int)type - 1;
                    if (valueCount > 0)
                    {
                        var values = new byte[72 * valueCount];
                        var n = valueCount;
                        WinNative.HidP_GetValueCaps(hidpType, values, ref n, preparsed);
                        for (var i = 0; i < n; i++) AddCap(fields, values, i * 72, type, nodes, nodeSize, isButton: false);
                    }
                    if (buttonCount > 0)
                    {
                        var buttons = new byte[72 * buttonCount];
                        var n = buttonCount;
                        WinNative.HidP_GetButtonCaps(hidpType, buttons, ref n, preparsed);
                        for (var i = 0; i < n; i++) AddCap(fields, buttons, i * 72, type, nodes, nodeSize, isButton: true);
                    }
                }
                var offsets = new Dictionary<(byte, HidReportType), int>();
                foreach (var f in fields.OrderBy(f => f.Spec.ReportId).ThenBy(f => f.Spec.Type).ThenBy(f => f.DataIndex))
                {
                    var key = (f.Spec.ReportId, f.Spec.Type);
                    offsets.TryGetValue(key, out var at);
                    f.Spec.Offset = at;
                    offsets[key] = at + f.Span;
                }
                return HidDescriptorBuilder.Build(fields.Select(f => f.Spec));
            }
            finally { WinNative.HidD_FreePreparsedData(preparsed); }
        }

        private static void AddCap(List<(HidFieldSpec, int, int)> fields, byte[] b, int o, HidReportType type, byte[] nodes, int nodeSize, bool isButton)
        {
            ushort U16(int at) => BitConverter.ToUInt16(b, o + at);
            var page = (uint)U16(0);
            var isRange = b[o + 12] != 0;
            var usageMin = U16(56);
            var usageMax = isRange ? U16(58) : usageMin;
            var dataIndex = U16(68);
            var path = CollectionPath(nodes, nodeSize, U16(6));
            for (uint u = usageMin; u <= usageMax && u - usageMin < 256; u++)
            {
                var usage = page << 16 | u;
                if (page == 0x84 && IsPresentStatusFlag(u) && path.Count > 0 && path[path.Count - 1] == 0x00840002) usage = 0x00850000 | u;
                var spec = new HidFieldSpec
                {
                    Path = path.Concat(new[] { usage }).ToArray(),
                    ReportId = b[o + 2],
                    Type = type,
                    Flags = U16(4),
                    Size = isButton ? 1 : U16(18),
                    LogMin = isButton ? 0 : BitConverter.ToInt32(b, o + 40),
                    LogMax = isButton ? 1 : BitConverter.ToInt32(b, o + 44),
                    Unit = isButton ? 0 : UnsignExtend(BitConverter.ToUInt32(b, o + 36)),
                    UnitExponent = isButton ? 0 : (int)BitConverter.ToUInt32(b, o + 32),
                };
                // HidP hands out Logical Maximum sign-extended from its item (0xFF in one byte arrives as -1); NUT reads
                // such a maximum as unsigned in the item's width, which the field size stands in for here.
                if (!isButton && spec.LogMax < spec.LogMin && spec.Size < 32) spec.LogMax = (int)((uint)spec.LogMax & ((1u << spec.Size) - 1));
                if (!isButton && BitConverter.ToInt32(b, o + 52) > BitConverter.ToInt32(b, o + 48))
                {
                    spec.PhysMin = BitConverter.ToInt32(b, o + 48);
                    spec.PhysMax = BitConverter.ToInt32(b, o + 52);
                }
                // A value with Report Count n and one usage is n fields of that usage; NUT (and our parser) read the
                // first. The field keeps its own size; the other n - 1 only move the fields after it.
                var count = isButton || isRange ? 1 : Math.Max((int)U16(20), 1);
                fields.Add((spec, dataIndex + (int)(u - usageMin), spec.Size * count));
            }
        }

        /// <summary>Wine's hidparse sign-extends the 1- or 2-byte Unit item (0xD121 watts arrives as 0xFFFFD121); a unit
        /// code is a nibble field, never negative, so the extension is undone (whether Windows sign-extends too is untested).</summary>
        internal static uint UnsignExtend(uint unit)
        {
            var signed = unchecked((int)unit);
            return signed >= -128 && signed < 0 ? unit & 0xFF : signed >= -32768 && signed < 0 ? unit & 0xFFFF : unit;
        }

        private static bool IsPresentStatusFlag(uint id) => id == 0x42 || id == 0x43 || id == 0x44 || id == 0x45 || id == 0x46 || id == 0x47 || id == 0x4B || id == 0xD0 || id == 0xD1;

        /// <summary>Usages from the top collection down to <paramref name="index"/>, with "...ID" collections renamed and vendor index nodes.</summary>
        private static List<uint> CollectionPath(byte[] nodes, int nodeSize, int index)
        {
            var path = new List<uint>();
            var guard = 0;
            while (index > 0 && index * nodeSize + nodeSize <= nodes.Length && guard++ < 32)
            {
                var o = index * nodeSize;
                var usage = (uint)BitConverter.ToUInt16(nodes, o + 2) << 16 | BitConverter.ToUInt16(nodes, o);
                var page = usage >> 16;
                var id = usage & 0xFFFF;
                if (page == 0x84 && id >= 0x11 && id <= 0x25 && id % 2 == 1) usage = 0x00840000 | (id - 1);
                var collectionType = nodes[o + 12];
                if (collectionType >= 0x80) path.Insert(0, HidPath.IndexNodeBase | (uint)(collectionType & 0x7F));
                path.Insert(0, usage);
                index = BitConverter.ToUInt16(nodes, o + 4);
            }
            if (nodes.Length >= nodeSize)
                path.Insert(0, (uint)BitConverter.ToUInt16(nodes, 2) << 16 | BitConverter.ToUInt16(nodes, 0));
            return path;
        }
    }

    internal static class WinNative
    {
        public const uint GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000;
        public const uint FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, OPEN_EXISTING = 3, FILE_FLAG_OVERLAPPED = 0x40000000;
        public const int DIGCF_PRESENT = 2, DIGCF_DEVICEINTERFACE = 0x10;

        [StructLayout(LayoutKind.Sequential)]
        public struct SP_DEVICE_INTERFACE_DATA { public int cbSize; public Guid InterfaceClassGuid; public int Flags; public IntPtr Reserved; }

        [StructLayout(LayoutKind.Sequential)]
        public struct HIDD_ATTRIBUTES { public int Size; public ushort VendorID; public ushort ProductID; public ushort VersionNumber; }

        [DllImport("hid.dll")] public static extern void HidD_GetHidGuid(out Guid guid);
        [DllImport("hid.dll", SetLastError = true)] public static extern bool HidD_GetAttributes(SafeFileHandle h, ref HIDD_ATTRIBUTES a);
        [DllImport("hid.dll", SetLastError = true)] public static extern bool HidD_GetManufacturerString(SafeFileHandle h, byte[] b, int len);
        [DllImport("hid.dll", SetLastError = true)] public static extern bool HidD_GetProductString(SafeFileHandle h, byte[] b, int len);
        [DllImport("hid.dll", SetLastError = true)] public static extern bool HidD_GetSerialNumberString(SafeFileHandle h, byte[] b, int len);
        [DllImport("hid.dll", SetLastError = true)] public static extern bool HidD_GetIndexedString(SafeFileHandle h, int index, byte[] b, int len);
        [DllImport("hid.dll", SetLastError = true)] public static extern bool HidD_GetFeature(SafeFileHandle h, byte[] b, int len);
        [DllImport("hid.dll", SetLastError = true)] public static extern bool HidD_SetFeature(SafeFileHandle h, byte[] b, int len);
        [DllImport("hid.dll", SetLastError = true)] public static extern bool HidD_GetPreparsedData(SafeFileHandle h, out IntPtr preparsed);
        [DllImport("hid.dll")] public static extern bool HidD_FreePreparsedData(IntPtr preparsed);
        [DllImport("hid.dll")] public static extern int HidP_GetCaps(IntPtr preparsed, byte[] caps);
        [DllImport("hid.dll")] public static extern int HidP_GetLinkCollectionNodes(byte[] nodes, ref uint length, IntPtr preparsed);
        [DllImport("hid.dll")] public static extern int HidP_GetValueCaps(int reportType, byte[] caps, ref ushort length, IntPtr preparsed);
        [DllImport("hid.dll")] public static extern int HidP_GetButtonCaps(int reportType, byte[] caps, ref ushort length, IntPtr preparsed);
        [DllImport("setupapi.dll", SetLastError = true)] public static extern IntPtr SetupDiGetClassDevs(ref Guid guid, IntPtr enumerator, IntPtr parent, int flags);
        [DllImport("setupapi.dll", SetLastError = true)] public static extern bool SetupDiEnumDeviceInterfaces(IntPtr set, IntPtr info, ref Guid guid, uint index, ref SP_DEVICE_INTERFACE_DATA data);
        [DllImport("setupapi.dll", SetLastError = true, CharSet = CharSet.Unicode)] public static extern bool SetupDiGetDeviceInterfaceDetail(IntPtr set, ref SP_DEVICE_INTERFACE_DATA data, IntPtr detail, uint size, out uint needed, IntPtr info);
        [DllImport("setupapi.dll")] public static extern bool SetupDiDestroyDeviceInfoList(IntPtr set);
        [DllImport("kernel32.dll", SetLastError = true)] public static extern bool ReadFile(SafeFileHandle h, IntPtr buffer, int length, IntPtr read, IntPtr overlapped);
        [DllImport("kernel32.dll", SetLastError = true)] public static extern bool GetOverlappedResult(SafeFileHandle h, IntPtr overlapped, out int transferred, bool wait);
        [DllImport("kernel32.dll", SetLastError = true)] public static extern bool CancelIoEx(SafeFileHandle h, IntPtr overlapped);
        [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)] public static extern SafeFileHandle CreateFile(string name, uint access, uint share, IntPtr security, uint creation, uint flags, IntPtr template);
    }
}
