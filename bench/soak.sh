#!/usr/bin/env bash
# Soak: 10,000 connections (10% slow: one byte a second, 10% garbage, the rest silent) against one server while a
# well-behaved client polls GET VAR every 10 ms. MAXCONN is 8192, so part of the crowd never gets a slot; the
# idle timeout (60 s) sheds the silent and slow ones. Prints the poller's latency, errors/drops and RSS over time.
#   bench/soak.sh [upsps|upsd] [seconds]      (default upsps, 100 s)
set -uo pipefail
source "$(dirname "$0")/lib.sh"
kind="${1:-upsps}"; secs="${2:-100}"
ulimit -n "$(ulimit -Hn)"
build_tools
work=$(mktemp -d /tmp/upsps-soak-XXXXXX); port=$(free_port)
make_config "$work" "$port" 8192
start_server "$kind" "$work" "$port" || { echo "server did not start" >&2; exit 1; }
pid=$SERVER_PID
echo "server $kind pid $pid port $port; rss at start $(rss_kb "$pid") kB"
"$LOADGEN" soak -p "$port" -u ups1 -c 10000 -S 0.1 -G 0.1 -i 10000 -d "$secs" -w 0 >"$work/soak.out" 2>"$work/soak.err" &
lg=$!
peak=0
while kill -0 "$lg" 2>/dev/null; do
  r=$(rss_kb "$pid" 2>/dev/null || echo 0); [ "$r" -gt "$peak" ] && peak=$r
  echo "t=$(date +%T) rss_kb=$r clients=$(ls /proc/"$pid"/fd 2>/dev/null | wc -l)fds"
  sleep 10
done
wait "$lg"
echo "loadgen: $(cat "$work/soak.out")"
head -5 "$work/soak.err"
echo "server alive: $(kill -0 "$pid" 2>/dev/null && echo yes || echo NO); peak rss ${peak} kB; rss at end $(rss_kb "$pid") kB"
stop_server
rm -rf "$work"
