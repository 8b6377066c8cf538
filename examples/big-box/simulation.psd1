# Invoke-UpsSimulation -Path examples/big-box/simulation.psd1
# Expected: alpha on battery, then low battery: bigbox only notifies. beta low battery: FSD on both, shutdown.
@{
    TimeScale = 10
    Duration  = 150
    Ups       = @{ alpha = 'alpha.seq'; beta = 'beta.seq' }
    Hosts     = @{ bigbox = 'upsmon.conf' }
}
