BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
    $script:srv = Start-UpsTestServer
    $script:common = @{ ComputerName = '127.0.0.1'; Port = $srv.Port }
}
AfterAll { if ($script:srv) { Stop-UpsTestServer $script:srv } }

Describe 'Get-Ups' -Tag 'CI' {
    It 'lists the devices of a server with their description' {
        $ups = @(Get-Ups @common)
        $ups.Count | Should -Be 1
        $ups[0] | Should -BeOfType ([UpsPS.UpsInfo])
        $ups[0].Name | Should -Be 'dummy'
        $ups[0].Description | Should -Be 'Pester dummy UPS'
        $ups[0].ComputerName | Should -Be '127.0.0.1'
        $ups[0].Port | Should -Be $srv.Port
    }
    It 'gets one device by name and by wildcard' {
        (Get-Ups -Name dummy @common).Description | Should -Be 'Pester dummy UPS'
        (Get-Ups -Name 'dum*' @common).Name | Should -Be 'dummy'
        Get-Ups -Name 'zzz*' @common | Should -BeNullOrEmpty
    }
    It 'accepts the upsc form ups@host:port' {
        (Get-Ups -Name "dummy@127.0.0.1:$($srv.Port)").Port | Should -Be $srv.Port
    }
    It 'reports an unknown device as UpsPS.UnknownUps / ObjectNotFound' {
        $err = $null
        Get-Ups -Name nosuch @common -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'UpsPS.UnknownUps,UpsPS.Commands.GetUpsCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
    It 'reports a refused connection as UpsPS.ConnectionFailed / ConnectionError' {
        $port = Get-FreeTcpPort
        { Get-Ups -ComputerName 127.0.0.1 -Port $port -ErrorAction Stop } |
            Should -Throw -ErrorId 'UpsPS.ConnectionFailed,UpsPS.Commands.GetUpsCommand'
        Get-Ups -ComputerName 127.0.0.1 -Port $port -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }
    It 'has a default table view' {
        (Get-FormatData -TypeName UpsPS.UpsInfo).FormatViewDefinition[0].Control | Should -BeOfType ([System.Management.Automation.TableControl])
        Get-Ups @common | Out-String | Should -Match 'Name\s+Description'
    }
}
