#!/bin/sh
# The Applications page's work on 1,000 and on 100,000 applications, from
# the model's side: load, search, sort. Goals (issue 5): opening under
# 300 ms, sorting and searching under 100 ms, memory under 300 MB.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

sh build-aux/setup-debian.sh
build="$root/_build/bench"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Dbuildtype=release -Dgui=false -Dtests=false >/dev/null
fi
ninja -C "$build" >/dev/null
# shellcheck disable=SC2046
cc -O2 -std=gnu11 -I"$build" -Isrc/core $(pkg-config --cflags glib-2.0 gio-2.0) \
  bench/applications-bench.c "$build/src/libpairings-core.a" \
  $(pkg-config --libs glib-2.0 gio-2.0 sqlite3) -lcsv -lm -o "$build/applications-bench"

for rows in 1000 100000; do
  csv="$build/applications-$rows.csv"
  db="$build/applications-$rows.db"
  [ -f "$csv" ] || python3 bench/generate-applications.py "$csv" "$rows" >/dev/null
  if [ ! -f "$db" ]; then
    "$build/src/pairings-cli" --database "$db" cohort add 2025 --programme Bench 2>/dev/null
    "$build/src/pairings-cli" --database "$db" import --cohort 2025 --role mentee "$csv" >/dev/null 2>&1
  fi
  printf '%-8s ' "$rows"
  "$build/applications-bench" "$db" 2025
done
