# Shared fixture for the Pester suites: a NUT server with one dummy UPS on a free loopback port.
# -Server Real  : the real NUT 2.8.0 upsd + dummy-ups (Debian nut-server), private config in a temp dir.
# -Server UpsPS : UpsPS's own server and dummy-ups driver (Start-UpsServer), same files.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-UpsPSModulePath {
    Join-Path $script:RepoRoot 'out/UpsPS/UpsPS.psd1'
}

function Import-UpsPSTestModule {
    $path = Get-UpsPSModulePath
    if (-not (Test-Path $path)) { throw "Module not built: run ./build.sh first ($path missing)." }
    Import-Module $path -Force -Global
}

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Test-RealNutAvailable {
    (Test-Path '/lib/nut/upsd') -and (Test-Path '/lib/nut/dummy-ups')
}

function Wait-Until {
    param([scriptblock] $Condition, [int] $TimeoutSeconds = 15, [string] $What = 'condition')
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out waiting for $What." }
        Start-Sleep -Milliseconds 50
    }
}

function Start-UpsTestServer {
    <#
    .SYNOPSIS
    Starts a NUT server with UPS 'dummy' and returns an object with Port, UpsName, Credential (admin),
    MonitorCredential, Directory and the processes. Stop it with Stop-UpsTestServer.
    #>
    [CmdletBinding()]
    param(
        [ValidateSet('Real', 'UpsPS')] [string] $Server = $(if ($env:UPSPS_TEST_SERVER) { $env:UPSPS_TEST_SERVER } else { 'Real' }),
        [string] $UpsName = 'dummy'
    )
    if ($Server -eq 'Real' -and -not (Test-RealNutAvailable)) { throw "Real NUT binaries (/lib/nut/upsd, /lib/nut/dummy-ups) are not installed." }

    $dir = Join-Path ([IO.Path]::GetTempPath()) ("upsps-pester-" + [Guid]::NewGuid().ToString('N'))
    $state = Join-Path $dir 'state'
    New-Item -ItemType Directory -Path $state -Force | Out-Null
    $port = Get-FreeTcpPort
    $adminPassword = 'pester pw'
    Set-Content -Path (Join-Path $dir 'nut.conf') -Value 'MODE=standalone'
    # Absolute port: dummy-ups 2.8.0 plays a relative dummy-once file a second time (dummy-ups.md §3), undoing SETs.
    Set-Content -Path (Join-Path $dir 'ups.conf') -Value "[$UpsName]`n  driver = dummy-ups`n  port = $(Join-Path $dir 'dummy.dev')`n  desc = `"Pester dummy UPS`""
    Set-Content -Path (Join-Path $dir 'dummy.dev') -Value "ups.status: OL`nbattery.charge: 100`nbattery.runtime: 1800`nups.mfr: Fake Corp`nups.model: Model 1`nups.id: abc`ninput.voltage: 230.0"
    Set-Content -Path (Join-Path $dir 'upsd.conf') -Value "LISTEN 127.0.0.1 $port"
    Set-Content -Path (Join-Path $dir 'upsd.users') -Value "[admin]`n  password = `"$adminPassword`"`n  actions = SET FSD`n  instcmds = ALL`n  upsmon primary`n[monuser]`n  password = monpass`n  upsmon secondary"

    if ($Server -eq 'UpsPS') {
        $job = Start-UpsServer -ConfigDirectory $dir -Name "UpsTestServer-$port"
        $result = [pscustomobject]@{
            Server            = $Server
            Port              = $port
            ComputerName      = '127.0.0.1'
            UpsName           = $UpsName
            Directory         = $dir
            Credential        = [pscredential]::new('admin', (ConvertTo-SecureString $adminPassword -AsPlainText -Force))
            MonitorCredential = [pscredential]::new('monuser', (ConvertTo-SecureString 'monpass' -AsPlainText -Force))
            Processes         = @()
            Job               = $job
        }
        Wait-Until {
            try { $null = Get-UpsVariable -UpsName $UpsName -Name input.voltage -ComputerName 127.0.0.1 -Port $port -TimeoutSeconds 2 -ErrorAction Stop; $true }
            catch { $false }
        } -What "UpsPS server on port $port"
        return $result
    }

    $asRoot = if ((id -u) -eq '0') { @('-u', 'root') } else { @() }
    $start = {
        param($exe, $arguments, $log)
        $psi = [System.Diagnostics.ProcessStartInfo]::new($exe)
        foreach ($a in $arguments) { $psi.ArgumentList.Add($a) }
        $psi.WorkingDirectory = $dir
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.Environment['NUT_CONFPATH'] = $dir
        $psi.Environment['NUT_STATEPATH'] = $state
        $psi.Environment['NUT_ALTPIDPATH'] = $state
        $p = [System.Diagnostics.Process]::Start($psi)
        $null = $p.StandardOutput.BaseStream.CopyToAsync([IO.File]::Create((Join-Path $dir "$log.out")))
        $null = $p.StandardError.BaseStream.CopyToAsync([IO.File]::Create((Join-Path $dir "$log.err")))
        $p
    }
    $driver = & $start '/lib/nut/dummy-ups' (@('-a', $UpsName, '-F') + $asRoot) 'driver'
    Wait-Until { Test-Path (Join-Path $state "dummy-ups-$UpsName") } -What 'dummy-ups socket'
    $upsd = & $start '/lib/nut/upsd' (@('-F') + $asRoot) 'upsd'

    $result = [pscustomobject]@{
        Server            = $Server
        Port              = $port
        ComputerName      = '127.0.0.1'
        UpsName           = $UpsName
        Directory         = $dir
        Credential        = [pscredential]::new('admin', (ConvertTo-SecureString $adminPassword -AsPlainText -Force))
        MonitorCredential = [pscredential]::new('monuser', (ConvertTo-SecureString 'monpass' -AsPlainText -Force))
        Processes         = @($upsd, $driver)
    }
    try {
        # dummy-ups loads its .dev over the first update loops: wait for the last variable.
        Wait-Until {
            try { $null = Get-UpsVariable -UpsName $UpsName -Name input.voltage -ComputerName 127.0.0.1 -Port $port -TimeoutSeconds 2 -ErrorAction Stop; $true }
            catch { $false }
        } -What "upsd on port $port"
    }
    catch {
        Stop-UpsTestServer $result
        throw
    }
    $result
}

function Stop-UpsTestServer {
    param([Parameter(Mandatory)] $TestServer)
    if ($TestServer.Job) { Stop-UpsServer -Job $TestServer.Job; Remove-Job -Job $TestServer.Job -Force }
    foreach ($p in $TestServer.Processes) {
        if ($p -and -not $p.HasExited) { $p.Kill(); $null = $p.WaitForExit(5000) }
    }
    Remove-Item -Recurse -Force -Path $TestServer.Directory -ErrorAction SilentlyContinue
}

function Get-UpsTestVariable {
    # Reads a value straight through the engine, independent of the cmdlet under test.
    param($TestServer, [string] $Name)
    $client = [UpsPS.Engine.Client.NutClient]::new('127.0.0.1', $TestServer.Port)
    try { $client.GetVariableAsync($TestServer.UpsName, $Name, [Threading.CancellationToken]::None).GetAwaiter().GetResult() }
    finally { $client.Dispose() }
}

Export-ModuleMember -Function Get-UpsPSModulePath, Import-UpsPSTestModule, Get-FreeTcpPort, Test-RealNutAvailable, Wait-Until,
    Start-UpsTestServer, Stop-UpsTestServer, Get-UpsTestVariable
