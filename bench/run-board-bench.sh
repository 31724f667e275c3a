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

# The same move in a window, to the end of the next painted frame (under
# Xvfb when there is no display).
gui="$root/_build/bench-gui"
if [ ! -f "$gui/build.ninja" ]; then
  meson setup "$gui" -Dbuildtype=release -Dtests=false >/dev/null
fi
ninja -C "$gui" bench/board-ui-bench data/gschemas.compiled >/dev/null
cp "$build/board/board.db" "$gui/board-ui.db"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  run=""
else
  run="xvfb-run -a -s -screen\ 0\ 1400x900x24"
fi
GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$gui/data" GSK_RENDERER=cairo NO_AT_BRIDGE=1 \
  sh -c "$run \"$gui/bench/board-ui-bench\" \"$gui/board-ui.db\"" 2>/dev/null | tail -1
