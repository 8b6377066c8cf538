using System;
using System.Collections.Generic;
using System.Linq;
using UpsPS.Engine.Drivers.UsbHid.Transport;
using UpsPS.Engine.Hid;

namespace UpsPS.Engine.Drivers.UsbHid.Subdrivers
{
    public enum HidClaim
    {
        No,
        /// <summary>Known vendor, unknown product: claimed only when the user set productid.</summary>
        Possibly,
        Supported,
    }

    /// <summary>What the driver tells a subdriver about the device and its options.</summary>
    public sealed class HidSubdriverContext
    {
        public HidSubdriverContext(HidDeviceInfo info, Func<string, string?> option, Func<string, bool> flag,
            Func<string, string?>? variable = null, Action<string>? deleteVariable = null, Func<string, bool>? statusFlag = null)
        {
            StatusFlag = statusFlag ?? (_ => false);
            Info = info;
            Option = option;
            Flag = flag;
            Variable = variable ?? (_ => null);
            DeleteVariable = deleteVariable ?? (_ => { });
        }

        public HidDeviceInfo Info { get; }
        public Func<string, string?> Option { get; }
        public Func<string, bool> Flag { get; }
        /// <summary>A published variable's current value (e.g. battery.charge, ups.delay.start).</summary>
        public Func<string, string?> Variable { get; }
        public Action<string> DeleteVariable { get; }
        /// <summary>An internal status flag as set so far (e.g. "off" before the MGE converter-online row).</summary>
        public Func<string, bool> StatusFlag { get; }
    }

    /// <summary>A vendor table plus its quirks (spec §9): device claim, usage names, descriptor fixups, value scalings.</summary>
    public abstract class HidSubdriver
    {
        /// <summary>Short name for <c>subdriver=</c> matching ("apc", "cps", ...).</summary>
        public abstract string Name { get; }

        /// <summary>Published as driver.version.data ("APC HID 0.98").</summary>
        public abstract string Version { get; }

        public virtual HidUsageTable Usages => HidUsageTable.Generic;

        /// <summary>
        /// The instance a driver uses. Subdrivers that keep per-device state (scalings decided once, ABM mode) return a
        /// new instance so two drivers, or a test and a driver, never share it.
        /// </summary>
        public virtual HidSubdriver Fresh() => this;

        /// <summary>Called once the device is open, before the table is walked.</summary>
        public virtual void Attach(HidSubdriverContext context) { }

        /// <summary>
        /// The raw value a command row writes for the requested value (seconds, a literal, ...); default: unchanged.
        /// Powercom encodes its delays here.
        /// </summary>
        public virtual double EncodeCommand(HidMappingRow row, double value, HidSubdriverContext context) => value;

        public abstract IReadOnlyList<HidMappingRow> Table { get; }

        /// <summary>VID → PIDs; an empty PID list means every product of the vendor is fully supported.</summary>
        protected abstract IReadOnlyList<(ushort Vendor, ushort[] Products)> Devices { get; }

        public virtual HidClaim Claim(HidDeviceInfo info, bool productIdGiven)
        {
            foreach (var (vendor, products) in Devices)
            {
                if (vendor != info.VendorId) continue;
                if (products.Length == 0 || products.Contains(info.ProductId)) return HidClaim.Supported;
            }
            return Devices.Any(d => d.Vendor == info.VendorId) && productIdGiven ? HidClaim.Possibly : HidClaim.No;
        }

        public virtual int DefaultOnDelay => 30;
        public virtual int DefaultOffDelay => 20;
        public virtual int DefaultPollFrequency => 30;

        /// <summary>Interrupt pipe never read for this device (APC 5G models, Legrand).</summary>
        public virtual bool InterruptPipeDisabled(HidDeviceInfo info) => false;

        /// <summary>Ask GET_REPORT with the full buffer size (firmwares that return wrong lengths).</summary>
        public virtual bool NeedsMaxReport(HidDeviceInfo info) => false;

        /// <summary>Descriptor repairs applied after parsing, unless disable_fix_report_desc.</summary>
        public virtual void FixReportDescriptor(HidReportDescriptor descriptor, HidDeviceInfo info) { }

        /// <summary>A row whose item must never be read on this device (firmware bugs); default: none.</summary>
        public virtual bool SkipItem(HidDataItem item, HidDeviceInfo info) => false;

        /// <summary>Value correction after decoding (model-specific scalings); default: none.</summary>
        public virtual double AdjustValue(HidMappingRow row, double value, HidSubdriverContext context) => value;

        public virtual string? FormatManufacturer(string? manufacturer, HidDeviceInfo info) => manufacturer;
        public virtual string? FormatModel(string? product, HidDeviceInfo info, Func<string, string?> variable) => product;
        public virtual string? FormatSerial(string? serial, HidDeviceInfo info) => serial;

        /// <summary>Extra variables derived from the USB strings (APC firmware after "FW:").</summary>
        public virtual IEnumerable<(string Name, string Value)> ExtraIdentity(HidDeviceInfo info) => Enumerable.Empty<(string, string)>();

        // ------------------------------------------------------------------ table-building helpers

        protected static HidMappingRow V(string name, string path, string format = "%.0f", HidRowFlags flags = HidRowFlags.None,
            HidConverter? converter = null) =>
            new HidMappingRow(HidRowKind.Variable, name, path) { Format = format, Flags = flags, Converter = converter };

        /// <summary>ups.delay.* style row: published from the default when the path exists, settable.</summary>
        protected static HidMappingRow Delay(string name, string path, string defaultText) =>
            new HidMappingRow(HidRowKind.Variable, name, path)
            { Flags = HidRowFlags.Absent | HidRowFlags.ReadWrite | HidRowFlags.String, DefaultText = defaultText, MaxLength = 10 };

        protected static HidMappingRow B(string path, HidConverter converter) =>
            new HidMappingRow(HidRowKind.Bool, "BOOL", path) { Converter = converter, Flags = HidRowFlags.QuickPoll };

        protected static HidMappingRow C(string command, string path, double value, string? defaultVariable = null) =>
            new HidMappingRow(HidRowKind.Command, command, path) { CommandValue = value, DefaultText = defaultVariable };

        /// <summary>The usual delay/test/beeper commands on one set of paths.</summary>
        protected static IEnumerable<HidMappingRow> StandardCommands(string delayCollection, string testPath, string? beeperPath)
        {
            yield return C("load.off.delay", delayCollection + ".DelayBeforeShutdown", 20, "ups.delay.shutdown");
            yield return C("load.on.delay", delayCollection + ".DelayBeforeStartup", 30, "ups.delay.start");
            yield return C("shutdown.stop", delayCollection + ".DelayBeforeShutdown", -1);
            yield return C("shutdown.reboot", delayCollection + ".DelayBeforeReboot", 10);
            yield return C("test.battery.start.quick", testPath, 1);
            yield return C("test.battery.start.deep", testPath, 2);
            yield return C("test.battery.stop", testPath, 3);
            if (beeperPath != null)
            {
                yield return C("beeper.enable", beeperPath, 2);
                yield return C("beeper.disable", beeperPath, 1);
                yield return C("beeper.mute", beeperPath, 3);
            }
        }

        /// <summary>Standard PresentStatus flags under a collection.</summary>
        protected static IEnumerable<HidMappingRow> StandardBools(string presentStatus)
        {
            yield return B(presentStatus + ".ACPresent", HidConverters.Online);
            yield return B(presentStatus + ".Discharging", HidConverters.Flag("dischrg"));
            yield return B(presentStatus + ".Charging", HidConverters.Flag("chrg"));
            yield return B(presentStatus + ".BelowRemainingCapacityLimit", HidConverters.Flag("lowbatt"));
            yield return B(presentStatus + ".RemainingTimeLimitExpired", HidConverters.Flag("timelimitexp"));
            yield return B(presentStatus + ".ShutdownImminent", HidConverters.Flag("shutdownimm"));
            yield return B(presentStatus + ".NeedReplacement", HidConverters.Flag("replacebatt"));
            yield return B(presentStatus + ".Overload", HidConverters.Flag("overload"));
            yield return B(presentStatus + ".FullyCharged", HidConverters.Flag("fullycharged"));
            yield return B(presentStatus + ".FullyDischarged", HidConverters.Flag("depleted"));
            yield return B(presentStatus + ".BatteryPresent", HidConverters.InvertedFlag("nobattery"));
            yield return B(presentStatus + ".Good", HidConverters.InvertedFlag("off"));
            yield return B(presentStatus + ".InternalFailure", HidConverters.Flag("commfault"));
            yield return B(presentStatus + ".OverTemperature", HidConverters.Flag("overheat"));
            yield return B(presentStatus + ".AwaitingPower", HidConverters.Flag("awaitingpower"));
            yield return B(presentStatus + ".CommunicationLost", HidConverters.Flag("commfault"));
            yield return B(presentStatus + ".VoltageOutOfRange", HidConverters.Flag("vrange"));
            yield return B(presentStatus + ".FrequencyOutOfRange", HidConverters.Flag("frange"));
            yield return B(presentStatus + ".Buck", HidConverters.Flag("trim"));
            yield return B(presentStatus + ".Boost", HidConverters.Flag("boost"));
        }

        protected static ushort[] P(params int[] ids) => ids.Select(i => (ushort)i).ToArray();

        /// <summary>Items in a parsed descriptor by path text, resolved with this subdriver's names.</summary>
        protected HidDataItem? FindItem(HidReportDescriptor d, string path, byte reportId, HidReportType type = HidReportType.Feature)
        {
            var nodes = HidPath.Parse(path, Usages);
            if (nodes == null) return null;
            return d.Items.FirstOrDefault(i => i.ReportId == reportId && i.Type == type && HidPath.Equal(i.Path, nodes));
        }

        protected IEnumerable<HidDataItem> FindAll(HidReportDescriptor d, string path, byte reportId)
        {
            var nodes = HidPath.Parse(path, Usages);
            if (nodes == null) return Enumerable.Empty<HidDataItem>();
            return d.Items.Where(i => i.ReportId == reportId && HidPath.Equal(i.Path, nodes));
        }
    }
}
