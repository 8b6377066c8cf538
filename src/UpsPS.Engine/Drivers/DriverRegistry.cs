using UpsPS.Engine.Protocol;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using UpsPS.Engine.Config;
using UpsPS.Engine.Drivers.Dummy;
using UpsPS.Engine.Drivers.Qx;
using UpsPS.Engine.Drivers.GenericUps;
using UpsPS.Engine.Drivers.ApcSmart;

namespace UpsPS.Engine.Drivers
{
    /// <summary>Driver name → descriptor. New drivers register here; ups.conf sections are validated against it.</summary>
    public sealed class DriverRegistry
    {
        private readonly Dictionary<string, DriverDescriptor> _drivers = new Dictionary<string, DriverDescriptor>(StringComparer.Ordinal);

        /// <summary>A registry with every driver UpsPS ships.</summary>
        public static DriverRegistry CreateDefault()
        {
            var registry = new DriverRegistry();
            registry.Register(DummyUpsDriver.Descriptor);
            registry.Register(QxDriver.QxDescriptor);
            registry.Register(QxDriver.BlazerDescriptor);
            registry.Register(GenericUpsDriver.Descriptor);
            registry.Register(ApcSmartDriver.Descriptor);
            registry.Register(Snmp.SnmpUpsDriver.Descriptor);
            registry.Register(UsbHid.UsbHidUpsDriver.Descriptor);
            return registry;
        }

        public void Register(DriverDescriptor descriptor) => _drivers[descriptor.Name] = descriptor;

        public IEnumerable<string> Names => _drivers.Keys.OrderBy(n => n, StringComparer.Ordinal);

        public DriverDescriptor? Find(string name) => _drivers.TryGetValue(name, out var d) ? d : null;

        /// <summary>
        /// Checks a complete section the way a NUT driver checks its own: the driver must exist, every
        /// non-core key must be declared by it, pollinterval must be positive. Throws <see cref="ConfigException"/>.
        /// </summary>
        public DriverDescriptor Validate(UpsSection section)
        {
            var driverName = section.Driver;
            var driverLine = section.Find("driver")?.LineNumber ?? section.LineNumber;
            if (string.IsNullOrEmpty(driverName))
                throw new ConfigException(section.File, section.LineNumber, $"UPS [{section.Name}] has no driver");
            var descriptor = Find(driverName!);
            if (descriptor == null)
                throw new ConfigException(section.File, driverLine,
                    $"driver '{driverName}' for UPS [{section.Name}] is not available in UpsPS; available: {string.Join(", ", Names)}");
            if (string.IsNullOrEmpty(section.Port))
                throw new ConfigException(section.File, section.LineNumber,
                    "Error: you must specify a port name in ups.conf or in '-x port=...' argument.");

            foreach (var option in section.Options)
            {
                if (option.IsFlag)
                {
                    if (DriverCoreKeys.FlagKeys.Contains(option.Key) || descriptor.FlagKeys.Contains(option.Key)) continue;
                    throw new ConfigException(section.File, option.LineNumber, $"'{option.Key}' is not a valid flag for this driver.");
                }
                if (DriverCoreKeys.ValueKeys.Contains(option.Key) || DriverCoreKeys.IsOverrideOrDefault(option.Key)
                    || descriptor.ValueKeys.Contains(option.Key)) continue;
                throw new ConfigException(section.File, option.LineNumber, $"'{option.Key}' is not a valid variable name for this driver.");
            }

            var poll = section.Find("pollinterval");
            if (poll != null && CNumber.Atoi(poll.Value!) <= 0)
                throw new ConfigException(section.File, poll.LineNumber, $"Error: UPS [{section.Name}]: invalid pollinterval: {poll.Value}");
            return descriptor;
        }

        /// <summary>Validates and instantiates the section's driver.</summary>
        public IUpsDriver Create(UpsSection section) => Validate(section).Factory();
    }
}
