# Start-UpsMonitor -Wait as a service runs it: in its own `dotnet pwsh` process, in the foreground, until the
# shutdown (then it returns and the process ends) or until the service manager stops it (SIGTERM).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
    $script:repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    function script:Start-ChildMonitor([string] $Dir, [int] $Port, [pscredential] $Credential, [string] $Role) {
        $q = { param($s) "'" + ($s -replace "'", "''") + "'" }
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module $(& $q (Get-UpsPSModulePath))
`$cred = [pscredential]::new($(& $q $Credential.UserName), (ConvertTo-SecureString $(& $q $Credential.GetNetworkCredential().Password) -AsPlainText -Force))
Start-UpsMonitor -UpsName 'dummy@127.0.0.1:$Port' -Credential `$cred -Role $Role -PollFreq 1 -PollFreqAlert 1 -FinalDelay 0 -HostSync 2 -NoSystemLog -Wait ``
    -OnNotify @{ '*' = { param(`$e) Add-Content -Path $(& $q (Join-Path $Dir 'events.txt')) -Value `$e.Type } } ``
    -ShutdownAction { param(`$d) Set-Content -Path $(& $q (Join-Path $Dir 'shutdown.txt')) -Value `$d.Explanation }
Set-Content -Path $(& $q (Join-Path $Dir 'returned.txt')) -Value 'returned'
"@
        $file = Join-Path $Dir 'monitor.ps1'
        Set-Content -Path $file -Value $script
        # `dotnet pwsh.dll` rather than the `dotnet pwsh` tool launcher, which would run PowerShell in a grandchild
        # process that neither the signal nor Kill() reaches.
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        $psi = if (Test-Path $pwshDll) { [Diagnostics.ProcessStartInfo]::new('dotnet') } else { [Diagnostics.ProcessStartInfo]::new((Join-Path $PSHOME 'pwsh')) }
        if (Test-Path $pwshDll) { $psi.ArgumentList.Add($pwshDll) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $file) { $psi.ArgumentList.Add($a) }
        $psi.WorkingDirectory = $repo
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $p = [Diagnostics.Process]::Start($psi)
        $p.BeginOutputReadLine(); $p.BeginErrorReadLine()
        $p
    }
    function script:Get-LoginCount($srv) {
        @(Get-UpsClient -UpsName dummy -ComputerName 127.0.0.1 -Port $srv.Port -ErrorAction SilentlyContinue).Count
    }
}

Describe 'Start-UpsMonitor -Wait in a child process' -Tag 'CI' {
    BeforeEach {
        $script:srv = Start-UpsTestServer     # a fresh server each time: upsd keeps FSD latched after a shutdown
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ('upsps-wait-' + [Guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $dir | Out-Null
        $script:child = $null
    }
    AfterEach {
        if ($child -and -not $child.HasExited) { $child.Kill(); $null = $child.WaitForExit(5000) }
        Stop-UpsTestServer $srv
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
    }

    It 'monitors in the foreground, runs the shutdown action on a low battery, then returns and the process exits' {
        $script:child = Start-ChildMonitor $dir $srv.Port $srv.Credential primary
        Wait-Until { (Get-LoginCount $srv) -ge 1 } -TimeoutSeconds 60 -What 'the child monitor to log in'
        $child.HasExited | Should -BeFalse

        Set-UpsVariable dummy ups.status 'OB LB' -ComputerName 127.0.0.1 -Port $srv.Port -Credential $srv.Credential
        $child.WaitForExit(30000) | Should -BeTrue -Because 'after its shutdown the monitor returns and the script ends'
        $child.ExitCode | Should -Be 0
        Get-Content (Join-Path $dir 'shutdown.txt') | Should -Match 'MINSUPPLIES'
        Test-Path (Join-Path $dir 'returned.txt') | Should -BeTrue
        $events = Get-Content (Join-Path $dir 'events.txt')
        $events | Should -Contain 'ONBATT'
        $events | Should -Contain 'LOWBATT'
        # Handlers run detached (a hung one must not hold up the next), so their order is not fixed; all ran before exit.
        $events | Should -Contain 'SHUTDOWN'
        Get-UpsTestVariable $srv ups.status | Should -Match 'FSD'
    }

    It 'stops when the service manager sends SIGTERM, logging out without a shutdown' -Skip:($IsWindows) {
        $script:child = Start-ChildMonitor $dir $srv.Port $srv.MonitorCredential secondary
        Wait-Until { (Get-LoginCount $srv) -ge 1 } -TimeoutSeconds 60 -What 'the child monitor to log in'

        & kill -TERM $child.Id
        $child.WaitForExit(20000) | Should -BeTrue -Because 'SIGTERM ends the foreground monitor'
        Wait-Until { (Get-LoginCount $srv) -eq 0 } -TimeoutSeconds 10 -What 'the login to go away'
        Test-Path (Join-Path $dir 'shutdown.txt') | Should -BeFalse
    }
}
