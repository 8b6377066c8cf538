<#
.SYNOPSIS
    Runs the standalone example with UpsPS: server + drivers, then upsmon, in this PowerShell session.
.DESCRIPTION
    Shows the shutdown a power cut would cause without shutting anything down: -ShutdownAction replaces
    SHUTDOWNCMD. Remove -ShutdownAction (and use a real driver in ups.conf) for production; then run it as a
    service (see ../services).
#>
param([string] $ConfigDirectory = $PSScriptRoot)
$ErrorActionPreference = 'Stop'

$server = Start-UpsServer -ConfigDirectory $ConfigDirectory
try {
    Start-UpsMonitor -ConfigDirectory $ConfigDirectory -NoSystemLog -Wait `
        -OnNotify @{ '*' = { param($e) Write-Host ("{0:T} {1,-10} {2}" -f $e.Time.ToLocalTime(), $e.Type, $e.Message) } } `
        -ShutdownAction { param($decision) Write-Host "Would shut down now: $($decision.Explanation)" }
}
finally {
    Stop-UpsServer -Job $server
}
