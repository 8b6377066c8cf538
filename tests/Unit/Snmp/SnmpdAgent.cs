using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Snmp;
using UpsPS.Tests.Unit.Support;

namespace UpsPS.Tests.Unit.Snmp
{
    /// <summary>
    /// A real net-snmp snmpd on a free loopback UDP port serving one .snmprec walk through a pass_persist
    /// script, with communities public (ro) / private (rw) and v3 users:
    /// shaaes (SHA/AES authPriv), md5user (MD5 authNoPriv), md5des (MD5/DES authPriv), sha256aes (SHA-256/AES authPriv),
    /// sha224aes / sha224auth (SHA-224), sha384aes192, sha512aes256, shades, md5aes256 (one user per NUT protocol name).
    /// The persistent directory survives <see cref="RestartAsync"/>, so a restart keeps the engine id and bumps engineBoots.
    /// </summary>
    public sealed class SnmpdAgent : IDisposable
    {
        public const string SnmpdPath = "/usr/sbin/snmpd";
        public const string TestDataDirectory = "/work/shared/testdata/snmp";
        public const string AuthPassword = "authpass123";
        public const string PrivPassword = "privpass123";

        private readonly string _root;
        private Process? _process;
        private readonly StringBuilder _output = new StringBuilder();

        public static bool Available => File.Exists(SnmpdPath) && File.Exists("/usr/bin/python3");
        public static string MissingMessage => $"net-snmp agent not installed ({SnmpdPath}; apt-get install snmpd) or python3 missing";

        public static string WalkPath(string name) => Path.Combine(TestDataDirectory, name + ".snmprec");
        public static bool HasWalk(string name) => File.Exists(WalkPath(name));
        public static string MissingWalk(string name) => $"test data {WalkPath(name)} not present (shared testdata absent)";

        private SnmpdAgent(string walk)
        {
            WalkFile = walk;
            _root = Path.Combine(Path.GetTempPath(), "upsps-snmpd-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(_root, "persist"));
            Port = FreeUdpPort();
        }

        public string WalkFile { get; }
        public int Port { get; }
        public string Address => $"127.0.0.1:{Port}";
        public string Output { get { lock (_output) return _output.ToString(); } }

        public static Task<SnmpdAgent> StartAsync(string walkName) => StartFromFileAsync(WalkPath(walkName));

        /// <summary>Serves any .snmprec file, e.g. one a test composed itself.</summary>
        public static async Task<SnmpdAgent> StartFromFileAsync(string snmprecPath)
        {
            var agent = new SnmpdAgent(snmprecPath);
            try
            {
                agent.WriteConfig();
                await agent.LaunchAsync().ConfigureAwait(false);
                return agent;
            }
            catch
            {
                agent.Dispose();
                throw;
            }
        }

        public static int FreeUdpPort()
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        }

        private void WriteConfig()
        {
            var script = Path.Combine(AppContext.BaseDirectory, "Snmp", "Agent", "snmprec_pass_persist.py");
            var pass = $"/usr/bin/python3 {script} {WalkFile}";
            File.WriteAllText(Path.Combine(_root, "snmpd.conf"),
$@"agentAddress udp:127.0.0.1:{Port}
rocommunity public 127.0.0.1
rwcommunity private 127.0.0.1
createUser shaaes SHA ""{AuthPassword}"" AES ""{PrivPassword}""
createUser md5user MD5 ""{AuthPassword}""
createUser md5des MD5 ""{AuthPassword}"" DES ""{PrivPassword}""
createUser sha256aes SHA-256 ""{AuthPassword}"" AES ""{PrivPassword}""
createUser sha224aes SHA-224 ""{AuthPassword}"" AES ""{PrivPassword}""
createUser sha224auth SHA-224 ""{AuthPassword}""
createUser sha384aes192 SHA-384 ""{AuthPassword}"" AES-192 ""{PrivPassword}""
createUser sha512aes256 SHA-512 ""{AuthPassword}"" AES-256 ""{PrivPassword}""
createUser shades SHA ""{AuthPassword}"" DES ""{PrivPassword}""
createUser md5aes256 MD5 ""{AuthPassword}"" AES-256 ""{PrivPassword}""
rwuser shaaes priv
rouser md5user auth
rwuser md5des priv
rwuser sha256aes priv
rouser sha224aes priv
rouser sha224auth auth
rouser sha384aes192 priv
rouser sha512aes256 priv
rouser shades priv
rouser md5aes256 priv
pass_persist -p 1 .1.3.6.1.2.1 {pass}
pass_persist -p 1 .1.3.6.1.4.1 {pass}
");
        }

        private async Task LaunchAsync()
        {
            var start = new ProcessStartInfo(SnmpdPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // SNMPCONFPATH: only our config and our persistent state (engineID, engineBoots) are read;
            // -I -...: the walk, not this host, answers the system and interfaces groups.
            foreach (var a in new[] { "-f", "-Lo", "-I", "-system_mib,sysORTable,interfaces,ifTable,ifXTable,ip,tcp,udp,icmp,at,hrSystem" })
                start.ArgumentList.Add(a);
            start.Environment["SNMP_PERSISTENT_DIR"] = Path.Combine(_root, "persist");
            start.Environment["SNMPCONFPATH"] = _root + ":" + Path.Combine(_root, "persist");
            start.Environment["MIBS"] = "";
            start.Environment["MIBDIRS"] = Path.Combine(_root, "no-mibs");
            var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;

            using var client = await SnmpClient.ConnectAsync(new SnmpClientOptions
            {
                Port = Port, Version = SnmpVersion.V2c, Timeout = TimeSpan.FromMilliseconds(200), Retries = 0,
            }).ConfigureAwait(false);
            await Poll.UntilAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException("snmpd exited:\n" + Output);
                try
                {
                    var r = await client.GetNextAsync(new[] { "1.3.6.1.2.1" }).ConfigureAwait(false);
                    return r.VarBinds.Count > 0 && !r.VarBinds[0].Value.IsException;
                }
                catch (SnmpException) { return false; }
            }, TimeSpan.FromSeconds(15), () => "snmpd did not answer:\n" + Output).ConfigureAwait(false);
        }

        /// <summary>Stops snmpd (the port goes silent) and starts it again with the same persistent state.</summary>
        public async Task RestartAsync()
        {
            await StopAsync().ConfigureAwait(false);
            await LaunchAsync().ConfigureAwait(false);
        }

        /// <summary>SIGTERM, so snmpd saves its persistent state (engineBoots) like a clean agent restart.</summary>
        public async Task StopAsync()
        {
            if (_process == null) return;
            if (!_process.HasExited)
            {
                using var kill = Process.Start("/bin/kill", new[] { "-TERM", _process.Id.ToString() });
                kill?.WaitForExit(5000);
                await Poll.UntilAsync(() => _process.HasExited, TimeSpan.FromSeconds(10), () => "snmpd did not stop").ConfigureAwait(false);
            }
            Kill();
        }

        public void Kill()
        {
            if (_process == null) return;
            try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } }
            catch (InvalidOperationException) { }
            _process.Dispose();
            _process = null;
        }

        public void Dispose()
        {
            Kill();
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
