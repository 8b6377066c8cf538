using System;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Snmp;
using UpsPS.Engine.Snmp.Usm;
using Xunit;

namespace UpsPS.Tests.Unit.Snmp
{
    /// <summary>Our SNMP client against a real net-snmp snmpd serving a real APC walk.</summary>
    public class SnmpClientInteropTests
    {
        private const string Walk = "librenms_apc_smt750x-nmc2";
        private const string ModelOid = "1.3.6.1.4.1.318.1.1.1.1.1.1.0";

        private static void Require()
        {
            Skip.IfNot(SnmpdAgent.Available, SnmpdAgent.MissingMessage);
            Skip.IfNot(SnmpdAgent.HasWalk(Walk), SnmpdAgent.MissingWalk(Walk));
        }

        private static Task<SnmpClient> Connect(SnmpdAgent agent, Action<SnmpClientOptions> configure)
        {
            var options = new SnmpClientOptions { Port = agent.Port, Timeout = TimeSpan.FromMilliseconds(500), Retries = 1 };
            configure(options);
            return SnmpClient.ConnectAsync(options);
        }

        private static Action<SnmpClientOptions> V3(string user, SnmpSecurityLevel level, UsmAuthProtocol auth, UsmPrivProtocol priv,
            string authPassword = SnmpdAgent.AuthPassword, string privPassword = SnmpdAgent.PrivPassword) => o =>
        {
            o.Version = SnmpVersion.V3;
            o.SecurityName = user;
            o.SecurityLevel = level;
            o.AuthProtocol = auth;
            o.AuthPassword = authPassword;
            o.PrivProtocol = priv;
            o.PrivPassword = privPassword;
        };

        [SkippableFact]
        public async Task AllVersionsAndSecurityLevelsReadTheWalk()
        {
            Require();
            using var agent = await SnmpdAgent.StartAsync(Walk);
            var variants = new (string Name, Action<SnmpClientOptions> Configure)[]
            {
                ("v1", o => o.Version = SnmpVersion.V1),
                ("v2c", o => o.Version = SnmpVersion.V2c),
                ("v3 SHA/AES authPriv", V3("shaaes", SnmpSecurityLevel.AuthPriv, UsmAuthProtocol.Sha1, UsmPrivProtocol.Aes128)),
                ("v3 MD5 authNoPriv", V3("md5user", SnmpSecurityLevel.AuthNoPriv, UsmAuthProtocol.Md5, UsmPrivProtocol.None)),
                ("v3 MD5/DES authPriv", V3("md5des", SnmpSecurityLevel.AuthPriv, UsmAuthProtocol.Md5, UsmPrivProtocol.Des)),
                ("v3 SHA-256/AES authPriv", V3("sha256aes", SnmpSecurityLevel.AuthPriv, UsmAuthProtocol.Sha256, UsmPrivProtocol.Aes128)),
            };
            foreach (var (name, configure) in variants)
            {
                using var client = await Connect(agent, configure);
                var r = await client.GetAsync(new[] { "1.3.6.1.2.1.1.2.0", ModelOid });
                Assert.True(r.ErrorStatus == 0, name);
                Assert.Equal("1.3.6.1.4.1.318.1.3.27", r.VarBinds[0].Value.Oid);
                Assert.Equal("Smart-UPS X 750", r.VarBinds[1].Value.BytesAsText);
            }
        }

        [SkippableFact]
        public async Task MissingOidsV1NoSuchNameV2cException()
        {
            Require();
            using var agent = await SnmpdAgent.StartAsync(Walk);
            using (var v1 = await Connect(agent, o => o.Version = SnmpVersion.V1))
            {
                var r = await v1.GetAsync(new[] { ModelOid, "1.3.6.1.4.1.318.1.1.1.99.0" });
                Assert.Equal(SnmpErrorStatus.NoSuchName, r.Error);
                Assert.Equal(2, r.ErrorIndex);
            }
            using (var v2 = await Connect(agent, o => o.Version = SnmpVersion.V2c))
            {
                var r = await v2.GetAsync(new[] { ModelOid, "1.3.6.1.4.1.318.1.1.1.99.0" });
                Assert.Equal(0, r.ErrorStatus);
                Assert.True(r.VarBinds[1].Value.IsException);
            }
        }

        [SkippableFact]
        public async Task WalkWithGetBulkMatchesGetNextWalk()
        {
            Require();
            using var agent = await SnmpdAgent.StartAsync(Walk);
            using var v1 = await Connect(agent, o => o.Version = SnmpVersion.V1);
            using var v2 = await Connect(agent, o => o.Version = SnmpVersion.V2c);
            await v1.WalkAsync("1.3.6.1.4.1.318.1.1.1"); // warms up the agent's pass_persist helper
            var before = v1.PdusSent;
            var a = await v1.WalkAsync("1.3.6.1.4.1.318.1.1.1");
            var sentV1 = v1.PdusSent - before;
            var b = await v2.WalkAsync("1.3.6.1.4.1.318.1.1.1");
            Assert.True(a.Count >= 10, $"{a.Count} rows");
            Assert.Equal(a.Select(x => x.ToString()), b.Select(x => x.ToString()));
            Assert.True(v2.PdusSent * 5 < sentV1, $"GETBULK used {v2.PdusSent} PDUs, GETNEXT {sentV1} for {a.Count} rows");
        }

        [SkippableFact]
        public async Task WrongCredentialsGiveErrorsThatSayWhich()
        {
            Require();
            using var agent = await SnmpdAgent.StartAsync(Walk);
            async Task<SnmpException> Fail(Action<SnmpClientOptions> configure)
            {
                using var client = await Connect(agent, configure);
                return await Assert.ThrowsAnyAsync<SnmpException>(() => client.GetAsync(new[] { ModelOid }));
            }

            var community = await Fail(o => { o.Version = SnmpVersion.V2c; o.Community = "wrong"; });
            Assert.IsType<SnmpTimeoutException>(community);
            Assert.Contains("community", community.Message);
            Assert.DoesNotContain("wrong", community.Message.Replace("wrong community", ""));

            var digest = (SnmpAuthenticationException)await Fail(V3("md5user", SnmpSecurityLevel.AuthNoPriv, UsmAuthProtocol.Md5, UsmPrivProtocol.None, authPassword: "not-the-password"));
            Assert.Equal(SnmpAuthFailure.WrongDigest, digest.Failure);
            Assert.Contains("authPassword", digest.Message);
            Assert.DoesNotContain("not-the-password", digest.Message);

            var user = (SnmpAuthenticationException)await Fail(V3("nobody", SnmpSecurityLevel.AuthNoPriv, UsmAuthProtocol.Md5, UsmPrivProtocol.None));
            Assert.Equal(SnmpAuthFailure.UnknownUserName, user.Failure);

            var level = (SnmpAuthenticationException)await Fail(V3("md5user", SnmpSecurityLevel.AuthPriv, UsmAuthProtocol.Md5, UsmPrivProtocol.Des));
            Assert.Equal(SnmpAuthFailure.UnsupportedSecurityLevel, level.Failure);

            var priv = await Fail(V3("shaaes", SnmpSecurityLevel.AuthPriv, UsmAuthProtocol.Sha1, UsmPrivProtocol.Aes128, privPassword: "wrong-priv-pass"));
            Assert.Contains("privPassword", priv.Message);
        }

        [SkippableFact]
        public async Task V3SessionSurvivesAgentRestart()
        {
            Require();
            using var agent = await SnmpdAgent.StartAsync(Walk);
            using var client = await Connect(agent, V3("shaaes", SnmpSecurityLevel.AuthPriv, UsmAuthProtocol.Sha1, UsmPrivProtocol.Aes128));
            await client.GetAsync(new[] { ModelOid });
            var boots = client.EngineBoots;
            var engine = client.EngineId;

            await agent.StopAsync();
            await Assert.ThrowsAsync<SnmpTimeoutException>(() => client.GetAsync(new[] { ModelOid }));
            await agent.RestartAsync();

            var r = await client.GetAsync(new[] { ModelOid });
            Assert.Equal("Smart-UPS X 750", r.VarBinds[0].Value.BytesAsText);
            Assert.Equal(engine, client.EngineId);
            Assert.True(client.EngineBoots > boots, $"boots {boots} -> {client.EngineBoots}");
        }

        /// <summary>
        /// Nothing listens (an agent restarting): the ICMP "port unreachable" answers must count as silence on send as
        /// well as on receive, so the caller gets the SNMP timeout, never a socket error.
        /// </summary>
        [Fact]
        public async Task AClosedPortIsSilenceNotASocketError()
        {
            using var client = await SnmpClient.ConnectAsync(new SnmpClientOptions
            {
                Port = SnmpdAgent.FreeUdpPort(), Version = SnmpVersion.V2c, Timeout = TimeSpan.FromMilliseconds(60), Retries = 4,
            });
            for (var i = 0; i < 3; i++)
                await Assert.ThrowsAsync<SnmpTimeoutException>(() => client.GetAsync(new[] { "1.3.6.1.2.1.1.2.0" }));
            Assert.True(client.PdusSent >= 15, $"every try was sent: {client.PdusSent}");
        }

        /// <summary>Back-to-back sends to a closed port: each ICMP error surfaces on a later send, which must not throw.</summary>
        [Fact]
        public async Task SendsToAClosedPortDoNotThrow()
        {
            using var transport = await UdpSnmpTransport.ConnectAsync("127.0.0.1", SnmpdAgent.FreeUdpPort());
            var datagram = new byte[] { 0x30, 0x00 };
            for (var i = 0; i < 200; i++)
            {
                await transport.SendAsync(datagram, default);
                if (i % 20 == 0) await Task.Delay(2); // let ICMP answers queue up on the socket between bursts
            }
        }
    }
}
