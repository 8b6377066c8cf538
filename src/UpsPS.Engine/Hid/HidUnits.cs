using System;

namespace UpsPS.Engine.Hid
{
    /// <summary>NUT's "standard exponent" per unit code (spec §3): subtracted from the item's unit exponent.</summary>
    public static class HidUnits
    {
        public const uint None = 0x00000000;
        public const uint Volt = 0x00F0D121;
        public const uint Watt = 0x0000D121;
        public const uint Ampere = 0x00100001;
        public const uint Second = 0x00001001;
        public const uint Kelvin = 0x00010001;
        public const uint Hertz = 0x0000F001;
        public const uint AmpereSecond = 0x00101001;

        public static int StandardExponent(uint unit) => unit == Volt || unit == Watt ? 7 : 0;

        /// <summary>10^(UnitExp - standardExp(Unit)): the factor turning a physical value into volts, watts, seconds...</summary>
        public static double Scale(uint unit, int unitExponent) => Math.Pow(10, unitExponent - StandardExponent(unit));
    }
}
