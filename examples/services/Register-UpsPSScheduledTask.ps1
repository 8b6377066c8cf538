<#
.SYNOPSIS
    Windows: runs Start-UpsMonitor (or Start-UpsServer) at boot as a scheduled task under SYSTEM.
.DESCRIPTION
    The simplest way to keep a PowerShell monitor running on Windows without a service wrapper. The task starts
    at boot, restarts after a failure, has no time limit, and - important for a UPS monitor - keeps running when
    the machine itself is on battery (Task Scheduler's defaults would stop it there).
.EXAMPLE
    .\Register-UpsPSScheduledTask.ps1 -ConfigDirectory C:\ProgramData\nut
.EXAMPLE
    .\Register-UpsPSScheduledTask.ps1 -Server -TaskName 'UpsPS Server'
#>
#Requires -RunAsAdministrator
param(
    [string] $ConfigDirectory = "$env:ProgramData\nut",
    [string] $TaskName = 'UpsPS Monitor',
    [switch] $Server,
    [string] $PwshPath = (Get-Command pwsh.exe -ErrorAction SilentlyContinue).Source
)
$ErrorActionPreference = 'Stop'
if (-not $PwshPath) { throw 'pwsh.exe not found: install PowerShell 7 or pass -PwshPath.' }

$cmdlet = if ($Server) { 'Start-UpsServer' } else { 'Start-UpsMonitor' }
$command = "Import-Module UpsPS; $cmdlet -ConfigDirectory '$($ConfigDirectory -replace "'", "''")' -Wait"
$action = New-ScheduledTaskAction -Execute $PwshPath -Argument "-NoProfile -NonInteractive -WindowStyle Hidden -Command `"$command`""
$trigger = New-ScheduledTaskTrigger -AtStartup
$principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit ([TimeSpan]::Zero) -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
    -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -StartWhenAvailable -MultipleInstances IgnoreNew

Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Principal $principal -Settings $settings `
    -Description "UpsPS: $cmdlet -ConfigDirectory $ConfigDirectory" -Force | Out-Null
Start-ScheduledTask -TaskName $TaskName
Get-ScheduledTask -TaskName $TaskName | Select-Object TaskName, State
# Remove with: Unregister-ScheduledTask -TaskName 'UpsPS Monitor' -Confirm:$false
