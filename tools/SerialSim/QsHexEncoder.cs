namespace UpsPS.SerialSim;

/// <summary>Values carried by a Voltronic-QS-Hex binary QS reply.</summary>
public sealed class QsHexStatus
{
    public double InputVoltage { get; set; }
    public double OutputVoltage { get; set; }
    public int Load { get; set; }
    public double Frequency { get; set; }
    public double BatteryVoltage { get; set; }
    /// <summary>Status bits b7..b0 as in Q1 (b7 utility fail ... b0 beeper).</summary>
    public byte Status { get; set; }
    /// <summary>'T' units: bit7 60 Hz, bits 6–5 battery 12/24/36/48 V, bits 2–0 output 110/120/220/230/240 V. Default 50 Hz, 12 V, 230 V.</summary>
    public byte Ratings { get; set; } = 0b0000_0011;
}

/// <summary>
/// Builds the binary reply: each value as raw bytes chosen so that the UPS's arithmetic gives it back
/// (voltage = a·51/51/256, frequency = b/a with a = 10000, battery = a·51/510), bytes that would be read as
/// CR/XON/XOFF/LF/space escaped with 0x28.
/// </summary>
public static class QsHexEncoder
{
    public static string Encode(QsHexStatus s, bool withRatings)
    {
        var tokens = new List<byte[]>
        {
            Big((long)Math.Round(s.InputVoltage * 256), 2), new byte[] { 51 },
            Big((long)Math.Round(s.OutputVoltage * 256), 2), new byte[] { 51 },
            new[] { (byte)s.Load },
            Big(10000, 2), Big((long)Math.Round(s.Frequency * 10000), 3),
            new[] { (byte)Math.Round(s.BatteryVoltage * 10) }, new byte[] { 51 },
            new[] { s.Status },
        };
        if (withRatings) tokens.Add(new[] { s.Ratings });
        var bytes = new List<byte> { (byte)'#' };
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0) bytes.Add(0x20);
            foreach (var b in tokens[i]) bytes.AddRange(Escape(b));
        }
        bytes.Add(0x0D);
        return new string(bytes.Select(b => (char)b).ToArray());
    }

    private static byte[] Big(long value, int length)
    {
        var result = new byte[length];
        for (var i = length - 1; i >= 0; i--) { result[i] = (byte)(value & 0xFF); value >>= 8; }
        return result;
    }

    private static byte[] Escape(byte b) => b switch
    {
        0x0D => new byte[] { 0x28, 0x00 },
        0x11 => new byte[] { 0x28, 0x01 },
        0x13 => new byte[] { 0x28, 0x02 },
        0x0A => new byte[] { 0x28, 0x03 },
        0x20 => new byte[] { 0x28, 0x04 },
        _ => new[] { b },
    };
}
