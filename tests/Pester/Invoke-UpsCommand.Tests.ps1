BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
    $script:srv = Start-UpsTestServer
    $script:common = @{ ComputerName = '127.0.0.1'; Port = $srv.Port }
}
AfterAll { if ($script:srv) { Stop-UpsTestServer $script:srv } }

Describe 'Invoke-UpsCommand' -Tag 'CI' {
    It 'treats power-cutting commands as High impact' -TestCases @(
        @{ Name = 'load.off'; Impact = 'High' }
        @{ Name = 'load.off.delay'; Impact = 'High' }
        @{ Name = 'shutdown.return'; Impact = 'High' }
        @{ Name = 'outlet.1.load.off'; Impact = 'High' }
        @{ Name = 'test.battery.start.quick'; Impact = 'Medium' }
        @{ Name = 'beeper.toggle'; Impact = 'Medium' }
    ) {
        [UpsPS.Commands.InvokeUpsCommandCommand]::GetConfirmImpact($Name) | Should -Be $Impact
    }
    It 'supports ShouldProcess' {
        $attr = [UpsPS.Commands.InvokeUpsCommandCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attr.SupportsShouldProcess | Should -BeTrue
    }
    It '-WhatIf sends nothing to the device' {
        # With -WhatIf no INSTCMD is sent; an unknown command would otherwise produce an error.
        Invoke-UpsCommand dummy no.such.cmd @common -Credential $srv.Credential -WhatIf -ErrorVariable e
        $e | Should -BeNullOrEmpty
        Invoke-UpsCommand dummy load.off @common -Credential $srv.Credential -WhatIf -ErrorVariable e2
        $e2 | Should -BeNullOrEmpty
        Get-UpsTestVariable $srv ups.status | Should -Be 'OL'
    }
    It 'prompts (ShouldContinue) for a power-cutting command unless -Force' {
        # A host without UI cannot prompt: the prompt shows up as HostFunctionNotImplemented before anything is sent.
        # With -Force the request reaches the server, which rejects the made-up command name.
        $run = {
            param([string] $Extra)
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$(Get-UpsPSModulePath)'; Invoke-UpsCommand dummy shutdown.nosuch -ComputerName 127.0.0.1 -Port $($srv.Port) -Credential ([pscredential]::new('admin', (ConvertTo-SecureString 'pester pw' -AsPlainText -Force))) $Extra")
                $null = $ps.Invoke()
                @($ps.Streams.Error)[0].FullyQualifiedErrorId
            }
            finally { $ps.Dispose() }
        }
        & $run '' | Should -BeLike 'HostFunctionNotImplemented,*'
        & $run '-Force' | Should -Be 'UpsPS.CmdNotSupported,UpsPS.Commands.InvokeUpsCommandCommand'
        & $run '-Confirm:$false' | Should -Be 'UpsPS.CmdNotSupported,UpsPS.Commands.InvokeUpsCommandCommand'
        & $run "-Force -WhatIf" | Should -BeNullOrEmpty
    }
    It 'does not prompt for an ordinary command' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Get-UpsPSModulePath)'; Invoke-UpsCommand dummy test.nosuch -ComputerName 127.0.0.1 -Port $($srv.Port)")
            $null = $ps.Invoke()
            @($ps.Streams.Error)[0].FullyQualifiedErrorId | Should -Be 'UpsPS.UsernameRequired,UpsPS.Commands.InvokeUpsCommandCommand'
        }
        finally { $ps.Dispose() }
    }
    It '-Wait returns the tracked result (dummy-ups reports ERR UNKNOWN for load.off)' {
        $r = Invoke-UpsCommand dummy load.off @common -Credential $srv.Credential -Force -Wait -ErrorVariable e -ErrorAction SilentlyContinue
        $r | Should -BeOfType ([UpsPS.UpsTrackingResult])
        $r.Status | Should -Be 'Failed'
        $r.Error | Should -Be 'UNKNOWN'
        $e[0].FullyQualifiedErrorId | Should -Be 'UpsPS.TrackedOperationFailed,UpsPS.Commands.InvokeUpsCommandCommand'
    }
    It 'passes -Parameter' {
        $r = Invoke-UpsCommand dummy load.off -Parameter 5 @common -Credential $srv.Credential -Force -Wait -ErrorAction SilentlyContinue
        $r.Operation | Should -Be 'INSTCMD load.off'
        $r.Status | Should -Not -Be 'Pending'
    }
    It 'binds from Get-UpsCommand output' {
        $r = Get-UpsCommand dummy load.off @common | Invoke-UpsCommand -Credential $srv.Credential -Force -Wait -ErrorAction SilentlyContinue
        $r.UpsName | Should -Be 'dummy'
    }
    It 'reports an unsupported command as UpsPS.CmdNotSupported / ObjectNotFound' {
        { Invoke-UpsCommand dummy no.such.cmd @common -Credential $srv.Credential -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'UpsPS.CmdNotSupported,UpsPS.Commands.InvokeUpsCommandCommand'
    }
}
