using System;
using System.Linq;
using System.Threading.Tasks;
using UpsPS.Engine.Client;
using Xunit;

namespace UpsPS.Tests.Unit.Client
{
    /// <summary>One real upsd 2.8.0 + dummy-ups per test class.</summary>
    public sealed class RealNutServerFixture : IAsyncLifetime
    {
        public RealNutServer? Server { get; private set; }

        public async Task InitializeAsync()
        {
            if (RealNutServer.Available) Server = await RealNutServer.StartAsync();
        }

        public async Task DisposeAsync()
        {
            if (Server != null) await Server.DisposeAsync();
        }
    }

    public class NutClientInteropTests : IClassFixture<RealNutServerFixture>
    {
        private const string Ups = RealNutServer.UpsName;
        private readonly RealNutServer? _server;

        public NutClientInteropTests(RealNutServerFixture fixture) => _server = fixture.Server;

        private RealNutServer Server
        {
            get
            {
                Skip.If(_server == null, RealNutServer.SkipReason);
                return _server!;
            }
        }

        [SkippableFact]
        public async Task Probes_version_and_reads_server_info()
        {
            await using var client = Server.CreateClient(o => o.TryStartTls = true);
            await client.ConnectAsync();
            Assert.Equal(new Version(1, 3), client.ProtocolVersion);
            Assert.False(client.IsTls);
            Assert.StartsWith("Network UPS Tools upsd", await client.GetServerVersionAsync());
        }

        [SkippableFact]
        public async Task Lists_and_gets()
        {
            await using var client = Server.CreateClient();
            var ups = Assert.Single(await client.ListUpsAsync());
            Assert.Equal(new NutUpsEntry(Ups, "Dummy UPS for tests"), ups);
            Assert.Equal("Dummy UPS for tests", await client.GetUpsDescriptionAsync(Ups));

            var vars = await client.ListVariablesAsync(Ups);
            Assert.Contains(new NutVariableValue("ups.model", "Model 1"), vars);
            Assert.Equal("Model 1", await client.GetVariableAsync(Ups, "ups.model"));
            Assert.NotEmpty(await client.ListWritableAsync(Ups));

            var type = await client.GetTypeAsync(Ups, "ups.mfr");
            Assert.True(type.IsString);
            Assert.True(type.MaxLength > 0);
            Assert.Equal("UPS manufacturer", await client.GetDescriptionAsync(Ups, "ups.mfr"));

            Assert.Contains("load.off", await client.ListCommandsAsync(Ups));
            Assert.Equal("Turn off the load immediately", await client.GetCommandDescriptionAsync(Ups, "load.off"));
            Assert.Empty(await client.ListEnumAsync(Ups, "ups.id"));
            Assert.Empty(await client.ListRangeAsync(Ups, "ups.id"));
        }

        [SkippableFact]
        public async Task Errors_map_to_codes()
        {
            await using var client = Server.CreateClient();
            Assert.Equal(NutErrorCode.UnknownUps, (await Assert.ThrowsAsync<NutException>(() => client.GetVariableAsync("nosuch", "ups.status"))).Code);
            Assert.Equal(NutErrorCode.VarNotSupported, (await Assert.ThrowsAsync<NutException>(() => client.GetVariableAsync(Ups, "no.such"))).Code);
            Assert.Equal(NutErrorCode.UnknownUps, (await Assert.ThrowsAsync<NutException>(() => client.ListVariablesAsync("nosuch"))).Code);
            Assert.Equal(NutErrorCode.UsernameRequired, (await Assert.ThrowsAsync<NutException>(() => client.LoginAsync(Ups))).Code);
            // The connection stays usable after ERR replies.
            Assert.Equal("OL", await client.GetVariableAsync(Ups, "ups.status"));
        }

        [SkippableFact]
        public async Task Wrong_password_is_denied_at_the_privileged_command()
        {
            await using var client = Server.CreateClient();
            await client.AuthenticateAsync(new NutCredential(RealNutServer.AdminUser, "wrong".ToCharArray()));
            var ex = await Assert.ThrowsAsync<NutException>(() => client.SetVariableAsync(Ups, "ups.id", "x"));
            Assert.Equal(NutErrorCode.AccessDenied, ex.Code);
        }

        [SkippableFact]
        public async Task Login_primary_numlogins_and_list_client()
        {
            await using var client = Server.CreateClient();
            await client.AuthenticateAsync(RealNutServer.Admin());
            var before = await client.GetNumLoginsAsync(Ups);
            await client.LoginAsync(Ups);
            Assert.Equal("PRIMARY", await client.PrimaryAsync(Ups));
            Assert.Equal(before + 1, await client.GetNumLoginsAsync(Ups));
            Assert.Contains(await client.ListClientsAsync(Ups), c => c.Address == "127.0.0.1" && c.UpsName == Ups);
            Assert.Equal(NutErrorCode.AlreadyLoggedIn, (await Assert.ThrowsAsync<NutException>(() => client.LoginAsync(Ups))).Code);
            await client.LogoutAsync();
            Assert.False(client.IsConnected);
        }

        [SkippableFact]
        public async Task Secondary_user_cannot_be_primary()
        {
            await using var client = Server.CreateClient();
            await client.AuthenticateAsync(new NutCredential(RealNutServer.MonitorUser, RealNutServer.MonitorPassword.ToCharArray()));
            await client.LoginAsync(Ups);
            Assert.Equal(NutErrorCode.AccessDenied, (await Assert.ThrowsAsync<NutException>(() => client.PrimaryAsync(Ups))).Code);
        }

        [SkippableFact]
        public async Task Set_var_with_tracking_succeeds_and_changes_the_value()
        {
            await using var client = Server.CreateClient();
            await client.AuthenticateAsync(RealNutServer.Admin());
            var value = "t" + Guid.NewGuid().ToString("N").Substring(0, 6);
            var result = await client.SetVariableTrackedAsync(Ups, "ups.id", value, TimeSpan.FromSeconds(10));
            Assert.Equal(NutTrackingStatus.Success, result.Status);
            Assert.Matches("^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$", result.Id);
            await RealNutServer.WaitUntilAsync(async () => await client.GetVariableAsync(Ups, "ups.id") == value, TimeSpan.FromSeconds(10), "ups.id to change");
            Assert.True(await client.GetTrackingSwitchAsync());
        }

        [SkippableFact]
        public async Task Set_var_without_tracking_returns_no_id()
        {
            await using var client = Server.CreateClient();
            await client.AuthenticateAsync(RealNutServer.Admin());
            Assert.Null(await client.SetVariableAsync(Ups, "battery.runtime", "1700"));
            Assert.False(client.TrackingEnabled);
        }

        [SkippableFact]
        public async Task Instcmd_with_tracking_reports_the_drivers_verdict()
        {
            await using var client = Server.CreateClient();
            await client.AuthenticateAsync(RealNutServer.Admin());
            // dummy-ups 2.8.0 lists load.off but does not handle it: the tracked result is ERR UNKNOWN.
            var result = await client.InstantCommandTrackedAsync(Ups, "load.off", null, TimeSpan.FromSeconds(10));
            Assert.Equal(NutTrackingStatus.Failed, result.Status);
            Assert.Equal(NutErrorCode.Unknown, result.ErrorCode);
            var withParam = await client.InstantCommandTrackedAsync(Ups, "load.off", "5", TimeSpan.FromSeconds(10));
            Assert.True(withParam.IsCompleted);
            Assert.Equal(NutErrorCode.CmdNotSupported,
                (await Assert.ThrowsAsync<NutException>(() => client.InstantCommandAsync(Ups, "no.such.cmd"))).Code);
        }

        [SkippableFact]
        public async Task Get_tracking_without_tracking_on_is_feature_not_configured()
        {
            await using var client = Server.CreateClient();
            var ex = await Assert.ThrowsAsync<NutException>(() => client.GetTrackingAsync("2DDC5036-F665-4D29-BE4C-0374D091D263"));
            Assert.Equal(NutErrorCode.FeatureNotConfigured, ex.Code);
        }
    }

    /// <summary>Needs its own server because it restarts upsd and sets the FSD latch.</summary>
    public class NutClientRestartTests
    {
        [SkippableFact]
        public async Task Reconnects_and_relogs_in_after_upsd_restarts()
        {
            Skip.IfNot(RealNutServer.Available, RealNutServer.SkipReason);
            await using var server = await RealNutServer.StartAsync();
            await using var client = server.CreateClient(o => o.AutoReconnect = true);
            await client.AuthenticateAsync(RealNutServer.Admin());
            await client.LoginAsync(RealNutServer.UpsName);
            await client.PrimaryAsync(RealNutServer.UpsName);
            await client.SetTrackingAsync(true);
            Assert.Equal(1, await client.GetNumLoginsAsync(RealNutServer.UpsName));

            await server.StopUpsdAsync();
            await server.StartUpsdAsync();

            // The first read after the drop reconnects transparently and replays USERNAME/PASSWORD, LOGIN, PRIMARY, tracking.
            Assert.Equal(1, await client.GetNumLoginsAsync(RealNutServer.UpsName));
            Assert.Equal(1, client.ReconnectCount);
            Assert.Equal(RealNutServer.UpsName, client.LoggedInUps);
            Assert.True(await client.GetTrackingSwitchAsync());
            var clients = await client.ListClientsAsync(RealNutServer.UpsName);
            Assert.Single(clients);
        }

        [SkippableFact]
        public async Task Without_auto_reconnect_a_drop_is_reported()
        {
            Skip.IfNot(RealNutServer.Available, RealNutServer.SkipReason);
            await using var server = await RealNutServer.StartAsync();
            await using var client = server.CreateClient();
            await client.ConnectAsync();
            await server.StopUpsdAsync();
            await Assert.ThrowsAsync<NutConnectionException>(() => client.GetVariableAsync(RealNutServer.UpsName, "ups.status"));
            await Assert.ThrowsAsync<NutConnectionException>(() => client.ListUpsAsync());
        }

        [SkippableFact]
        public async Task Fsd_sets_the_latch()
        {
            Skip.IfNot(RealNutServer.Available, RealNutServer.SkipReason);
            await using var server = await RealNutServer.StartAsync();
            await using var client = server.CreateClient();
            await client.AuthenticateAsync(RealNutServer.Admin());
            await client.FsdAsync(RealNutServer.UpsName);
            Assert.StartsWith("FSD ", await client.GetVariableAsync(RealNutServer.UpsName, "ups.status"));
        }
    }
}
