<#
.SYNOPSIS
Generates module/en-US/UpsPS.Cmdlets.dll-Help.xml (MAML) from tools/help-content.psd1 and the built module's parameter metadata.
.DESCRIPTION
Run after ./build.sh:  dotnet pwsh -NoProfile -File tools/New-UpsPSHelp.ps1
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/UpsPS/UpsPS.psd1'),
    [string] $OutFile = (Join-Path $PSScriptRoot '../module/en-US/UpsPS.Cmdlets.dll-Help.xml')
)
$ErrorActionPreference = 'Stop'
$content = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'help-content.psd1')
Import-Module $ModulePath -Force
$commonNames = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Esc([string] $s) { [System.Security.SecurityElement]::Escape($s) }
function Para([string] $s) { "<maml:para>$(Esc $s)</maml:para>" }

$sb = [System.Text.StringBuilder]::new()
$null = $sb.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
$null = $sb.AppendLine('<helpItems schema="maml" xmlns="http://msh">')
foreach ($name in ($content.Cmdlets.Keys | Sort-Object)) {
    $cmd = Get-Command $name -Module UpsPS
    $doc = $content.Cmdlets[$name]
    $paramText = {
        param($p)
        if ($doc.Parameters.ContainsKey($p)) { $doc.Parameters[$p] }
        elseif ($content.CommonParameters.ContainsKey($p)) { $content.CommonParameters[$p] }
        else { throw "No help text for parameter $p of $name" }
    }
    $params = $cmd.Parameters.Values | Where-Object { $_.Name -notin $commonNames }
    $null = $sb.AppendLine('<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    $null = $sb.AppendLine("<command:details><command:name>$name</command:name><command:verb>$($cmd.Verb)</command:verb><command:noun>$($cmd.Noun)</command:noun>")
    $null = $sb.AppendLine("<maml:description>$(Para $doc.Synopsis)</maml:description></command:details>")
    $null = $sb.AppendLine("<maml:description>$(Para $doc.Description)</maml:description>")
    $null = $sb.AppendLine('<command:syntax>')
    foreach ($set in $cmd.ParameterSets) {
        $null = $sb.AppendLine("<command:syntaxItem><maml:name>$name</maml:name>")
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $commonNames }) {
            $pos = if ($p.Position -ge 0) { $p.Position } else { 'named' }
            $null = $sb.AppendLine("<command:parameter required=`"$($p.IsMandatory.ToString().ToLower())`" position=`"$pos`"><maml:name>$($p.Name)</maml:name><command:parameterValue required=`"true`">$(Esc $p.ParameterType.Name)</command:parameterValue></command:parameter>")
        }
        $null = $sb.AppendLine('</command:syntaxItem>')
    }
    $null = $sb.AppendLine('</command:syntax><command:parameters>')
    foreach ($p in $params) {
        $attr = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } | Select-Object -First 1
        $pipeline = @(if ($attr.ValueFromPipeline) { 'ByValue' }; if ($attr.ValueFromPipelineByPropertyName) { 'ByPropertyName' }) -join ', '
        $pipeline = if ($pipeline) { "true ($pipeline)" } else { 'false' }
        $pos = if ($attr.Position -ge 0) { $attr.Position } else { 'named' }
        $wild = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $null = $sb.AppendLine("<command:parameter required=`"$($attr.Mandatory.ToString().ToLower())`" globbing=`"$($wild.ToString().ToLower())`" pipelineInput=`"$pipeline`" position=`"$pos`" aliases=`"$(($p.Aliases -join ', '))`">")
        $null = $sb.AppendLine("<maml:name>$($p.Name)</maml:name><maml:description>$(Para (& $paramText $p.Name))</maml:description>")
        $null = $sb.AppendLine("<command:parameterValue required=`"true`">$(Esc $p.ParameterType.Name)</command:parameterValue><dev:type><maml:name>$(Esc $p.ParameterType.FullName)</maml:name></dev:type></command:parameter>")
    }
    $null = $sb.AppendLine('</command:parameters>')
    $outputs = $cmd.OutputType | ForEach-Object { "<command:returnValue><dev:type><maml:name>$(Esc $_.Name)</maml:name></dev:type></command:returnValue>" }
    $null = $sb.AppendLine("<command:returnValues>$($outputs -join '')</command:returnValues>")
    $null = $sb.AppendLine('<command:examples>')
    $i = 0
    foreach ($ex in $doc.Examples) {
        $i++
        $null = $sb.AppendLine("<command:example><maml:title>-------------------------- Example $i --------------------------</maml:title><dev:code>$(Esc $ex.Code)</dev:code><dev:remarks>$(Para $ex.Remarks)</dev:remarks></command:example>")
    }
    $null = $sb.AppendLine('</command:examples></command:command>')
}
$null = $sb.AppendLine('</helpItems>')
$dir = Split-Path $OutFile
if (-not (Test-Path $dir)) { New-Item -ItemType Directory -Path $dir | Out-Null }
[IO.File]::WriteAllText($OutFile, $sb.ToString(), [Text.UTF8Encoding]::new($false))
Write-Host "Wrote $OutFile"
