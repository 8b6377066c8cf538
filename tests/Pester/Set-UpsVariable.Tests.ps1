BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
    $script:srv = Start-UpsTestServer
    $script:common = @{ ComputerName = '127.0.0.1'; Port = $srv.Port }
}
AfterAll { if ($script:srv) { Stop-UpsTestServer $script:srv } }

Describe 'Set-UpsVariable' -Tag 'CI' {
    It 'declares SupportsShouldProcess with Medium impact' {
        $attr = [UpsPS.Commands.SetUpsVariableCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attr.SupportsShouldProcess | Should -BeTrue
        $attr.ConfirmImpact | Should -Be 'Medium'
    }
    It '-WhatIf leaves the device unchanged' {
        Set-UpsVariable dummy ups.id 'whatif' @common -Credential $srv.Credential -WhatIf
        Get-UpsTestVariable $srv ups.id | Should -Be 'abc'
    }
    It 'changes a value and -Wait returns the tracked result' {
        $r = Set-UpsVariable dummy ups.id 'pester1' @common -Credential $srv.Credential -Wait -Confirm:$false
        $r | Should -BeOfType ([UpsPS.UpsTrackingResult])
        $r.Status | Should -Be 'Success'
        $r.TrackingId | Should -Match '^[0-9A-F-]{36}$'
        Wait-Until { (Get-UpsTestVariable $srv ups.id) -eq 'pester1' } -What 'ups.id to change'
    }
    It 'sets without waiting and binds from Get-UpsVariable output' {
        Get-UpsVariable dummy ups.id @common | Set-UpsVariable -Value 'piped' -Credential $srv.Credential -Confirm:$false
        Wait-Until { (Get-UpsTestVariable $srv ups.id) -eq 'piped' } -What 'ups.id to change'
    }
    It 'requires credentials: UpsPS.UsernameRequired / AuthenticationError' {
        { Set-UpsVariable dummy ups.id 'x' @common -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'UpsPS.UsernameRequired,UpsPS.Commands.SetUpsVariableCommand'
    }
    It 'maps a wrong password to UpsPS.AccessDenied / PermissionDenied' {
        $bad = [pscredential]::new('admin', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        Set-UpsVariable dummy ups.id 'x' @common -Credential $bad -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'UpsPS.AccessDenied,UpsPS.Commands.SetUpsVariableCommand'
        $e[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }
    It 'never shows the password in errors or debug output' {
        $out = & { $DebugPreference = 'Continue'; Set-UpsVariable dummy ups.id 'dbg' @common -Credential $srv.Credential -Confirm:$false 5>&1 } | Out-String
        $out | Should -Match 'PASSWORD \*+'
        $out | Should -Not -Match 'pester pw'
    }
}
