using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Drivers.UsbHid.Replay;
using UpsPS.UsbIpSim;
using Xunit;

namespace UpsPS.Tests.Unit.Hid.UsbVm
{
    /// <summary>The USB/IP emulator on its own: wire format and a vhci-like client over loopback TCP (no VM).</summary>
    public class UsbIpServerTests
    {
        private static HidUpsUsbDevice BackUps(string busId = "1-1", ReplayHidBackend? backend = null)
        {
            backend ??= ReplayHidBackend.Load(HidTestData.Folder(UsbVmBed.Folder));
            return new HidUpsUsbDevice(busId, 2, backend.Open(_ => true), new Dictionary<int, string>(backend.Recording.Strings) { [4] = "PbAc" });
        }

        [SkippableFact]
        public void DeviceRecordCarriesIdentityInNetworkOrder()
        {
            var d = BackUps();
            var r = UsbIpProtocol.DeviceRecord(d);
            Assert.Equal(312, r.Length);
            Assert.Equal("1-1", UsbIpProtocol.ParseBusId(r.AsSpan(256, 32)));
            Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(r.AsSpan(288)));      // busnum
            Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(r.AsSpan(292)));      // devnum
            Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(r.AsSpan(296)));      // full speed
            Assert.Equal(0x051d, BinaryPrimitives.ReadUInt16BigEndian(r.AsSpan(300)));
            Assert.Equal(0x0002, BinaryPrimitives.ReadUInt16BigEndian(r.AsSpan(302)));
            Assert.Equal(1, r[309]);                                                    // bConfigurationValue
            Assert.Equal(1, r[311]);                                                    // one interface
        }

        [SkippableFact]
        public void DescriptorsDescribeOneHidInterfaceWithTheReportDescriptorLength()
        {
            var d = BackUps();
            Assert.Equal(18, d.DeviceDescriptor.Length);
            Assert.Equal(new byte[] { 0x1d, 0x05, 0x02, 0x00 }, d.DeviceDescriptor.Skip(8).Take(4).ToArray());
            var config = d.ConfigurationDescriptor;
            Assert.Equal(config.Length, BinaryPrimitives.ReadUInt16LittleEndian(config.AsSpan(2)));
            Assert.Equal(0x03, config[9 + 5]);                                         // interface class HID
            Assert.Equal(743, BinaryPrimitives.ReadUInt16LittleEndian(d.HidDescriptor.AsSpan(7)));
            Assert.Equal(new byte[] { 7, 0x05, 0x81, 0x03 }, config.Skip(27).Take(4).ToArray());
            var s = d.Control(new UsbSetup(0x80, 0x06, 0x0304, 0x0409, 255), Array.Empty<byte>())!;
            Assert.Equal(new byte[] { 10, 3, (byte)'P', 0, (byte)'b', 0, (byte)'A', 0, (byte)'c', 0 }, s);
            Assert.Null(d.Control(new UsbSetup(0x80, 0x06, 0x0309, 0x0409, 255), Array.Empty<byte>()));   // unknown string: STALL
        }

        [Fact]
        public void SubmitHeaderRoundTripsAndOutPayloadLengthIsCounted()
        {
            var h = new byte[48];
            BinaryPrimitives.WriteUInt32BigEndian(h, UsbIpProtocol.CmdSubmit);
            BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(4), 77);
            BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(12), UsbIpProtocol.DirOut);
            BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(24), 2);
            BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(32), -1);
            new byte[] { 0x21, 0x09, 0x11, 0x03, 0, 0, 2, 0 }.CopyTo(h, 40);
            var c = UsbIpProtocol.ParseUrbHeader(h);
            Assert.Equal(77u, c.SeqNum);
            Assert.Equal(2, c.PayloadLength);
            Assert.Equal(new UsbSetup(0x21, 0x09, 0x0311, 0, 2), UsbSetup.Parse(c.Setup));
            var ret = UsbIpProtocol.RetSubmitMessage(77, -32, default, 0);
            Assert.Equal(UsbIpProtocol.RetSubmit, BinaryPrimitives.ReadUInt32BigEndian(ret));
            Assert.Equal(-32, BinaryPrimitives.ReadInt32BigEndian(ret.AsSpan(20)));
        }

        [SkippableFact]
        public async Task ClientListsImportsAndExchangesUrbsIncludingUnlink()
        {
            var backend = ReplayHidBackend.Load(HidTestData.Folder(UsbVmBed.Folder));
            var device = BackUps("1-1", backend);
            await using var server = new UsbIpServer(new[] { device }, IPAddress.Loopback, 0);
            server.Start();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var ct = timeout.Token;

            using (var list = new TcpClient())
            {
                await list.ConnectAsync(IPAddress.Loopback, server.Port, ct);
                var s = list.GetStream();
                await s.WriteAsync(UsbIpProtocol.OpHeader(UsbIpProtocol.OpReqDevlist, 0), ct);
                var reply = await ReadAsync(s, 8 + 4 + 312 + 4, ct);
                Assert.Equal(UsbIpProtocol.OpRepDevlist, BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(2)));
                Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(reply.AsSpan(8)));
                Assert.Equal(0x03, reply[12 + 312]);                                  // interface class HID
            }

            using (var missing = new TcpClient())
            {
                await missing.ConnectAsync(IPAddress.Loopback, server.Port, ct);
                var s = missing.GetStream();
                await s.WriteAsync(ImportRequest("9-9"), ct);
                Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian((await ReadAsync(s, 8, ct)).AsSpan(4)));
            }

            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, server.Port, ct);
            var stream = client.GetStream();
            await stream.WriteAsync(ImportRequest("1-1"), ct);
            var import = await ReadAsync(stream, 8 + 312, ct);
            Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(import.AsSpan(4)));

            // GET_DESCRIPTOR(device), asked with 64 bytes like the hub driver does: 18 come back.
            await stream.WriteAsync(Submit(1, UsbIpProtocol.DirIn, 0, 64, new byte[] { 0x80, 0x06, 0, 1, 0, 0, 64, 0 }), ct);
            var (seq, status, data) = await ReadRetSubmitAsync(stream, ct);
            Assert.Equal((1u, 0), (seq, status));
            Assert.Equal(device.DeviceDescriptor, data);

            // GET_REPORT(Feature 0x0c) is served from the replay.
            await stream.WriteAsync(Submit(2, UsbIpProtocol.DirIn, 0, 2, new byte[] { 0xa1, 0x01, 0x0c, 0x03, 0, 0, 2, 0 }), ct);
            (seq, status, data) = await ReadRetSubmitAsync(stream, ct);
            Assert.Equal(new byte[] { 0x0c, 0x64 }, data);

            // SET_REPORT(Feature 0x11) carries its payload after the header.
            await stream.WriteAsync(Submit(3, UsbIpProtocol.DirOut, 0, 2, new byte[] { 0x21, 0x09, 0x11, 0x03, 0, 0, 2, 0 }, new byte[] { 0x11, 0x28 }), ct);
            (seq, status, _) = await ReadRetSubmitAsync(stream, ct, inTransfer: false);
            Assert.Equal((3u, 0), (seq, status));
            Assert.Equal(new byte[] { 0x11, 0x28 }, backend.Writes.Single());

            // An unknown request stalls.
            await stream.WriteAsync(Submit(4, UsbIpProtocol.DirIn, 0, 8, new byte[] { 0xc0, 0x42, 0, 0, 0, 0, 8, 0 }), ct);
            (seq, status, _) = await ReadRetSubmitAsync(stream, ct);
            Assert.Equal((4u, -32), (seq, status));

            // An interrupt IN transfer is held; unlinking it answers -ECONNRESET and no RET_SUBMIT follows.
            await stream.WriteAsync(Submit(5, UsbIpProtocol.DirIn, 1, 64, new byte[8]), ct);
            await stream.WriteAsync(Unlink(6, 5), ct);
            var unlink = await ReadAsync(stream, 48, ct);
            Assert.Equal(UsbIpProtocol.RetUnlink, BinaryPrimitives.ReadUInt32BigEndian(unlink));
            Assert.Equal(6u, BinaryPrimitives.ReadUInt32BigEndian(unlink.AsSpan(4)));
            Assert.Equal(-104, BinaryPrimitives.ReadInt32BigEndian(unlink.AsSpan(20)));

            // The next one completes when a report is queued.
            await stream.WriteAsync(Submit(7, UsbIpProtocol.DirIn, 1, 64, new byte[8]), ct);
            device.QueueInput(new byte[] { 0x13, 0x00 });
            (seq, status, data) = await ReadRetSubmitAsync(stream, ct);
            Assert.Equal((7u, 0), (seq, status));
            Assert.Equal(new byte[] { 0x13, 0x00 }, data);

            // Unlinking something already answered gives status 0.
            await stream.WriteAsync(Unlink(8, 7), ct);
            unlink = await ReadAsync(stream, 48, ct);
            Assert.Equal(0, BinaryPrimitives.ReadInt32BigEndian(unlink.AsSpan(20)));
        }

        private static byte[] ImportRequest(string busId)
        {
            var b = new byte[8 + 32];
            UsbIpProtocol.OpHeader(UsbIpProtocol.OpReqImport, 0).CopyTo(b, 0);
            System.Text.Encoding.ASCII.GetBytes(busId).CopyTo(b, 8);
            return b;
        }

        private static byte[] Submit(uint seq, uint direction, uint endpoint, int length, byte[] setup, byte[]? outData = null)
        {
            var h = new byte[48 + (outData?.Length ?? 0)];
            BinaryPrimitives.WriteUInt32BigEndian(h, UsbIpProtocol.CmdSubmit);
            BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(4), seq);
            BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(8), 0x10002);
            BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(12), direction);
            BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(16), endpoint);
            BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(24), length);
            BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(32), -1);
            setup.CopyTo(h, 40);
            outData?.CopyTo(h, 48);
            return h;
        }

        private static byte[] Unlink(uint seq, uint victim)
        {
            var h = new byte[48];
            BinaryPrimitives.WriteUInt32BigEndian(h, UsbIpProtocol.CmdUnlink);
            BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(4), seq);
            BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(20), victim);
            return h;
        }

        private static async Task<(uint Seq, int Status, byte[] Data)> ReadRetSubmitAsync(Stream s, CancellationToken ct, bool inTransfer = true)
        {
            var h = await ReadAsync(s, 48, ct);
            Assert.Equal(UsbIpProtocol.RetSubmit, BinaryPrimitives.ReadUInt32BigEndian(h));
            var status = BinaryPrimitives.ReadInt32BigEndian(h.AsSpan(20));
            var length = BinaryPrimitives.ReadInt32BigEndian(h.AsSpan(24));
            // Data follows only for IN transfers (an OUT reply reports its length but carries none).
            var data = inTransfer && status == 0 && length > 0 ? await ReadAsync(s, length, ct) : Array.Empty<byte>();
            return (BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(4)), status, data);
        }

        private static async Task<byte[]> ReadAsync(Stream s, int count, CancellationToken ct)
        {
            var b = new byte[count];
            await s.ReadExactlyAsync(b, ct);
            return b;
        }
    }
}
