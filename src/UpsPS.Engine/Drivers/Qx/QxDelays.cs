using System.Globalization;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>Megatec shutdown/test command encoding (serial.md §1.5).</summary>
    public static class QxDelays
    {
        /// <summary>ups.delay.shutdown as stored: below 60 s a multiple of 6, else whole minutes.</summary>
        public static int NormaliseShutdown(int seconds) => seconds < 60 ? seconds / 6 * 6 : seconds / 60 * 60;

        /// <summary>ups.delay.start as stored: whole minutes.</summary>
        public static int NormaliseStart(int seconds) => seconds / 60 * 60;

        /// <summary><c>.n</c> (tenths of a minute) below 60 s, else two-digit minutes.</summary>
        public static string EncodeShutdown(int seconds) =>
            seconds < 60 ? "." + (seconds / 6).ToString(CultureInfo.InvariantCulture)
                         : (seconds / 60).ToString("00", CultureInfo.InvariantCulture);

        public static string EncodeStart(int seconds) => (seconds / 60).ToString("0000", CultureInfo.InvariantCulture);

        public static string ShutdownReturn(int offDelay, int onDelay) =>
            onDelay <= 0 ? $"S{EncodeShutdown(offDelay)}\r" : $"S{EncodeShutdown(offDelay)}R{EncodeStart(onDelay)}\r";

        public static string ShutdownStayOff(int offDelay) => $"S{EncodeShutdown(offDelay)}R0000\r";

        /// <summary><c>T&lt;nn&gt;</c>: test duration in seconds (60..5940) as two-digit minutes.</summary>
        public static string? BatteryTest(int seconds) =>
            seconds < 60 || seconds > 5940 ? null : $"T{(seconds / 60).ToString("00", CultureInfo.InvariantCulture)}\r";
    }
}
