#!/bin/sh
# Every file with translatable strings is listed in po/POTFILES.in, and
# every listed file exists. TAP output.
set -u
root="$1"
cd "$root" || exit 1
echo "1..2"

listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | sort)
marked=$( (grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)\(' src --include='*.c';
           grep -rl 'translatable="yes"' ui data --include='*.ui' --include='*.xml' --include='*.in';
           grep -rlE '^_?(Name|Comment|GenericName|Keywords)=' data --include='*.desktop.in') | sort -u)

missing=""
for f in $marked; do
  echo "$listed" | grep -qx "$f" || missing="$missing $f"
done
if [ -z "$missing" ]; then
  echo "ok 1 - every file with translatable strings is in POTFILES.in"
else
  echo "not ok 1 - every file with translatable strings is in POTFILES.in"
  for f in $missing; do echo "# missing: $f"; done
fi

gone=""
for f in $listed; do
  [ -f "$f" ] || gone="$gone $f"
done
if [ -z "$gone" ]; then
  echo "ok 2 - every file in POTFILES.in exists"
else
  echo "not ok 2 - every file in POTFILES.in exists"
  for f in $gone; do echo "# not found: $f"; done
fi
