# Source of the cmdlet help. tools/New-UpsPSHelp.ps1 merges it with the cmdlets' parameter metadata
# and writes module/en-US/UpsPS.Cmdlets.dll-Help.xml (MAML).
@{
    CommonParameters = @{
        ComputerName   = 'Host name or address of the NUT server (upsd). Defaults to localhost. A UPS name of the form ups@host[:port] overrides it.'
        Port           = 'TCP port of the NUT server. Defaults to 3493.'
        Credential     = 'A NUT user from upsd.users. Needed for Set-UpsVariable, Invoke-UpsCommand and -Wait; the password is only sent to the server and never written to any output stream.'
        TimeoutSeconds = 'Seconds allowed for connecting and for each request (and for the tracked result with -Wait). Defaults to 10.'
        UpsName        = 'Name of the UPS as configured on the server (ups.conf section). Also accepts the upsc form ups@host[:port].'
    }
    Cmdlets = @{
        'Get-Ups' = @{
            Synopsis    = 'Lists the UPS devices a NUT server offers.'
            Description = 'Sends LIST UPS to the NUT server and returns one UpsInfo object per device with its description. With -Name, returns matching devices; a name without wildcards is looked up directly (GET UPSDESC) and an unknown name is reported as error UpsPS.UnknownUps. The output pipes into Get-UpsVariable, Get-UpsCommand and Get-UpsClient.'
            Parameters  = @{ Name = 'Names of the devices to return. Wildcards are allowed; ups@host[:port] is accepted.' }
            Examples    = @(
                @{ Code = 'Get-Ups -ComputerName nas'; Remarks = 'Lists every UPS served by the NUT server on host nas.' }
                @{ Code = 'Get-Ups -Name "myups@nas:3493"'; Remarks = 'Gets one UPS using the same target syntax as upsc.' }
            )
        }
        'Get-UpsVariable' = @{
            Synopsis    = 'Gets the variables of a UPS with their values, types and descriptions.'
            Description = 'Reads the variables of a UPS (LIST VAR, or GET VAR for names without wildcards) and, for each, its type (GET TYPE), description (GET DESC) and allowed values (LIST ENUM / LIST RANGE). Objects with UpsName, ComputerName and Port properties, such as the output of Get-Ups, bind by property name.'
            Parameters  = @{ Name = 'Variable names to return, such as battery.charge. Wildcards are allowed; without -Name every variable is returned.' }
            Examples    = @(
                @{ Code = 'Get-UpsVariable -UpsName myups -ComputerName nas'; Remarks = 'Shows all variables of myups on nas, like upsc myups@nas.' }
                @{ Code = 'Get-UpsVariable myups@nas battery.*'; Remarks = 'Shows the battery variables.' }
                @{ Code = 'Get-Ups -ComputerName nas | Get-UpsVariable -Name ups.status'; Remarks = 'Shows the status of every UPS on nas.' }
            )
        }
        'Set-UpsVariable' = @{
            Synopsis    = 'Changes a writable UPS variable.'
            Description = 'Sends SET VAR to the NUT server. The server only confirms that the request was passed to the driver; with -Wait the cmdlet turns on tracking and waits for the driver''s result, returned as an UpsTrackingResult. Supports -WhatIf and -Confirm (ConfirmImpact Medium). Needs -Credential for a user with the SET action.'
            Parameters  = @{
                Name  = 'Name of the variable to set, such as ups.id.'
                Value = 'The new value. Numbers are sent with a dot as decimal separator.'
                Wait  = 'Wait for the driver''s result (SET TRACKING) and output it. A failed result is also written as error UpsPS.TrackedOperationFailed.'
            }
            Examples    = @(
                @{ Code = 'Set-UpsVariable -UpsName myups@nas -Name ups.id -Value rack-12 -Credential (Get-Credential admin) -Wait'; Remarks = 'Sets ups.id and waits until the driver reports success or failure.' }
                @{ Code = 'Get-UpsVariable myups input.transfer.low | Set-UpsVariable -Value 100 -Credential $cred -WhatIf'; Remarks = 'Shows what would be changed without changing anything.' }
            )
        }
        'Get-UpsCommand' = @{
            Synopsis    = 'Lists the instant commands a UPS supports.'
            Description = 'Sends LIST CMD and GET CMDDESC to the NUT server and returns one UpsCommandInfo per command with its description. The output pipes into Invoke-UpsCommand.'
            Parameters  = @{ Name = 'Command names to return. Wildcards are allowed; a name without wildcards that the UPS does not support is reported as error UpsPS.CmdNotSupported.' }
            Examples    = @(
                @{ Code = 'Get-UpsCommand -UpsName myups -ComputerName nas'; Remarks = 'Lists the instant commands, like upscmd -l myups@nas.' }
                @{ Code = 'Get-UpsCommand myups test.*'; Remarks = 'Lists the self-test commands.' }
            )
        }
        'Invoke-UpsCommand' = @{
            Synopsis    = 'Runs an instant command on a UPS.'
            Description = 'Sends INSTCMD to the NUT server. Commands that can cut power (load.off*, shutdown.*, outlet.N.load.off*) are handled as ConfirmImpact High and ask for confirmation unless -Force, -Confirm:$false or $ConfirmPreference = ''None''. With -Wait the driver''s result is returned as an UpsTrackingResult. Needs -Credential for a user allowed to run the command.'
            Parameters  = @{
                Name      = 'The instant command, such as test.battery.start.quick or load.off.'
                Parameter = 'Optional argument for the command (NUT protocol 1.3), such as a delay in seconds.'
                Wait      = 'Wait for the driver''s result (SET TRACKING) and output it. A failed result is also written as error UpsPS.TrackedOperationFailed.'
                Force     = 'Do not ask the extra confirmation for power-cutting commands. -WhatIf still applies.'
            }
            Examples    = @(
                @{ Code = 'Invoke-UpsCommand -UpsName myups@nas -Name test.battery.start.quick -Credential $cred -Wait'; Remarks = 'Starts a quick battery test and waits for the driver''s answer.' }
                @{ Code = 'Invoke-UpsCommand myups load.off.delay -Parameter 120 -Credential $cred -WhatIf'; Remarks = 'Shows what would happen without sending the command.' }
            )
        }
        'Get-UpsClient' = @{
            Synopsis    = 'Lists the clients logged in to a UPS.'
            Description = 'Sends LIST CLIENT to the NUT server and returns the address of every connection that did LOGIN to the UPS, typically upsmon instances that will shut down when the UPS runs out of power.'
            Parameters  = @{}
            Examples    = @(
                @{ Code = 'Get-UpsClient -UpsName myups -ComputerName nas'; Remarks = 'Shows which machines monitor myups, like upsc -c myups@nas.' }
            )
        }
        'Start-UpsServer' = @{
            Synopsis    = 'Starts a NUT-compatible UPS server (upsd) with its drivers, as a job or in the foreground.'
            Description = 'Reads a NUT configuration directory (ups.conf, upsd.conf, upsd.users, like NUT_CONFPATH) or the -Device/-User/-Listen parameters, checks all of it before anything starts (a bad line is reported with file and line), runs the configured drivers in this process and serves every device over the NUT network protocol, answering as NUT 2.8.0 upsd does. Without -Wait it returns a job listed by Get-Job; Receive-Job reads its log and Stop-Job or Stop-UpsServer stops it. With -Wait it serves in the foreground and writes log entries until Ctrl+C. A driver that cannot start or fails is reported and restarted; clients meanwhile get ERR DRIVER-NOT-CONNECTED for that device only.'
            Parameters  = @{
                ConfigDirectory    = 'A NUT configuration directory with ups.conf, upsd.conf and upsd.users. Relative driver ports (such as .dev files) are found there.'
                Device             = 'Devices as hashtables with Name, Driver, Port and any other ups.conf key, e.g. @{ Name = ''sim''; Driver = ''dummy-ups''; Port = ''sim.dev''; Description = ''Lab UPS'' }.'
                User               = 'Users as a hashtable of hashtables, as upsd.users defines them: @{ admin = @{ Password = ''…''; Actions = ''SET'',''FSD''; InstCmds = ''ALL'' }; mon = @{ Password = ''…''; Upsmon = ''primary'' } }.'
                DataDirectory      = 'With -Device: where relative driver ports are found. Defaults to the current location.'
                Listen             = 'Addresses to listen on, replacing upsd.conf''s LISTEN lines: 127.0.0.1, [::1]:3493, 0.0.0.0:3493 or * for every interface. The default is loopback only.'
                Port               = 'TCP port for every listener. 0 picks a free port (see the job''s Location).'
                NoDriver           = 'Do not run drivers; connect to the NUT driver sockets in STATEPATH instead, as upsd does. Use it to serve real NUT drivers or drivers started with Start-UpsDriver.'
                ExposeDriverSocket = 'Also offer every in-process driver on its NUT driver socket in STATEPATH, so NUT tools can reach it.'
                StatePath          = 'Directory of the driver sockets, replacing upsd.conf''s STATEPATH.'
                Name               = 'Name of the job. Defaults to UpsServer.'
                Wait               = 'Serve in the foreground until Ctrl+C, writing log entries to the pipeline (for services and scheduled tasks).'
            }
            Examples    = @(
                @{ Code = 'Start-UpsServer -ConfigDirectory /etc/nut'; Remarks = 'Serves an existing NUT configuration (dummy-ups devices) as a job instead of upsd plus its drivers.' }
                @{ Code = 'dotnet pwsh -NoProfile -c "Import-Module UpsPS; Start-UpsServer -ConfigDirectory /etc/nut -Wait"'; Remarks = 'Runs in the foreground, as a drop-in for upsd in a service unit.' }
                @{ Code = 'Start-UpsServer -Device @{ Name = ''sim''; Driver = ''dummy-ups''; Port = ''outage.dev'' } -User @{ admin = @{ Password = ''pw''; Actions = ''SET'' } } -Port 0'; Remarks = 'Serves a simulated UPS from parameters on a free loopback port.' }
            )
        }
        'Stop-UpsServer' = @{
            Synopsis    = 'Stops UPS server jobs started by Start-UpsServer.'
            Description = 'Stops the named server jobs, the jobs piped to it, or every running UpsPS server job of this session. Clients are disconnected and the in-process drivers stop.'
            Parameters  = @{
                Job  = 'Server jobs, as returned by Start-UpsServer or Get-Job.'
                Name = 'Job names; wildcards are allowed. Without a name every running server job is stopped.'
            }
            Examples    = @(
                @{ Code = '$server = Start-UpsServer -ConfigDirectory ./nut; Stop-UpsServer -Job $server'; Remarks = 'Starts and stops a server.' }
                @{ Code = 'Stop-UpsServer -WhatIf'; Remarks = 'Shows which server jobs would be stopped.' }
            )
        }
        'Start-UpsDriver' = @{
            Synopsis    = 'Starts UPS drivers on NUT driver sockets, like upsdrvctl start.'
            Description = 'Runs one device, several, or all devices (-All) of ups.conf, or one device given by parameters, each as a job listed by Get-Job. Every driver serves NUT''s driver socket (STATEPATH/<driver>-<ups>; a named pipe on Windows), so NUT''s upsd or Start-UpsServer -NoDriver can serve it; a server in the same PowerShell process reaches it without the socket. A driver that fails is reported in the job''s log and restarted.'
            Parameters  = @{
                ConfigDirectory = 'A NUT configuration directory whose ups.conf defines the devices.'
                Name            = 'Names of the ups.conf devices to start, or with -Driver and -Port the name of the device.'
                All             = 'Start every device of ups.conf.'
                Driver          = 'The driver, such as dummy-ups.'
                Port            = 'The driver''s port: for dummy-ups a .dev or .seq file, or ups@host[:port] for repeater mode.'
                Option          = 'Other ups.conf keys as a hashtable, e.g. @{ pollinterval = 1; mode = ''dummy-once'' }.'
                StatePath       = 'Directory of the driver sockets. Defaults to NUT_STATEPATH, then ups.conf''s statepath, then upsd.conf''s STATEPATH.'
            }
            Examples    = @(
                @{ Code = 'Start-UpsDriver -ConfigDirectory /etc/nut -All'; Remarks = 'Starts every driver of ups.conf.' }
                @{ Code = 'Start-UpsDriver -Name sim -Driver dummy-ups -Port ./sim.seq -StatePath /run/nut'; Remarks = 'Runs one simulated UPS that NUT''s upsd (STATEPATH /run/nut) can serve.' }
            )
        }
        'Stop-UpsDriver' = @{
            Synopsis    = 'Stops drivers started by Start-UpsDriver.'
            Description = 'Stops the drivers of the named devices, or every standalone driver of this session, and removes their sockets. Drivers inside a server job stop with the server.'
            Parameters  = @{ UpsName = 'Device names; wildcards are allowed.' }
            Examples    = @(
                @{ Code = 'Stop-UpsDriver -UpsName sim'; Remarks = 'Stops the driver of sim.' }
                @{ Code = 'Get-UpsDriver | Stop-UpsDriver -WhatIf'; Remarks = 'Shows which drivers would be stopped.' }
            )
        }
        'Get-UpsDriver' = @{
            Synopsis    = 'Lists the UPS drivers this session runs.'
            Description = 'Returns one UpsDriverInfo per driver started by Start-UpsDriver or running inside a Start-UpsServer job: device, driver, port, whether it is running or waiting to be restarted, where it can be reached, failures and the last error.'
            Parameters  = @{ UpsName = 'Device names; wildcards are allowed.' }
            Examples    = @(
                @{ Code = 'Get-UpsDriver'; Remarks = 'Shows every driver and its state.' }
                @{ Code = 'Get-UpsDriver | Where-Object State -eq Down'; Remarks = 'Shows drivers that failed and wait to be restarted.' }
            )
        }
    }
}
