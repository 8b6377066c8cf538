namespace UpsPS.UsbIpSim;

/// <summary>An emulated USB device the USB/IP server can export.</summary>
public interface IUsbIpDevice
{
    string BusId { get; }
    uint BusNumber { get; }
    uint DeviceNumber { get; }
    /// <summary>enum usb_device_speed: 1 low, 2 full, 3 high.</summary>
    uint Speed { get; }
    byte ConfigurationValue { get; }
    byte[] DeviceDescriptor { get; }
    IReadOnlyList<UsbInterfaceClass> Interfaces { get; }

    /// <summary>A request on endpoint 0. Returns the IN data (null = STALL) or, for OUT, an empty array when accepted.</summary>
    byte[]? Control(UsbSetup setup, byte[] outData);

    /// <summary>Next report for an IN transfer on <paramref name="endpoint"/>, or null when none is queued yet.</summary>
    byte[]? TakeInput(uint endpoint);

    /// <summary>Raised when <see cref="TakeInput"/> may have something new.</summary>
    event Action? InputQueued;
}

public readonly record struct UsbInterfaceClass(byte Class, byte SubClass, byte Protocol);
