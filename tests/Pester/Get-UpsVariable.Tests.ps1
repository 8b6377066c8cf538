BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
    $script:srv = Start-UpsTestServer
    $script:common = @{ ComputerName = '127.0.0.1'; Port = $srv.Port }
}
AfterAll { if ($script:srv) { Stop-UpsTestServer $script:srv } }

Describe 'Get-UpsVariable' -Tag 'CI' {
    It 'lists every variable with type information' {
        $vars = Get-UpsVariable -UpsName dummy @common
        $vars.Name | Should -Contain 'ups.status'
        $vars.Name | Should -Contain 'battery.charge'
        $mfr = $vars | Where-Object Name -eq 'ups.mfr'
        $mfr | Should -BeOfType ([UpsPS.UpsVariableInfo])
        $mfr.Value | Should -Be 'Fake Corp'
        $mfr.Type | Should -Be 'STRING'
        $mfr.MaxLength | Should -BeGreaterThan 0
        $mfr.Writable | Should -BeTrue
        $mfr.Description | Should -Be 'UPS manufacturer'
        $mfr.UpsName | Should -Be 'dummy'
        $mfr.Port | Should -Be $srv.Port
    }
    It 'filters names with wildcards' {
        $vars = Get-UpsVariable dummy 'battery.*' @common
        $vars.Name | Sort-Object | Should -Be @('battery.charge', 'battery.runtime')
    }
    It 'gets a single variable by exact name' {
        (Get-UpsVariable dummy ups.status @common).Value | Should -Be 'OL'
    }
    It 'accepts ups@host:port in -UpsName and defaults -ComputerName to localhost' {
        (Get-UpsVariable "dummy@127.0.0.1:$($srv.Port)" ups.status).Value | Should -Be 'OL'
        (Get-Command Get-UpsVariable).Parameters['ComputerName'] | Should -Not -BeNullOrEmpty
        (Get-Command Get-UpsVariable).Parameters['Port'] | Should -Not -BeNullOrEmpty
    }
    It 'binds UpsName, ComputerName and Port from Get-Ups output by property name' {
        $vars = Get-Ups @common | Get-UpsVariable -Name ups.status
        $vars.UpsName | Should -Be 'dummy'
        $vars.Value | Should -Be 'OL'
        $meta = (Get-Command Get-UpsVariable).Parameters['UpsName'].Attributes | Where-Object { $_ -is [Parameter] }
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
    }
    It 'handles several UPS objects in one pipeline' {
        $objs = 1..2 | ForEach-Object { [pscustomobject]@{ UpsName = 'dummy'; ComputerName = '127.0.0.1'; Port = $srv.Port } }
        $vars = $objs | Get-UpsVariable -Name ups.status
        @($vars).Count | Should -Be 2
    }
    It 'reports a missing variable as UpsPS.VarNotSupported / ObjectNotFound' {
        { Get-UpsVariable dummy no.such @common -ErrorAction Stop } |
            Should -Throw -ErrorId 'UpsPS.VarNotSupported,UpsPS.Commands.GetUpsVariableCommand'
        Get-UpsVariable dummy no.such @common -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
    It 'reports an unknown UPS as UpsPS.UnknownUps / ObjectNotFound' {
        { Get-UpsVariable nosuch @common -ErrorAction Stop } |
            Should -Throw -ErrorId 'UpsPS.UnknownUps,UpsPS.Commands.GetUpsVariableCommand'
    }
    It 'writes the protocol exchange to the debug stream' {
        $debug = & { $DebugPreference = 'Continue'; Get-UpsVariable dummy ups.status @common 5>&1 } | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        ($debug.Message -join "`n") | Should -Match 'GET VAR dummy ups.status'
    }
    It 'has a table view with Name and Value' {
        Get-UpsVariable dummy ups.status @common | Out-String | Should -Match 'Name\s+Value'
    }
}
