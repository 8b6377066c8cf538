using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace UpsPS.Tests.Unit.Support
{
    /// <summary>
    /// Starts the real NUT 2.8.0 programs for interop tests. Note: /sbin/upsd on Debian is a wrapper script that
    /// refuses to run unless /etc/nut/nut.conf sets MODE, so the binary in /lib/nut is used directly.
    /// </summary>
    public static class NutProcesses
    {
        public const string UpsdPath = "/lib/nut/upsd";
        public const string DummyUpsPath = "/lib/nut/dummy-ups";
        public const string UpscPath = "/usr/bin/upsc";
        public const string UpsrwPath = "/usr/bin/upsrw";
        public const string UpscmdPath = "/usr/bin/upscmd";

        public static bool HasUpsd => File.Exists(UpsdPath) && File.Exists(UpscPath);
        public static bool HasDummyUps => File.Exists(DummyUpsPath);
        public static string MissingMessage => $"real NUT binaries not installed ({UpsdPath}, {DummyUpsPath}, {UpscPath})";

        /// <summary>A TCP port nobody listens on right now.</summary>
        public static int FreeTcpPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>Runs <c>upsd -F -u root</c> on the given config/state directories and waits until it listens.</summary>
        public static async Task<NutProcess> StartUpsdAsync(NutConfigDirectory config, TimeSpan? timeout = null)
        {
            var process = NutProcess.Start(UpsdPath, new[] { "-F", "-u", "root" }, config);
            try
            {
                await Poll.UntilAsync(() => IsListening(config.Port), timeout ?? TimeSpan.FromSeconds(10),
                    () => $"upsd did not start listening on {config.Port}:\n{process.Output}").ConfigureAwait(false);
            }
            catch
            {
                process.Dispose();
                throw;
            }
            return process;
        }

        /// <summary>Runs the real dummy-ups for section <paramref name="upsName"/> and waits for its socket.</summary>
        public static async Task<NutProcess> StartDummyUpsAsync(NutConfigDirectory config, string upsName, TimeSpan? timeout = null)
        {
            var process = NutProcess.Start(DummyUpsPath, new[] { "-a", upsName, "-F", "-u", "root" }, config);
            var socket = Path.Combine(config.StatePath, "dummy-ups-" + upsName);
            try
            {
                await Poll.UntilAsync(() => File.Exists(socket), timeout ?? TimeSpan.FromSeconds(10),
                    () => $"dummy-ups did not create {socket}:\n{process.Output}").ConfigureAwait(false);
            }
            catch
            {
                process.Dispose();
                throw;
            }
            return process;
        }

        public static Task<ToolResult> UpscAsync(string target, string? variable = null) =>
            RunToolAsync(UpscPath, variable == null ? new[] { target } : new[] { target, variable });

        public static Task<ToolResult> UpsrwSetAsync(string target, string user, string password, string variable, string value) =>
            RunToolAsync(UpsrwPath, new[] { "-s", variable + "=" + value, "-u", user, "-p", password, "-w", target });

        public static Task<ToolResult> UpscmdAsync(string target, string user, string password, string command, string? value = null)
        {
            var args = new List<string> { "-u", user, "-p", password, "-w", target, command };
            if (value != null) args.Add(value);
            return RunToolAsync(UpscmdPath, args);
        }

        /// <summary>Polls upsc until the device serves real data (not DATA-STALE / DRIVER-NOT-CONNECTED / WAIT).</summary>
        public static async Task<ToolResult> WaitForDataAsync(string target, TimeSpan timeout)
        {
            ToolResult? last = null;
            await Poll.UntilAsync(async () =>
            {
                last = await UpscAsync(target, "ups.status").ConfigureAwait(false);
                return last.ExitCode == 0 && last.StdOut.Trim().Length > 0 && last.StdOut.Trim() != "WAIT";
            }, timeout, () => $"{target} never served data: {last}").ConfigureAwait(false);
            return await UpscAsync(target).ConfigureAwait(false);
        }

        public static async Task<ToolResult> RunToolAsync(string path, IEnumerable<string> args, TimeSpan? timeout = null)
        {
            var psi = new ProcessStartInfo(path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
            try { await process.WaitForExitAsync(cts.Token).ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw new TimeoutException($"{path} {string.Join(" ", args)} did not finish");
            }
            return new ToolResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }

        private static bool IsListening(int port)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException) { return false; }
        }
    }

    public sealed record ToolResult(int ExitCode, string StdOut, string StdErr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
    }

    /// <summary>A temporary NUT configuration + state directory (NUT_CONFPATH / NUT_STATEPATH) with a free port.</summary>
    public sealed class NutConfigDirectory : IDisposable
    {
        public NutConfigDirectory()
        {
            Root = Path.Combine(Path.GetTempPath(), "upsps-nut-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            ConfigPath = Path.Combine(Root, "etc");
            StatePath = Path.Combine(Root, "state");
            Directory.CreateDirectory(ConfigPath);
            Directory.CreateDirectory(StatePath);
            Port = NutProcesses.FreeTcpPort();
            WriteUpsdConf();
            WriteUpsdUsers();
        }

        public string Root { get; }
        public string ConfigPath { get; }
        public string StatePath { get; }
        public int Port { get; }
        public string AdminUser => "admin";
        public string AdminPassword => "secret";

        public string Target(string upsName) => $"{upsName}@127.0.0.1:{Port}";

        public void WriteFile(string name, string content) => File.WriteAllText(Path.Combine(ConfigPath, name), content);

        public void WriteUpsConf(string content) => WriteFile("ups.conf", content);

        public void WriteUpsdConf(string? extra = null) =>
            WriteFile("upsd.conf", $"LISTEN 127.0.0.1 {Port}\n{extra}");

        public void WriteUpsdUsers() =>
            WriteFile("upsd.users", $"[{AdminUser}]\n  password = {AdminPassword}\n  actions = SET FSD\n  instcmds = ALL\n");

        public void Dispose()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A started NUT program; disposing stops exactly this process (by its own handle) and waits for it.</summary>
    public sealed class NutProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();

        private NutProcess(Process process) { _process = process; }

        public static NutProcess Start(string path, IEnumerable<string> args, NutConfigDirectory config)
        {
            var psi = new ProcessStartInfo(path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment["NUT_CONFPATH"] = config.ConfigPath;
            psi.Environment["NUT_STATEPATH"] = config.StatePath;
            var process = new Process { StartInfo = psi };
            var result = new NutProcess(process);
            process.OutputDataReceived += (_, e) => result.Append(e.Data);
            process.ErrorDataReceived += (_, e) => result.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return result;
        }

        public int Id => _process.Id;
        public bool HasExited => _process.HasExited;

        public string Output { get { lock (_output) return _output.ToString(); } }

        private void Append(string? line)
        {
            if (line == null) return;
            lock (_output) _output.AppendLine(line);
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill();
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }
    }
}
