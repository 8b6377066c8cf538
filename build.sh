#!/usr/bin/env bash
# Builds the UpsPS module into out/UpsPS: publishes UpsPS.Cmdlets (Release) and lays out dlls + module files.
# PowerShell's own assemblies (PowerShellStandard.Library's System.Management.Automation) are never shipped.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
configuration="${1:-Release}"
publish="$root/out/publish"
dest="$root/out/UpsPS"

rm -rf "$publish" "$dest"
dotnet publish "$root/src/UpsPS.Cmdlets/UpsPS.Cmdlets.csproj" -c "$configuration" -o "$publish" --nologo -v quiet
mkdir -p "$dest"
for f in "$publish"/*.dll; do
  case "$(basename "$f")" in
    System.Management.Automation.dll|Microsoft.PowerShell.*.dll) ;;  # provided by the host PowerShell
    *) cp "$f" "$dest/" ;;
  esac
done
cp -r "$root/module/." "$dest/"
echo "Module laid out in $dest"
