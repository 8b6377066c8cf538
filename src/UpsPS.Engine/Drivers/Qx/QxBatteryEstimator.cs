using System;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>
    /// Battery charge/runtime "guesstimation" for Qx UPSes that report only a voltage (serial.md §1.8).
    /// Pure: the driver feeds it readings and elapsed time.
    /// </summary>
    public sealed class QxBatteryEstimator
    {
        private static readonly double[] PackMultipliers = { 120, 100, 80, 60, 48, 36, 30, 24, 18, 12, 8, 6, 4, 3, 2, 1, 0.5 };

        public double? NominalVoltage { get; set; }
        public double? LowVoltage { get; set; }
        public double? HighVoltage { get; set; }
        public double? Packs { get; set; }

        /// <summary>runtimecal = r_high,load_high,r_low,load_low; null when not configured.</summary>
        public double[]? RuntimeCalibration { get; set; }

        public double ChargeTime { get; set; } = 43200;
        public double IdleLoad { get; set; } = 0.10;

        private double? _remaining;

        /// <summary>Fills low/high from the nominal voltage (104/120 and 130/120 of it) when not given. Returns true when they were guessed.</summary>
        public bool GuessLimits()
        {
            if (!NominalVoltage.HasValue || (LowVoltage.HasValue && HighVoltage.HasValue)) return false;
            var vn = NominalVoltage.Value;
            if (RuntimeCalibration != null)
            {
                LowVoltage ??= vn;
                HighVoltage ??= 1.15 * vn;
                return true;
            }
            LowVoltage ??= 104 * vn / 120;
            HighVoltage ??= 130 * vn / 120;
            return true;
        }

        /// <summary>Number of packs for a per-cell/per-block voltage; null when it cannot be detected.</summary>
        public static double? DetectPacks(double voltage, double nominal)
        {
            foreach (var mult in PackMultipliers)
            {
                if (mult * voltage > 1.25 * nominal) continue;
                return mult * voltage >= 0.8 * nominal ? mult : (double?)null;
            }
            return null;
        }

        /// <summary>Voltage-based charge in percent (0..100), null if the limits are unknown.</summary>
        public double? ChargeFromVoltage(double voltage)
        {
            if (!LowVoltage.HasValue || !HighVoltage.HasValue || HighVoltage.Value <= LowVoltage.Value) return null;
            if (!Packs.HasValue && NominalVoltage.HasValue) Packs = DetectPacks(voltage, NominalVoltage.Value);
            var effective = voltage * (Packs ?? 1);
            var charge = 100 * (effective - LowVoltage.Value) / (HighVoltage.Value - LowVoltage.Value);
            return Math.Max(0, Math.Min(100, charge));
        }

        /// <summary>
        /// One full poll with runtimecal: returns (charge %, runtime s) or null without calibration or charge.
        /// </summary>
        public (double Charge, double Runtime)? Estimate(double chargePercent, double loadPercent, bool onBattery, double elapsedSeconds)
        {
            var cal = RuntimeCalibration;
            if (cal == null || cal.Length != 4 || cal[0] <= 0 || cal[1] <= 0 || cal[2] <= 0 || cal[3] <= 0) return null;
            var exponent = Math.Log(cal[2] / cal[0]) / Math.Log(cal[1] / cal[3]);
            var nominal = cal[0] * Math.Pow(cal[1] / 100, exponent);
            if (!_remaining.HasValue) _remaining = nominal * chargePercent / 100;
            var effectiveLoad = Math.Max(Math.Pow(Math.Max(loadPercent, 0) / 100, exponent), IdleLoad);
            if (onBattery) _remaining = Math.Max(0, _remaining.Value - effectiveLoad * elapsedSeconds);
            else _remaining = Math.Min(nominal, _remaining.Value + nominal * elapsedSeconds / ChargeTime);
            var fraction = chargePercent / 100;
            if (fraction * nominal < _remaining.Value) _remaining = fraction * nominal;
            return (100 * _remaining.Value / nominal, _remaining.Value / effectiveLoad);
        }
    }
}
