#!/usr/bin/env bash
# Installs the Debian packages the interop tests need (real NUT 2.8.0 programs incl. snmp-ups, net-snmp snmpd/snmp tools, socat), only when missing.
set -euo pipefail
need=()
for pkg in nut-server nut-client python3-nut socat snmpd snmp nut-snmp; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing Debian packages: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
