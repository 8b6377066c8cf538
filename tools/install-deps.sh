#!/usr/bin/env bash
# Installs the Debian packages the interop tests need, only when missing: the real NUT 2.8.0 programs (incl. snmp-ups),
# socat (ptys), certutil/pk12util (NSS databases for NUT's TLS), net-snmp's snmpd and tools; for the USB VM test
# bed (tests/Unit/Hid/UsbVm) qemu, static busybox, usbip and libusb, plus a Debian kernel cached in .cache/usbvm;
# for its optional Windows-transport stage wine64, a win-x64 publish of tools/UsbIpSim and a Wine prefix (.cache/usbvm/winhid).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
need=()
for pkg in nut-server nut-client python3-nut nut-snmp socat libnss3-tools snmpd snmp \
           qemu-system-x86 busybox-static usbip libusb-1.0-0 wine64; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
"$root/tools/usbvm/fetch-kernel.sh" "$root/.cache/usbvm" || echo "warning: no kernel for the USB VM test bed; its test will be skipped"
"$root/tools/usbvm/prepare-wine.sh" "$root/.cache/usbvm/winhid" || echo "warning: no Wine prefix or win-x64 publish; the USB VM's Windows-transport tests will be skipped"
