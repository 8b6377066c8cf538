<#
.SYNOPSIS
    Serves the simulated UPS in examples/nut on 127.0.0.1:3493, prints its status, and keeps serving until Ctrl+C.
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
    Write-Host "Serving on 127.0.0.1:3493 (try: upsc sim@127.0.0.1). Press Ctrl+C to stop."

    while ($server.State -eq 'Running') {
        Receive-Job $server | Out-Host
        Start-Sleep -Milliseconds 500
    }
    Receive-Job $server | Out-Host
}
finally {
    Stop-UpsServer -Job $server
    Write-Host 'Server stopped.'
}
