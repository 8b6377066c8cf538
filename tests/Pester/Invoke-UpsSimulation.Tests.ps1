# Invoke-UpsSimulation: the four topologies of monitor.md §10 with their expected timelines, a UPS vanishing,
# and Start-UpsMonitor -Wait in a child process. The simulations run their own in-process server, so they
# do not depend on the -Server choice of the runner.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
    $script:examples = Join-Path $PSScriptRoot '../../examples'
    # First simulated second of an event matching the filter (Host, Kind, Type, Ups).
    function script:At($r, [string] $HostName, [string] $Kind = 'Notify', [string] $Type, [string] $Ups) {
        $e = $r.Timeline | Where-Object {
            (-not $HostName -or $_.Host -eq $HostName) -and $_.Kind -eq $Kind -and (-not $Type -or $_.Type -eq $Type) -and
            (-not $Ups -or $_.Ups -like "$Ups*")
        } | Select-Object -First 1
        if ($e) { $e.Seconds } else { $null }
    }
    function script:Show($r) { $r.Timeline | Format-Table -AutoSize | Out-String -Width 200 | Write-Host }
}

# The simulations use their own in-process server: run them in the UpsPS pass only (skipped in the Real pass).
Describe 'Invoke-UpsSimulation: topologies' -Tag 'CI' -Skip:($env:UPSPS_TEST_SERVER -eq 'Real') {
    It 'standalone: ONBATT, LOWBATT, FSD, SHUTDOWN, and the shutdown FINALDELAY later' {
        $r = Invoke-UpsSimulation -Path (Join-Path $examples 'standalone/simulation.psd1')
        Show $r
        $r | Should -BeOfType ([UpsPS.Engine.Simulation.SimulationResult])
        $r.EndReason | Should -Be 'AllShutDown'
        $r.NotificationsOf('server') | Should -Be @('ONBATT', 'LOWBATT', 'FSD', 'SHUTDOWN')
        $ob = At $r -Kind Driver -Type 'OB DISCHRG'
        (At $r server -Type ONBATT) - $ob | Should -BeLessOrEqual 6       # within one POLLFREQ (5) of the change
        $lb = At $r -Kind Driver -Type 'OB LB DISCHRG'
        (At $r server -Type LOWBATT) - $lb | Should -BeLessOrEqual 6
        $s = $r.Shutdowns[0]
        $s.Trigger | Should -Be 'PowerBelowMinimum'
        $s.Decision.PowerValueTotal | Should -Be 0
        $s.Seconds - $s.DecidedSeconds | Should -BeGreaterOrEqual 4.5     # FINALDELAY 5
        $r.Hosts[0].PowerDownFlag | Should -Be '/run/nut/killpower'
    }

    It 'primary + secondaries: every host shuts down within 60 s, the primary last' {
        $r = Invoke-UpsSimulation -Path (Join-Path $examples 'primary-secondary/simulation.psd1')
        Show $r
        # The one-line CI assertion:
        $r.AllShutDown -and $r.LastShutdownSeconds -lt 60 -and $r.ShutdownOrder[-1] -eq 'nas' | Should -BeTrue

        $r.ShutdownOrder.Count | Should -Be 3
        foreach ($h in 'web1', 'web2') {
            # LOWBATT and FSD may come in either order: the secondary sees LB in the poll before or with the FSD.
            $types = $r.NotificationsOf($h)
            $types[0] | Should -Be 'ONBATT'
            $types[1..2] | Sort-Object | Should -Be @('FSD', 'LOWBATT') -Because "$h follows the primary's FSD"
            $types[-1] | Should -Be 'SHUTDOWN'
            ($r.Shutdowns | Where-Object Host -eq $h).Decision.Ups[0].CriticalReason | Should -Match 'FSD'
        }
        $r.NotificationsOf('nas') | Should -Be @('ONBATT', 'LOWBATT', 'FSD', 'SHUTDOWN_HOSTSYNC', 'SHUTDOWN')
        $nas = $r.Shutdowns | Where-Object Host -eq 'nas'
        $nas.Decision.HostSyncOutcome | Should -Match 'NUMLOGINS 1'
        (At $r nas -Type SHUTDOWN) | Should -BeGreaterThan ($r.Shutdowns | Where-Object Host -ne 'nas' | ForEach-Object Seconds | Measure-Object -Maximum).Maximum
    }

    It 'big box: losing one UPS (power value 2 of 4, MINSUPPLIES 2) only notifies; losing both sets FSD on both' {
        $r = Invoke-UpsSimulation -Path (Join-Path $examples 'big-box/simulation.psd1')
        Show $r
        $r.ShutdownOrder | Should -Be @('bigbox')
        $alphaLow = At $r bigbox -Type LOWBATT -Ups alpha
        $betaLow = At $r bigbox -Type LOWBATT -Ups beta
        $alphaLow | Should -BeLessThan $betaLow
        (At $r bigbox -Kind ShutdownDecided) | Should -BeGreaterOrEqual $betaLow
        $r.NotificationsOf('bigbox', 'alpha') | Should -Contain 'FSD'
        $r.NotificationsOf('bigbox', 'beta') | Should -Contain 'FSD'
        $r.Shutdowns[0].Decision.FsdResults.Values | Should -Be @('OK', 'OK')
        $r.Shutdowns[0].Decision.MinSupplies | Should -Be 2
    }

    It 'big box with 3 supplies (alpha 2, beta 1, MINSUPPLIES 2): losing beta keeps it up, losing alpha shuts it down' {
        $outage = "ups.status: OL`nTIMER 5`nups.status: OB LB DISCHRG`n"
        $online = "ups.status: OL`n"
        $box = @{ MONITOR = 'alpha@localhost 2 mon pw primary', 'beta@localhost 1 mon pw primary'; MINSUPPLIES = 2; POLLFREQ = 1; POLLFREQALERT = 1; FINALDELAY = 0 }
        $betaLost = Invoke-UpsSimulation @{ TimeScale = 10; Duration = 30; Ups = @{ alpha = $online; beta = $outage }; Hosts = @{ box = $box } }
        $betaLost.Shutdowns | Should -BeNullOrEmpty
        $betaLost.NotificationsOf('box', 'beta') | Should -Be @('ONBATT', 'LOWBATT')
        $betaLost.Hosts[0].FinalState.PowerValueTotal | Should -Be 2

        $alphaLost = Invoke-UpsSimulation @{ TimeScale = 10; Duration = 30; Ups = @{ alpha = $outage; beta = $online }; Hosts = @{ box = $box } }
        $alphaLost.ShutdownOrder | Should -Be @('box')
        $alphaLost.Shutdowns[0].Decision.PowerValueTotal | Should -Be 1
    }

    It 'bizarre: M only notifies for the UPS that does not feed it; S1/S2 give up on the primary; M goes last with its own UPS' {
        $r = Invoke-UpsSimulation -Path (Join-Path $examples 'bizarre/simulation.psd1')
        Show $r
        $r.ShutdownOrder[-1] | Should -Be 'M'
        $r.ShutdownOrder[0..1] | Sort-Object | Should -Be @('S1', 'S2')
        $r.NotificationsOf('M', 'ups2') | Should -Be @('ONBATT', 'LOWBATT')     # power value 0: no FSD, no shutdown
        $r.NotificationsOf('M', 'ups1') | Should -Be @('ONBATT', 'LOWBATT', 'FSD')
        foreach ($h in 'S1', 'S2') {
            $s = $r.Shutdowns | Where-Object Host -eq $h
            $s.Decision.Explanation | Should -Match 'gave up on the primary'
            $s.DecidedSeconds - (At $r $h -Type LOWBATT) | Should -BeGreaterThan 15     # HOSTSYNC
            $r.NotificationsOf($h) | Should -Not -Contain 'FSD'
        }
        (At $r M -Kind ShutdownDecided) | Should -BeGreaterThan (At $r -Kind Driver -Type 'OB LB DISCHRG' -Ups ups1)
    }

    It 'takes a hashtable topology with inline data, MONITOR hashtables and generated credentials' {
        $r = Invoke-UpsSimulation -TimeScale 20 -Topology @{
            Duration = 60
            Ups      = @{ u = @{ Content = "ups.status: OL`nTIMER 3`nups.status: OB LB`n"; Description = 'inline' } }
            Hosts    = @{
                p = @{ MONITOR = @{ System = 'u@server'; Role = 'primary' }; POLLFREQ = 1; POLLFREQALERT = 1; FINALDELAY = 1; HOSTSYNC = 20 }
                s = @{ MONITOR = @{ System = 'u@server'; Role = 'secondary' }; POLLFREQ = 1; POLLFREQALERT = 1; FINALDELAY = 1 }
            }
        }
        $r.ShutdownOrder | Should -Be @('s', 'p')
        $r.Log.Message | Should -Contain 'Logged into UPS u@server'
    }

    It 'rejects a topology whose host monitors an unknown UPS' {
        { Invoke-UpsSimulation @{ Ups = @{ a = "ups.status: OL`n" }; Hosts = @{ h = @{ MONITOR = 'b@x 1 u p primary' } } } -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*no UPS named `[b`]*'
    }
}

Describe 'Invoke-UpsSimulation: a UPS vanishing' -Tag 'CI' -Skip:($env:UPSPS_TEST_SERVER -eq 'Real') {
    BeforeAll {
        $script:fastHost = @{ MONITOR = 'ups1@server 1 mon pw primary'; POLLFREQ = 1; POLLFREQALERT = 1; DEADTIME = 5; NOCOMMWARNTIME = 10; FINALDELAY = 0 }
    }

    It 'driver killed while on line: COMMBAD, NOCOMM, COMMOK after restart, no shutdown' {
        $r = Invoke-UpsSimulation @{
            TimeScale = 10; Duration = 45
            Ups       = @{ ups1 = "ups.status: OL`n" }
            Hosts     = @{ solo = $fastHost }
            Actions   = @(@{ At = 5; KillDriver = 'ups1' }, @{ At = 30; StartDriver = 'ups1' })
        }
        Show $r
        $r.Shutdowns | Should -BeNullOrEmpty
        $types = $r.NotificationsOf('solo')
        $types[0] | Should -Be 'COMMBAD'
        $types | Should -Contain 'NOCOMM'
        $types[-1] | Should -Be 'COMMOK'
        $types | Should -Not -Contain 'SHUTDOWN'
        (At $r solo -Type COMMBAD) - (At $r -Kind Action -Type KillDriver) | Should -BeLessOrEqual 3
        ($r.Log | Where-Object Message -like '*ERR DRIVER-NOT-CONNECTED*') | Should -Not -BeNullOrEmpty
    }

    It 'UPS removed from the server: COMMBAD (UNKNOWN-UPS), no shutdown' {
        $r = Invoke-UpsSimulation @{
            TimeScale = 10; Duration = 25
            Ups       = @{ ups1 = "ups.status: OL`n" }
            Hosts     = @{ solo = $fastHost }
            Actions   = @(@{ At = 5; RemoveUps = 'ups1' })
        }
        Show $r
        $r.Shutdowns | Should -BeNullOrEmpty
        $types = $r.NotificationsOf('solo')
        $types[0] | Should -Be 'COMMBAD'
        $types | Should -Contain 'NOCOMM'
        $types | Where-Object { $_ -notin 'COMMBAD', 'NOCOMM' } | Should -BeNullOrEmpty
        ($r.Log | Where-Object Message -like '*ERR UNKNOWN-UPS*') | Should -Not -BeNullOrEmpty
    }

    It 'driver killed while on battery: the dead-UPS rule shuts down after DEADTIME (not missed)' {
        $r = Invoke-UpsSimulation @{
            TimeScale = 10; Duration = 60
            Ups       = @{ ups1 = "ups.status: OB DISCHRG`n" }
            Hosts     = @{ solo = $fastHost }
            Actions   = @(@{ At = 5; KillDriver = 'ups1' })
        }
        Show $r
        $r.ShutdownOrder | Should -Be @('solo')
        $types = $r.NotificationsOf('solo')
        $types[0..1] | Should -Be @('ONBATT', 'COMMBAD')
        $types[-2..-1] | Should -Be @('FSD', 'SHUTDOWN')
        $s = $r.Shutdowns[0]
        $s.Decision.Ups[0].CriticalReason | Should -Match 'dead|communication|DEADTIME'
        $s.DecidedSeconds - (At $r -Kind Action -Type KillDriver) | Should -BeGreaterThan 5     # DEADTIME
    }
}
