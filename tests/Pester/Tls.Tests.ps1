BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
}

Describe 'TLS: New-UpsCertificate, Start-UpsServer -CertificateFile, client -UseTls' {
    BeforeAll {
        $root = Join-Path ([IO.Path]::GetTempPath()) ("upsps-tls-" + [Guid]::NewGuid().ToString('N'))
        $files = New-UpsCertificate -DnsName localhost, 127.0.0.1 -WithCertificateAuthority -OutputDirectory (Join-Path $root 'pki') 6>$null
        $ca = ($files | Where-Object Role -eq 'CertificateAuthority').CertificatePath
        $server = $files | Where-Object Role -eq 'Server'
        $port = Get-FreeTcpPort
        $cfg = Join-Path $root 'cfg'
        New-Item -ItemType Directory -Path $cfg | Out-Null
        Set-Content (Join-Path $cfg 'ups.conf') "[sim]`n driver = dummy-ups`n port = sim.dev"
        Set-Content (Join-Path $cfg 'sim.dev') "ups.status: OL"
        Set-Content (Join-Path $cfg 'upsd.conf') "LISTEN 127.0.0.1 $port"
        Set-Content (Join-Path $cfg 'upsd.users') "[admin]`n password = pw"
        Start-UpsServer -ConfigDirectory $cfg -Name 'PesterTls' -CertificateFile $server.PemPath -DisableWeakTls | Out-Null
        Wait-Until { (Get-UpsVariable -UpsName sim -Name ups.status -ComputerName localhost -Port $port -UseTls -CertificateAuthorityFile $ca -ErrorAction SilentlyContinue).Value -eq 'OL' } -What 'the TLS server'
    }
    AfterAll {
        Stop-UpsServer -Name PesterTls
        Remove-Job -Name PesterTls -Force -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
    }

    It 'creates a CA and a server certificate with PEM and PFX files' {
        $files.Role | Should -Be @('CertificateAuthority', 'Server')
        $server.PemPath | Should -Exist
        $server.PfxPath | Should -Exist
        $server.Subject | Should -Be 'CN=localhost'
    }

    It 'connects verified against the CA file, by name and by address' {
        (Get-UpsVariable -UpsName sim -Name ups.status -ComputerName localhost -Port $port -UseTls -CertificateAuthorityFile $ca).Value | Should -Be 'OL'
        (Get-UpsVariable -UpsName sim -Name ups.status -ComputerName 127.0.0.1 -Port $port -UseTls -CertificateAuthorityFile $ca).Value | Should -Be 'OL'
    }

    It 'refuses a certificate it cannot verify, with a TLS error id' {
        { Get-UpsVariable -UpsName sim -Name ups.status -ComputerName localhost -Port $port -UseTls -ErrorAction Stop } |
            Should -Throw -ErrorId 'UpsPS.TlsUntrustedIssuer,UpsPS.Commands.GetUpsVariableCommand'
    }

    It 'accepts a pinned thumbprint and warns when verification is skipped' {
        (Get-UpsVariable -UpsName sim -Name ups.status -ComputerName localhost -Port $port -UseTls -CertificateThumbprint $server.Sha256Thumbprint).Value | Should -Be 'OL'
        $out = Get-UpsVariable -UpsName sim -Name ups.status -ComputerName localhost -Port $port -UseTls -SkipCertificateCheck 3>&1
        @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 1
    }
}
