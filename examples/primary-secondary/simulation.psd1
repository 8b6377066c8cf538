# Invoke-UpsSimulation -Path examples/primary-secondary/simulation.psd1
# Expected: all three see ONBATT, then LOWBATT; nas sets FSD and waits; web1 and web2 shut down; nas last.
@{
    TimeScale = 10
    Duration  = 150
    Ups       = @{ bigups = 'server/outage.seq' }
    Users     = 'server/upsd.users'
    Hosts     = @{
        nas  = 'primary/upsmon.conf'
        web1 = 'secondary/upsmon.conf'
        web2 = 'secondary/upsmon.conf'
    }
}
