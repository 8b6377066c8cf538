using System;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Engine.Drivers.UsbHid.Transport
{
    /// <summary>
    /// One open USB HID device: the only surface the driver needs from hidraw, hid.dll, libusb or a replay.
    /// Report buffers always start with the report id (0 when the device uses none). Failures throw
    /// <see cref="HidTransportException"/>.
    /// </summary>
    public interface IHidDevice : IDisposable
    {
        HidDeviceInfo Info { get; }

        byte[] GetReportDescriptor();

        /// <summary>GET_REPORT(Feature) for <paramref name="reportId"/> into <paramref name="buffer"/> (sized by the caller);
        /// returns the number of bytes received including the id byte (may be short).</summary>
        int GetFeatureReport(byte reportId, byte[] buffer);

        /// <summary>SET_REPORT(Feature); <paramref name="report"/>[0] is the report id.</summary>
        void SetFeatureReport(byte[] report);

        /// <summary>Next Input report from the interrupt pipe, or null when none arrived within <paramref name="timeout"/>.</summary>
        Task<byte[]?> ReadInputReportAsync(TimeSpan timeout, CancellationToken cancellationToken);

        /// <summary>USB string descriptor by index (the iXxx items), or null when unavailable.</summary>
        string? GetString(int index);
    }

    /// <summary>Finds and opens devices of one kind (a platform backend or a replay folder).</summary>
    public interface IHidDeviceProvider
    {
        string Name { get; }

        /// <summary>Opens the first device accepted by <paramref name="accept"/>; throws <see cref="HidTransportException"/>
        /// (NotFound when nothing matched, AccessDenied with a hint when a match could not be opened).</summary>
        IHidDevice Open(Func<HidDeviceInfo, bool> accept);
    }
}
