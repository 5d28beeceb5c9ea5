# Shared by scripts/bench-storm.sh and scripts/bench-10k.sh (sourced, not run).
#
# SIPSHIELD_JAR   the harness jar to run (default: the newest in harness/target, built by ./sipshield)
# SERVER_JVM_OPTS JVM options of the load server (mock) JVM, e.g. -Xmx1g
# PHONE_JVM_OPTS  JVM options of the phones' JVM, e.g. -Xmx2g

bench_root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The jar to run: $SIPSHIELD_JAR, else the one ./sipshield builds and runs.
bench_jar() {
  if [[ -n "${SIPSHIELD_JAR:-}" ]]; then
    echo "$SIPSHIELD_JAR"
    return
  fi
  "$bench_root/sipshield" --version >/dev/null
  ls -t "$bench_root"/harness/target/sipshield-harness-*.jar \
    | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' -e '-tests\.jar$' | head -n 1
}

# Starts the load server in the background: bench_start_server LOG PHONES RESUMPTION PKI_DIR [more options]
# Sets server_pid and server_port.
bench_start_server() {
  local log="$1" phones="$2" resumption="$3" pki="$4"
  shift 4
  # shellcheck disable=SC2086
  java ${SERVER_JVM_OPTS:-} -jar "$jar" bench load-server --phones "$phones" --resumption "$resumption" \
    --pki-out "$pki" --stats-interval "${STATS_INTERVAL:-10}" "$@" >"$log" 2>&1 &
  server_pid=$!
  local waited=0
  until grep -q '^listening on ' "$log" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the load server did not start:" >&2
      cat "$log" >&2
      exit 3
    fi
    sleep 0.5
    waited=$((waited + 1))
    if ((waited > 240)); then
      echo "the load server did not start within 120 s" >&2
      kill "$server_pid"
      exit 3
    fi
  done
  server_port="$(sed -n 's/^listening on [0-9.]*:\([0-9]*\) .*/\1/p' "$log" | head -n 1)"
}

# Stops the load server (its shutdown hook prints the final stats line) and waits for it.
bench_stop_server() {
  if [[ -n "${server_pid:-}" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
}

# CPU seconds (user + system) a live process has used so far, from /proc.
bench_cpu_seconds() {
  local pid="$1" ticks
  ticks="$(getconf CLK_TCK)"
  awk -v t="$ticks" '{ sub(/^.*\) /, ""); print ($12 + $13) / t }' "/proc/$pid/stat"
}

# A JSON number from a flat key in the load JSON: bench_json FILE KEY
bench_json() {
  python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
def find(o,k):
    if isinstance(o,dict):
        if k in o: return o[k]
        for v in o.values():
            r=find(v,k)
            if r is not None: return r
    return None
r=find(d,sys.argv[2]); print("" if r is None else r)' "$1" "$2"
}

bench_machine() {
  echo "machine: $(nproc) processors ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -n 1), $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
