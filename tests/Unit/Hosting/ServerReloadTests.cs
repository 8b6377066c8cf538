using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using UpsPS.Engine.Client;
using UpsPS.Engine.Config;
using UpsPS.Engine.Hosting;
using UpsPS.Tests.Unit.Support;
using Xunit;

namespace UpsPS.Tests.Unit.Hosting
{
    /// <summary>Reloading a running server's files, as upsd does on SIGHUP.</summary>
    public sealed class ServerReloadTests : IAsyncLifetime
    {
        private readonly NutConfigDirectory _config = new NutConfigDirectory();
        private UpsPSServer? _server;

        public async Task InitializeAsync()
        {
            _config.WriteFile("a.dev", "ups.status: OL\nbattery.charge: 100\n");
            _config.WriteFile("b.dev", "ups.status: OB\nbattery.charge: 42\n");
            _config.WriteUpsConf("[one]\n  driver = dummy-ups\n  port = a.dev\n  desc = \"first\"\n[two]\n  driver = dummy-ups\n  port = a.dev\n");
            _server = await UpsPSServer.StartAsync(_config);
        }

        public async Task DisposeAsync()
        {
            if (_server != null) await _server.DisposeAsync();
            _config.Dispose();
        }

        private UpsServerHost Host => _server!.Host;

        private async Task<NutClient> ConnectAsync()
        {
            var client = new NutClient("127.0.0.1", _config.Port);
            await client.ConnectAsync();
            return client;
        }

        private static Task WaitForValueAsync(NutClient client, string ups, string variable, string expected) =>
            Poll.UntilAsync(async () =>
            {
                try { return await client.GetVariableAsync(ups, variable) == expected; }
                catch (NutException) { return false; }
            }, TimeSpan.FromSeconds(15), () => $"{ups} {variable} never became {expected}");

        [Fact]
        public async Task Added_removed_redefined_and_redescribed_devices_follow_the_new_ups_conf()
        {
            await using var client = await ConnectAsync();
            await WaitForValueAsync(client, "two", "battery.charge", "100");

            _config.WriteUpsConf("[one]\n  driver = dummy-ups\n  port = a.dev\n  desc = \"renamed\"\n" +
                                 "[two]\n  driver = dummy-ups\n  port = b.dev\n" +
                                 "[three]\n  driver = dummy-ups\n  port = b.dev\n");
            var report = await Host.ReloadAsync();

            Assert.Equal(new[] { "three" }, report.Added);
            Assert.Equal(new[] { "two" }, report.Redefined);
            Assert.Empty(report.Removed);
            await WaitForValueAsync(client, "two", "battery.charge", "42");
            await WaitForValueAsync(client, "three", "ups.status", "OB");
            Assert.Equal("renamed", await client.GetUpsDescriptionAsync("one"));
            Assert.Equal("100", await client.GetVariableAsync("one", "battery.charge"));
            Assert.Equal(3, Host.Drivers.Count);

            _config.WriteUpsConf("[three]\n  driver = dummy-ups\n  port = b.dev\n");
            report = await Host.ReloadAsync();
            Assert.Equal(new[] { "one", "two" }, report.Removed.OrderBy(n => n));
            var gone = await Assert.ThrowsAsync<NutException>(() => client.GetVariableAsync("one", "ups.status"));
            Assert.Equal(NutErrorCode.UnknownUps, gone.Code);
            Assert.Equal(new[] { "three" }, (await client.ListUpsAsync()).Select(u => u.Name));
            Assert.Single(Host.Drivers);
        }

        [Fact]
        public async Task A_bad_file_changes_nothing_and_names_its_line()
        {
            await using var client = await ConnectAsync();
            await WaitForValueAsync(client, "one", "ups.status", "OL");
            _config.WriteUpsConf("[one]\n  driver = dummy-ups\n  port = a.dev\n[broken\n");

            var error = await Assert.ThrowsAsync<ConfigException>(() => Host.ReloadAsync());

            Assert.Contains("ups.conf", error.Message);
            Assert.Contains(":4", error.Message);
            Assert.Equal(new[] { "one", "two" }, (await client.ListUpsAsync()).Select(u => u.Name));
            Assert.Equal("OL", await client.GetVariableAsync("two", "ups.status"));
        }

        [Fact]
        public async Task Users_are_checked_against_the_reloaded_upsd_users_from_the_next_command()
        {
            await using var client = await ConnectAsync();
            await WaitForValueAsync(client, "one", "ups.status", "OL");
            await client.AuthenticateAsync(new NutCredential("operator", new NetworkCredential("", "op-pw").SecurePassword));
            var denied = await Assert.ThrowsAsync<NutException>(() => client.SetVariableAsync("one", "ups.status", "OB"));
            Assert.Equal(NutErrorCode.AccessDenied, denied.Code);

            _config.WriteFile("upsd.users", "[operator]\n  password = op-pw\n  actions = SET\n");
            var report = await Host.ReloadAsync();
            Assert.Equal(1, report.Users);

            await client.SetVariableAsync("one", "ups.status", "OB");
            await WaitForValueAsync(client, "one", "ups.status", "OB");
        }

        [Fact]
        public async Task Listener_changes_are_reported_as_needing_a_restart_and_the_old_listener_keeps_serving()
        {
            _config.WriteFile("upsd.conf", $"LISTEN 127.0.0.1 {NutProcesses.FreeTcpPort()}\nMAXAGE 30\n");

            var report = await Host.ReloadAsync();

            Assert.Contains(report.Warnings, w => w.Contains("LISTEN") && w.Contains("restart"));
            Assert.Equal(30, Host.Server.State.Config.MaxAge);
            await using var client = await ConnectAsync();
            await WaitForValueAsync(client, "one", "ups.status", "OL");
        }

        [Fact]
        public void Only_a_changed_driver_setup_redefines_a_device()
        {
            var before = UpsConfReader.Parse("[a]\n driver = x\n port = p\n desc = d1\n[b]\n driver = x\n port = p\n[c]\n driver = x\n port = p\n", "old").CompleteSections;
            var after = UpsConfReader.Parse("[A]\n port = p\n driver = x\n desc = d2\n[b]\n driver = x\n port = p\n pollinterval = 5\n[d]\n driver = x\n port = p\n", "new").CompleteSections;

            var changes = DeviceChanges.Between(before, after);

            Assert.Equal(new[] { "A" }, changes.Kept.Select(s => s.Name));
            Assert.Equal(new[] { "b" }, changes.Redefined.Select(s => s.Name));
            Assert.Equal(new[] { "d" }, changes.Added.Select(s => s.Name));
            Assert.Equal(new[] { "c" }, changes.Removed);
        }
    }
}
