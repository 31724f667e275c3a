#!/bin/sh
# The exact solver against scipy.optimize.linear_sum_assignment on the same
# generated instances, in the same run: totals must agree; prints the time
# ratios and our peak memory. SIZE=small runs smaller versions of the two
# large instances (for a quick look; the goals are for the full sizes).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

sh build-aux/setup-debian.sh
if ! /usr/bin/python3 -c "import scipy" 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-scipy >/dev/null
fi

build="$root/_build/bench"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Dbuildtype=release -Dgui=false -Dtests=false >/dev/null
fi
ninja -C "$build" >/dev/null
# shellcheck disable=SC2046
cc -O2 -std=gnu11 -I"$build" -Isrc/core $(pkg-config --cflags glib-2.0 gio-2.0) \
  bench/solver-bench.c "$build/src/libpairings-core.a" \
  $(pkg-config --libs glib-2.0 gio-2.0 sqlite3) -lcsv -o "$build/solver-bench"

if [ "${SIZE:-full}" = small ]; then
  large="2000 1000"
else
  large="10000 5000"
fi

field () {
  printf '%s' "$1" | sed -n "s/.*\"$2\": \([^,}]*\).*/\1/p"
}

run_case () {
  label=$1 goal=$2
  shift 2
  ours=$("$build/solver-bench" "$@")
  ref=$(/usr/bin/python3 bench/scipy-reference.py "$@")
  awk -v label="$label" -v goal="$goal" \
      -v ot="$(field "$ours" total)" -v rt="$(field "$ref" total)" \
      -v os="$(field "$ours" seconds)" -v rs="$(field "$ref" seconds)" \
      -v om="$(field "$ours" peak_mb)" -v cert="$(field "$ours" certificate)" 'BEGIN {
    same = (ot == rt) ? "same total" : "TOTALS DIFFER"
    ratio = (rs > 0) ? os / rs : 0
    verdict = (goal == "-") ? "" : (ratio <= goal ? ", goal met" : ", goal not met")
    printf "%-34s ours %8.4f s  scipy %8.4f s  ratio %6.2f (goal <= %s%s)  %s, certificate %s, our peak %s MB\n",
           label, os, rs, ratio, goal, verdict, same, cert, om
  }'
}

run_case "dense 2000 x 2000" 0.5 dense 2000
# shellcheck disable=SC2086
run_case "capacity 2, 10% forbidden ($large)" 0.2 capacity $large 2 10
# shellcheck disable=SC2086
run_case "capacity 1-4, 10% forbidden ($large)" 0.2 spare $large 10
run_case "realistic cohort 60 x 40" - capacity 60 40 2 10
