#!/usr/bin/env bash
# Prepares the optional Windows-transport stage of the USB VM test bed: a self-contained win-x64 publish of
# tools/UsbIpSim (its `drive` verb then runs our usbhid-ups through hid.dll/SetupAPI) and a Wine prefix, both in
# CACHE (normally .cache/usbvm/winhid, git-ignored). Wine's hid.dll reaches the guest's /dev/hidraw0 through its
# winebus.sys udev/hidraw backend. Idempotent: a no-op when both are present and the projects did not change.
# Usage: prepare-wine.sh CACHE
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$1"; cache="$(cd "$1" && pwd)"
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || { echo "prepare-wine: $wine missing (package wine64); the Windows-transport stage will be skipped"; exit 0; }


# The app: republished only when a project file changed. The guest overlays the test run's own UpsPS.Engine.dll
# and UpsPS.UsbIpSim.dll, so code changes need no republish.
app="$cache/app"
stamp="$app/.published"
if [ ! -f "$stamp" ] || [ -n "$(find "$root/tools/UsbIpSim/UsbIpSim.csproj" "$root/src/UpsPS.Engine/UpsPS.Engine.csproj" "$root/Directory.Build.props" -newer "$stamp" 2>/dev/null)" ]; then
  echo "prepare-wine: publishing UpsPS.UsbIpSim for win-x64 (self-contained) into $app"
  rm -rf "$app"
  dotnet publish "$root/tools/UsbIpSim" -c Release -r win-x64 --self-contained -p:InvariantGlobalization=true \
    --artifacts-path "$cache/artifacts" -o "$app" -nologo -v q >/dev/null
  rm -rf "$cache/artifacts"
  touch "$stamp"
fi

# The prefix: created once on the host (wineboot under TCG would take minutes); the guest symlink-copies it.
prefix="$cache/prefix"
settings=2   # bump when the registry settings below change: existing prefixes are then rebuilt
if [ "$(cat "$prefix/.ready" 2>/dev/null)" != "$settings" ]; then
  echo "prepare-wine: creating the Wine prefix $prefix"
  rm -rf "$prefix"
  export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  "$wine" wineboot -i >/dev/null 2>&1
  # .NET 10 refuses Wine's default "Windows 7"; SDL would claim the bus and hide hidraw devices; no crash debugger.
  "$wine" reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null
  "$wine" reg add 'HKLM\System\CurrentControlSet\Services\winebus' /v "Enable SDL" /t REG_DWORD /d 0 /f >/dev/null
  "$wine" reg add 'HKLM\System\CurrentControlSet\Services\winebus' /v DisableInput /t REG_DWORD /d 1 /f >/dev/null
  # Less to start under TCG: no USB passthrough bus (winebus serves hidraw), event log, network stack.
  for service in wineusb Eventlog NDIS nsiproxy; do
    "$wine" reg add "HKLM\\System\\CurrentControlSet\\Services\\$service" /v Start /t REG_DWORD /d 4 /f >/dev/null
  done
  "$wine" reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' /v Auto /d 0 /f >/dev/null
  "$wine" reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' /v Debugger /d "" /f >/dev/null
  /usr/lib/wine/wineserver -w
  echo "$settings" > "$prefix/.ready"
fi
