#!/usr/bin/env bash
# Runs every test: xUnit (unit, protocol transcripts, interop with real NUT) and Pester.
# Ends with the summary line "N passed, M failed".
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$root/out/test-results"
rm -rf "$results"; mkdir -p "$results"

tools/install-deps.sh || echo "warning: could not install Debian packages; interop tests will be skipped"
dotnet tool restore >/dev/null
./build.sh >/dev/null || { echo "build failed"; ./build.sh; echo "0 passed, 1 failed"; exit 1; }

unit_passed=0; unit_failed=0; unit_skipped=0
dotnet test tests/Unit -c Release --logger "trx;LogFileName=unit.trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" 2>&1 | grep -vE '^\s*$' | tail -n 40
trx="$results/unit.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  attr() { echo "$counters" | grep -o "$1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  unit_passed=$(attr passed); unit_failed=$(( $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) ))
  unit_skipped=$(( $(attr total) - $(attr executed) ))
else
  unit_failed=1
fi
echo "xUnit: $unit_passed passed, $unit_failed failed, $unit_skipped skipped"

pester_passed=0; pester_failed=0
# The cmdlet suites run twice: against UpsPS's own server and against the real NUT 2.8.0 upsd (interop).
for server in UpsPS Real; do
  counts_file="$results/pester-$server.txt"
  dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-Tests.ps1 -SkipBuild -Server "$server" -ResultFile "$counts_file" \
    2>&1 | grep -E '\[-\]|passed, .* failed|Describing|Error' | tail -n 200
  if [ -f "$counts_file" ]; then
    counts=$(cat "$counts_file")
    pester_passed=$(( pester_passed + $(echo "$counts" | grep -o 'passed=[0-9]*' | cut -d= -f2) ))
    pester_failed=$(( pester_failed + $(echo "$counts" | grep -o 'failed=[0-9]*' | cut -d= -f2) ))
  else
    pester_failed=$(( pester_failed + 1 ))
  fi
done
echo "Pester: $pester_passed passed, $pester_failed failed"

passed=$(( unit_passed + pester_passed )); failed=$(( unit_failed + pester_failed ))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
