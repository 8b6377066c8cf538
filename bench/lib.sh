# Shared helpers for bench/run.sh and bench/soak.sh (sourced, not run).
# Builds the tools, writes one NUT configuration directory and starts/stops the servers on it.

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$bench_root/.." && pwd)"
bench_out="$bench_root/out"
LOADGEN="$bench_out/loadgen"
HOST_DLL="$bench_out/host/UpsPS.Bench.Host.dll"

build_tools() {
  mkdir -p "$bench_out"
  gcc -O2 -Wall -o "$LOADGEN" "$bench_root/loadgen/loadgen.c"
  dotnet build "$bench_root/UpsPS.Bench.Host/UpsPS.Bench.Host.csproj" -c Release -o "$bench_out/host" --nologo -v q >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# A device with about fifty variables, like a mid-range USB UPS.
write_dev_file() {
  cat >"$1" <<'EOF'
battery.charge: 100
battery.charge.low: 10
battery.charge.warning: 50
battery.date: 2021/04/12
battery.mfr.date: 2021/04/12
battery.runtime: 2715
battery.runtime.low: 120
battery.temperature: 29.2
battery.type: PbAc
battery.voltage: 27.3
battery.voltage.nominal: 24.0
device.mfr: American Power Conversion
device.model: Smart-UPS 1500
device.serial: AS1234567890
device.type: ups
input.frequency: 50.0
input.sensitivity: medium
input.transfer.high: 253
input.transfer.low: 208
input.transfer.reason: input voltage out of range
input.voltage: 231.4
input.voltage.nominal: 230
output.current: 1.30
output.frequency: 50.0
output.voltage: 230.8
output.voltage.nominal: 230
ups.beeper.status: enabled
ups.delay.shutdown: 20
ups.delay.start: 30
ups.firmware: UPS 09.3 / ID=18
ups.firmware.aux: 0.0.0
ups.load: 23.4
ups.mfr: American Power Conversion
ups.mfr.date: 2021/03/30
ups.model: Smart-UPS 1500
ups.power: 312.0
ups.power.nominal: 1500
ups.productid: 0003
ups.realpower: 280
ups.realpower.nominal: 1000
ups.serial: AS1234567890
ups.status: OL CHRG
ups.temperature: 29.2
ups.test.result: No test initiated
ups.timer.reboot: -1
ups.timer.shutdown: -1
ups.timer.start: -1
ups.vendorid: 051d
EOF
}

# make_config DIR PORT MAXCONN: ups1..ups100 (dummy-once on the same .dev file) and "stamp" (a file the
# propagation scenario rewrites), upsd.conf with LISTEN/MAXCONN, one admin user.
make_config() {
  local dir="$1" port="$2" maxconn="${3:-4096}"
  mkdir -p "$dir/etc" "$dir/state"
  write_dev_file "$dir/etc/device.dev"
  printf 'ups.status: OL\nbench.stamp: 1\n' >"$dir/etc/stamp.dev"
  : >"$dir/etc/ups.conf"
  for i in $(seq 1 100); do
    printf '[ups%d]\n  driver = dummy-ups\n  port = %s\n  mode = dummy-once\n  desc = "bench device %d"\n' \
      "$i" "$dir/etc/device.dev" "$i" >>"$dir/etc/ups.conf"
  done
  printf '[stamp]\n  driver = dummy-ups\n  port = %s\n  mode = dummy-once\n' "$dir/etc/stamp.dev" >>"$dir/etc/ups.conf"
  printf 'LISTEN 127.0.0.1 %s\nMAXCONN %s\n' "$port" "$maxconn" >"$dir/etc/upsd.conf"
  printf '[admin]\n  password = benchsecret\n  actions = SET FSD\n  instcmds = ALL\n' >"$dir/etc/upsd.users"
  chmod 600 "$dir/etc/upsd.users"
}

SERVER_PID=""
DRIVER_PIDS=()

wait_port() {
  local port="$1" tries=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    tries=$((tries + 1)); [ "$tries" -gt 600 ] && { echo "server did not listen on $port" >&2; return 1; }
    sleep 0.1
  done
}

# Waits until every device serves data (no DRIVER-NOT-CONNECTED / DATA-STALE / WAIT).
wait_data() {
  local port="$1" tries=0
  for dev in ups1 ups100 stamp; do
    until out=$(upsc "$dev@127.0.0.1:$port" ups.status 2>/dev/null) && [ -n "$out" ] && [ "$out" != WAIT ]; do
      tries=$((tries + 1)); [ "$tries" -gt 600 ] && { echo "$dev never served data" >&2; return 1; }
      sleep 0.1
    done
  done
}

# start_server KIND DIR PORT: KIND = upsd (NUT 2.8.0 upsd + 101 dummy-ups processes), upsps (plain .NET host),
# pwsh (Start-UpsServer -Wait inside PowerShell 7). Sets SERVER_PID to the process that serves clients.
start_server() {
  local kind="$1" dir="$2" port="$3"
  DRIVER_PIDS=()
  case "$kind" in
    upsd)
      for sec in $(grep -o '^\[[^]]*\]' "$dir/etc/ups.conf" | tr -d '[]'); do
        NUT_CONFPATH="$dir/etc" NUT_STATEPATH="$dir/state" /lib/nut/dummy-ups -a "$sec" -F -u root \
          >>"$dir/drivers.log" 2>&1 &
        DRIVER_PIDS+=($!)
      done
      for sec in $(grep -o '^\[[^]]*\]' "$dir/etc/ups.conf" | tr -d '[]'); do
        local t=0
        until [ -S "$dir/state/dummy-ups-$sec" ]; do t=$((t + 1)); [ $t -gt 300 ] && break; sleep 0.05; done
      done
      NUT_CONFPATH="$dir/etc" NUT_STATEPATH="$dir/state" /lib/nut/upsd -F -u root >"$dir/server.log" 2>&1 &
      SERVER_PID=$!
      ;;
    upsps)
      # A small gen0 budget keeps RSS close to the live heap (see bench/README.md).
      DOTNET_GCgen0size=${UPSPS_GEN0SIZE:-0x200000} dotnet "$HOST_DLL" "$dir/etc" --stamp ups100 bench.tick 20 >"$dir/server.log" 2>&1 &
      SERVER_PID=$!
      ;;
    pwsh)
      (cd "$repo_root" && exec dotnet pwsh -NoProfile -NonInteractive -Command \
        "Import-Module '$repo_root/out/UpsPS/UpsPS.psd1'; Start-UpsServer -ConfigDirectory '$dir/etc' -Wait | Out-Null") \
        >"$dir/server.log" 2>&1 &
      SERVER_PID=$!
      ;;
  esac
  wait_port "$port" && wait_data "$port" || return 1
  # The process that owns the listening socket (dotnet pwsh may run PowerShell in a child process).
  local owner
  owner=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  [ -n "$owner" ] && SERVER_PID=$owner
  return 0
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null
  fi
  for p in "${DRIVER_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${DRIVER_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  SERVER_PID=""; DRIVER_PIDS=()
}

# CPU time (user+system) of a process in seconds.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}

rss_kb() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# field NAME "key=value ..." → value
field() {
  tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2 }'
}
