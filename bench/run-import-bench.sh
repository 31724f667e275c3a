#!/bin/sh
# run-import-bench.sh: times `pairings-cli import` against the sqlite3 shell's
# CSV `.import` of the same file, in the same run, and prints the ratio.
#
# Copyright 2026 The Pairings developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/run-import-bench.sh        (from anywhere; no arguments)
#
# Environment (all optional):
#   ROWS=N     rows of the generated file (100000; the file is
#              _build/bench/applications.csv, or applications-N.csv)
#   REPS=N     repetitions of each import (3; an odd number)
#
# Goals (issue text): our import, with mapping, validation and
# de-duplication, takes at most 0.8 times the time of `sqlite3 .import`,
# and its peak memory stays under 64 MB. The script is a report: it exits 0
# whether the goals are met or not, and non-zero only when something fails
# to run, or when an import does not hold the rows it should.
set -eu

cd "$(dirname "$0")/.."
root=$(pwd)
build="$root/_build/bench"
cli="$build/src/pairings-cli"
rows="${ROWS:-100000}"
reps="${REPS:-3}"
goal_ratio=0.80
goal_memory_mb=64

case "$rows" in
  ''|*[!0-9]*|0) echo "run-import-bench: ROWS must be a positive whole number" >&2; exit 1 ;;
esac
case "$reps" in
  ''|*[!0-9]*|0) echo "run-import-bench: REPS must be a positive whole number" >&2; exit 1 ;;
esac
if [ "$rows" -eq 100000 ]; then
  csv="$build/applications.csv"
else
  csv="$build/applications-$rows.csv"
fi
# The generator's contract: one row in a hundred is a resubmission.
people=$((rows - rows / 100))

fail () {
  echo "run-import-bench: $*" >&2
  exit 1
}

# Tools: what building needs, plus sqlite3 and GNU time.
sh build-aux/setup-debian.sh || fail "could not install the packages build-aux/setup-debian.sh lists"
for tool in meson ninja sqlite3 python3; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done
[ -x /usr/bin/time ] || fail "/usr/bin/time (GNU time) is not installed"

# Build ------------------------------------------------------------------------
mkdir -p "$root/_build"
if [ ! -f "$build/build.ninja" ]; then
  echo "Configuring a release build in _build/bench…"
  meson setup _build/bench -Dbuildtype=release -Dgui=false -Dtests=false \
    >"$root/_build/setup-bench.log" 2>&1 ||
    { cat "$root/_build/setup-bench.log" >&2; fail "meson setup failed"; }
fi
ninja -C "$build" >"$build/ninja.log" 2>&1 ||
  { cat "$build/ninja.log" >&2; fail "the build failed"; }
[ -x "$cli" ] || fail "$cli was not built"

# Input ------------------------------------------------------------------------
if [ ! -s "$csv" ]; then
  echo "Generating $rows applications…"
  python3 bench/generate-applications.py "$csv.part" "$rows" || fail "generating the file failed"
  mv "$csv.part" "$csv"
fi
case "$csv" in
  *\"*) fail "the file name must not contain a double quote" ;;
esac
bytes=$(wc -c <"$csv" | tr -d ' ')

# Scratch space next to the file (same disk for both), removed at the end.
work=$(mktemp -d "$build/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
db="$work/pairings.db"
ref="$work/reference.db"
timing="$work/time"

# Reads the file once so that neither contender pays for the cold cache.
cat "$csv" >/dev/null

# One measured command: "SECONDS KILOBYTES" on standard output.
measure () {
  log="$1"
  shift
  if ! /usr/bin/time -f "%e %M" -o "$timing" "$@" >"$log.out" 2>"$log.err"; then
    cat "$log.err" >&2
    return 1
  fi
  tail -n 1 "$timing"
}

count () {
  sqlite3 -batch "$1" "$2" || fail "cannot read $1"
}

run_ours () {
  rm -f "$db" "$db-wal" "$db-shm"
  "$cli" --database "$db" init >/dev/null 2>&1 || fail "pairings-cli init failed"
  "$cli" --database "$db" cohort add 2025 --programme Bench >/dev/null 2>&1 ||
    fail "pairings-cli cohort add failed"
  result=$(measure "$work/ours" "$cli" --database "$db" import --cohort 2025 --role mentee "$csv") ||
    fail "pairings-cli import failed"

  # Not timed: the import must hold every person once, the later answer of
  # each resubmission, and the motivations whole (they all span lines).
  stats=$("$cli" --database "$db" stats --cohort 2025 --json) || fail "pairings-cli stats failed"
  total=$(printf '%s\n' "$stats" | sed -n 's/.*"mentees":{"total":\([0-9]*\).*/\1/p')
  stored=$(count "$db" "SELECT count(*) FROM applications")
  multiline=$(count "$db" "SELECT count(*) FROM applications WHERE instr(motivation, char(10)) > 0")
  dated=$(count "$db" "SELECT count(*) FROM applications WHERE submitted_at IS NOT NULL")
  if [ "$total" != "$people" ] || [ "$stored" != "$people" ] || [ "$multiline" != "$people" ] ||
     [ "$dated" != "$people" ]; then
    head -n 3 "$work/ours.err" >&2
    fail "our import holds $stored applications (stats: ${total:-?}, multi-line motivations:" \
         "$multiline, dated: $dated); expected $people"
  fi
  echo "$result"
}

run_reference () {
  rm -f "$ref" "$ref-journal"
  result=$(measure "$work/reference" sqlite3 -batch -bail -cmd ".mode csv" "$ref" \
                   ".import \"$csv\" applications") || fail "sqlite3 .import failed"
  stored=$(count "$ref" "SELECT count(*) FROM applications")
  distinct=$(count "$ref" "SELECT count(DISTINCT lower(trim(\"Email Address\"))) FROM applications")
  if [ "$stored" != "$rows" ] || [ "$distinct" != "$people" ]; then
    fail "sqlite3 .import holds $stored rows with $distinct addresses; expected $rows and $people"
  fi
  echo "$result"
}

median () {
  sort -n | sed -n "$(( ($1 + 1) / 2 ))p"
}

# Runs -------------------------------------------------------------------------
cores=$(nproc 2>/dev/null || echo "?")
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "Import benchmark: $(basename "$csv"), $rows rows ($people people)," \
     "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
echo "Machine: $cores cores${cpu:+, $cpu}; SQLite $(sqlite3 --version | cut -d ' ' -f 1);" \
     "$(date '+%Y-%m-%d')"
echo "  ours      = pairings-cli import --cohort 2025 --role mentee (fresh database)"
echo "  reference = sqlite3 -cmd '.mode csv' REF.db '.import FILE applications' (fresh file)"
echo

ours_times=""
ours_kb=""
ref_times=""
ref_kb=""
i=1
while [ "$i" -le "$reps" ]; do
  result=$(run_ours) || exit 1
  # shellcheck disable=SC2086  # "SECONDS KILOBYTES" into $1 and $2
  set -- $result
  ours_times="$ours_times$1
"
  ours_kb="$ours_kb$2
"
  o="$1 s, $(awk -v k="$2" 'BEGIN { printf "%.1f", k / 1024 }') MB"
  result=$(run_reference) || exit 1
  # shellcheck disable=SC2086
  set -- $result
  ref_times="$ref_times$1
"
  ref_kb="$ref_kb$2
"
  r="$1 s, $(awk -v k="$2" 'BEGIN { printf "%.1f", k / 1024 }') MB"
  printf '  run %d: ours %-18s reference %s\n' "$i" "$o," "$r"
  i=$((i + 1))
done

# The lists hold one figure a line.
ours_median=$(printf '%s' "$ours_times" | median "$reps")
ref_median=$(printf '%s' "$ref_times" | median "$reps")
ours_peak_kb=$(printf '%s' "$ours_kb" | sort -n | tail -n 1)
ref_peak_kb=$(printf '%s' "$ref_kb" | sort -n | tail -n 1)

echo
awk -v o="$ours_median" -v r="$ref_median" -v ok="$ours_peak_kb" -v rk="$ref_peak_kb" \
    -v n="$people" -v rows="$rows" -v gr="$goal_ratio" -v gm="$goal_memory_mb" 'BEGIN {
  printf "ours:      median %.2f s, peak RSS %.1f MB (%d applications, as expected)\n", o, ok / 1024, n
  printf "reference: median %.2f s, peak RSS %.1f MB (%d rows, as expected)\n", r, rk / 1024, rows
  if (r <= 0) {
    print "ratio: the reference took no measurable time"
  } else {
    ratio = sprintf("%.2f", o / r)
    printf "ratio %s (goal ≤ %.2f): %s\n", ratio, gr, (ratio + 0 <= gr + 0 ? "met" : "not met")
  }
  printf "peak memory %.0f MB (goal < %d MB): %s\n", ok / 1024, gm, (ok < gm * 1024 ? "met" : "not met")
}'
