#!/usr/bin/env bash
# Installs the Debian packages the interop tests need, only when missing: the real NUT 2.8.0 programs (incl. snmp-ups),
# socat (ptys), certutil/pk12util (NSS databases for NUT's TLS), net-snmp's snmpd and tools.
set -euo pipefail
need=()
for pkg in nut-server nut-client python3-nut nut-snmp socat libnss3-tools snmpd snmp; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing Debian packages: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
