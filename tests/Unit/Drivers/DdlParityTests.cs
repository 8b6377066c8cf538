using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.DriverSocket;
using UpsPS.Engine.Drivers.Dummy;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Drivers
{
    /// <summary>
    /// The same NUT DDL dump served by real upsd + real dummy-ups and by real upsd + our dummy-ups must look the
    /// same to the real upsc. Only driver.version / driver.version.internal differ by design (our release and
    /// our driver version); both sections point at the same absolute file, so driver.parameter.port is equal.
    /// Lines with an empty value (<c>battery.date:</c>) are left out: NUT 2.8.0's dummy-ups publishes
    /// uninitialised memory for a new variable without value (observed: <c>"s 32\n"</c>, upsc shows e.g. <c>0.00</c>),
    /// while UpsPS applies the documented rule (no value = no variable).
    /// </summary>
    public class DdlParityTests
    {
        public static IEnumerable<object[]> Files => new[]
        {
            "APC__Back-UPS_BK650M2-CH__usbhid-ups__2.8.0__01.dev",
            "Cyber_Power_Systems__CP1500PFCLCD__usbhid-ups__2.7.4__01.dev",
            "Eaton__5PX__snmp-ups__2.7.4__02.dev",
            "Tripp_Lite__SU2200RTXL2Ua__snmp-ups__2.7.4__01.dev",
            "Digitus__DN-170076__nutdrv_qx__2.7.4__01.dev",
            "Apollo__1000F__genericups__2.0.2__01.dev",
            "MGE_UPS_SYSTEMS__Pulsar_Evolution_500__usbhid-ups__2.7.2__01.dev",
            "APC__Smart-UPS_2200__apcsmart__2.2.0__01.dev",
        }.Select(f => new object[] { f });

        private static readonly string[] ExpectedToDiffer = { "driver.version", "driver.version.internal" };

        [SkippableTheory]
        [MemberData(nameof(Files))]
        public async Task UpscSeesTheSameDevice(string fileName)
        {
            Skip.IfNot(NutProcesses.HasUpsd && NutProcesses.HasDummyUps, NutProcesses.MissingMessage);
            Skip.IfNot(UnixSocketEndPoint.IsPlatformUnix, "driver sockets of real NUT are Unix sockets");
            var path = SharedTestData.Find("ddl", fileName);
            Skip.If(path == null, SharedTestData.MissingMessage + ": ddl/" + fileName);

            using var config = new NutConfigDirectory();
            config.WriteUpsConf($"[real]\n  driver = dummy-ups\n  port = \"{path}\"\n[ours]\n  driver = dummy-ups\n  port = \"{path}\"\n");
            using var real = await NutProcesses.StartDummyUpsAsync(config, "real");
            using var ours = await OurDriverBehindRealUpsd.StartAsync(config, "ours");
            using var upsd = await NutProcesses.StartUpsdAsync(config);

            var realVars = DriverInteropTests.ParseUpsc((await NutProcesses.WaitForDataAsync(config.Target("real"), TimeSpan.FromSeconds(15))).StdOut);
            var ourVars = DriverInteropTests.ParseUpsc((await NutProcesses.WaitForDataAsync(config.Target("ours"), TimeSpan.FromSeconds(15))).StdOut);

            Assert.True(realVars.Count > 10, $"real dummy-ups published only {realVars.Count} variables");
            var withoutValue = DummyFileParser.Parse(File.ReadAllText(path!)).Entries
                .Where(e => e.Kind == DummyEntryKind.Delete).Select(e => e.Name).ToList();
            foreach (var name in withoutValue)
            {
                realVars.Remove(name);
                Assert.False(ourVars.ContainsKey(name), $"{name} has no value in the file but we publish it");
            }
            foreach (var name in ExpectedToDiffer)
            {
                Assert.True(realVars.Remove(name), name);
                Assert.True(ourVars.Remove(name), name);
            }
            var differences = realVars.Keys.Union(ourVars.Keys).OrderBy(k => k, StringComparer.Ordinal)
                .Where(k => !realVars.TryGetValue(k, out var a) || !ourVars.TryGetValue(k, out var b) || a != b)
                .Select(k => $"{k}: real=[{(realVars.TryGetValue(k, out var a) ? a : "<absent>")}] ours=[{(ourVars.TryGetValue(k, out var b) ? b : "<absent>")}]")
                .ToList();
            Assert.True(differences.Count == 0, fileName + ":\n" + string.Join("\n", differences));
        }
    }
}
