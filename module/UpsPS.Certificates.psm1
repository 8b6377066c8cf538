# New-UpsCertificate: certificates for people who have none. Written in PowerShell because the certificate APIs
# (CertificateRequest, PEM export) are not in netstandard2.0, but are in every runtime PowerShell runs on.
Set-StrictMode -Version 3

function ConvertTo-UpsPem([string]$Label, [byte[]]$Der) {
    $b64 = [Convert]::ToBase64String($Der)
    $lines = for ($i = 0; $i -lt $b64.Length; $i += 64) { $b64.Substring($i, [Math]::Min(64, $b64.Length - $i)) }
    "-----BEGIN $Label-----`n" + ($lines -join "`n") + "`n-----END $Label-----`n"
}

function Write-UpsSecretFile([string]$Path, [string]$Text) {
    [IO.File]::WriteAllText($Path, $Text)
    if (-not $IsWindows -and $PSVersionTable.PSEdition -eq 'Core' -and [IO.File].GetMethod('SetUnixFileMode', [type[]]@([string], [IO.UnixFileMode]))) {
        [IO.File]::SetUnixFileMode($Path, [IO.UnixFileMode]'UserRead, UserWrite')
    }
}

function New-UpsKeyRequest([string]$Subject, [string]$Algorithm) {
    $sha = [Security.Cryptography.HashAlgorithmName]::SHA256
    if ($Algorithm -eq 'RSA') {
        $key = [Security.Cryptography.RSA]::Create(3072)
        $req = [Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $key, $sha, [Security.Cryptography.RSASignaturePadding]::Pkcs1)
    } else {
        $key = [Security.Cryptography.ECDsa]::Create([Security.Cryptography.ECCurve+NamedCurves]::nistP256)
        $req = [Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $key, $sha)
    }
    [pscustomobject]@{ Key = $key; Request = $req }
}

function Save-UpsCertificate($Cert, $Key, [string]$Directory, [string]$BaseName, [string]$Role, [SecureString]$Password, [switch]$NoKey) {
    $cerPath = Join-Path $Directory "$BaseName.crt"
    [IO.File]::WriteAllText($cerPath, (ConvertTo-UpsPem 'CERTIFICATE' $Cert.RawData))
    $pemPath = $null; $pfxPath = $null
    if (-not $NoKey) {
        $plain = if ($Password) { [Net.NetworkCredential]::new('', $Password).Password } else { $null }
        $pfxPath = Join-Path $Directory "$BaseName.pfx"
        [IO.File]::WriteAllBytes($pfxPath, $Cert.Export([Security.Cryptography.X509Certificates.X509ContentType]::Pkcs12, $plain))
        if ($Key.PSObject.Methods['ExportPkcs8PrivateKey']) {
            $keyPem = if ($plain) {
                $pbe = [Security.Cryptography.PbeParameters]::new('Aes256Cbc', [Security.Cryptography.HashAlgorithmName]::SHA256, 100000)
                ConvertTo-UpsPem 'ENCRYPTED PRIVATE KEY' $Key.ExportEncryptedPkcs8PrivateKey($plain.ToCharArray(), $pbe)
            } else { ConvertTo-UpsPem 'PRIVATE KEY' $Key.ExportPkcs8PrivateKey() }
            $pemPath = Join-Path $Directory "$BaseName.pem"
            Write-UpsSecretFile $pemPath ((ConvertTo-UpsPem 'CERTIFICATE' $Cert.RawData) + $keyPem)
        }
    }
    $sha256 = [BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash($Cert.RawData)).Replace('-', '')
    [pscustomobject]@{
        PSTypeName = 'UpsPS.CertificateFile'
        Role = $Role; Subject = $Cert.Subject; NotAfter = $Cert.NotAfter
        Thumbprint = $Cert.Thumbprint; Sha256Thumbprint = $sha256
        CertificatePath = $cerPath; PemPath = $pemPath; PfxPath = $pfxPath
    }
}

function New-UpsCertificate {
    <#
    .SYNOPSIS
    Creates a TLS server certificate for a NUT server (and optionally a small CA and client certificates).
    .DESCRIPTION
    Writes <name>.crt (certificate), <name>.pem (certificate + key, for Start-UpsServer -CertificateFile or upsd.conf
    CERTFILE) and <name>.pfx to -OutputDirectory, and prints how to trust the result on clients. Without
    -WithCertificateAuthority the server certificate is self-signed: clients pin it (-CertificateThumbprint) or trust
    the .crt itself. With it, a CA signs the server (and -ClientName) certificates and clients trust ca.crt.
    .PARAMETER DnsName
    Host names and addresses the server certificate is for (subject alternative names); the first is also the subject CN.
    .PARAMETER OutputDirectory
    Where the files are written. Defaults to the current location.
    .PARAMETER ValidDays
    Validity of the server and client certificates in days (the CA gets a year more). Defaults to 825.
    .PARAMETER WithCertificateAuthority
    Also create a small CA (ca.crt/ca.pem/ca.pfx) that signs the other certificates; clients then trust ca.crt.
    .PARAMETER ClientName
    Names of client certificates to create (needs -WithCertificateAuthority), for servers with CERTREQUEST.
    .PARAMETER Password
    Encrypts the private keys (PEM as encrypted PKCS#8, and the .pfx files). Without it keys are written unencrypted with owner-only permissions.
    .PARAMETER KeyAlgorithm
    ECDsa (P-256, default) or RSA (3072 bits).
    .EXAMPLE
    New-UpsCertificate -DnsName nas.example.lan, 192.168.1.10 -WithCertificateAuthority -OutputDirectory ./tls
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0)][string[]]$DnsName,
        [string]$OutputDirectory = '.',
        [ValidateRange(1, 3650)][int]$ValidDays = 825,
        [switch]$WithCertificateAuthority,
        [string[]]$ClientName,
        [SecureString]$Password,
        [ValidateSet('ECDsa', 'RSA')][string]$KeyAlgorithm = 'ECDsa'
    )
    $X = 'Security.Cryptography.X509Certificates'
    if ($ClientName -and -not $WithCertificateAuthority) { throw '-ClientName needs -WithCertificateAuthority (client certificates are signed by the CA).' }
    $dir = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($OutputDirectory)
    if (-not $PSCmdlet.ShouldProcess($dir, "Create TLS certificates for $($DnsName -join ', ')")) { return }
    [void][IO.Directory]::CreateDirectory($dir)
    $now = [DateTimeOffset]::UtcNow
    $results = @()

    $ca = $null
    if ($WithCertificateAuthority) {
        $k = New-UpsKeyRequest "CN=UpsPS CA for $($DnsName[0])" $KeyAlgorithm
        $k.Request.CertificateExtensions.Add((New-Object "$X.X509BasicConstraintsExtension" $true, $true, 0, $true))
        $k.Request.CertificateExtensions.Add((New-Object "$X.X509KeyUsageExtension" ([Security.Cryptography.X509Certificates.X509KeyUsageFlags]'KeyCertSign, CrlSign'), $true))
        $k.Request.CertificateExtensions.Add((New-Object "$X.X509SubjectKeyIdentifierExtension" $k.Request.PublicKey, $false))
        $ca = $k.Request.CreateSelfSigned($now.AddDays(-1), $now.AddDays($ValidDays + 365))
        $results += Save-UpsCertificate $ca $k.Key $dir 'ca' 'CertificateAuthority' $Password
    }

    function Issue([string]$Subject, [string]$Eku, [string[]]$Names) {
        $k = New-UpsKeyRequest $Subject $KeyAlgorithm
        $k.Request.CertificateExtensions.Add((New-Object "$X.X509BasicConstraintsExtension" $false, $false, 0, $false))
        $k.Request.CertificateExtensions.Add((New-Object "$X.X509KeyUsageExtension" ([Security.Cryptography.X509Certificates.X509KeyUsageFlags]'DigitalSignature, KeyEncipherment'), $true))
        $oids = New-Object Security.Cryptography.OidCollection
        [void]$oids.Add((New-Object Security.Cryptography.Oid $Eku))
        $k.Request.CertificateExtensions.Add((New-Object "$X.X509EnhancedKeyUsageExtension" $oids, $false))
        if ($Names) {
            $san = New-Object "$X.SubjectAlternativeNameBuilder"
            foreach ($n in $Names) { $ip = $null; if ([Net.IPAddress]::TryParse($n, [ref]$ip)) { $san.AddIpAddress($ip) } else { $san.AddDnsName($n) } }
            $k.Request.CertificateExtensions.Add($san.Build())
        }
        if ($ca) {
            $serial = New-Object byte[] 16; [Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($serial); $serial[0] = $serial[0] -band 0x7f
            $c = $k.Request.Create($ca, $now.AddDays(-1), $now.AddDays($ValidDays), $serial)
            $c = if ($KeyAlgorithm -eq 'RSA') { [Security.Cryptography.X509Certificates.RSACertificateExtensions]::CopyWithPrivateKey($c, $k.Key) }
                 else { [Security.Cryptography.X509Certificates.ECDsaCertificateExtensions]::CopyWithPrivateKey($c, $k.Key) }
        } else {
            $c = $k.Request.CreateSelfSigned($now.AddDays(-1), $now.AddDays($ValidDays))
        }
        [pscustomobject]@{ Cert = $c; Key = $k.Key }
    }

    $server = Issue "CN=$($DnsName[0])" '1.3.6.1.5.5.7.3.1' $DnsName
    $results += Save-UpsCertificate $server.Cert $server.Key $dir 'server' 'Server' $Password
    foreach ($client in @($ClientName | Where-Object { $_ })) {
        $cc = Issue "CN=$client" '1.3.6.1.5.5.7.3.2' @()
        $results += Save-UpsCertificate $cc.Cert $cc.Key $dir "client-$client" 'Client' $Password
    }

    $s = $results | Where-Object Role -eq 'Server'
    $trust = if ($ca) { Join-Path $dir 'ca.crt' } else { $s.CertificatePath }
    $verify = if ($ca) { "-CertificateAuthorityFile '$trust'" } else { "-CertificateThumbprint $($s.Sha256Thumbprint)" }
    Write-Information -InformationAction Continue -MessageData @"
Server:  Start-UpsServer ... -CertificateFile '$(if ($s.PemPath) { $s.PemPath } else { $s.PfxPath })'$(if ($Password) { ' -CertificatePassword <password>' })   (upsd.conf: CERTFILE)
Clients: Get-Ups -ComputerName $($DnsName[0]) -UseTls $verify
Monitor: Start-UpsMonitor ... -UseTls -CertificateAuthorityFile '$trust'   (upsmon.conf: CERTPATH $trust, CERTVERIFY 1, FORCESSL 1)
NUT upsmon/upsc (NSS build): certutil -N -d sql:/etc/nut/cert ; certutil -A -d sql:/etc/nut/cert -n "UpsPS" -t "CT,," -a -i '$trust'
Trust system-wide: Windows: Import-Certificate -FilePath '$trust' -CertStoreLocation Cert:\LocalMachine\Root
                   Debian/Ubuntu: cp '$trust' /usr/local/share/ca-certificates/upsps.crt && update-ca-certificates
"@
    $results
}

Export-ModuleMember -Function New-UpsCertificate
