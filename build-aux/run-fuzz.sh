#!/bin/sh
# Builds the libFuzzer harnesses of tests/fuzz/ with clang (AddressSanitizer,
# UndefinedBehaviorSanitizer, coverage feedback in the whole core) and runs
# each for FUZZ_SECONDS (default 60) from its seed corpus. New inputs go to a
# scratch directory, never into the source tree. Prints one line per
# harness, "fuzz <name>: ok|FAILED, N executions, cov C ft F", and exits
# non-zero when any harness crashed, leaked or timed out; the crashing input
# is kept under the build directory and its path printed. The results are
# also written as a meson test log (_build/fuzz/fuzz-log/testlog.json), so
# that build-aux/count-tests.py counts each harness as one test.
#
# FUZZ_SECONDS=300 sh build-aux/run-fuzz.sh [harness…]
set -u
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)

seconds=${FUZZ_SECONDS:-60}
build="$root/_build/fuzz"
out="$build/out"
if [ $# -gt 0 ]; then
  harnesses="$*"
else
  harnesses="csv-import mapping"
fi

# Debian 12's clang-14 (setup-debian.sh installs it), else any clang.
if [ -n "${FUZZ_CC:-}" ]; then
  cc=$FUZZ_CC
elif command -v clang-14 >/dev/null 2>&1; then
  cc=clang-14
else
  cc=clang
fi

mkdir -p "$build/fuzz-log"
testlog="$build/fuzz-log/testlog.json"
: >"$testlog"
record () {
  printf '{"name": "fuzz-%s", "result": "%s", "stdout": ""}\n' "$1" "$2" >>"$testlog"
}
fail_all () {
  for name in $harnesses; do
    record "$name" FAIL
  done
  exit 1
}

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "run-fuzz: $cc not found (apt-get install clang-14 libclang-rt-14-dev)"
  fail_all
fi

if [ ! -f "$build/build.ninja" ]; then
  # The core is instrumented for coverage (fuzzer-no-link), so libFuzzer
  # is guided by the branches of the CSV reader and the importers.
  CC="$cc" meson setup "$build" \
    -Dgui=false -Dtests=false -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" \
    >"$root/_build/setup-fuzz.log" 2>&1 ||
    { cat "$root/_build/setup-fuzz.log"; fail_all; }
fi
ninja -C "$build" src/libpairings-core.a >"$build/ninja.log" 2>&1 ||
  { cat "$build/ninja.log"; fail_all; }

flags="$(pkg-config --cflags --libs glib-2.0 gobject-2.0 gio-2.0 sqlite3)"
mkdir -p "$out"

status=0
for name in $harnesses; do
  case $name in
    csv-import) corpus=csv ;;
    *) corpus=$name ;;
  esac
  exe="$out/fuzz-$name"
  # shellcheck disable=SC2086
  if ! "$cc" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
         -I"$build" -I"$root/src/core" \
         "$root/tests/fuzz/fuzz-$name.c" "$build/src/libpairings-core.a" \
         $flags -lcsv -lm -o "$exe"; then
    echo "fuzz $name: FAILED to build"
    record "$name" FAIL
    status=1
    continue
  fi

  scratch="$out/corpus-$name"
  artifacts="$out/artifacts-$name/"
  mkdir -p "$scratch" "$artifacts"
  log="$out/fuzz-$name.log"
  (cd "$out" &&
    ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" \
    G_SLICE=always-malloc LANG=C.UTF-8 LC_ALL='' LANGUAGE='' \
    "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts" \
      "$scratch" "$root/tests/fuzz/corpus/$corpus/" >"$log" 2>&1)
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p')
  if [ $rc -eq 0 ]; then
    echo "fuzz $name: ok, ${execs:-0} executions, ${cov:-no coverage line}"
    record "$name" OK
  else
    echo "fuzz $name: FAILED (exit $rc), ${execs:-0} executions, ${cov:-no coverage line}"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -n 5
    grep -E 'Test unit written to|^artifact_prefix' "$log"
    echo "  log: $log"
    record "$name" FAIL
    status=1
  fi
done
exit $status
