#!/bin/sh
# The Applications page's work on 1,000 and on 100,000 applications, from
# the model's side: load, search, sort. Goals (issue 5): opening under
# 300 ms, sorting and searching under 100 ms, memory under 300 MB. Then the
# same steps in a real window, timed with the frame clock.
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

# The same in a real window, each step timed to the end of the next frame
# painted (under Xvfb when there is no display). The window opens on a
# copy, so that the databases above stay as the model's runs found them.
gui="$root/_build/bench-gui"
if [ ! -f "$gui/build.ninja" ]; then
  meson setup "$gui" -Dbuildtype=release -Dtests=false >/dev/null
fi
ninja -C "$gui" bench/applications-ui-bench >/dev/null
ninja -C "$gui" data/gschemas.compiled >/dev/null
run_ui() {
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    "$@"
  else
    xvfb-run -a -s "-screen 0 1400x900x24" "$@"
  fi
}
echo "In a window (GTK $(pkg-config --modversion gtk4)):"
for rows in 1000 100000; do
  cp "$build/applications-$rows.db" "$gui/ui-$rows.db"
  printf '%-8s ' "$rows"
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$gui/data" GSK_RENDERER=cairo NO_AT_BRIDGE=1 \
    run_ui "$gui/bench/applications-ui-bench" "$gui/ui-$rows.db" 2>/dev/null | tail -1
done
