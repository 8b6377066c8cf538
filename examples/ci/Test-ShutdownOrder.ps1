<#
.SYNOPSIS
    CI step: simulates a power cut on a topology and fails the build unless every host shuts down in time,
    with the expected host last.
.DESCRIPTION
    Runs Invoke-UpsSimulation (drivers, server and every host's upsmon in this process; shutdowns are only
    recorded), prints the timeline, and exits 1 on a violated expectation. Use it in any pipeline:
        dotnet pwsh -NoProfile -File examples/ci/Test-ShutdownOrder.ps1 -Topology examples/primary-secondary/simulation.psd1 -Last nas
.PARAMETER Topology
    A simulation .psd1 (see examples/*/simulation.psd1).
.PARAMETER Last
    The host that must shut down last (the primary that powers the UPS off).
.PARAMETER WithinSeconds
    Simulated seconds by which every host must be down.
#>
param(
    [string] $Topology = (Join-Path $PSScriptRoot '../primary-secondary/simulation.psd1'),
    [string] $Last = 'nas',
    [double] $WithinSeconds = 60,
    [double] $TimeScale = 10
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Invoke-UpsSimulation -ErrorAction SilentlyContinue)) {
    $built = Join-Path $PSScriptRoot '../../out/UpsPS/UpsPS.psd1'
    if (Test-Path $built) { Import-Module $built } else { Import-Module UpsPS }
}

$result = Invoke-UpsSimulation -Path $Topology -TimeScale $TimeScale
$result.Timeline | Format-Table -AutoSize | Out-String -Width 220 | Write-Host
$result.Shutdowns | Format-Table -AutoSize | Out-String -Width 220 | Write-Host

$failures = @()
if (-not $result.AllShutDown) {
    $up = ($result.Hosts | Where-Object { $_.CanShutDown -and -not $_.ShutDown }).Name -join ', '
    $failures += "hosts still up at the end: $up"
}
if ($result.LastShutdownSeconds -gt $WithinSeconds) { $failures += "last shutdown at $($result.LastShutdownSeconds) s > $WithinSeconds s" }
if ($Last -and $result.ShutdownOrder.Count -gt 0 -and $result.ShutdownOrder[-1] -ne $Last) {
    $failures += "expected '$Last' last, order was: $($result.ShutdownOrder -join ', ')"
}
if ($failures) {
    $failures | ForEach-Object { Write-Host "FAIL: $_" -ForegroundColor Red }
    exit 1
}
Write-Host ("PASS: {0} shut down in order {1}, last at {2:0.0} s (simulated; {3:0.0} s real)" -f `
    $result.Shutdowns.Count, ($result.ShutdownOrder -join ' -> '), $result.LastShutdownSeconds, $result.RealDuration.TotalSeconds) -ForegroundColor Green
exit 0
