#!/usr/bin/env bash
# Benchmarks UpsPS's server beside NUT 2.8.0's upsd, from the same NUT configuration directory, and prints a
# markdown table with both and the ratio.
#
#   bench/run.sh [-s "upsd upsps pwsh"] [-r repeats] [-d seconds]
#
# upsd = /lib/nut/upsd with 101 /lib/nut/dummy-ups processes; upsps = UpsPS.Bench.Host (plain .NET host,
# drivers in-process); pwsh = Start-UpsServer -Wait inside PowerShell 7 (needs ./build.sh first).
# Throughput figures are the median of the repeats. Raw loadgen lines go to bench/out/results-<kind>.txt.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

servers="upsd upsps pwsh"
repeats=3
secs=3
while getopts "s:r:d:" o; do
  case $o in s) servers="$OPTARG" ;; r) repeats="$OPTARG" ;; d) secs="$OPTARG" ;; *) exit 2 ;; esac
done
ulimit -n "$(ulimit -Hn)"
build_tools || { echo "build failed" >&2; exit 1; }
if [[ " $servers " == *" pwsh "* ]] && [ ! -f "$repo_root/out/UpsPS/UpsPS.psd1" ]; then
  (cd "$repo_root" && ./build.sh >/dev/null) || exit 1
fi

declare -A R   # R[scenario|server] = value
declare -a ORDER=()
declare -A UNIT BETTER
record() { # record SCENARIO UNIT BETTER(high|low) SERVER VALUE
  local key="$1"
  [[ " ${ORDER[*]:-} " == *" $key "* ]] || ORDER+=("$key")
  UNIT[$key]="$2"; BETTER[$key]="$3"; R["$key|$4"]="$5"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }

run_kind() {
  local kind="$1" work port raw
  work=$(mktemp -d /tmp/upsps-bench-XXXXXX)
  port=$(free_port)
  raw="$bench_out/results-$kind.txt"; : >"$raw"
  make_config "$work" "$port" 4096
  echo "== $kind (port $port, $work)" >&2
  start_server "$kind" "$work" "$port" || { echo "$kind did not start; see $work/server.log" >&2; stop_server; return; }
  local pid=$SERVER_PID
  sleep 2
  record "RSS idle" MB low "$kind" "$(awk -v k="$(rss_kb "$pid")" 'BEGIN { printf "%.1f", k / 1024 }')"
  # Memory with 1,000 idle connections.
  local before after line
  before=$(rss_kb "$pid")
  "$LOADGEN" idle -p "$port" -c 1000 -d 6 -w 0 >"$work/idle.out" 2>"$work/idle.err" &
  local lg=$!
  for _ in $(seq 1 100); do grep -q ready "$work/idle.err" && break; sleep 0.1; done
  sleep 2
  after=$(rss_kb "$pid")
  wait "$lg"
  record "RSS with 1000 idle conns" MB low "$kind" "$(awk -v k="$after" 'BEGIN { printf "%.1f", k / 1024 }')"
  record "Memory per idle conn" KB low "$kind" "$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", (b - a) / 1000 }')"

  # scenario NAME UNIT BETTER METRIC loadgen-args...: median over repeats of METRIC (rate or p50_us...)
  scenario() {
    local name="$1" unit="$2" better="$3" metric="$4"; shift 4
    local values="" errs=0 cpu0 cpu1 okn=0 line
    for _ in $(seq 1 "$repeats"); do
      cpu0=$(cpu_seconds "$pid")
      line=$("$LOADGEN" "$@" -p "$port" -d "$secs" 2>>"$work/loadgen.err")
      cpu1=$(cpu_seconds "$pid")
      echo "$kind | $name | $line | server_cpu=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { print b - a }')" >>"$raw"
      values="$values $(field "$metric" "$line")"
      errs=$((errs + $(field errors "$line") + $(field connect_errors "$line")))
      LAST_CPU=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { print b - a }'); LAST_OK=$(field ok "$line")
    done
    local v; v=$(median <<<"$values")
    [ "$errs" -gt 0 ] && v="$v (${errs} err)"
    record "$name" "$unit" "$better" "$kind" "$v"
  }

  scenario "GET VAR, 1 conn" req/s high rate get -c 1 -u ups1
  scenario "GET VAR, 10 conns" req/s high rate get -c 10 -u ups1
  scenario "GET VAR, 100 conns" req/s high rate get -c 100 -u ups1
  record "CPU-s per 100k GET (100 conns)" s low "$kind" "$(awk -v c="$LAST_CPU" -v n="$LAST_OK" 'BEGIN { printf "%.2f", n ? c * 100000 / n : 0 }')"
  scenario "GET VAR p99, 100 conns" ms low p99_us get -c 100 -u ups1
  R["GET VAR p99, 100 conns|$kind"]=$(awk -v u="${R["GET VAR p99, 100 conns|$kind"]%% *}" 'BEGIN { printf "%.2f", u / 1000 }')
  scenario "GET VAR, 1000 conns" req/s high rate get -c 1000 -u ups1
  scenario "GET VAR pipelined (10 conns x 16)" req/s high rate get -c 10 -P 16 -u ups1
  scenario "LIST VAR, 1 conn" lists/s high rate list -c 1 -u ups1
  scenario "LIST VAR p50, 1 conn" ms low p50_us list -c 1 -u ups1
  R["LIST VAR p50, 1 conn|$kind"]=$(awk -v u="${R["LIST VAR p50, 1 conn|$kind"]%% *}" 'BEGIN { printf "%.3f", u / 1000 }')
  scenario "LIST VAR, 100 conns" lists/s high rate list -c 100 -u ups1
  scenario "connect-GET-close, 10 workers" conn/s high rate churn -c 10 -u ups1
  scenario "LIST UPS (101 devices), 10 conns" lists/s high rate listups -c 10 -n 101
  scenario "LIST VAR over 100 devices, 100 conns" lists/s high rate list -c 100 -u ups -n 100
  scenario "LIST VAR over 100 devices, 1000 conns" lists/s high rate list -c 1000 -u ups -n 100

  # Propagation through the dummy driver: loadgen rewrites stamp.dev every 1.7 s (off the drivers' 2 s grid),
  # polls GET VAR every 1 ms; the latency includes the driver's own file check cycle.
  line=$("$LOADGEN" prop -p "$port" -u stamp -v bench.stamp -f "$work/etc/stamp.dev" -I 1700 -i 1000 -d 30 -w 3 2>>"$work/loadgen.err")
  echo "$kind | propagation .dev | $line" >>"$raw"
  record "Propagation .dev change -> poller, p50" ms low "$kind" "$(awk -v u="$(field p50_us "$line")" 'BEGIN { printf "%.0f", u / 1000 }')"
  record "Propagation .dev change -> poller, p99" ms low "$kind" "$(awk -v u="$(field p99_us "$line")" 'BEGIN { printf "%.0f", u / 1000 }')"
  if [ "$kind" = upsps ]; then
    # In-process driver publishes a stamp every 20 ms (UpsPS.Bench.Host --stamp); poll every 0.2 ms.
    line=$("$LOADGEN" prop -p "$port" -u ups100 -v bench.tick -i 200 -d 5 2>>"$work/loadgen.err")
    echo "$kind | propagation in-process | $line" >>"$raw"
    record "Propagation in-process driver -> poller, p50" ms low "$kind" "$(awk -v u="$(field p50_us "$line")" 'BEGIN { printf "%.2f", u / 1000 }')"
    record "Propagation in-process driver -> poller, p99" ms low "$kind" "$(awk -v u="$(field p99_us "$line")" 'BEGIN { printf "%.2f", u / 1000 }')"
  fi


  stop_server
  rm -rf "$work"
}

for k in $servers; do run_kind "$k"; done

if [[ " $servers " == *" pwsh "* ]]; then
  values=""
  for _ in 1 2 3 4 5; do
    values="$values $(cd "$repo_root" && dotnet pwsh -NoProfile -NonInteractive -Command \
      "(Measure-Command { Import-Module ./out/UpsPS/UpsPS.psd1 }).TotalMilliseconds" | tail -1)"
  done
  record "Import-Module (PowerShell 7)" ms low pwsh "$(median <<<"$values" | awk '{ printf "%.0f", $1 }')"
fi

# ---- table ---------------------------------------------------------------------------------------------
echo
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr); upsd: NUT 2.8.0; repeats: $repeats x ${secs}s (median)"
echo
cols=""; for k in $servers; do cols="$cols | $k"; done
ratio_cols=""; for k in $servers; do [ "$k" != upsd ] && ratio_cols="$ratio_cols | $k/upsd"; done
echo "| Scenario | unit$cols$ratio_cols |"
echo "|---|---$(for k in $servers; do printf '|---:'; done)$(for k in $servers; do [ "$k" != upsd ] && printf '|---:'; done)|"
for key in "${ORDER[@]}"; do
  row="| $key | ${UNIT[$key]} (${BETTER[$key]}er is better)"
  for k in $servers; do row="$row | ${R["$key|$k"]:-n/a}"; done
  for k in $servers; do
    [ "$k" = upsd ] && continue
    a="${R["$key|$k"]:-}"; b="${R["$key|upsd"]:-}"
    row="$row | $(awk -v a="${a%% *}" -v b="${b%% *}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2fx", a / b }')"
  done
  echo "$row |"
done
