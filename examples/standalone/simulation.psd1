# Invoke-UpsSimulation -Path examples/standalone/simulation.psd1
# The same upsmon.conf and outage.seq as the real configuration; the shutdown is only recorded.
@{
    TimeScale = 10        # simulated seconds per real second
    Duration  = 120       # simulated seconds at most
    Ups       = @{ myups = 'outage.seq' }
    Hosts     = @{ server = 'upsmon.conf' }
}
