<#
.SYNOPSIS
    Benchmark (not a test): time from a ups.status change at the driver to the start of the notification
    handler, for UpsPS's Start-UpsMonitor and NUT 2.8.0's upsmon side by side on the same server.
.DESCRIPTION
    One server (UpsPS's or the real NUT upsd + dummy-ups) with UPS 'dummy'. Two monitors poll it at the same
    POLLFREQ (= POLLFREQALERT), both as secondaries, each in its own process:
      * UpsPS: `pwsh … Start-UpsMonitor -Wait -OnNotify @{ ONBATT/ONLINE = { timestamp } }` - the handler's
        first statement writes the time;
      * NUT:   `upsmon -D -F -p` with NOTIFYCMD = a shell script running `date +%s%3N` (process start included).
    The script flips ups.status between "OB DISCHRG" and "OL" (SET VAR through the server to the driver), noting
    the time just before each change, waits until both monitors have reported it, then waits a random part of a
    poll period so the change lands at every phase of the poll cycle. Latency = handler time - change time.
    Expect about POLLFREQ/2 median and up to POLLFREQ for both: upsmon only sees a change at its next poll.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/monitor-latency/Measure-MonitorLatency.ps1 -Samples 30
#>
param(
    # Comma-separated list (a string, so `-File … -PollFreq 1,5` is not read as the number 15).
    [string] $PollFreq = '1,5',
    [int] $Samples = 20,
    [ValidateSet('UpsPS', 'Real')] [string] $Server = 'UpsPS',
    [string] $UpsmonPath = $(if (Test-Path /lib/nut/upsmon) { '/lib/nut/upsmon' } else { '/sbin/upsmon' })
)
$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $repo 'tests/Pester/TestHelpers.psm1') -Force
Import-UpsPSTestModule
$haveUpsmon = Test-Path $UpsmonPath
if (-not $haveUpsmon) { Write-Warning "NUT upsmon not found at ${UpsmonPath}: measuring UpsPS only." }

function Now-Ms { [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() }

function Start-Child([string] $FileName, [string[]] $Arguments, [hashtable] $Environment = @{}, [string] $Log) {
    $psi = [Diagnostics.ProcessStartInfo]::new($FileName)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $p = [Diagnostics.Process]::new()
    $p.StartInfo = $psi
    $writer = [IO.StreamWriter]::new($Log, $true); $writer.AutoFlush = $true
    $handler = { if ($null -ne $EventArgs.Data) { $Event.MessageData.WriteLine($EventArgs.Data) } }
    $null = Register-ObjectEvent $p OutputDataReceived -Action $handler -MessageData $writer
    $null = Register-ObjectEvent $p ErrorDataReceived -Action $handler -MessageData $writer
    $null = $p.Start(); $p.BeginOutputReadLine(); $p.BeginErrorReadLine()
    $p
}

function Start-UpsPSMonitor($dir, $srv, [int] $freq) {
    $out = Join-Path $dir 'upsps.times'
    $q = { param($s) "'" + ($s -replace "'", "''") + "'" }
    $script = @"
Import-Module $(& $q (Get-UpsPSModulePath))
`$cred = [pscredential]::new('monuser', (ConvertTo-SecureString 'monpass' -AsPlainText -Force))
`$record = { param(`$e) [IO.File]::AppendAllText($(& $q $out), "`$(`$e.Type) `$([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds())``n") }
Start-UpsMonitor -UpsName 'dummy@127.0.0.1:$($srv.Port)' -Credential `$cred -Role Secondary -PollFreq $freq -PollFreqAlert $freq ``
    -NoSystemLog -NoEventQueue -Wait -ShutdownAction { } -OnNotify @{ ONBATT = `$record; ONLINE = `$record }
"@
    Set-Content (Join-Path $dir 'upsps-monitor.ps1') $script
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    $exe, $pre = if (Test-Path $pwshDll) { 'dotnet', @($pwshDll) } else { (Join-Path $PSHOME 'pwsh'), @() }
    Start-Child $exe (@($pre) + '-NoProfile', '-NonInteractive', '-File', (Join-Path $dir 'upsps-monitor.ps1')) -Log (Join-Path $dir 'upsps.log')
}

function Start-NutUpsmon($dir, $srv, [int] $freq) {
    $conf = Join-Path $dir 'nut-upsmon'
    New-Item -ItemType Directory $conf -Force | Out-Null
    $out = Join-Path $dir 'nut.times'
    $notify = Join-Path $conf 'notify.sh'
    Set-Content $notify "#!/bin/sh`necho `"`$NOTIFYTYPE `$(date +%s%3N)`" >> '$out'"
    & chmod 755 $notify
    Set-Content (Join-Path $conf 'upsmon.conf') @"
MONITOR dummy@127.0.0.1:$($srv.Port) 1 monuser monpass secondary
MINSUPPLIES 1
POLLFREQ $freq
POLLFREQALERT $freq
DEADTIME $([Math]::Max(15, 3 * $freq))
SHUTDOWNCMD "/bin/true"
NOTIFYCMD $notify
NOTIFYFLAG ONBATT EXEC
NOTIFYFLAG ONLINE EXEC
"@
    & chmod 600 (Join-Path $conf 'upsmon.conf')
    Start-Child $UpsmonPath @('-D', '-F', '-p') -Environment @{ NUT_CONFPATH = $conf; NUT_STATEPATH = $conf; NUT_ALTPIDPATH = $conf } -Log (Join-Path $dir 'nut.log')
}

function Get-Times([string] $file, [string] $type) {
    if (-not (Test-Path $file)) { return @() }
    @(Get-Content $file | Where-Object { $_ -like "$type *" } | ForEach-Object { [long]($_ -split ' ')[1] })
}

function Get-Stats([double[]] $values) {
    $sorted = $values | Sort-Object
    $n = $sorted.Count
    if ($n -eq 0) { return [pscustomobject]@{ N = 0; Median = $null; P99 = $null; Max = $null } }
    $median = if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
    $p99 = $sorted[[Math]::Min($n - 1, [Math]::Ceiling(0.99 * $n) - 1)]     # nearest rank
    [pscustomobject]@{ N = $n; Median = $median; P99 = $p99; Max = $sorted[-1] }
}

$rows = @()
$rng = [Random]::new()
foreach ($freq in @($PollFreq -split '[,\s]+' | Where-Object { $_ } | ForEach-Object { [int]$_ })) {
    $srv = Start-UpsTestServer -Server $Server
    $dir = Join-Path ([IO.Path]::GetTempPath()) ("upsps-bench-" + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $dir | Out-Null
    $children = @()
    try {
        $children += Start-UpsPSMonitor $dir $srv $freq
        if ($haveUpsmon) { $children += Start-NutUpsmon $dir $srv $freq }
        $expected = $children.Count
        Wait-Until { @(Get-UpsClient -UpsName dummy -ComputerName 127.0.0.1 -Port $srv.Port -ErrorAction SilentlyContinue).Count -ge $expected } -TimeoutSeconds 60 -What 'both monitors to log in'
        Start-Sleep -Seconds ($freq + 1)     # let both finish their first poll (a first OL poll is not an event)

        $lat = @{ UpsPS = [Collections.Generic.List[double]]::new(); NUT = [Collections.Generic.List[double]]::new() }
        for ($i = 0; $i -lt $Samples; $i++) {
            $type, $status = if ($i % 2 -eq 0) { 'ONBATT', 'OB DISCHRG' } else { 'ONLINE', 'OL' }
            $k = [Math]::Floor($i / 2) + 1                   # this is the k-th event of its type
            $t0 = Now-Ms
            Set-UpsVariable dummy ups.status $status -ComputerName 127.0.0.1 -Port $srv.Port -Credential $srv.Credential
            $files = @{ UpsPS = Join-Path $dir 'upsps.times' }
            if ($haveUpsmon) { $files.NUT = Join-Path $dir 'nut.times' }
            Wait-Until { @($files.Values | Where-Object { (Get-Times $_ $type).Count -lt $k }).Count -eq 0 } -TimeoutSeconds (3 * $freq + 10) -What "$type #$k from every monitor"
            foreach ($m in $files.Keys) { $lat[$m].Add(((Get-Times $files[$m] $type)[$k - 1] - $t0)) }
            Write-Host ("  POLLFREQ {0} sample {1,2}/{2}: {3}" -f $freq, ($i + 1), $Samples, (($files.Keys | Sort-Object | ForEach-Object { "$_ $($lat[$_][-1]) ms" }) -join ', '))
            Start-Sleep -Milliseconds ($rng.Next(0, 1000 * $freq))   # de-phase the next change against the poll cycle
        }
        foreach ($m in $lat.Keys | Sort-Object) {
            if ($lat[$m].Count -eq 0) { continue }
            $s = Get-Stats $lat[$m].ToArray()
            $rows += [pscustomobject]@{ Monitor = $m; Server = $Server; POLLFREQ = $freq; Samples = $s.N; 'Median ms' = $s.Median; 'P99 ms' = $s.P99; 'Max ms' = $s.Max }
        }
    }
    finally {
        foreach ($c in $children) { if (-not $c.HasExited) { $c.Kill(); $null = $c.WaitForExit(5000) } }
        Get-EventSubscriber | Unregister-Event
        Stop-UpsTestServer $srv
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
    }
}
$rows | Format-Table -AutoSize
