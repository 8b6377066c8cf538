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
    }
}
