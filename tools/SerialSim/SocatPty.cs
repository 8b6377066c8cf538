using System.Diagnostics;

namespace UpsPS.SerialSim;

/// <summary>
/// A pseudo-terminal at <see cref="LinkPath"/> whose far end is a TCP connection to the simulator, made by
/// <c>socat pty,raw,echo=0,link=PATH tcp:127.0.0.1:PORT</c>. Stopping it makes the port vanish; starting again
/// brings it back at the same path.
/// </summary>
public sealed class SocatPty : IDisposable
{
    public const string SocatPath = "/usr/bin/socat";
    private Process? _process;

    public SocatPty(string linkPath, int tcpPort)
    {
        LinkPath = linkPath;
        TcpPort = tcpPort;
    }

    public string LinkPath { get; }
    public int TcpPort { get; }

    public static bool IsAvailable => File.Exists(SocatPath);

    public bool IsRunning => _process != null && !_process.HasExited;

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (IsRunning) return;
        var psi = new ProcessStartInfo(SocatPath)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        // ignoreeof: the driver closing and re-opening the tty must not end the bridge.
        psi.ArgumentList.Add($"pty,raw,echo=0,ignoreeof,link={LinkPath}");
        psi.ArgumentList.Add($"tcp:127.0.0.1:{TcpPort}");
        _process = Process.Start(psi) ?? throw new InvalidOperationException("socat did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!File.Exists(LinkPath))
        {
            if (_process.HasExited) throw new InvalidOperationException($"socat exited with {_process.ExitCode}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"socat did not create {LinkPath}");
            await Task.Delay(20);
        }
    }

    /// <summary>Ends socat gracefully (SIGTERM), so it removes the link: the port vanishes.</summary>
    public void Stop()
    {
        var p = _process;
        _process = null;
        if (p == null) return;
        try
        {
            if (!p.HasExited)
            {
                Process.Start("kill", new[] { "-TERM", p.Id.ToString() })?.WaitForExit();
                if (!p.WaitForExit(3000)) p.Kill();
            }
        }
        catch (InvalidOperationException) { }
        p.Dispose();
        try { if (File.Exists(LinkPath)) File.Delete(LinkPath); } catch (IOException) { }
    }

    public void Dispose() => Stop();
}
