<#
.SYNOPSIS
Runs the UpsPS Pester suites with CI-friendly output and reports "N passed, M failed".
.PARAMETER ResultFile
Optional file that receives the counts ("passed=N failed=M skipped=K").
.PARAMETER Server
Which NUT server the suites start: Real (NUT 2.8.0 upsd + dummy-ups) or UpsPS.
#>
[CmdletBinding()]
param(
    [string] $ResultFile,
    [ValidateSet('Real', 'UpsPS')] [string] $Server = 'Real',
    [string] $TestResultXml,
    [switch] $SkipBuild
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

if (-not $SkipBuild) {
    & bash (Join-Path $repo 'build.sh') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'build.sh failed' }
}

$pesterVersion = '5.7.1'
$pesterPsd1 = Join-Path ([Environment]::GetFolderPath('UserProfile')) ".nuget/packages/pester/$pesterVersion/tools/Pester.psd1"
if ($env:NUGET_PACKAGES) { $pesterPsd1 = Join-Path $env:NUGET_PACKAGES "pester/$pesterVersion/tools/Pester.psd1" }
if (-not (Test-Path $pesterPsd1)) {
    & dotnet restore (Join-Path $PSScriptRoot 'pester.csproj') --nologo | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'restoring Pester failed' }
}
Import-Module $pesterPsd1 -Force

$env:UPSPS_TEST_SERVER = $Server
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.CIFormat = 'Auto'
if ($TestResultXml) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $TestResultXml
}
$result = Invoke-Pester -Configuration $config

$passed = $result.PassedCount
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$skipped = $result.SkippedCount
Write-Host "$passed passed, $failed failed"
if ($ResultFile) { Set-Content -Path $ResultFile -Value "passed=$passed failed=$failed skipped=$skipped" }
exit ([int]($failed -gt 0))
