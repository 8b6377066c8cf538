BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
    $script:srv = Start-UpsTestServer
    $script:common = @{ ComputerName = '127.0.0.1'; Port = $srv.Port }
}
AfterAll { if ($script:srv) { Stop-UpsTestServer $script:srv } }

Describe 'Get-UpsCommand' -Tag 'CI' {
    It 'lists instant commands with descriptions' {
        $cmd = Get-UpsCommand dummy @common | Where-Object Name -eq 'load.off'
        $cmd | Should -BeOfType ([UpsPS.UpsCommandInfo])
        $cmd.Description | Should -Be 'Turn off the load immediately'
        $cmd.UpsName | Should -Be 'dummy'
    }
    It 'filters with wildcards' {
        (Get-UpsCommand dummy 'load.*' @common).Name | Should -Contain 'load.off'
        Get-UpsCommand dummy 'zzz*' @common | Should -BeNullOrEmpty
    }
    It 'accepts pipeline input from Get-Ups' {
        (Get-Ups @common | Get-UpsCommand).Name | Should -Contain 'load.off'
    }
    It 'reports a missing command as UpsPS.CmdNotSupported / ObjectNotFound' {
        Get-UpsCommand dummy no.such @common -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'UpsPS.CmdNotSupported,UpsPS.Commands.GetUpsCommandCommand'
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
