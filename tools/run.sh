#!/usr/bin/env bash
# Builds the module and serves the simulated UPS of examples/nut on 127.0.0.1:3493 until Ctrl+C.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet tool restore >/dev/null
./build.sh >/dev/null
exec dotnet pwsh -NoProfile -c "Import-Module '$root/out/UpsPS/UpsPS.psd1'; & '$root/examples/Start-Simulation.ps1'"
