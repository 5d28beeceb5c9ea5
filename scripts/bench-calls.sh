#!/usr/bin/env bash
# Concurrent SRTP echo calls, phones and mock in separate JVMs (docs/benchmarks.md, issue 10):
#
#   JVM 1: sipshield bench load-server --phones N        (the mock: Answer() + Echo() on 600)
#   JVM 2: sipshield load --phones N --calls-per-phone 1 --call-duration S --media tone ...
#
# Every phone registers, then places one SRTP call (SDES, AES_CM_128_HMAC_SHA1_80, PCMU) to the
# echo and sends S seconds of a 1 kHz tone in 20 ms frames (50 packets/s each way), then hangs up.
# Phones start at RATE/s, so the last call starts about N/RATE s after the first: with S well
# above that, all N calls are up at the same time (the script checks the peak "in call" count of the
# load's timeline and says when it fell short). It prints: calls completed, RTP packets sent and
# echoed, loss, SRTP authentication failures on the phones' side and on the mock's side (the load
# server's srtp_auth_failures), the media round-trip percentiles, the packets per second the mock
# received while every call was up (against the 50 per call asked), the kernel's UDP receive-buffer
# drops in the run (/proc/net/snmp RcvbufErrors: the whole network namespace, so other programs'
# too), the CPU seconds of each JVM, CPU per call second (CPU seconds / (calls x call seconds)) over
# the whole run and over the window in which every call was up, CPU per echoed packet, and the load
# average. A call whose media is not done within its duration + 62 s (sending fell behind the
# 20 ms clock) fails with "media timeout", and its packets are not in the phones' sent/echoed
# counts; the mock's srtp_ok counts every packet it received.
#
#   scripts/bench-calls.sh                         1,000 calls of 60 s
#   CALLS=200 scripts/bench-calls.sh               the first, smaller run
#
# Environment: CALLS (1000), CALL_SECONDS (60), RATE (100 phones/s), PROFILE (digium-d6x-2_9_2),
# MEDIA (tone), TIMEOUT (60, the per-step timeout of the phones), THREADS (event loop threads of
# each JVM; default processors), TRANSPORT (auto | nio | epoll, both JVMs; auto: epoll where it loads),
# MEDIA_CLOCK (shared | per-call: the phones' 20 ms clocks, one per event loop or one per call), SAMPLE_SECONDS (5), SIPSHIELD_JAR, SERVER_JVM_OPTS, PHONE_JVM_OPTS
# (see bench-lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

CALLS="${CALLS:-1000}"
CALL_SECONDS="${CALL_SECONDS:-60}"
RATE="${RATE:-100}"
PROFILE="${PROFILE:-digium-d6x-2_9_2}"
MEDIA="${MEDIA:-tone}"
TIMEOUT="${TIMEOUT:-60}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-5}"

# the last phone starts CALLS/RATE s after the first; its call must begin before the first ends
ramp=$(( (CALLS + RATE - 1) / RATE ))
if (( CALL_SECONDS <= ramp + 10 )); then
  echo "CALL_SECONDS=$CALL_SECONDS is too short for all $CALLS calls to overlap: phones start over ~${ramp}s" >&2
  echo "at RATE=$RATE/s (plus TLS, REGISTER and INVITE); use CALL_SECONDS above $((ramp + 10)) or a higher RATE" >&2
  exit 2
fi

# each call holds a TLS connection and an RTP + RTCP socket pair in each JVM
needed=$((CALLS * 3 + 1000))
hard="$(ulimit -Hn)"
if [[ "$hard" != "unlimited" && "$hard" -lt "$needed" ]]; then
  echo "the hard limit on open files ($hard) is below the $needed this run needs; raise it or run fewer CALLS" >&2
  exit 2
fi
ulimit -n "$hard"

udp_rcvbuf_errors() { awk '/^Udp: [0-9]/ { print $6 }' /proc/net/snmp; }

jar="$(bench_jar)"
work="$(mktemp -d "${TMPDIR:-/tmp}/sipshield-calls.XXXXXX")"
load_pid=""
sampler_pid=""
cleanup() {
  [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null || true
  [[ -n "$load_pid" ]] && kill "$load_pid" 2>/dev/null || true
  bench_stop_server
}
trap cleanup EXIT

echo "== $CALLS concurrent SRTP echo calls of ${CALL_SECONDS}s ($PROFILE, $MEDIA), phones at $RATE/s; work dir $work"
bench_machine
echo "jar: $jar; open files limit $(ulimit -n)"

threads=(--transport "${TRANSPORT:-auto}")
[[ -n "${THREADS:-}" ]] && threads+=(--threads "$THREADS")
STATS_INTERVAL="${STATS_INTERVAL:-$SAMPLE_SECONDS}" bench_start_server "$work/server.log" "$CALLS" both "$work/pki" \
  "${threads[@]}"
echo "load server (separate JVM, pid $server_pid) on 127.0.0.1:$server_port"

# shellcheck disable=SC2086
udp_errors_before="$(udp_rcvbuf_errors)"
/usr/bin/time -f '%U %S %e' -o "$work/phones.time" \
  java ${PHONE_JVM_OPTS:-} -jar "$jar" load --phones "$CALLS" --rate "$RATE" --profile "$PROFILE" \
  --target "127.0.0.1:$server_port" --trust "$work/pki/ca.pem" --server-name pbx.sip.test \
  --calls-per-phone 1 --call-duration "$CALL_SECONDS" --media "$MEDIA" --timeout "$TIMEOUT" "${threads[@]}" \
  --media-clock "${MEDIA_CLOCK:-shared}" \
  --json "$work/load.json" >"$work/load.txt" 2>"$work/load.err" &
time_pid=$!
for _ in $(seq 1 50); do
  load_pid="$(pgrep -P "$time_pid" java || true)"
  [[ -n "$load_pid" ]] && break
  sleep 0.2
done
if [[ -z "$load_pid" ]]; then
  echo "the phones' JVM did not start" >&2
  cat "$work/load.err" >&2
  exit 3
fi

# every SAMPLE_SECONDS: wall time, CPU seconds of both JVMs, the phones' last "in call" count, load average
sample() {
  while kill -0 "$load_pid" 2>/dev/null; do
    local phone_cpu server_cpu in_call
    phone_cpu="$(bench_cpu_seconds "$load_pid" 2>/dev/null || echo '')"
    server_cpu="$(bench_cpu_seconds "$server_pid" 2>/dev/null || echo '')"
    in_call="$(grep -o 'in call [0-9]*' "$work/load.err" 2>/dev/null | tail -n 1 | cut -d' ' -f3 || true)"
    [[ -n "$phone_cpu" ]] && echo "$(date +%s.%N) $phone_cpu $server_cpu ${in_call:-0} $(cut -d' ' -f1 /proc/loadavg)"
    sleep "$SAMPLE_SECONDS"
  done >"$work/samples.txt"
}
sample &
sampler_pid=$!

wait "$time_pid" || true
load_pid=""
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
server_cpu="$(bench_cpu_seconds "$server_pid")"
bench_stop_server
udp_errors=$(( $(udp_rcvbuf_errors) - udp_errors_before ))
read -r phone_user phone_sys phone_wall < <(tail -n 1 "$work/phones.time")

echo
echo "== phones' JVM (load summary)"
cat "$work/load.txt"
echo
echo "== phones' JVM progress (every 5 s)"
grep -E '^\[' "$work/load.err" | tail -n 40 || true
echo
echo "== load server JVM"
grep -E '^(stats|final) ' "$work/server.log" | tail -n 4
echo
echo "== result"
bench_machine
python3 - "$work" "$CALLS" "$CALL_SECONDS" "$phone_user" "$phone_sys" "$phone_wall" "$server_cpu" "$udp_errors" <<'EOF'
import json, re, sys
work, calls, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
phone_user, phone_sys, phone_wall, server_cpu = (float(v) for v in sys.argv[4:8])
udp_errors = int(sys.argv[8])
d = json.load(open(f"{work}/load.json"))
c = d["counts"]
peak = max((p["in_call"] for p in d.get("timeline", [])), default=0)
final = [l for l in open(f"{work}/server.log") if l.startswith("final ")]
server = dict(re.findall(r"(\w+)=([0-9.]+)", final[-1])) if final else {}
sent, echoed = c["rtp_sent"], c["rtp_echoed"]
loss = 100.0 * (sent - echoed) / sent if sent else float("nan")
print(f"calls completed: {c['calls']} of {calls}; peak concurrent calls (load timeline): {peak}"
      + ("" if peak >= calls else f"  ** not all {calls} calls were up at once **"))
print(f"RTP packets sent {sent}, echoed and verified {echoed}, lost {sent - echoed} ({loss:.4f} %)"
      f"; expected per call {int(seconds * 50)} (50/s)")
print(f"SRTP authentication failures: phones {c['srtp_auth_failures']}, mock {server.get('srtp_auth_failures', '?')}"
      f" (mock: {server.get('srtp_ok', '?')} packets authenticated, {server.get('srtp_rejected', '?')} dropped)")
m = d["latencies_ms"].get("media_round_trip")
if m:
    print(f"media round trip (ms): count {m['count']}, p50 {m['p50']}, p90 {m['p90']}, p99 {m['p99']}, max {m['max']}")
cs = d["latencies_ms"].get("call_setup")
if cs:
    print(f"call setup (ms): count {cs['count']}, p50 {cs['p50']}, p90 {cs['p90']}, p99 {cs['p99']}, max {cs['max']}")
print(f"failures: {d.get('failures') or 'none'}")
print(f"kernel UDP receive-buffer drops during the run (RcvbufErrors, whole namespace): {udp_errors}")
# the mock's own view: stats lines while it had every call's channel open
stats = [dict(re.findall(r"(\w+)=([0-9.]+)", l)) for l in open(f"{work}/server.log") if l.startswith("stats ")]
up = [s for s in stats if int(s.get("channels", 0)) >= calls]
mock_rate = None
if len(up) >= 2:
    t = float(up[-1]["t"]) - float(up[0]["t"])
    packets = int(up[-1]["srtp_ok"]) - int(up[0]["srtp_ok"])
    cpu = float(up[-1]["cpu"]) - float(up[0]["cpu"])
    mock_rate = packets / t
    print(f"mock, while all {calls} channels were open ({t:.0f}s): received {packets / t:.0f} SRTP packets/s "
          f"({packets / t / calls:.1f} per call, 50 asked), echoed each; mock CPU {1e6 * cpu / packets:.1f} us per packet")
else:
    print("mock: fewer than two stats lines with every channel open")
phone_cpu = phone_user + phone_sys
call_seconds = c["calls"] * seconds
print(f"CPU, whole run: phones' JVM {phone_user:.1f}s user + {phone_sys:.1f}s system in {phone_wall:.1f}s wall; "
      f"mock JVM {server_cpu:.1f}s")
if call_seconds:
    print(f"CPU per call second, whole run (incl. start-up, TLS, REGISTER): phones {1000 * phone_cpu / call_seconds:.2f} ms, "
          f"mock {1000 * server_cpu / call_seconds:.2f} ms, both {1000 * (phone_cpu + server_cpu) / call_seconds:.2f} ms")
# the window in which every call was up: samples whose last progress line said in call == calls
rows = [l.split() for l in open(f"{work}/samples.txt") if len(l.split()) == 5]
full = [r for r in rows if int(r[3]) >= calls]
loads = [float(r[4]) for r in rows]
if len(full) >= 2:
    t = float(full[-1][0]) - float(full[0][0])
    dp = float(full[-1][1]) - float(full[0][1])
    ds = float(full[-1][2]) - float(full[0][2])
    print(f"CPU while all {calls} calls were up ({t:.0f}s window): phones {dp:.1f}s ({dp / t:.2f} cores), "
          f"mock {ds:.1f}s ({ds / t:.2f} cores); per call second: phones {1000 * dp / (calls * t):.2f} ms, "
          f"mock {1000 * ds / (calls * t):.2f} ms, both {1000 * (dp + ds) / (calls * t):.2f} ms"
          + ("" if mock_rate is None or mock_rate >= calls * 50 * 0.98 else
             f" (per call second is low: the calls ran at {mock_rate / calls:.1f} packets/s, not 50)"))
    if mock_rate:
        print(f"CPU per echoed packet in that window (at the mock's rate of {mock_rate:.0f}/s): "
              f"phones {1e6 * dp / (mock_rate * t):.1f} us, mock {1e6 * ds / (mock_rate * t):.1f} us")
else:
    print("CPU while all calls were up: no window (fewer than two samples with every call up)")
if loads:
    print(f"load average (1 min) during the run: {min(loads):.2f} to {max(loads):.2f}")
EOF
echo "files: $work"
