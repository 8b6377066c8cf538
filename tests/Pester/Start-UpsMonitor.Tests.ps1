BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
    $script:srv = Start-UpsTestServer
    $script:system = "dummy@127.0.0.1:$($srv.Port)"
    $script:setStatus = { param($s) Set-UpsVariable dummy ups.status $s -ComputerName 127.0.0.1 -Port $srv.Port -Credential $srv.Credential }
    $script:fast = @{ PollFreq = 1; PollFreqAlert = 1; FinalDelay = 0; HostSync = 1; NoSystemLog = $true }
}
AfterAll {
    Get-UpsMonitorStatus | Stop-UpsMonitor -ErrorAction SilentlyContinue
    if ($script:srv) { Stop-UpsTestServer $script:srv }
}

Describe 'Start-UpsMonitor' -Tag 'CI' {
    AfterEach {
        Get-UpsMonitorStatus | Stop-UpsMonitor -ErrorAction SilentlyContinue
        Get-Job | Where-Object PSJobTypeName -eq 'UpsMonitorJob' | Remove-Job -Force -ErrorAction SilentlyContinue
        & $setStatus 'OL'
        Get-Event -ErrorAction SilentlyContinue | Remove-Event
    }

    It 'runs as a job in Get-Job and stops with Stop-UpsMonitor' {
        $job = Start-UpsMonitor -UpsName $system -Credential $srv.MonitorCredential -Name jobtest -ShutdownAction { } @fast
        $job.PSJobTypeName | Should -Be 'UpsMonitorJob'
        (Get-Job -Id $job.Id).State | Should -Be 'Running'
        Wait-Until { (Get-UpsMonitorStatus jobtest).Cycles -ge 1 } -What 'first cycle'
        $st = Get-UpsMonitorStatus jobtest
        $st | Should -BeOfType ([UpsPS.UpsMonitorStatus])
        $st.Ups[0].Status | Should -Be 'OL'
        $st.Ups[0].LoggedIn | Should -BeTrue
        $st.PowerValueTotal | Should -Be 1
        $st.JobId | Should -Be $job.Id
        Stop-UpsMonitor jobtest
        Wait-Until { (Get-Job -Id $job.Id).State -ne 'Running' } -What 'job end'
        (Get-Job -Id $job.Id).State | Should -BeIn 'Completed', 'Stopped'
        Get-UpsMonitorStatus jobtest -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'calls an -OnNotify handler with a typed event and forwards it to the event queue' {
        $script:seen = [System.Collections.ArrayList]::new()
        $global:UpsPSRegistered = 0
        $sub = Register-EngineEvent -SourceIdentifier UpsPS.Notify -Action { $global:UpsPSRegistered++ }
        try {
            $null = Start-UpsMonitor -UpsName $system -Credential $srv.MonitorCredential -Name notify -ShutdownAction { } @fast `
                -OnNotify @{ ONBATT = { param($e) $null = $script:seen.Add($e) } }
            Wait-Until { (Get-UpsMonitorStatus notify).Cycles -ge 1 } -What 'first cycle'
            & $setStatus 'OB DISCHRG'
            $ev = Wait-Event -SourceIdentifier UpsPS.Notify.ONBATT -Timeout 15
            $ev | Should -Not -BeNullOrEmpty
            $ev.SourceArgs[0].Type | Should -Be 'ONBATT'
            Wait-Until { $script:seen.Count -ge 1 } -What 'handler call'
            $e = $script:seen[0]
            $e | Should -BeOfType ([UpsPS.Engine.Monitor.UpsNotification])
            $e.Type | Should -Be ([UpsPS.Engine.Monitor.NotifyType]::ONBATT)
            $e.UpsName | Should -Be $system
            $e.Message | Should -Be "UPS $system on battery"
            $e.Variables['ups.status'] | Should -Be 'OB DISCHRG'
            Wait-Until { $global:UpsPSRegistered -ge 1 } -What 'Register-EngineEvent action'
        }
        finally { Unregister-Event -SourceIdentifier UpsPS.Notify; Remove-Job $sub -Force }
    }

    It 'Register-UpsNotification adds and Unregister-UpsNotification removes a handler on a running monitor' {
        $script:online = 0
        $null = Start-UpsMonitor -UpsName $system -Credential $srv.MonitorCredential -Name reg -ShutdownAction { } @fast
        $h = Register-UpsNotification -Type ONBATT, ONLINE -Action { param($e) $script:online++ } -MonitorName reg
        @($h).Count | Should -Be 2
        (Get-UpsMonitorStatus reg).Handlers | Should -Be 2
        # The previous test's clean-up set OL; start from a monitor that has seen it, so OB is a change.
        Wait-Until { (Get-UpsMonitorStatus reg).Ups[0].Status -eq 'OL' } -What 'the monitor seeing OL'
        & $setStatus 'OB'
        Wait-Until { (Get-UpsMonitorStatus reg).Ups[0].Status -eq 'OB' } -What 'the monitor seeing OB'
        Wait-Until { $script:online -ge 1 } -What 'ONBATT handler'
        $h | Unregister-UpsNotification
        (Get-UpsMonitorStatus reg).Handlers | Should -Be 0
    }

    It 'shuts down once after a simulated outage and explains the decision' {
        # Own server: the primary's FSD stays set on upsd.
        $own = Start-UpsTestServer
        try {
        $ownSystem = "dummy@127.0.0.1:$($own.Port)"
        $script:shutdowns = 0
        $job = Start-UpsMonitor -UpsName $ownSystem -Credential $own.Credential -Role Primary -Name outage @fast `
            -ShutdownAction { param($d) $script:shutdowns++; $script:decision = $d }
        Wait-Until { (Get-UpsMonitorStatus outage).Cycles -ge 1 } -What 'first cycle'
        Set-UpsVariable dummy ups.status 'OB LB' -ComputerName 127.0.0.1 -Port $own.Port -Credential $own.Credential
        Wait-Until { $script:shutdowns -ge 1 } -TimeoutSeconds 20 -What 'shutdown action'
        Wait-Until { (Get-Job -Id $job.Id).State -eq 'Completed' } -What 'job completion'
        $script:shutdowns | Should -Be 1
        $script:decision | Should -BeOfType ([UpsPS.Engine.Monitor.ShutdownDecision])
        $st = Get-UpsMonitorStatus outage
        $st.State | Should -Be 'Shutdown'
        $st.ShutdownDecision.PowerValueTotal | Should -Be 0
        $st.Explanation | Should -Match 'power value 0 < MINSUPPLIES 1'
        $st.Explanation | Should -Match 'OB LB'
        $st.ShutdownDecision.FsdResults[$ownSystem] | Should -Be 'OK'
        (Receive-Job $job | Where-Object { $_ -is [UpsPS.Engine.Monitor.UpsNotification] }).Type | Should -Contain ([UpsPS.Engine.Monitor.NotifyType]::SHUTDOWN)
        (Get-UpsTestVariable $own 'ups.status') | Should -Match 'FSD'
        }
        finally { Stop-UpsTestServer $own }
    }

    It 'shows dampened notifications as pending timers' {
        $null = Start-UpsMonitor -UpsName $system -Credential $srv.MonitorCredential -Name delay -ShutdownAction { } @fast -Delay @{ ONBATT = 60 }
        Wait-Until { (Get-UpsMonitorStatus delay).Cycles -ge 1 } -What 'first cycle'
        & $setStatus 'OB'
        Wait-Until { @((Get-UpsMonitorStatus delay).PendingTimers).Count -ge 1 } -What 'held ONBATT'
        $t = (Get-UpsMonitorStatus delay).PendingTimers[0]
        $t.Kind | Should -Be 'Delay'
        $t.Name | Should -Be 'ONBATT'
    }

    It 'reads upsmon.conf from -ConfigDirectory' {
        $dir = Join-Path $TestDrive 'conf'
        New-Item -ItemType Directory $dir | Out-Null
        Set-Content (Join-Path $dir 'upsmon.conf') "MONITOR $system 1 monuser monpass secondary`nPOLLFREQ 1`nPOLLFREQALERT 1`nMINSUPPLIES 1`nSHUTDOWNCMD `"/bin/true`"`nFINALDELAY 0"
        $null = Start-UpsMonitor -ConfigDirectory $dir -Name conf -NoSystemLog -ShutdownAction { }
        Wait-Until { (Get-UpsMonitorStatus conf).Cycles -ge 1 } -What 'first cycle'
        $st = Get-UpsMonitorStatus conf
        $st.PollIntervalSeconds | Should -Be 1
        $st.Ups[0].System | Should -Be $system
        $st.Ups[0].LoggedIn | Should -BeTrue
    }

    It 'rejects a configuration with insufficient power' {
        { Start-UpsMonitor -UpsName $system -PowerValue 0 -MinSupplies 1 -NoSystemLog -ErrorAction Stop } | Should -Throw -ErrorId 'UpsPS.MonitorConfigInvalid,UpsPS.Commands.StartUpsMonitorCommand'
    }
}

Describe 'Start-UpsLog' -Tag 'CI' {
    BeforeAll {
        & $setStatus 'OL'
        Wait-Until { (Get-UpsTestVariable $srv 'ups.status') -eq 'OL' } -What 'status OL'
    }
    It 'writes upslog lines as objects' {
        $r = Start-UpsLog -UpsName $system -Interval 1 -Count 2 -Format '%UPSHOST% [%VAR ups.status%] %VAR battery.charge% %VAR no.such% %TEXT x%'
        @($r).Count | Should -Be 2
        $r[0] | Should -BeOfType ([UpsPS.Engine.Logging.UpsLogRecord])
        $r[0].Line | Should -Be "$system [OL] 100 NA INVALID"
    }
    It 'appends to a file as a job' {
        $file = Join-Path $TestDrive 'ups.log'
        $job = Start-UpsLog -UpsName $system -Path $file -Interval 1 -Count 2 -AsJob
        $job.PSJobTypeName | Should -Be 'UpsLogJob'
        Wait-Until { $job.State -eq 'Completed' } -What 'log job'
        $lines = Get-Content $file
        $lines.Count | Should -Be 2
        $lines[0] | Should -Match '^\d{8} \d{6} 100 230.0 NA \[OL\] NA NA$'
        Remove-Job $job
    }
}

Describe 'Monitor cmdlet help' -Tag 'CI' {
    It '<_> has a synopsis and examples' -ForEach 'Start-UpsMonitor', 'Stop-UpsMonitor', 'Get-UpsMonitorStatus', 'Register-UpsNotification', 'Unregister-UpsNotification', 'Start-UpsLog' {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 1
    }
}
