# The same check as a Pester test (Invoke-Pester examples/ci): one line per expectation.
BeforeAll {
    if (-not (Get-Command Invoke-UpsSimulation -ErrorAction SilentlyContinue)) {
        $built = Join-Path $PSScriptRoot '../../out/UpsPS/UpsPS.psd1'
        if (Test-Path $built) { Import-Module $built } else { Import-Module UpsPS }
    }
}
Describe 'Power cut on the rack' {
    It 'shuts every host down within 60 s, the primary last' {
        $r = Invoke-UpsSimulation -Path "$PSScriptRoot/../primary-secondary/simulation.psd1"
        $r.AllShutDown -and $r.LastShutdownSeconds -lt 60 -and $r.ShutdownOrder[-1] -eq 'nas' | Should -BeTrue -Because ($r.Timeline -join "`n")
    }
}
