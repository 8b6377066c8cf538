<#
.SYNOPSIS
    Serves the simulated UPS in examples/nut on 127.0.0.1:3493, watches it with the monitor, prints its status and
    the monitor's notifications, and keeps serving until Ctrl+C. The shutdown action only prints what it would do.
.EXAMPLE
    upsrw -s ups.status="OB LB" -u admin -p change-me-admin sim@127.0.0.1   # from another terminal: watch the monitor react
#>
param(
    [string] $ConfigDirectory = (Join-Path $PSScriptRoot 'nut')
)
$ErrorActionPreference = 'Stop'

$server = Start-UpsServer -ConfigDirectory $ConfigDirectory
try {
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    do {
        $status = Get-UpsVariable -UpsName sim -Name ups.status -ErrorAction SilentlyContinue
        if ($status -and $status.Value -ne 'WAIT') { break }
        Start-Sleep -Milliseconds 200
    } while ([DateTime]::UtcNow -lt $deadline)

    Get-Ups | Format-Table -AutoSize | Out-Host
    Get-UpsVariable -UpsName sim -Name ups.status, battery.charge, battery.runtime, ups.load, input.voltage |
        Format-Table -AutoSize | Out-Host
    $monitorUser = [pscredential]::new('monuser', (ConvertTo-SecureString 'change-me-monitor' -AsPlainText -Force))
    $monitor = Start-UpsMonitor -UpsName 'sim@127.0.0.1' -Credential $monitorUser -Role Primary -Name SimMonitor `
        -NoSystemLog -PowerDownFlag (Join-Path ([IO.Path]::GetTempPath()) 'upsps-sim-killpower') -ShutdownAction { param($decision) Write-Host "Monitor would shut this machine down now: $($decision.Explanation)" }
    Write-Host "Serving on 127.0.0.1:3493 (try: upsc sim@127.0.0.1), watched by the monitor. Press Ctrl+C to stop."

    while ($server.State -eq 'Running') {
        Receive-Job $server | ForEach-Object { Write-Host "server: $_" }
        Receive-Job $monitor | ForEach-Object { Write-Host ("{0:HH:mm:ss} {1,-8} {2}" -f $_.Time, $_.Type, $_.Message) }
        Start-Sleep -Milliseconds 500
    }
    Receive-Job $server | ForEach-Object { Write-Host "server: $_" }
}
finally {
    Get-UpsMonitorStatus | Stop-UpsMonitor -ErrorAction SilentlyContinue
    Stop-UpsServer -Job $server
    Write-Host 'Server stopped.'
}
