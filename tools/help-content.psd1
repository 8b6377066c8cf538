# Source of the cmdlet help. tools/New-UpsPSHelp.ps1 merges it with the cmdlets' parameter metadata
# and writes module/en-US/UpsPS.Cmdlets.dll-Help.xml (MAML).
@{
    CommonParameters = @{
        ComputerName   = 'Host name or address of the NUT server (upsd). Defaults to localhost. A UPS name of the form ups@host[:port] overrides it.'
        Port           = 'TCP port of the NUT server. Defaults to 3493.'
        Credential     = 'A NUT user from upsd.users. Needed for Set-UpsVariable, Invoke-UpsCommand and -Wait; the password is only sent to the server and never written to any output stream.'
        TimeoutSeconds = 'Seconds allowed for connecting and for each request (and for the tracked result with -Wait). Defaults to 10.'
        UpsName        = 'Name of the UPS as configured on the server (ups.conf section). Also accepts the upsc form ups@host[:port].'
        UseTls         = 'Requires TLS (same as -TlsMode Required): a server that refuses STARTTLS is an error (UpsPS.TlsStartTlsRefused), never a silent fall back to plain text.'
        TlsMode        = 'Off, Opportunistic or Required. Opportunistic (the default) sends STARTTLS like upsc and uses plain text only when the server has no TLS; whenever TLS is used the server certificate is verified (chain and host name).'
        CertificateAuthorityFile = 'CA certificate file (PEM or DER) or directory of them to verify the server certificate with, instead of the system store. An NSS database directory is rejected with the certutil/pk12util commands to export from it.'
        CertificateThumbprint = 'Accepts exactly the server certificate with this SHA-1 or SHA-256 thumbprint (pinning), for self-signed certificates; any other certificate is refused with UpsPS.TlsPinMismatch.'
        TlsServerName  = 'The name the server certificate must carry when it differs from -ComputerName (for example when connecting by address).'
        SkipCertificateCheck = 'Does not verify the server certificate. An explicit opt-out that writes a warning: the traffic, including the password, can then be read and changed by anyone in between.'
        ClientCertificateFile = 'Client certificate with its key (PEM or .pfx) for servers that request or require one (upsd.conf CERTREQUEST).'
        ClientCertificatePassword = 'Password of the .pfx file or encrypted PEM key given with -ClientCertificateFile.'
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
        'Start-UpsMonitor' = @{
            Synopsis    = 'Monitors UPSes like NUT upsmon and shuts this computer down when the power runs out.'
            Description = 'Runs upsmon''s decision core: polls every MONITOR''ed UPS (LOGIN, and PRIMARY for the primary role), raises NUT''s notifications, adds up the power values of the UPSes that are not critical and, when the sum drops below MINSUPPLIES (or on FSD), runs the forced-shutdown sequence exactly once: FSD on the UPSes it is primary for, waits for secondaries (HOSTSYNC), SHUTDOWN notification, FINALDELAY, POWERDOWNFLAG, then the shutdown action. The configuration comes from -ConfigDirectory (upsmon.conf and upssched.conf as they are), a -Settings hashtable of upsmon.conf directives, or parameters; parameters override both. Notifications reach -OnNotify / Register-UpsNotification script blocks (for types whose NOTIFYFLAG includes EXEC; parameter and -Settings configurations default to SYSLOG+EXEC), PowerShell''s event queue (source identifiers UpsPS.Notify and UpsPS.Notify.<TYPE>, for Wait-Event and Register-EngineEvent -Action), NOTIFYCMD, the system log and wall. Script blocks run on the session that registered them, between its statements or while it is idle; with -Wait they run on the cmdlet''s own pipeline. Without -Wait the monitor is a job (type UpsMonitorJob) in Get-Job whose output is the notifications.'
            Parameters  = @{
                UseTls      = 'Requires TLS to every server (upsmon.conf FORCESSL 1) and verifies the server certificates (CERTVERIFY 1) unless -SkipCertificateCheck.'
                CertificateAuthorityFile = 'CA file or directory for verifying the servers (upsmon.conf CERTPATH), and turns verification on. Defaults to the system store.'
                SkipCertificateCheck = 'Does not verify server certificates (CERTVERIFY 0); writes a warning.'
                UpsName               = 'UPSes to monitor (upsname@host[:port]), all with -Credential, -PowerValue and -Role.'
                Credential            = 'The upsd.users user for MONITOR (LOGIN/PRIMARY). The password is only sent to upsd.'
                PowerValue            = 'How many of this computer''s power supplies each -UpsName UPS feeds. 0 = monitor only. Default 1.'
                Role                  = 'Primary (this host controls the UPS and sets FSD) or Secondary. Default Secondary.'
                Monitor               = 'MONITOR entries as hashtables: @{ System = ''ups@host''; PowerValue = 1; Credential = $cred; Role = ''Primary'' }.'
                Settings              = 'upsmon.conf directives as a hashtable, e.g. @{ MINSUPPLIES = 2; POLLFREQ = 5; NOTIFYFLAG = @{ ONBATT = ''SYSLOG+EXEC'' }; MONITOR = ''ups@host 1 user pass primary'' }.'
                ConfigDirectory       = 'A NUT configuration directory (like NUT_CONFPATH): upsmon.conf is read as is; upssched.conf is run in-process when NOTIFYCMD points at upssched.'
                MinSupplies           = 'MINSUPPLIES: power value needed to keep running. Default 1.'
                PollFreq              = 'POLLFREQ: seconds between polls. Default 5.'
                PollFreqAlert         = 'POLLFREQALERT: seconds between polls while a UPS is on battery (or OFF/BYPASS/ALARM/OVER). Default 5.'
                DeadTime              = 'DEADTIME: seconds without data after which a UPS that was on battery counts as dead (critical). Default 15.'
                HostSync              = 'HOSTSYNC: seconds the primary waits for secondaries to log out, and a secondary waits for the primary''s FSD. Default 15.'
                FinalDelay            = 'FINALDELAY: seconds between the SHUTDOWN notification and the shutdown action. Default 5.'
                RbWarnTime            = 'RBWARNTIME: seconds between REPLBATT warnings. Default 43200.'
                NoCommWarnTime        = 'NOCOMMWARNTIME: seconds between NOCOMM warnings. Default 300.'
                OffDuration           = 'OFFDURATION: seconds a UPS may report OFF before it counts as critical (-1 never). Default 30.'
                OverDuration          = 'OVERDURATION: seconds a UPS may report OVER before it counts as critical (-1 never). Default -1.'
                ObLbDuration          = 'OBLBDURATION: seconds OB LB must last before it counts as critical. Default 0.'
                ShutdownExit          = 'SHUTDOWNEXIT: 0 ends right after the shutdown action, n lingers n seconds, -1 until stopped.'
                PowerDownFlag         = 'POWERDOWNFLAG: file written (NUT''s exact content) just before the shutdown action, so the UPS can be powered off late in the OS shutdown.'
                NotifyMessage         = 'NOTIFYMSG per type: @{ ONBATT = ''%s lost power'' }.'
                NotifyFlag            = 'NOTIFYFLAG per type: @{ ONBATT = ''SYSLOG+EXEC''; ONLINE = ''IGNORE'' }.'
                NotifyCommand         = 'NOTIFYCMD: program run for EXEC notifications with NOTIFYTYPE and UPSNAME in its environment and the message as last argument.'
                ShutdownCommand       = 'SHUTDOWNCMD: shell command line for the local shutdown when no -ShutdownAction is given. Default for parameter configurations: /sbin/shutdown -h +0 (shutdown.exe /s /t 0 on Windows).'
                OnNotify              = 'Script blocks per notify type (or ''*'' for all): @{ ONBATT = { param($e) ... } }. $e is an UpsNotification (Type, UpsName, Message, Time, Variables).'
                Delay                 = 'Dampening: seconds to hold a notification per type; the opposite event (ONLINE for ONBATT, COMMOK for COMMBAD...) cancels it. @{ ONBATT = 30 }.'
                UpsschedConfig        = 'An upssched.conf whose AT rules (START-TIMER, CANCEL-TIMER, EXECUTE) are run in-process; timers appear in Get-UpsMonitorStatus and fire CMDSCRIPT and the UpsPS.Upssched events.'
                ShutdownAction        = 'Script block run (once) instead of SHUTDOWNCMD; it receives the ShutdownDecision. Use it in tests and CI to capture the shutdown.'
                Name                  = 'Name of the monitor and its job. Default UpsMonitorN.'
                Wait                  = 'Run in the foreground until stopped (Ctrl+C) or the shutdown: for services and scheduled tasks. Notifications are written to the output, log lines to the verbose and warning streams.'
                NoSystemLog           = 'Do not write to syslog (Linux/macOS) or the Windows Event Log.'
                NoEventQueue          = 'Do not put notifications into PowerShell''s event queue.'
                HandlerTimeoutSeconds = 'Upper bound for one handler or NOTIFYCMD run; a slower one is abandoned and logged. Default 30.'
            }
            Examples    = @(
                @{ Code = 'Start-UpsMonitor -UpsName myups@nas -Credential (Get-Credential monuser) -OnNotify @{ ONBATT = { param($e) Send-MailMessage -Subject $e.Message } }'; Remarks = 'Monitors myups as a secondary in a job and mails when the power fails; the computer shuts down when the UPS reaches low battery.' }
                @{ Code = 'Start-UpsMonitor -ConfigDirectory /etc/nut -Wait'; Remarks = 'Runs an existing upsmon.conf (and upssched.conf) in the foreground, e.g. as a systemd service.' }
                @{ Code = 'Start-UpsMonitor -UpsName ups@127.0.0.1 -Credential $c -Role Primary -PollFreq 1 -ShutdownAction { param($d) $d.Explanation | Set-Content shutdown.txt }'; Remarks = 'Captures the shutdown decision instead of shutting down, for a CI test.' }
            )
        }
        'Stop-UpsMonitor' = @{
            Synopsis    = 'Stops a UPS monitor started with Start-UpsMonitor.'
            Description = 'Logs out from upsd (LOGOUT) and ends the monitor; its job ends. Accepts names (wildcards), ids, or piped monitor jobs and Get-UpsMonitorStatus objects.'
            Parameters  = @{
                Name        = 'Names of the monitors to stop. Wildcards are allowed.'
                Id          = 'Ids of the monitors (the Id of Get-UpsMonitorStatus).'
                InputObject = 'A monitor job, UpsMonitorStatus or handler object.'
                PassThru    = 'Output the final UpsMonitorStatus.'
            }
            Examples    = @(
                @{ Code = 'Stop-UpsMonitor -Name home'; Remarks = 'Stops the monitor named home.' }
                @{ Code = 'Get-UpsMonitorStatus | Stop-UpsMonitor'; Remarks = 'Stops every monitor.' }
            )
        }
        'Get-UpsMonitorStatus' = @{
            Synopsis    = 'Shows what a UPS monitor sees and why it decided to shut down.'
            Description = 'Returns one UpsMonitorStatus per monitor: state, each UPS''s status, role, power value, communication state and whether it is critical (and why), the power value total against MINSUPPLIES, pending upssched timers and dampened notifications, and after a shutdown decision the ShutdownDecision with its Explanation (which rule fired with which values), FSD results and how the wait for secondaries ended.'
            Parameters  = @{
                Name        = 'Names of the monitors. Wildcards are allowed.'
                Id          = 'Ids of the monitors.'
                InputObject = 'A monitor job or status object.'
            }
            Examples    = @(
                @{ Code = 'Get-UpsMonitorStatus'; Remarks = 'Lists all monitors with their power value total and decision.' }
                @{ Code = '(Get-UpsMonitorStatus home).Ups | Format-Table'; Remarks = 'Shows every UPS of the monitor home with its status and critical reason.' }
                @{ Code = '(Get-UpsMonitorStatus home).Explanation'; Remarks = 'Shows why the monitor shut the computer down.' }
            )
        }
        'Register-UpsNotification' = @{
            Synopsis    = 'Adds a script block that runs on UPS notifications of a running monitor.'
            Description = 'Registers a handler for one or more notify types (ONBATT, ONLINE, LOWBATT, FSD, COMMBAD, COMMOK, SHUTDOWN, REPLBATT, NOCOMM, ... or * for all) on running monitors. The handler receives an UpsNotification. It runs for types whose NOTIFYFLAG includes EXEC, on the session that registered it; a failure is logged and counted and never stops monitoring.'
            Parameters  = @{
                Type        = 'Notify types to handle, or * for all.'
                Action      = 'The script block; param($e) receives the UpsNotification.'
                MonitorName = 'Monitors to add the handler to. Wildcards are allowed; default all.'
                InputObject = 'A monitor job or status object.'
                HandlerName = 'A name for the handler.'
            }
            Examples    = @(
                @{ Code = 'Register-UpsNotification -Type ONBATT,LOWBATT -Action { param($e) Write-Host $e.Message }'; Remarks = 'Prints power-failure messages from every running monitor.' }
            )
        }
        'Unregister-UpsNotification' = @{
            Synopsis    = 'Removes script-block handlers added with Register-UpsNotification or -OnNotify.'
            Description = 'Removes handlers by object (from Register-UpsNotification) or by id.'
            Parameters  = @{
                InputObject = 'Handler objects returned by Register-UpsNotification.'
                Id          = 'Handler ids.'
            }
            Examples    = @(
                @{ Code = '$h = Register-UpsNotification ONBATT { param($e) $e }; $h | Unregister-UpsNotification'; Remarks = 'Adds and removes a handler.' }
            )
        }
        'Start-UpsLog' = @{
            Synopsis    = 'Logs UPS variables at an interval, like NUT upslog.'
            Description = 'Every -Interval seconds writes one line per UPS, formatted with upslog''s tokens: %TIME fmt% (strftime with @ for %), %ETIME%, %HOST%, %UPSHOST%, %PID%, %VAR name% (NA when unavailable), %% and %t; unknown tokens print INVALID as in upslog (NUT has no %TEXT%; write literal text directly). Lines go to -Path (appended, with optional size rotation) and/or as UpsLogRecord objects on the pipeline; -AsJob runs it as a job. No login is needed.'
            Parameters  = @{
                UpsName   = 'UPSes to log (upsname@host[:port]); * as the upsname logs every UPS of that server.'
                Path      = 'Log file to append to. Without it the records are written to the pipeline.'
                Format    = 'upslog format string. Default: upslog''s default format.'
                Interval  = 'Seconds between lines. Default 30.'
                Count     = 'Stop after this many cycles (0 = until stopped).'
                MaxSizeKB = 'Rotate the file (file.1, file.2, ...) before it grows beyond this size; 0 = never.'
                MaxFiles  = 'Rotated files to keep. Default 5.'
                AsJob     = 'Run as a job (type UpsLogJob) in Get-Job.'
                PassThru  = 'With -Path, also output the records.'
                Name      = 'Job name. Default UpsLog.'
            }
            Examples    = @(
                @{ Code = 'Start-UpsLog myups@nas -Path /var/log/ups.log -Interval 60 -AsJob'; Remarks = 'Appends upslog''s default line every minute in a background job.' }
                @{ Code = 'Start-UpsLog myups@nas -Interval 5 -Count 3 -Format ''%ETIME% %VAR battery.charge% [%VAR ups.status%]'''; Remarks = 'Returns three records five seconds apart.' }
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
                CertificateFile    = 'Server certificate for STARTTLS, replacing upsd.conf''s CERTFILE: a PEM file with the certificate and its key, or a .pfx file. New-UpsCertificate makes one. Without a certificate STARTTLS is answered ERR FEATURE-NOT-CONFIGURED.'
                CertificateKeyFile = 'PEM private key when it is not inside -CertificateFile.'
                CertificatePassword = 'Password of the .pfx file or the encrypted PEM key (upsd.conf: second word of CERTIDENT).'
                CertificateThumbprint = 'Uses a certificate with private key from the certificate store (CurrentUser or LocalMachine, My) by thumbprint or subject name.'
                ClientCertificate  = 'Client certificates, as upsd.conf CERTREQUEST: None, Request (a certificate that is sent must be valid) or Require.'
                ClientCertificateAuthorityFile = 'CA file or directory that client certificates must chain to (upsd.conf CERTPATH). Defaults to the system store.'
                DisableWeakTls     = 'TLS 1.2 and newer only (upsd.conf DISABLE_WEAK_SSL).'
                MaxConnectionsPerAddress = 'Simultaneous connections allowed from one client address, on top of MAXCONN; further ones are closed and logged. 0 means no per-address limit. Defaults to 32. Loopback clients (this machine) are not limited per address.'
            }
            Examples    = @(
                @{ Code = 'Start-UpsServer -ConfigDirectory /etc/nut -CertificateFile /etc/nut/server.pem -DisableWeakTls'; Remarks = 'Serves with STARTTLS (TLS 1.2 and newer) using a PEM certificate and key.' }
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
        'Update-UpsServer' = @{
            Synopsis    = 'Re-reads the configuration files of running UPS servers, like upsd -c reload.'
            Description = 'Reads ups.conf, upsd.conf and upsd.users of each server job again (the server must have been started with -ConfigDirectory). If any file has a fatal error, nothing changes and the error names file and line. Otherwise devices added to ups.conf are served, removed ones are withdrawn (clients get UNKNOWN-UPS), devices whose driver settings changed get a fresh driver, descriptions are updated, and users and their rights apply from the next command. LISTEN, STATEPATH, MAXCONN and TLS settings take effect at the next start; a warning says so. A server running in the foreground (Start-UpsServer -Wait) reloads on SIGHUP, as upsd does, and writes upsd.pid in STATEPATH (or NUT_ALTPIDPATH), so NUT''s own upsd -c reload and the service units that call it reach it.'
            Parameters  = @{
                Job  = 'Server jobs, as returned by Start-UpsServer or Get-Job.'
                Name = 'Job names; wildcards are allowed. Without a name every running server job is reloaded.'
            }
            Examples    = @(
                @{ Code = 'Update-UpsServer'; Remarks = 'Reloads every running server job of this session and shows what changed.' }
                @{ Code = 'Get-Job -Name UpsServer | Update-UpsServer -WhatIf'; Remarks = 'Shows which servers would reload.' }
                @{ Code = 'NUT_STATEPATH=/var/lib/nut upsd -c reload'; Remarks = 'From a shell: NUT''s upsd finds the foreground UpsPS server through upsd.pid and makes it reload (Linux, macOS).' }
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
        'Invoke-UpsSimulation' = @{
            Synopsis    = 'Simulates a power failure on a whole NUT topology in one process and returns the timeline.'
            Description = 'Runs dummy-ups drivers on .dev/.seq files, one server and one upsmon per simulated host (primary and secondary, with their upsmon.conf settings) in this process; every MONITOR system, whatever its host part, is answered by the simulation''s server on a free loopback port. Shutdowns are captured, never executed: SHUTDOWNCMD and NOTIFYCMD are not run and POWERDOWNFLAG is neither written nor removed. Time runs TimeScale times faster (drivers'' TIMER lines and every monitor''s POLLFREQ, DEADTIME, HOSTSYNC, FINALDELAY alike). The run ends when every host with MINSUPPLIES > 0 has shut down, after Duration simulated seconds, or on Ctrl+C. Returns a SimulationResult: Timeline (driver status changes, notifications, shutdown decisions, shutdowns, scripted actions, in simulated seconds), Shutdowns, ShutdownOrder, AllShutDown, LastShutdownSeconds, Hosts (with each monitor''s final state) and the upsmon/upsd Log. The topology hashtable (or .psd1) has Ups = @{ name = ''file.seq'' | "inline text" | @{ Content; Path; Mode; Description; Settings } }, Hosts = @{ name = ''upsmon.conf'' | @{ UpsmonConf = path; Upsmon = text; StartAt = s; <upsmon.conf directive> = value } }, optional Users (upsd.users text or path; generated from the MONITOR credentials when absent), Upsd, TimeScale, Duration, StopWhenAllShutDown, and Actions = @( @{ At = s; KillDriver | StartDriver | RemoveUps = ''ups'' }, @{ At = s; SetVariable = ''ups''; Name = ''ups.status''; Value = ''OB LB'' }, @{ At = s; ForcedShutdown | StopHost = ''host'' } ). Live events are written to the verbose stream.'
            Parameters  = @{
                Topology        = 'The topology as a hashtable; relative paths are relative to the current location.'
                Path            = 'A .psd1 file holding the topology; relative paths inside are relative to the file.'
                TimeScale       = 'Simulated seconds per real second (overrides the topology). 10 runs a 60-second outage in 6 seconds; very high values make CPU stalls of the machine visible as delays.'
                DurationSeconds = 'Longest run in simulated seconds (overrides the topology''s Duration; default 300).'
                WorkDirectory   = 'Write the generated NUT configuration (ups.conf, upsd.conf, upsd.users, data files) here and keep it; it also runs with the real upsd and dummy-ups.'
            }
            Examples    = @(
                @{ Code = '(Invoke-UpsSimulation -Path ./rack.psd1).ShutdownOrder | Should -Be web1, web2, nas'; Remarks = 'Asserts in one Pester line that the secondaries go down before the primary.' }
                @{ Code = '$r = Invoke-UpsSimulation -Path examples/primary-secondary/simulation.psd1; $r.AllShutDown -and $r.LastShutdownSeconds -lt 60 -and $r.ShutdownOrder[-1] -eq ''nas'''; Remarks = 'True when every host is down within 60 simulated seconds, the primary last.' }
                @{ Code = 'Invoke-UpsSimulation @{ Ups = @{ u = "ups.status: OL`nTIMER 5`nups.status: OB LB`n" }; Hosts = @{ h = @{ MONITOR = ''u@x 1 mon pw primary''; POLLFREQ = 1 } }; Actions = @(@{ At = 2; KillDriver = ''u'' }) } -Verbose'; Remarks = 'A UPS whose driver dies before the outage: prints the events live (COMMBAD, NOCOMM) and returns the result.' }
                @{ Code = '$r.Timeline | Format-Table; $r.Shutdowns | Format-List Host, Seconds, Explanation'; Remarks = 'Shows the timeline and why each host shut down.' }
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
