using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace UpsPS.Tests.Unit.Snmp
{
    /// <summary>
    /// Every authProtocol / privProtocol spelling real NUT 2.8.0 snmp-ups accepts (MD5, SHA, SHA256, SHA384, SHA512;
    /// DES, AES, AES192, AES256) against a real snmpd user with those protocols: both drivers must read the card and
    /// publish the same variables. SHA224 (RFC 7860) is ours only: 2.8.0 rejects the name.
    /// </summary>
    public class SnmpV3ProtocolNamesTests
    {
        private const string Walk = "librenms_apc_smt750x-nmc2";
        private readonly ITestOutputHelper _output;
        public SnmpV3ProtocolNamesTests(ITestOutputHelper output) { _output = output; }

        private static string Options(string user, string level, string auth, string? priv) =>
            $" mibs = auto\n snmp_version = v3\n secName = {user}\n secLevel = {level}\n authProtocol = {auth}\n authPassword = {SnmpdAgent.AuthPassword}\n"
            + (priv == null ? "" : $" privProtocol = {priv}\n privPassword = {SnmpdAgent.PrivPassword}\n");

        [SkippableTheory]
        [InlineData("md5user", "authNoPriv", "MD5", null)]
        [InlineData("md5des", "authPriv", "MD5", "DES")]
        [InlineData("md5aes256", "authPriv", "MD5", "AES256")]
        [InlineData("shaaes", "authPriv", "SHA", "AES")]
        [InlineData("shades", "authPriv", "SHA", "DES")]
        [InlineData("sha256aes", "authPriv", "SHA256", "AES")]
        [InlineData("sha384aes192", "authPriv", "SHA384", "AES192")]
        [InlineData("sha512aes256", "authPriv", "SHA512", "AES256")]
        public async Task EveryNameNutAcceptsWorksInBothDrivers(string user, string level, string auth, string? priv)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpdAgent.HasWalk(Walk), SnmpdAgent.MissingWalk(Walk));
            Skip.IfNot(SnmpDriverRunner.HasNut, SnmpDriverRunner.MissingNut);
            using var agent = await SnmpdAgent.StartAsync(Walk);
            var options = Options(user, level, auth, priv);
            var (nut, log) = await SnmpDriverRunner.RunNutAsync(agent.Address, options);
            Assert.True(nut != null, "real snmp-ups failed: " + log);
            var (ours, host) = await SnmpDriverRunner.RunOursAsync(agent.Address, options);
            using (host)
            {
                Assert.Equal("Smart-UPS X 750", ours["ups.model"]);
                var diff = SnmpDriverRunner.Diff(ours, nut!);
                Assert.True(diff.Length == 0, diff);
            }
        }

        [SkippableTheory]
        [InlineData("sha224aes", "authPriv", "AES")]
        [InlineData("sha224auth", "authNoPriv", null)]
        public async Task Sha224WorksWithARealAgentAndIsRefusedByNut280(string user, string level, string? priv)
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpdAgent.HasWalk(Walk), SnmpdAgent.MissingWalk(Walk));
            using var agent = await SnmpdAgent.StartAsync(Walk);
            var options = Options(user, level, "SHA224", priv);
            var (ours, host) = await SnmpDriverRunner.RunOursAsync(agent.Address, options);
            using (host)
            {
                Assert.Equal("Smart-UPS X 750", ours["ups.model"]);
                Assert.Equal("OL", ours["ups.status"]);
            }

            // A wrong password on a SHA-224 user is named as such, like the other protocols.
            using var wrong = SnmpDriverRunner.CreateHost(agent.Address, options.Replace(SnmpdAgent.AuthPassword, "not-the-password"));
            var e = await Assert.ThrowsAnyAsync<Exception>(() => wrong.StartAsync());
            Assert.Contains("authPassword", e.Message);
            Assert.DoesNotContain("not-the-password", e.ToString());

            if (SnmpDriverRunner.HasNut)
            {
                var (nut, log) = await SnmpDriverRunner.RunNutAsync(agent.Address, options);
                _output.WriteLine(log);
                Assert.Null(nut);
            }
        }
    }
}
