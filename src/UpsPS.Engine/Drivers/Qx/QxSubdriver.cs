using System;
using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Drivers.Qx
{
    /// <summary>One Megatec/Q1 protocol variant ("subdriver"): which query gives the Q1-layout status and how it is claimed.</summary>
    public sealed class QxSubdriver
    {
        private QxSubdriver(string name, string version, string statusCommand, string? vendorCommand, string? modelProbe = null,
            bool frequencyIsOutput = false, string? acceptToken = null, QxProtocolKind kind = QxProtocolKind.Q1Layout, int shutdownDelayMax = 600)
        {
            Kind = kind;
            ShutdownDelayMax = shutdownDelayMax;
            Name = name;
            Version = version;
            StatusCommand = statusCommand;
            VendorCommand = vendorCommand;
            ModelProbe = modelProbe;
            FrequencyIsOutput = frequencyIsOutput;
            AcceptToken = acceptToken;
        }

        /// <summary>Protocol name as given to <c>protocol=</c> (case-insensitive).</summary>
        public string Name { get; }
        public string Version { get; }

        /// <summary>Published as driver.version.data.</summary>
        public string VersionData => $"{Name} {Version}";

        /// <summary>Query answered with the 47-byte Q1 layout (without CR).</summary>
        public string StatusCommand { get; }

        /// <summary>Vendor query (<c>I</c>, <c>FW?</c>) that must parse when claiming, unless <c>novendor</c>; null = none.</summary>
        public string? VendorCommand { get; }

        /// <summary>Voltronic-QS: <c>M</c> must answer one of these letters.</summary>
        public string? ModelProbe { get; }

        /// <summary>Voltronic-QS: offset 23–26 is output.frequency and F gives output.* nominals.</summary>
        public bool FrequencyIsOutput { get; }

        /// <summary>Instant-command reply meaning success besides silence (e.g. <c>ACK</c>).</summary>
        public string? AcceptToken { get; }

        /// <summary>How the status reply is read and parsed.</summary>
        public QxProtocolKind Kind { get; }

        /// <summary>Upper limit of ups.delay.shutdown (600, 540 for Voltronic-QS/QS-Hex, 5940 for Voltronic).</summary>
        public int ShutdownDelayMax { get; }

        public bool SupportsBatteryTestCommands => !FrequencyIsOutput;

        /// <summary>Auto-detection order of the variants UpsPS implements (NUT 2.8.0 order, serial.md §1.2).</summary>
        public static readonly IReadOnlyList<QxSubdriver> DetectionOrder = new[]
        {
            new QxSubdriver("Voltronic", "0.06", "QGS", null, acceptToken: "ACK", kind: QxProtocolKind.Voltronic, shutdownDelayMax: 5940),
            new QxSubdriver("Voltronic-QS", "0.07", "QS", null, modelProbe: "V", frequencyIsOutput: true, shutdownDelayMax: 540),
            new QxSubdriver("Voltronic-QS-Hex", "0.10", "QS", null, modelProbe: "PT", frequencyIsOutput: true, kind: QxProtocolKind.QsHex, shutdownDelayMax: 540),
            new QxSubdriver("Mustek", "0.07", "QS", "I"),
            new QxSubdriver("Megatec/old", "0.07", "D", "I"),
            new QxSubdriver("Megatec", "0.06", "Q1", "I"),
            new QxSubdriver("Zinto", "0.06", "Q1", "FW?"),
            new QxSubdriver("Q1", "0.07", "Q1", null),
        };

        public static QxSubdriver? Find(string protocol) =>
            DetectionOrder.FirstOrDefault(s => string.Equals(s.Name, protocol, StringComparison.OrdinalIgnoreCase));

        public static IEnumerable<string> Names => DetectionOrder.Select(s => s.Name.ToLowerInvariant());
    }

    /// <summary>Status reply families handled by <see cref="QxDriver"/>.</summary>
    public enum QxProtocolKind
    {
        /// <summary>47-byte Q1 layout (Q1, QS, D).</summary>
        Q1Layout,
        /// <summary>Voltronic-QS-Hex binary QS reply.</summary>
        QsHex,
        /// <summary>Voltronic QPI family: QGS status, QRI ratings, (ACK/(NAK.</summary>
        Voltronic,
    }
}
