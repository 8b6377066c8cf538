using System.Collections.Generic;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    /// <summary>The subdrivers in the order NUT asks them (spec §9.1).</summary>
    public static class HidSubdrivers
    {
        private static ushort[] P(params int[] ids) { var r = new ushort[ids.Length]; for (var i = 0; i < ids.Length; i++) r[i] = (ushort)ids[i]; return r; }

        public static readonly HidSubdriver Explore = new GenericPdcSubdriver("explore", "EXPLORE HID 0.2", new (ushort, ushort[])[0]);

        /// <summary>
        /// 06da:ffff is shared by Phoenixtec OEMs: iDowell takes it only for GoldenMate-style packs whose strings say
        /// "BMS" (manufacturer) or "Smart-Battery" (product); its own 075d is always taken.
        /// </summary>
        private static bool IsIdowellStyle(Transport.HidDeviceInfo info) =>
            info.VendorId != 0x06da
            || (info.Manufacturer != null && info.Manufacturer.Contains("BMS"))
            || (info.Product != null && info.Product.Contains("Smart-Battery"));

        public static IReadOnlyList<HidSubdriver> All { get; } = new HidSubdriver[]
        {
            new MgeSubdriver(),
            new ApcSubdriver(),
            new GenericPdcSubdriver("arduino", "Arduino HID 0.2", new[] { ((ushort)0x2341, P(0x0036, 0x8036, 0x0040, 0x8040)), ((ushort)0x2a03, P(0x0036, 0x8036, 0x0040, 0x8040)) }),
            new BelkinSubdriver(),
            new CyberPowerSubdriver(),
            new GenericPdcSubdriver("delta_ups", "Delta UPS HID 0.5", new[] { ((ushort)0x05dd, P(0x041b)) }),
            new GenericPdcSubdriver("ecoflow", "EcoFlow HID 0.1", new[] { ((ushort)0x3746, P(0xffff)) }),
            new GenericPdcSubdriver("ever", "EVER HID 0.1", new[] { ((ushort)0x2e51, P(0xffff, 0x0000)), ((ushort)0x0483, P(0xa113)) }),
            new GenericPdcSubdriver("idowell", "iDowell HID 0.1", new[] { ((ushort)0x075d, P(0x0300)), ((ushort)0x06da, P(0xffff)) },
                accept: IsIdowellStyle),
            new GenericPdcSubdriver("legrand", "Legrand HID 0.2", new[] { ((ushort)0x1cb0, P(0x0032, 0x0038)) }, noInterrupts: true),
            new LiebertSubdriver(),
            new OpenUpsSubdriver(),
            new PowercomSubdriver(),
            new GenericPdcSubdriver("powervar", "PowerVar HID 0.2", new[] { ((ushort)0x4234, P(0x0002)) }),
            new GenericPdcSubdriver("salicru", "Salicru HID 0.3", new[] { ((ushort)0x2e66, P(0x0101, 0x0201, 0x0202, 0x0203, 0x0300, 0x0302)) }),
            new TrippLiteSubdriver(),
        };
    }
}
