#!/usr/bin/env bash
# Fuzzes every Jazzer target for a bounded time, one at a time (docs/fuzzing.md).
#
#   scripts/fuzz.sh [DURATION] [TARGET...]
#
# DURATION is Jazzer's duration syntax (30s, 5m; default 60s). TARGET is module:Class#method; without
# targets all are run. Prints one line per target with its executions and outcome; exits non-zero
# when a target found something (the crashing input is saved under src/test/resources/.../<Class>Inputs/<method>/).
set -uo pipefail
cd "$(dirname "$0")/.."

duration=${1:-60s}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(
    emulator:ParserFuzzTest#sipFraming emulator:ParserFuzzTest#sipMessage emulator:ParserFuzzTest#sdp
    emulator:ParserFuzzTest#crypto emulator:ParserFuzzTest#srtp emulator:ParserFuzzTest#srtcp
    certs-fixtures:CertificateParserFuzzTest#certificateFile certs-fixtures:CertificateParserFuzzTest#trustList
    certs-fixtures:CertificateParserFuzzTest#signedFile
    harness:ConfigParserFuzzTest#scenario harness:ConfigParserFuzzTest#pjsipConf harness:ConfigParserFuzzTest#extensionsConf
  )
fi

builddir=${FUZZ_BUILD_DIRNAME:-target-fuzz}
logs="$builddir-logs"
mkdir -p "$logs"
failed=0
for target in "${targets[@]}"; do
  module=${target%%:*}
  test=${target#*:}
  log="$logs/${test//#/-}.log"
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION=$duration ./mvnw -B -Dbuild.dirname="$builddir" -pl "$module" -am test \
      -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  status=$?
  runs=$(grep -aoE '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  if ((status == 0)); then
    echo "$target: ok, ${runs:-no run count in $log}"
  else
    echo "$target: FAILED (see $log), ${runs:-no run count}"
    failed=1
  fi
done
exit $failed
