#!/bin/sh
# Runs inside the USB VM (chrooted into the host's tree, see tools/usbvm/init). Usage:
#   guest-usbhid.sh RESULTS PORT SIM_DLL WINHID|- [VID:PID VID:PID]
# Imports the emulated UPS 1-1 over USB/IP and runs our usbhid-ups on hidraw, then 1-2 with our libusb transport,
# then 1-3 with the real NUT 2.8.0 usbhid-ups behind the real upsd. Each step writes its variables to RESULTS;
# once that file exists the host sends an on-battery Input report, and the step dumps the variables again.
# Optional last stage: 1-6 through Wine's hid.dll/SetupAPI (WINHID: tools/usbvm/prepare-wine.sh's cache, or -).
results="$1"; port="$2"; sim="$3"; winhid="$4"; shift 4; extra="$*"   # extra: VID:PID of devices 1-4, 1-5
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1 HOME=/root
step() { echo "[$(cut -d' ' -f1 /proc/uptime)] $*"; }
waitfor() {  # waitfor SECONDS TEST...
  t=$(( $1 * 10 )); shift
  while ! "$@" 2>/dev/null; do t=$((t - 1)); [ $t -le 0 ] && return 1; sleep 0.1; done
}
attach() {  # retried: right after another attach usbip can fail with "open vhci_driver" while sysfs settles
  step "attach $1"
  for try in 1 2 3; do
    usbip --tcp-port "$port" attach -r 10.0.2.2 -b "$1" && return 0
    sleep 0.5
  done
  step "usbip attach $1 failed"; return 1
}
detach() {
  for p in $(usbip port 2>/dev/null | sed -n 's/^Port \([0-9]*\):.*/\1/p'); do usbip detach -p "$p" >/dev/null; done
  waitfor 10 sh -c '! ls /sys/bus/usb/devices | grep -q "^[0-9]*-[0-9]*$"'
}
replug() {  # replug PID BUSID PREFIX: unplug once the driver saw the Input report, replug once it went stale
  waitfor 60 sh -c "test -e '$3-input.txt' || ! kill -0 $1" && test -e "$3-input.txt" || { step "no $3-input.txt"; wait "$1"; return; }
  step "unplug $2"; detach
  waitfor 40 sh -c "test -e '$3-replug.txt.stale' || ! kill -0 $1" && step "driver stale"
  attach "$2"
  wait "$1"
}
export NUT_CONFPATH=/tmp/nut NUT_STATEPATH=/tmp/nutstate
mkdir -p $NUT_CONFPATH $NUT_STATEPATH
printf 'LISTEN 127.0.0.1 3493\n' > $NUT_CONFPATH/upsd.conf
: > $NUT_CONFPATH/upsd.users
printf 'MODE=standalone\n' > $NUT_CONFPATH/nut.conf
chmod 600 $NUT_CONFPATH/*
usbdev() { for d in /sys/bus/usb/devices/[0-9]*-[0-9]*; do [ -f "$d/idVendor" ] && basename "$d" && return; done; }

# (a) our driver over hidraw, with the identity filters matched against sysfs; then unplugged and replugged
attach 1-1 && waitfor 20 test -e /dev/hidraw0 && {
  step "hidraw0 present"; ls -l /dev/hidraw0
  dotnet "$sim" drive --port /dev/hidraw0 --out "$results/ours-hidraw.txt" --set battery.charge.low=40 --cmd beeper.disable \
    --option vendorid=051d --option productid=0002 --option "vendor=American.*" --option serial=9B2019A14274 \
    --wait-status OB --after-out "$results/ours-hidraw-input.txt" --replug-out "$results/ours-hidraw-replug.txt" &
  replug "$!" 1-1 "$results/ours-hidraw"
  step "ours over hidraw exited $?"
}
detach

# (b) our driver over libusb (detaches the kernel's usbhid like NUT), the same way
attach 1-2 && waitfor 20 sh -c 'ls /sys/bus/usb/devices/[0-9]*-[0-9]*/idVendor && ls /dev/bus/usb/*/*' >/dev/null && {
  step "usb device $(usbdev) present"
  dotnet "$sim" drive --port libusb: --out "$results/ours-libusb.txt" --option "product=BK650M2.*" --option vendorid=051D \
    --wait-status OB --after-out "$results/ours-libusb-input.txt" --replug-out "$results/ours-libusb-replug.txt" &
  replug "$!" 1-2 "$results/ours-libusb"
  step "ours over libusb exited $?"
}
detach

# (c) the real NUT 2.8.0 usbhid-ups behind the real upsd
attach 1-3 && waitfor 20 sh -c 'ls /sys/bus/usb/devices/[0-9]*-[0-9]*/idVendor && ls /dev/bus/usb/*/*' >/dev/null && {
  step "usb device $(usbdev) present for real NUT"
  printf '[ups]\n driver = usbhid-ups\n port = auto\n vendorid = %s\n' "$(cat /sys/bus/usb/devices/$(usbdev)/idVendor)" > $NUT_CONFPATH/ups.conf
  chmod 600 $NUT_CONFPATH/ups.conf
  /lib/nut/usbhid-ups -a ups -u root -DD > "$results/nut-driver.log" 2>&1 &
  nutdriver=$!
  waitfor 30 test -S $NUT_STATEPATH/usbhid-ups-ups
  step "real usbhid-ups socket up"
  /lib/nut/upsd -u root > "$results/nut-upsd.log" 2>&1
  waitfor 20 sh -c 'upsc ups@127.0.0.1 ups.status >/dev/null'
  # upsd answers while the driver's first dump is still arriving: wait until two listings name the same variables.
  waitfor 20 sh -c 'a=$(upsc ups@127.0.0.1 2>/dev/null | cut -d: -f1); sleep 0.3; [ "$a" = "$(upsc ups@127.0.0.1 2>/dev/null | cut -d: -f1)" ]'
  upsc ups@127.0.0.1 > "$results/nut-upsc.txt.tmp" 2>&1 && mv "$results/nut-upsc.txt.tmp" "$results/nut-upsc.txt"
  step "upsc done"
  # The host answers nut-upsc.txt with an on-battery Input report on the interrupt pipe.
  waitfor 20 sh -c 'upsc ups@127.0.0.1 ups.status 2>/dev/null | grep -qw OB'
  upsc ups@127.0.0.1 > "$results/nut-upsc-input.txt.tmp" 2>&1 && mv "$results/nut-upsc-input.txt.tmp" "$results/nut-upsc-input.txt"
  step "upsc after input done"
  # Stop both before the next devices appear (the driver would reconnect to any 051d device).
  kill "$nutdriver" "$(cat $NUT_STATEPATH/upsd.pid)"
  waitfor 10 sh -c "! kill -0 $nutdriver && ! test -e $NUT_STATEPATH/upsd.pid"
}
detach

# (d) two more devices at once (1-4, 1-5: the other replay folders), our driver over hidraw and NUT, values only
if [ -n "$extra" ]; then
  attach 1-4; attach 1-5
  if waitfor 20 test -e /dev/hidraw1; then
    step "hidraw0 and hidraw1 present"
    i=0
    for id in $extra; do
      i=$((i + 1))
      dotnet "$sim" drive --port auto --option "vendorid=${id%:*}" --option "productid=${id#*:}" --out "$results/extra$i-ours.txt" &
    done
    wait
    step "ours on the extra devices done"
    i=0; : > $NUT_CONFPATH/ups.conf
    for id in $extra; do
      i=$((i + 1))
      printf '[extra%s]\n driver = usbhid-ups\n port = auto\n vendorid = %s\n productid = %s\n' $i "${id%:*}" "${id#*:}" >> $NUT_CONFPATH/ups.conf
    done
    chmod 600 $NUT_CONFPATH/ups.conf
    i=0
    for id in $extra; do
      i=$((i + 1))
      /lib/nut/usbhid-ups -a extra$i -u root > "$results/extra$i-nut-driver.log" 2>&1 &
    done
    waitfor 30 sh -c "test -S $NUT_STATEPATH/usbhid-ups-extra1 && test -S $NUT_STATEPATH/usbhid-ups-extra2"
    /lib/nut/upsd -u root >> "$results/nut-upsd.log" 2>&1
    for u in extra1 extra2; do
      waitfor 20 sh -c "upsc $u@127.0.0.1 >/dev/null"
      waitfor 20 sh -c 'a=$(upsc '$u'@127.0.0.1 2>/dev/null | cut -d: -f1); sleep 0.3; [ "$a" = "$(upsc '$u'@127.0.0.1 2>/dev/null | cut -d: -f1)" ]'
      upsc $u@127.0.0.1 > "$results/$u-nut-upsc.txt" 2>&1
    done
    step "NUT on the extra devices done"
  fi
  detach
fi
# (e) our driver through the Windows transport (hid.dll + SetupAPI) as Wine implements them: winebus.sys finds
# /dev/hidraw0 by libudev's sysfs scan (no udevd here) and hidclass/hid.dll serve it to the win-x64 build of the
# driver (no vendor filter: Wine's hidraw backend names the manufacturer "hidraw"). The prefix and the published app are symlink-copied to tmpfs; the test run's own UpsPS.Engine.dll and
# UpsPS.UsbIpSim.dll replace the published ones, so the current code runs.
if [ "$winhid" != "-" ]; then
  attach 1-6 && waitfor 20 test -e /dev/hidraw0 && {
    step "hidraw0 present for Wine"
    cp -as "$winhid/prefix" /tmp/wineprefix && rm /tmp/wineprefix/*.reg && cp "$winhid/prefix/"*.reg /tmp/wineprefix/
    cp -as "$winhid/app" /tmp/winapp && ln -sf "$(dirname "$sim")/UpsPS.Engine.dll" "$(dirname "$sim")/UpsPS.UsbIpSim.dll" /tmp/winapp/
    WINEPREFIX=/tmp/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="winemenubuilder.exe=d" timeout 100 /usr/lib/wine/wine64 /tmp/winapp/UpsPS.UsbIpSim.exe drive --port auto \
      --wait-vendor 051d --items-out "Z:$results/ours-winhid-items.txt" --out "Z:$results/ours-winhid.txt" --set battery.charge.low=40 --cmd beeper.disable \
      --option vendorid=051d --option productid=0002 --option serial=9B2019A14274 \
      --wait-status OB --after-out "Z:$results/ours-winhid-input.txt" > "$results/wine.log" 2>&1
    step "ours through Wine's hid.dll exited $?"
    WINEPREFIX=/tmp/wineprefix /usr/lib/wine/wineserver -k
  }
  detach
fi
step "guest done"
