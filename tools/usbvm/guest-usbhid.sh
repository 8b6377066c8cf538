#!/bin/sh
# Runs inside the USB VM (chrooted into the host's tree, see tools/usbvm/init). Usage:
#   guest-usbhid.sh RESULTS PORT SIM_DLL
# Imports the emulated UPS 1-1 over USB/IP and runs our usbhid-ups on hidraw, then 1-2 with our libusb transport,
# then 1-3 with the real NUT 2.8.0 usbhid-ups behind the real upsd. Each step writes its variables to RESULTS;
# once that file exists the host sends an on-battery Input report, and the step dumps the variables again.
results="$1"; port="$2"; sim="$3"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1 HOME=/root
step() { echo "[$(cut -d' ' -f1 /proc/uptime)] $*"; }
waitfor() {  # waitfor SECONDS TEST...
  t=$(( $1 * 10 )); shift
  while ! "$@" 2>/dev/null; do t=$((t - 1)); [ $t -le 0 ] && return 1; sleep 0.1; done
}
attach() {
  step "attach $1"
  usbip --tcp-port "$port" attach -r 10.0.2.2 -b "$1" || { step "usbip attach $1 failed"; return 1; }
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
  export NUT_CONFPATH=/tmp/nut NUT_STATEPATH=/tmp/nutstate
  mkdir -p $NUT_CONFPATH $NUT_STATEPATH
  printf '[ups]\n driver = usbhid-ups\n port = auto\n vendorid = %s\n' "$(cat /sys/bus/usb/devices/$(usbdev)/idVendor)" > $NUT_CONFPATH/ups.conf
  printf 'LISTEN 127.0.0.1 3493\n' > $NUT_CONFPATH/upsd.conf
  : > $NUT_CONFPATH/upsd.users
  printf 'MODE=standalone\n' > $NUT_CONFPATH/nut.conf
  chmod 600 $NUT_CONFPATH/*
  /lib/nut/usbhid-ups -a ups -u root -DD > "$results/nut-driver.log" 2>&1 &
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
}
detach
step "guest done"
