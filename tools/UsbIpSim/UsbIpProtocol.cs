using System.Buffers.Binary;
using System.Text;

namespace UpsPS.UsbIpSim;

/// <summary>
/// USB/IP wire format (Linux usbip protocol version 1.1.1): the operation messages exchanged before a device is
/// imported and the 48-byte URB headers afterwards. All integers are big-endian; the 8-byte USB setup packet
/// inside CMD_SUBMIT keeps USB's little-endian layout. Pure encoding/decoding, no I/O.
/// </summary>
public static class UsbIpProtocol
{
    public const ushort Version = 0x0111;
    public const ushort OpReqDevlist = 0x8005, OpRepDevlist = 0x0005, OpReqImport = 0x8003, OpRepImport = 0x0003;
    public const uint CmdSubmit = 1, CmdUnlink = 2, RetSubmit = 3, RetUnlink = 4;
    public const int OpHeaderSize = 8, BusIdSize = 32, PathSize = 256, DeviceRecordSize = 312, UrbHeaderSize = 48;
    public const uint DirOut = 0, DirIn = 1;
    /// <summary>Linux errno values carried (negated) in RET_SUBMIT/RET_UNLINK status.</summary>
    public const int EPIPE = 32, ECONNRESET = 104, ESHUTDOWN = 108;

    public static (ushort Version, ushort Code, uint Status) ParseOpHeader(ReadOnlySpan<byte> b) =>
        (BinaryPrimitives.ReadUInt16BigEndian(b), BinaryPrimitives.ReadUInt16BigEndian(b[2..]), BinaryPrimitives.ReadUInt32BigEndian(b[4..]));

    public static byte[] OpHeader(ushort code, uint status)
    {
        var b = new byte[OpHeaderSize];
        BinaryPrimitives.WriteUInt16BigEndian(b, Version);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), code);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), status);
        return b;
    }

    public static string ParseBusId(ReadOnlySpan<byte> b)
    {
        var end = b.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? b : b[..end]);
    }

    /// <summary>struct usbip_usb_device: what OP_REP_DEVLIST lists and OP_REP_IMPORT returns.</summary>
    public static byte[] DeviceRecord(IUsbIpDevice d)
    {
        var b = new byte[DeviceRecordSize];
        Encoding.ASCII.GetBytes("/sys/devices/upsps-usbipsim/" + d.BusId).AsSpan().CopyTo(b);
        Encoding.ASCII.GetBytes(d.BusId).AsSpan().CopyTo(b.AsSpan(PathSize));
        var s = b.AsSpan(PathSize + BusIdSize);
        BinaryPrimitives.WriteUInt32BigEndian(s, d.BusNumber);
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], d.DeviceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], d.Speed);
        var dev = d.DeviceDescriptor;
        BinaryPrimitives.WriteUInt16BigEndian(s[12..], BinaryPrimitives.ReadUInt16LittleEndian(dev.AsSpan(8)));   // idVendor
        BinaryPrimitives.WriteUInt16BigEndian(s[14..], BinaryPrimitives.ReadUInt16LittleEndian(dev.AsSpan(10)));  // idProduct
        BinaryPrimitives.WriteUInt16BigEndian(s[16..], BinaryPrimitives.ReadUInt16LittleEndian(dev.AsSpan(12)));  // bcdDevice
        s[18] = dev[4]; s[19] = dev[5]; s[20] = dev[6];                                                            // class/subclass/protocol
        s[21] = d.ConfigurationValue;
        s[22] = dev[17];                                                                                          // bNumConfigurations
        s[23] = (byte)d.Interfaces.Count;
        return b;
    }

    public static byte[] DevlistReply(IReadOnlyList<IUsbIpDevice> devices)
    {
        var ms = new MemoryStream();
        ms.Write(OpHeader(OpRepDevlist, 0));
        var n = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(n, (uint)devices.Count);
        ms.Write(n);
        foreach (var d in devices)
        {
            ms.Write(DeviceRecord(d));
            foreach (var i in d.Interfaces) ms.Write(new[] { i.Class, i.SubClass, i.Protocol, (byte)0 });
        }
        return ms.ToArray();
    }

    public static byte[] ImportReply(IUsbIpDevice? device)
    {
        if (device == null) return OpHeader(OpRepImport, 1);
        return [.. OpHeader(OpRepImport, 0), .. DeviceRecord(device)];
    }

    public static UrbCommand ParseUrbHeader(ReadOnlySpan<byte> b)
    {
        var h = b[..UrbHeaderSize].ToArray();
        uint U(int at) => BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(at));
        var c = new UrbCommand
        {
            Command = U(0), SeqNum = U(4), DevId = U(8), Direction = U(12), Endpoint = U(16),
        };
        if (c.Command == CmdSubmit)
        {
            c.TransferFlags = U(20);
            c.TransferBufferLength = (int)U(24);
            c.StartFrame = U(28);
            c.NumberOfPackets = (int)U(32);
            c.Interval = U(36);
            c.Setup = h.AsSpan(40, 8).ToArray();
        }
        else if (c.Command == CmdUnlink) c.UnlinkSeqNum = U(20);
        return c;
    }

    /// <summary>USBIP_RET_SUBMIT: status 0 or a negative errno; data only for IN transfers.</summary>
    public static byte[] RetSubmitMessage(uint seqNum, int status, ReadOnlySpan<byte> inData, int actualLength)
    {
        var b = new byte[UrbHeaderSize + inData.Length];
        BinaryPrimitives.WriteUInt32BigEndian(b, RetSubmit);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), seqNum);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(20), status);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(24), actualLength);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(32), 0xffffffff);   // number_of_packets: not ISO
        inData.CopyTo(b.AsSpan(UrbHeaderSize));
        return b;
    }

    public static byte[] RetUnlinkMessage(uint seqNum, int status)
    {
        var b = new byte[UrbHeaderSize];
        BinaryPrimitives.WriteUInt32BigEndian(b, RetUnlink);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), seqNum);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(20), status);
        return b;
    }
}

/// <summary>One decoded USBIP_CMD_SUBMIT or USBIP_CMD_UNLINK header.</summary>
public sealed class UrbCommand
{
    public uint Command, SeqNum, DevId, Direction, Endpoint, TransferFlags, StartFrame, Interval, UnlinkSeqNum;
    public int TransferBufferLength, NumberOfPackets;
    public byte[] Setup = new byte[8];

    public bool IsIn => Direction == UsbIpProtocol.DirIn;

    /// <summary>Bytes of payload following the header: OUT data, plus ISO descriptors (16 bytes each) if any.</summary>
    public int PayloadLength =>
        (Command == UsbIpProtocol.CmdSubmit && !IsIn ? TransferBufferLength : 0)
        + (Command == UsbIpProtocol.CmdSubmit && NumberOfPackets > 0 && NumberOfPackets != -1 ? NumberOfPackets * 16 : 0);
}

/// <summary>The USB control setup packet (little-endian fields).</summary>
public readonly record struct UsbSetup(byte RequestType, byte Request, ushort Value, ushort Index, ushort Length)
{
    public static UsbSetup Parse(ReadOnlySpan<byte> b) =>
        new(b[0], b[1], BinaryPrimitives.ReadUInt16LittleEndian(b[2..]), BinaryPrimitives.ReadUInt16LittleEndian(b[4..]), BinaryPrimitives.ReadUInt16LittleEndian(b[6..]));

    public bool IsIn => (RequestType & 0x80) != 0;

    public override string ToString() => $"{RequestType:x2} {Request:x2} {Value:x4} {Index:x4} {Length}";
}
