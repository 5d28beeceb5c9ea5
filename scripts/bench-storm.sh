#!/usr/bin/env bash
# Registration storm ratio, measured in one run on this machine (docs/benchmarks.md, issue 10):
#
#   (a) openssl s_time -new against openssl s_server holding the load mock's own certificate and key,
#       with the TLS version and cipher suite the profile negotiates with the mock (asked with
#       'sipshield probe'): full handshakes per second, OpenSSL on both sides;
#   (b) sipshield registrations per second: PHONES phones (one TLS connection each, REGISTER, 401,
#       REGISTER with digest) started at once against the load mock running in a separate JVM
#       ('sipshield bench load-server');
#
# and prints (b) / (a). The goal in issue 10 is at least 0.8.
#
#   scripts/bench-storm.sh                       2,000 phones, s_time for 20 s, digium-d6x-2_9_2
#   PHONES=5000 STIME_SECONDS=30 PROFILE=cisco-8845@14.2 scripts/bench-storm.sh
#
# Both JVMs are warmed first ('load --warmup WARMUP': WARMUP registrations in storms of at most PHONES
# phones, not counted, in the phones' JVM against the same load server) so the measured storm runs compiled code, as s_time's C
# does; WARMUP=0 measures the cold JVMs instead.
#
# Environment: PHONES (2000), STIME_SECONDS (20), PROFILE (digium-d6x-2_9_2), TIMEOUT (60, the
# per-step timeout of the phones), WARMUP (PHONES), SIPSHIELD_JAR, SERVER_JVM_OPTS, PHONE_JVM_OPTS
# (see bench-lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

PHONES="${PHONES:-2000}"
STIME_SECONDS="${STIME_SECONDS:-20}"
PROFILE="${PROFILE:-digium-d6x-2_9_2}"
TIMEOUT="${TIMEOUT:-60}"
WARMUP="${WARMUP:-$PHONES}"

jar="$(bench_jar)"
work="$(mktemp -d "${TMPDIR:-/tmp}/sipshield-storm.XXXXXX")"
s_server_pid=""
cleanup() {
  [[ -n "$s_server_pid" ]] && kill "$s_server_pid" 2>/dev/null || true
  bench_stop_server
}
trap cleanup EXIT

echo "== registration storm: $PHONES phones ($PROFILE, warm-up $WARMUP) vs openssl s_time -new; work dir $work"
bench_machine
echo "jar: $jar"

bench_start_server "$work/server.log" "$PHONES" both "$work/pki"
echo "load server (separate JVM, pid $server_pid) on 127.0.0.1:$server_port"

# The version and suite the profile gets from the mock.
probe="$(java ${PHONE_JVM_OPTS:-} -jar "$jar" probe "127.0.0.1:$server_port" --profile "$PROFILE" \
  --trust "$work/pki/ca.pem" --server-name pbx.sip.test || true)"
handshake="$(sed -n 's/^handshake: *//p' <<<"$probe" | head -n 1)"
protocol="${handshake%%,*}"
suite="$(sed 's/^[^,]*, *//' <<<"$handshake")"
if [[ -z "$protocol" || -z "$suite" ]]; then
  echo "cannot tell the profile's TLS version and suite from sipshield probe:" >&2
  echo "$probe" >&2
  exit 3
fi
openssl_suite="$(openssl ciphers -stdname ALL 2>/dev/null | awk -v s="$suite" '$1 == s { print $3; exit }')"
version_flag=""
case "$protocol" in
  TLSv1.3) version_flag="-tls1_3" ;;
  TLSv1.2) version_flag="-tls1_2" ;;
  TLSv1.1) version_flag="-tls1_1" ;;
  TLSv1) version_flag="-tls1" ;;
esac
echo "profile negotiates: $protocol $suite (OpenSSL: ${openssl_suite:-TLS 1.3 default})"

# (a) openssl s_server + s_time -new with the mock's certificate and key
s_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cipher_args=()
if [[ "$protocol" == "TLSv1.3" ]]; then
  cipher_args=(-ciphersuites "$suite")
elif [[ -n "$openssl_suite" ]]; then
  cipher_args=(-cipher "$openssl_suite")
fi
openssl s_server -accept "127.0.0.1:$s_port" -cert "$work/pki/asterisk.crt" -key "$work/pki/asterisk.key" \
  $version_flag "${cipher_args[@]}" -quiet -naccept 100000000 >"$work/s_server.log" 2>&1 &
s_server_pid=$!
sleep 1
stime="$(openssl s_time -connect "127.0.0.1:$s_port" -new -time "$STIME_SECONDS" $version_flag \
  "${cipher_args[@]}" 2>&1 || true)"
echo "$stime" | grep -E 'connections' | sed 's/^/  s_time: /'
read -r stime_count stime_seconds < <(sed -n 's/^\([0-9]*\) connections in \([0-9.]*\) real seconds.*/\1 \2/p' <<<"$stime" | head -n 1)
kill "$s_server_pid" 2>/dev/null || true
wait "$s_server_pid" 2>/dev/null || true
s_server_pid=""
if [[ -z "${stime_count:-}" || "${stime_seconds:-0}" == "0" ]]; then
  echo "openssl s_time gave no figure:" >&2
  echo "$stime" >&2
  exit 3
fi
stime_rate="$(python3 -c "print(round($stime_count / $stime_seconds, 1))")"

# (b) the storm: every phone at once (the ticker starts at most 5,000 a second)
server_cpu_before="$(bench_cpu_seconds "$server_pid")"
: >"$work/load.err"
/usr/bin/time -f '%U %S %e' -o "$work/phones.time" \
  java ${PHONE_JVM_OPTS:-} -jar "$jar" load --phones "$PHONES" --rate 100000 --profile "$PROFILE" \
  --target "127.0.0.1:$server_port" --trust "$work/pki/ca.pem" --server-name pbx.sip.test \
  --timeout "$TIMEOUT" --warmup "$WARMUP" --json "$work/storm.json" --no-unregister >"$work/load.txt" 2>"$work/load.err" &
load_pid=$!
# the server's CPU when the warm-up ends, so the storm's own CPU can be told apart
server_cpu_warm="$server_cpu_before"
if ((WARMUP > 0)); then
  rounds=$(((WARMUP + PHONES - 1) / PHONES))
  while kill -0 "$load_pid" 2>/dev/null && (($(grep -c '^warm-up: .* registered' "$work/load.err") < rounds)); do
    sleep 0.1
  done
  server_cpu_warm="$(bench_cpu_seconds "$server_pid")"
fi
wait "$load_pid" || true
server_cpu_after="$(bench_cpu_seconds "$server_pid")"
grep '^warm-up: .* registered' "$work/load.err" | sed 's/^/  load: /' || true
phone_cpu_warm="$(sed -n "s/^warm-up: .*CPU so far \([0-9.]*\) s.*/\1/p" "$work/load.err" | tail -n 1)"
sed 's/^/  load: /' "$work/load.txt"
reg_rate="$(bench_json "$work/storm.json" registrations_per_second)"
registered="$(bench_json "$work/storm.json" first_registrations)"
read -r phone_user phone_sys phone_wall < <(tail -n 1 "$work/phones.time")

echo
echo "== result"
bench_machine
echo "openssl s_time -new ($protocol ${openssl_suite:-$suite}): $stime_count handshakes in $stime_seconds s = $stime_rate/s"
echo "sipshield registrations: $registered of $PHONES phones, $reg_rate/s (first registrations / time to the last one)"
python3 - "$reg_rate" "$stime_rate" <<'EOF'
import sys
reg, stime = float(sys.argv[1] or 0), float(sys.argv[2])
print("ratio sipshield registrations/s : s_time handshakes/s = %.2f (goal >= 0.8)" % (reg / stime if stime else 0))
EOF
echo "CPU: phones' JVM ${phone_user}s user + ${phone_sys}s system in ${phone_wall}s; load server JVM $(python3 -c "print(round($server_cpu_after - $server_cpu_before, 1))")s during warm-up and storm"
python3 - "$phone_user" "$phone_sys" "${phone_cpu_warm:-0}" "$server_cpu_warm" "$server_cpu_after" "$PHONES" <<'EOF'
import sys
user, system, phone_warm, server_warm, server_after, phones = map(float, sys.argv[1:])
phone = user + system - phone_warm
server = server_after - server_warm
print("CPU of the measured storm: phones' JVM %.1f s (incl. JVM exit), load server %.1f s: %.1f ms per registration"
      % (phone, server, 1000 * (phone + server) / phones))
EOF
