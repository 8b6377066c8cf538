BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule

    function New-TestConfigDirectory {
        param([string] $UpsConf, [string] $UpsdConf, [string] $Users = "[admin]`n password = pw`n actions = SET`n instcmds = ALL")
        $dir = Join-Path ([IO.Path]::GetTempPath()) ("upsps-srv-" + [Guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $dir | Out-Null
        Set-Content (Join-Path $dir 'ups.conf') $UpsConf
        Set-Content (Join-Path $dir 'upsd.conf') $UpsdConf
        Set-Content (Join-Path $dir 'upsd.users') $Users
        Set-Content (Join-Path $dir 'sim.dev') "ups.status: OL`nbattery.charge: 88`n#@SETFLAGS battery.charge.low RW NUMBER`nbattery.charge.low: 20`n#@ADDCMD test.battery.start"
        $dir
    }
}

Describe 'Start-UpsServer' {
    BeforeAll {
        $port = Get-FreeTcpPort
        $dir = New-TestConfigDirectory -UpsConf "[sim]`n driver = dummy-ups`n port = sim.dev`n desc = `"Pester sim`"" -UpsdConf "LISTEN 127.0.0.1 $port"
        $job = Start-UpsServer -ConfigDirectory $dir -Name 'PesterServer'
        Wait-Until { (Get-UpsVariable -UpsName sim -Name battery.charge -Port $port -ErrorAction SilentlyContinue).Value -eq '88' } -What 'the served UPS'
    }
    AfterAll {
        Stop-UpsServer -Name PesterServer
        Remove-Job -Name PesterServer -Force -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
    }

    It 'returns a running job that Get-Job lists' {
        $job.State | Should -Be 'Running'
        $job.PSJobTypeName | Should -Be 'UpsServer'
        (Get-Job -Name PesterServer).Id | Should -Be $job.Id
        $job.Location | Should -Be "127.0.0.1:$port"
    }

    It 'serves the configured device with its description' {
        $ups = Get-Ups -Port $port
        $ups.Name | Should -Be 'sim'
        $ups.Description | Should -Be 'Pester sim'
    }

    It 'applies #@ capabilities: declared RW variables are writable, others are read-only' {
        (Get-UpsVariable -UpsName sim -Name battery.charge.low -Port $port).Writable | Should -BeTrue
        (Get-UpsVariable -UpsName sim -Name battery.charge -Port $port).Writable | Should -BeFalse
        (Get-UpsCommand -UpsName sim -Port $port).Name | Should -Contain 'test.battery.start'
    }

    It 'lists its driver with Get-UpsDriver' {
        $driver = Get-UpsDriver -UpsName sim
        $driver.Driver | Should -Be 'dummy-ups'
        $driver.State | Should -Be 'Running'
        $driver.JobId | Should -Be $job.Id
    }

    It 'writes its log to the job (Receive-Job)' {
        $log = Receive-Job -Job $job -Keep
        ($log | Where-Object Message -like "listening on 127.0.0.1 port $port").Count | Should -Be 1
        ($log | Where-Object Message -like 'Connected to UPS `[sim`]*').Count | Should -BeGreaterThan 0
    }

    It 'answers STARTTLS like upsd without TLS configured' {
        $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port)
        try {
            $stream = $client.GetStream()
            $bytes = [Text.Encoding]::ASCII.GetBytes("STARTTLS`n")
            $stream.Write($bytes, 0, $bytes.Length)
            $reader = [IO.StreamReader]::new($stream)
            $reader.ReadLine() | Should -Be 'ERR FEATURE-NOT-CONFIGURED'
        }
        finally { $client.Dispose() }
    }
}

Describe 'Start-UpsServer with a bad configuration' {
    It 'names file and line of a bad ups.conf line and starts nothing' {
        $port = Get-FreeTcpPort
        $dir = New-TestConfigDirectory -UpsConf "[sim]`n driver = dummy-ups`n port = sim.dev`n bogus = 1" -UpsdConf "LISTEN 127.0.0.1 $port"
        try {
            $before = @(Get-Job).Count
            { Start-UpsServer -ConfigDirectory $dir -ErrorAction Stop } | Should -Throw -ExpectedMessage "*ups.conf:4:*'bogus' is not a valid variable name*"
            @(Get-Job).Count | Should -Be $before
            { [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port) } | Should -Throw
        }
        finally { Remove-Item -Recurse -Force $dir }
    }

    It 'reports an unknown driver as a configuration error with its id' {
        $dir = New-TestConfigDirectory -UpsConf "[sim]`n driver = no-such-driver`n port = x" -UpsdConf "LISTEN 127.0.0.1 0"
        try {
            $err = $null
            try { Start-UpsServer -ConfigDirectory $dir -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'UpsPS.ConfigError*'
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.Exception.Message | Should -BeLike "*ups.conf:2:*no-such-driver*"
        }
        finally { Remove-Item -Recurse -Force $dir }
    }
}

Describe 'Start-UpsServer from parameters' {
    It 'serves devices and users given as hashtables' {
        $dir = New-TestConfigDirectory -UpsConf '' -UpsdConf ''
        $port = Get-FreeTcpPort
        $job = Start-UpsServer -Device @{ Name = 'p1'; Driver = 'dummy-ups'; Port = 'sim.dev'; Description = 'From parameters' } `
            -User @{ admin = @{ Password = 'secret'; Actions = 'SET' } } -DataDirectory $dir -Listen "127.0.0.1:$port" -Name PesterParams
        try {
            Wait-Until { (Get-UpsVariable -UpsName p1 -Name battery.charge -Port $port -ErrorAction SilentlyContinue).Value -eq '88' } -What 'p1'
            (Get-Ups -Port $port).Description | Should -Be 'From parameters'
            $cred = [pscredential]::new('admin', (ConvertTo-SecureString 'secret' -AsPlainText -Force))
            Set-UpsVariable -UpsName p1 -Name battery.charge.low -Value 30 -Port $port -Credential $cred -Wait | Select-Object -ExpandProperty Status | Should -Be 'SUCCESS'
            Wait-Until { (Get-UpsVariable -UpsName p1 -Name battery.charge.low -Port $port).Value -eq '30' } -What 'the new value'
        }
        finally { Stop-UpsServer -Job $job; Remove-Job $job -Force; Remove-Item -Recurse -Force $dir }
    }
}

Describe 'Start-UpsDriver and a server without drivers' {
    It 'serves a driver started separately, and -WhatIf stops nothing' {
        $dir = New-TestConfigDirectory -UpsConf "[sim]`n driver = dummy-ups`n port = sim.dev" -UpsdConf ''
        $state = Join-Path $dir 'state'
        $port = Get-FreeTcpPort
        $driverJob = Start-UpsDriver -ConfigDirectory $dir -Name sim -StatePath $state
        $serverJob = Start-UpsServer -ConfigDirectory $dir -NoDriver -StatePath $state -Port $port -Name PesterNoDriver
        try {
            $driverJob.PSJobTypeName | Should -Be 'UpsDriver'
            Wait-Until { Test-Path (Join-Path $state 'dummy-ups-sim') } -What 'the driver socket'
            Wait-Until { (Get-UpsVariable -UpsName sim -Name battery.charge -Port $port -ErrorAction SilentlyContinue).Value -eq '88' } -What 'sim via the driver'
            (Get-UpsDriver -UpsName sim).Location | Should -Be (Join-Path $state 'dummy-ups-sim')
            Stop-UpsDriver -UpsName sim -WhatIf
            $driverJob.State | Should -Be 'Running'
            Stop-UpsDriver -UpsName sim
            $driverJob.State | Should -Be 'Stopped'
            Wait-Until {
                try { Get-UpsVariable -UpsName sim -Name battery.charge -Port $port -ErrorAction Stop; $false }
                catch { $_.FullyQualifiedErrorId -like 'UpsPS.DriverNotConnected*' }
            } -What 'DRIVER-NOT-CONNECTED after the driver stopped'
        }
        finally {
            Stop-UpsServer -Job $serverJob; Remove-Job $serverJob, $driverJob -Force
            Remove-Item -Recurse -Force $dir
        }
    }
}

Describe 'Start-UpsServer -Wait' {
    It 'serves in the foreground of its own process and writes the log to the pipeline' {
        $port = Get-FreeTcpPort
        $dir = New-TestConfigDirectory -UpsConf "[sim]`n driver = dummy-ups`n port = sim.dev" -UpsdConf ''
        New-Item -ItemType Directory -Path "$dir/state" | Out-Null
        Set-Content (Join-Path $dir 'upsd.conf') "LISTEN 127.0.0.1 $port`nSTATEPATH $dir/state"
        $module = Get-UpsPSModulePath
        # PowerShell itself comes from the repository's dotnet tool manifest: dotnet pwsh, from the repository root.
        $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        $psi.WorkingDirectory = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        foreach ($a in @('pwsh', '-NoProfile', '-NonInteractive', '-Command', "`"PID=`$PID`"; Import-Module '$module'; Start-UpsServer -ConfigDirectory '$dir' -Wait | ForEach-Object { `$_.Message }")) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($psi)
        try {
            $lines = [System.Collections.Generic.List[string]]::new()
            $script:pendingLine = $process.StandardOutput.ReadLineAsync()
            $readAvailableLines = {
                while ($script:pendingLine.IsCompleted -and $null -ne $script:pendingLine.Result) {
                    $lines.Add($script:pendingLine.Result)
                    $script:pendingLine = $process.StandardOutput.ReadLineAsync()
                }
            }
            Wait-Until { (Get-UpsVariable -UpsName sim -Name battery.charge -Port $port -ErrorAction SilentlyContinue).Value -eq '88' } -TimeoutSeconds 30 -What 'the foreground server'
            Wait-Until { & $readAvailableLines; $lines -contains "listening on 127.0.0.1 port $port" } -What 'the log line on stdout'
            $process.HasExited | Should -BeFalse

            # SIGHUP (what upsd -c reload sends) re-reads the files, like upsd.
            $serverPid = [int](($lines | Where-Object { $_ -like 'PID=*' } | Select-Object -First 1) -replace '^PID=')
            Set-Content (Join-Path $dir 'ups.conf') "[sim]`n driver = dummy-ups`n port = sim.dev`n[sim2]`n driver = dummy-ups`n port = sim.dev"
            & kill -HUP $serverPid
            Wait-Until { (Get-UpsVariable -UpsName sim2 -Name battery.charge -Port $port -ErrorAction SilentlyContinue).Value -eq '88' } -TimeoutSeconds 30 -What 'the device added by the reload'
            Wait-Until { & $readAvailableLines; $lines -contains 'Added UPS [sim2]' } -What 'the reload in the log'
            $process.HasExited | Should -BeFalse

            # NUT's own `upsd -c reload` finds the server through upsd.pid in STATEPATH.
            Get-Content "$dir/state/upsd.pid" | Should -Be "$serverPid"
            if (Test-Path /lib/nut/upsd) {
                Set-Content (Join-Path $dir 'ups.conf') "[sim]`n driver = dummy-ups`n port = sim.dev`n[sim3]`n driver = dummy-ups`n port = sim.dev"
                $env:NUT_STATEPATH = "$dir/state"
                try { & /lib/nut/upsd -c reload 2>&1 | Out-Null; $LASTEXITCODE | Should -Be 0 }
                finally { Remove-Item Env:NUT_STATEPATH }
                Wait-Until { (Get-UpsVariable -UpsName sim3 -Name battery.charge -Port $port -ErrorAction SilentlyContinue).Value -eq '88' } -TimeoutSeconds 30 -What 'the device added by upsd -c reload'
                (Get-Ups -Port $port).Name | Should -Not -Contain 'sim2'
            }
        }
        finally {
            # dotnet pwsh is a shim that starts the real pwsh as its child: end the whole tree.
            if (-not $process.HasExited) { $process.Kill($true) }
            $process.WaitForExit(10000) | Out-Null
            Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Update-UpsServer' {
    BeforeAll {
        $port = Get-FreeTcpPort
        $dir = New-TestConfigDirectory -UpsConf "[sim]`n driver = dummy-ups`n port = sim.dev" -UpsdConf "LISTEN 127.0.0.1 $port"
        $job = Start-UpsServer -ConfigDirectory $dir -Name 'PesterReload'
        Wait-Until { (Get-UpsVariable -UpsName sim -Name battery.charge -Port $port -ErrorAction SilentlyContinue).Value -eq '88' } -What 'the served UPS'
    }
    AfterAll {
        Stop-UpsServer -Name PesterReload
        Remove-Job -Name PesterReload -Force -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
    }

    It '-WhatIf reads nothing and changes nothing' {
        Set-Content (Join-Path $dir 'ups.conf') "[other]`n driver = dummy-ups`n port = sim.dev"
        Update-UpsServer -Name PesterReload -WhatIf | Should -BeNullOrEmpty
        (Get-Ups -Port $port).Name | Should -Be 'sim'
    }

    It 'adds and withdraws devices as ups.conf now says and reports what changed' {
        Set-Content (Join-Path $dir 'ups.conf') "[other]`n driver = dummy-ups`n port = sim.dev`n desc = `"added later`""
        $result = $job | Update-UpsServer
        $result.Server | Should -Be 'PesterReload'
        $result.Added | Should -Be @('other')
        $result.Removed | Should -Be @('sim')
        Wait-Until { (Get-UpsVariable -UpsName other -Name battery.charge -Port $port -ErrorAction SilentlyContinue).Value -eq '88' } -What 'the added UPS'
        (Get-Ups -Port $port).Description | Should -Be 'added later'
        { Get-UpsVariable -UpsName sim -Name battery.charge -Port $port -ErrorAction Stop } | Should -Throw -ErrorId 'UpsPS.UnknownUps*'
    }

    It 'reports a bad file with its line as an error and keeps serving the running configuration' {
        Set-Content (Join-Path $dir 'ups.conf') "[other]`n driver = dummy-ups`n port = sim.dev`n bogus = 1"
        $err = $null
        Update-UpsServer -Name PesterReload -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UpsPS.ConfigError*'
        $err[0].Exception.Message | Should -BeLike "*ups.conf:4:*'bogus'*"
        (Get-UpsVariable -UpsName other -Name battery.charge -Port $port).Value | Should -Be '88'
    }
}
