#!/bin/sh
# Installs what building, running and testing Pairings needs on Debian 12,
# and only what is missing, so a second run costs nothing.
set -eu

packages="
  gcc libc6-dev pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libsqlite3-dev libcsv-dev sqlite3 time
  desktop-file-utils appstream
  xvfb xauth dbus dbus-bin xdotool libx11-dev
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme hicolor-icon-theme librsvg2-common
  libcairo2-dev libpango1.0-dev poppler-utils librsvg2-bin
  clang-14 libclang-rt-14-dev clang-tools-14 valgrind
"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "Installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
