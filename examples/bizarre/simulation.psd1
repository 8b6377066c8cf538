# Invoke-UpsSimulation -Path examples/bizarre/simulation.psd1
# Expected: UPS2 low at ~20 s: M only notifies; S1, S2 give up on the primary after HOSTSYNC and shut down.
# UPS1 low at ~80 s: M sets FSD on UPS1 only and shuts down last.
@{
    TimeScale = 10
    Duration  = 200
    Ups       = @{ ups1 = 'ups1.seq'; ups2 = 'ups2.seq' }
    Users     = 'hostM/upsd.users'
    Hosts     = @{ M = 'hostM/upsmon.conf'; S1 = 'hostS1/upsmon.conf'; S2 = 'hostS2/upsmon.conf' }
}
