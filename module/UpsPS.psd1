@{
    RootModule             = 'UpsPS.Cmdlets.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '6f0b7f8e-3c1d-4b8a-9a57-2f1e0f4f3a11'
    Author                 = 'UpsPS contributors'
    CompanyName            = 'UpsPS'
    Copyright              = '(c) UpsPS contributors.'
    Description            = 'Network UPS Tools (NUT) for PowerShell: query and control UPS devices through any NUT server (upsd), on Windows PowerShell 5.1 and PowerShell 7.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    NestedModules          = @('UpsPS.Certificates.psm1')
    FormatsToProcess       = @('UpsPS.format.ps1xml')
    TypesToProcess         = @('UpsPS.types.ps1xml')

    # Explicit list (no wildcards). Server/driver cmdlets are appended here as they land.
    CmdletsToExport        = @(
        'Get-Ups'
        'Get-UpsVariable'
        'Set-UpsVariable'
        'Get-UpsCommand'
        'Invoke-UpsCommand'
        'Get-UpsClient'
        'Start-UpsMonitor'
        'Stop-UpsMonitor'
        'Get-UpsMonitorStatus'
        'Register-UpsNotification'
        'Unregister-UpsNotification'
        'Start-UpsLog'
        'Start-UpsServer'
        'Stop-UpsServer'
        'Update-UpsServer'
        'Start-UpsDriver'
        'Stop-UpsDriver'
        'Get-UpsDriver'
        'Invoke-UpsSimulation'
    )
    FunctionsToExport      = @('New-UpsCertificate')
    AliasesToExport        = @()
    VariablesToExport      = @()

    PrivateData            = @{
        PSData = @{
            Tags         = @('NUT', 'UPS', 'NetworkUpsTools', 'upsd', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/upsps/upsps'
            LicenseUri   = 'https://github.com/upsps/upsps/blob/main/LICENSE'
            ReleaseNotes = 'Client cmdlets: Get-Ups, Get-UpsVariable, Set-UpsVariable, Get-UpsCommand, Invoke-UpsCommand, Get-UpsClient. Monitor: Start-UpsMonitor, Stop-UpsMonitor, Get-UpsMonitorStatus, Register-/Unregister-UpsNotification, Start-UpsLog.'
        }
    }
}
