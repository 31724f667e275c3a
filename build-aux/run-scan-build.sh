#!/bin/sh
# Runs the clang static analyser (Debian 12's scan-build-14) over the core
# library and the command line, from a clean build in _build/scan, and
# fails when it reports anything. Each report is listed as
# "file:line: description"; the HTML reports stay in _build/scan-report.
# The result is also written as a meson test log
# (_build/scan-log/testlog.json), so that build-aux/count-tests.py
# counts the analysis as one test.
set -u
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)

build="$root/_build/scan"
reports="$root/_build/scan-report"
testlog_dir="$root/_build/scan-log"
mkdir -p "$testlog_dir"
testlog="$testlog_dir/testlog.json"
record () {
  printf '{"name": "scan-build", "result": "%s", "stdout": ""}\n' "$1" >"$testlog"
}

scan=$(command -v scan-build-14 || command -v scan-build || true)
if [ -z "$scan" ]; then
  echo "scan-build: not installed (build-aux/setup-debian.sh installs clang-tools-14)"
  record FAIL
  exit 1
fi

# The analyser sees what the compiler compiles: the core and the CLI, not
# the tests (their g_assert paths would be reported as leaks). Meson keeps
# the compiler it was configured with, so the set-up runs under scan-build.
if [ ! -f "$build/build.ninja" ]; then
  "$scan" meson setup "$build" -Dgui=false -Dtests=false -Dbuildtype=debugoptimized \
    >"$root/_build/setup-scan.log" 2>&1 || { cat "$root/_build/setup-scan.log"; record FAIL; exit 1; }
fi
ninja -C "$build" clean >/dev/null
rm -rf "$reports"
log="$root/_build/scan.log"
"$scan" --status-bugs -o "$reports" ninja -C "$build" >"$log" 2>&1
rc=$?

found=$(sed -n 's/^scan-build: \([0-9]*\) bugs\{0,1\} found\./\1/p' "$log")
for report in "$reports"/*/report-*.html; do
  [ -f "$report" ] || continue
  file=$(sed -n 's/^<!-- BUGFILE \(.*\) -->$/\1/p' "$report" | sed "s|^.*/src/|src/|")
  line=$(sed -n 's/^<!-- BUGLINE \(.*\) -->$/\1/p' "$report")
  desc=$(sed -n 's/^<!-- BUGDESC \(.*\) -->$/\1/p' "$report")
  echo "  $file:$line: $desc"
done

if [ $rc -eq 0 ]; then
  echo "scan-build: ok, no report"
  record OK
else
  echo "scan-build: FAILED (exit $rc), ${found:-?} reports; HTML in $reports"
  grep -E 'error:' "$log" | head -n 5
  record FAIL
fi
exit $rc
