#!/bin/sh
# The board's operations on a cohort of 1,000 people and 500 pairs, and
# suggesting the rest of a 60 × 40 cohort. Goals (issue 6): a move
# committed and redrawn in one frame (16 ms); re-suggesting under 20 ms.
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
  bench/board-bench.c "$build/src/libpairings-core.a" \
  $(pkg-config --libs glib-2.0 gio-2.0 sqlite3) -lcsv -lm -o "$build/board-bench"
mkdir -p "$build/board"
"$build/board-bench" "$build/board"
