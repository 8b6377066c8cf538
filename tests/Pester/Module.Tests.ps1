BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-UpsPSTestModule
    $script:manifestPath = Get-UpsPSModulePath
    $script:manifest = Import-PowerShellDataFile $manifestPath
    $script:commands = Get-Command -Module UpsPS
}

Describe 'UpsPS module' -Tag 'CI' {
    It 'has a valid manifest for both editions' {
        $m = Test-ModuleManifest $manifestPath
        $m.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }
    It 'exports exactly the listed cmdlets, no wildcards' {
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        # New-UpsCertificate is a script function: the certificate APIs it uses are not in netstandard2.0.
        $manifest.FunctionsToExport | Should -Be @('New-UpsCertificate')
        @($manifest.AliasesToExport).Count | Should -Be 0
        @($manifest.VariablesToExport).Count | Should -Be 0
        ($commands | Where-Object CommandType -eq Cmdlet).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }
    It 'uses approved verbs and singular Ups nouns' {
        $commands | Where-Object Verb -notin (Get-Verb).Verb | Should -BeNullOrEmpty
        $commands.Noun | ForEach-Object { $_ | Should -Match '^Ups([A-Z][a-zA-Z]+)?$' }
    }
    It 'does not ship PowerShell assemblies' {
        Join-Path (Split-Path $manifestPath) 'System.Management.Automation.dll' | Should -Not -Exist
    }
    It 'maps every NUT error code to a category (one map)' {
        foreach ($code in [Enum]::GetValues([UpsPS.Engine.Client.NutErrorCode])) {
            [UpsPS.Cmdlets.Errors.UpsErrorMap]::CategoryOf($code) | Should -BeOfType ([System.Management.Automation.ErrorCategory])
        }
        [UpsPS.Cmdlets.Errors.UpsErrorMap]::CategoryOf('AccessDenied') | Should -Be 'PermissionDenied'
        [UpsPS.Cmdlets.Errors.UpsErrorMap]::CategoryOf('UnknownUps') | Should -Be 'ObjectNotFound'
        [UpsPS.Cmdlets.Errors.UpsErrorMap]::CategoryOf('VarNotSupported') | Should -Be 'ObjectNotFound'
        [UpsPS.Cmdlets.Errors.UpsErrorMap]::CategoryOf('DataStale') | Should -Be 'ResourceUnavailable'
        [UpsPS.Cmdlets.Errors.UpsErrorMap]::CategoryOf('DriverNotConnected') | Should -Be 'ResourceUnavailable'
        [UpsPS.Cmdlets.Errors.UpsErrorMap]::CategoryOf('Readonly') | Should -Be 'PermissionDenied'
        [UpsPS.Cmdlets.Errors.UpsErrorMap]::CategoryOf('TooLong') | Should -Be 'InvalidArgument'
        [UpsPS.Cmdlets.Errors.UpsErrorMap]::IdOf('ACCESS-DENIED') | Should -Be 'UpsPS.AccessDenied'
        [UpsPS.Cmdlets.Errors.UpsErrorMap]::IdOf('SOME-NEW-CODE') | Should -Be 'UpsPS.SomeNewCode'
    }
}

Describe 'Help' -Tag 'CI' {
    It '<Name> has a synopsis and at least one example' -TestCases @(
        (Get-Command -Module UpsPS | ForEach-Object { @{ Name = $_.Name } })
    ) {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + '\s+\[') -Because 'the synopsis must be written, not generated from the syntax'
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        (Get-Help $Name -Examples | Out-String) | Should -Match 'Example 1'
    }
    It '<Name> describes every parameter' -TestCases @(
        (Get-Command -Module UpsPS | ForEach-Object { @{ Name = $_.Name } })
    ) {
        $help = Get-Help $Name -Full
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($p in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $ph = $help.Parameters.Parameter | Where-Object Name -eq $p
            $ph | Should -Not -BeNullOrEmpty -Because "parameter $p of $Name needs help"
            ($ph.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "parameter $p of $Name needs a description"
        }
    }
}
