BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
    $script:srv = Start-UpsTestServer
    $script:common = @{ ComputerName = '127.0.0.1'; Port = $srv.Port }
}
AfterAll { if ($script:srv) { Stop-UpsTestServer $script:srv } }

Describe 'Get-UpsClient' -Tag 'CI' {
    It 'is empty when nobody is logged in' {
        Get-UpsClient dummy @common | Should -BeNullOrEmpty
    }
    It 'lists a connection that did LOGIN' {
        $client = [UpsPS.Engine.Client.NutClient]::new('127.0.0.1', $srv.Port)
        try {
            $none = [Threading.CancellationToken]::None
            $cred = [UpsPS.Engine.Client.NutCredential]::new('monuser', [char[]]'monpass')
            $client.AuthenticateAsync($cred, $none).GetAwaiter().GetResult()
            $client.LoginAsync('dummy', $none).GetAwaiter().GetResult()
            $c = Get-UpsClient dummy @common
            $c | Should -BeOfType ([UpsPS.UpsClientInfo])
            $c.Address | Should -Be '127.0.0.1'
            $c.UpsName | Should -Be 'dummy'
        }
        finally { $client.Dispose() }
    }
    It 'reports an unknown UPS as UpsPS.UnknownUps' {
        { Get-UpsClient nosuch @common -ErrorAction Stop } | Should -Throw -ErrorId 'UpsPS.UnknownUps,UpsPS.Commands.GetUpsClientCommand'
    }
}
