#!/usr/bin/env bash
# Many phones held for a long time, phones and mock in separate JVMs (docs/benchmarks.md, issue 10):
#
#   JVM 1: sipshield bench load-server --phones N        (the mock: one endpoint per phone)
#   JVM 2: sipshield load --phones N --target 127.0.0.1:PORT --duration D --measure-heap ...
#
# Expires and the keep-alive interval are chosen so that both fire many times in the run
# (defaults: Expires 120 s, so each phone refreshes every ~102 s; CRLF keep-alive every 24-30 s).
# Halfway through, a class histogram of the phones' JVM is taken (jcmd GC.class_histogram). At the
# end it prints what docs/benchmarks.md needs: phones held, drops and failures, heap per registered
# phone (phone side only), re-registrations, keep-alives, handshake and REGISTER percentiles, and
# the CPU time of each JVM.
#
#   scripts/bench-10k.sh                               10,000 phones for 600 s
#   PHONES=2000 DURATION=120 scripts/bench-10k.sh      the short validation run
#
# Environment: PHONES (10000), DURATION (600 s), RATE (200 phones/s), EXPIRES (120), KEEPALIVE (30),
# PROFILE (digium-d6x-2_9_2), RESUMPTION (profile; see load --resumption), TIMEOUT (60),
# SIPSHIELD_JAR, SERVER_JVM_OPTS, PHONE_JVM_OPTS (see bench-lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

PHONES="${PHONES:-10000}"
DURATION="${DURATION:-600}"
RATE="${RATE:-200}"
EXPIRES="${EXPIRES:-120}"
KEEPALIVE="${KEEPALIVE:-30}"
PROFILE="${PROFILE:-digium-d6x-2_9_2}"
RESUMPTION="${RESUMPTION:-profile}"
TIMEOUT="${TIMEOUT:-60}"

# every phone holds a socket in each JVM: raise the descriptor limit as far as allowed
needed=$((PHONES + 2000))
hard="$(ulimit -Hn)"
if [[ "$hard" != "unlimited" && "$hard" -lt "$needed" ]]; then
  echo "the hard limit on open files ($hard) is below the $needed this run needs; raise it (limits.conf," >&2
  echo "or docker --ulimit nofile=$needed:$needed) or run fewer PHONES" >&2
  exit 2
fi
ulimit -n "$hard"

jar="$(bench_jar)"
work="$(mktemp -d "${TMPDIR:-/tmp}/sipshield-10k.XXXXXX")"
load_pid=""
cleanup() {
  [[ -n "$load_pid" ]] && kill "$load_pid" 2>/dev/null || true
  bench_stop_server
}
trap cleanup EXIT

echo "== $PHONES phones ($PROFILE) held ${DURATION}s at $RATE/s, Expires $EXPIRES, keep-alive ${KEEPALIVE}s; work dir $work"
bench_machine
echo "jar: $jar; open files limit $(ulimit -n)"

STATS_INTERVAL="${STATS_INTERVAL:-30}" bench_start_server "$work/server.log" "$PHONES" both "$work/pki"
echo "load server (separate JVM, pid $server_pid) on 127.0.0.1:$server_port"

/usr/bin/time -f '%U %S %e' -o "$work/phones.time" \
  java ${PHONE_JVM_OPTS:-} -jar "$jar" load --phones "$PHONES" --rate "$RATE" --profile "$PROFILE" \
  --target "127.0.0.1:$server_port" --trust "$work/pki/ca.pem" --server-name pbx.sip.test \
  --duration "$DURATION" --register-expires "$EXPIRES" --keepalive "$KEEPALIVE" --timeout "$TIMEOUT" \
  --resumption "$RESUMPTION" --measure-heap --json "$work/load.json" >"$work/load.txt" 2>"$work/load.err" &
time_pid=$!
# the JVM under /usr/bin/time
for _ in $(seq 1 50); do
  load_pid="$(pgrep -P "$time_pid" java || true)"
  [[ -n "$load_pid" ]] && break
  sleep 0.2
done
half=$((DURATION / 2))
sleep "$half"
if [[ -n "$load_pid" ]] && kill -0 "$load_pid" 2>/dev/null; then
  jcmd "$load_pid" GC.class_histogram >"$work/phones.histogram" 2>&1 || true
fi
wait "$time_pid" || true
load_pid=""
server_cpu="$(bench_cpu_seconds "$server_pid")"
bench_stop_server
read -r phone_user phone_sys phone_wall < <(tail -n 1 "$work/phones.time")

echo
echo "== phones' JVM (load summary)"
cat "$work/load.txt"
echo
echo "== load server JVM"
grep -E '^(stats|final) ' "$work/server.log" | tail -n 3
echo
echo "== top of the phones' heap histogram at ${half}s (jcmd GC.class_histogram)"
head -n 28 "$work/phones.histogram" 2>/dev/null || echo "(none taken)"
echo
echo "== result"
bench_machine
j() { bench_json "$work/load.json" "$1"; }
echo "phones held at the end: $(j registered) of $PHONES (first registrations $(j first_registrations)); mock contacts: $(grep -E '^final ' "$work/server.log" | sed -n 's/.*contacts=\([0-9]*\).*/\1/p')"
echo "connection drops: $(j connection_drops); failures: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("failures") or "none")' "$work/load.json")"
echo "re-registrations: $(j re_registrations); keep-alives: $(j keep_alives); TLS handshakes: $(j handshakes) ($(j resumed_handshakes) resumed)"
echo "heap per registered phone (phones' JVM only): $(python3 -c "print(round($(j heap_per_registered_phone_bytes) / 1024, 1))") KiB (held $(python3 -c "print(round($(j heap_held_bytes) / 1048576, 1))") MiB, before $(python3 -c "print(round($(j heap_before_bytes) / 1048576, 1))") MiB)"
echo "CPU: phones' JVM ${phone_user}s user + ${phone_sys}s system in ${phone_wall}s wall; load server JVM ${server_cpu}s"
echo "files: $work"
