<#
.SYNOPSIS
    Windows: installs Start-UpsMonitor (or Start-UpsServer) as a real Windows service, without NSSM.
.DESCRIPTION
    pwsh.exe cannot be registered directly with New-Service: it does not answer the Service Control Manager,
    which kills it after 30 s (error 1053). This script compiles a ~40-line service host with Windows
    PowerShell's Add-Type (System.ServiceProcess, part of .NET Framework on every Windows), registers it with
    New-Service, and lets it run:
        pwsh.exe -NoProfile -NonInteractive -Command "Import-Module UpsPS; Start-UpsMonitor -ConfigDirectory <dir> -Wait"
    On service stop the host ends that process (the monitor's connections drop, so upsd counts it logged out).
    Run it from an elevated Windows PowerShell 5.1 (powershell.exe): PowerShell 7's Add-Type cannot write an .exe.
.EXAMPLE
    powershell.exe -File .\Install-UpsPSWindowsService.ps1 -ConfigDirectory C:\ProgramData\nut
.EXAMPLE
    powershell.exe -File .\Install-UpsPSWindowsService.ps1 -Server -ServiceName UpsPSServer
#>
#Requires -RunAsAdministrator
param(
    [string] $ConfigDirectory = "$env:ProgramData\nut",
    [string] $ServiceName = 'UpsPSMonitor',
    [switch] $Server,
    [string] $InstallDirectory = "$env:ProgramFiles\UpsPS\service",
    [string] $PwshPath = (Get-Command pwsh.exe -ErrorAction SilentlyContinue).Source
)
$ErrorActionPreference = 'Stop'
if ($PSVersionTable.PSEdition -ne 'Desktop') { throw 'Run this script with Windows PowerShell 5.1 (powershell.exe).' }
if (-not $PwshPath) { throw 'pwsh.exe not found: install PowerShell 7 or pass -PwshPath.' }

$cmdlet = if ($Server) { 'Start-UpsServer' } else { 'Start-UpsMonitor' }
$command = "Import-Module UpsPS; $cmdlet -ConfigDirectory '$($ConfigDirectory -replace "'", "''")' -Wait"
$arguments = "-NoProfile -NonInteractive -Command `"$command`""

$source = @"
using System;
using System.Diagnostics;
using System.ServiceProcess;

public sealed class UpsPSServiceHost : ServiceBase
{
    private Process _child;

    public UpsPSServiceHost() { ServiceName = "$ServiceName"; CanStop = true; CanShutdown = true; }

    protected override void OnStart(string[] args)
    {
        var psi = new ProcessStartInfo(@"$PwshPath", @"$($arguments -replace '"', '""')")
        {
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        _child = Process.Start(psi);
        _child.EnableRaisingEvents = true;
        // The monitor returns after a completed power-fail shutdown, or fails: stop the service either way
        // (recovery options below restart it after a failure).
        _child.Exited += (s, e) => { ExitCode = _child.ExitCode; Stop(); };
    }

    protected override void OnStop() { EndChild(); }
    protected override void OnShutdown() { EndChild(); }

    private void EndChild()
    {
        if (_child != null && !_child.HasExited) { _child.Kill(); _child.WaitForExit(10000); }
    }

    public static void Main() { ServiceBase.Run(new UpsPSServiceHost()); }
}
"@

New-Item -ItemType Directory -Path $InstallDirectory -Force | Out-Null
$exe = Join-Path $InstallDirectory "$ServiceName.exe"
Add-Type -TypeDefinition $source -ReferencedAssemblies System.ServiceProcess -OutputAssembly $exe -OutputType WindowsApplication

if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    Stop-Service -Name $ServiceName -ErrorAction SilentlyContinue
    & sc.exe delete $ServiceName | Out-Null
}
New-Service -Name $ServiceName -BinaryPathName "`"$exe`"" -DisplayName "UpsPS $cmdlet" -StartupType Automatic `
    -Description "UpsPS: $cmdlet -ConfigDirectory $ConfigDirectory -Wait" | Out-Null
# Restart after a failure (5 s, 5 s, 30 s); the failure counter resets after a day.
& sc.exe failure $ServiceName reset= 86400 actions= restart/5000/restart/5000/restart/30000 | Out-Null
Start-Service -Name $ServiceName
Get-Service -Name $ServiceName
# Remove with: Stop-Service UpsPSMonitor; sc.exe delete UpsPSMonitor
