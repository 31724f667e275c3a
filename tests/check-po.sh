#!/bin/sh
# The French catalogue must translate every message of the sources, with
# nothing fuzzy: extract a fresh template, merge, and count. TAP output.
set -u
root="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root" || exit 1
echo "1..4"

files=$(grep -v '^#' po/POTFILES.in | grep -v '^$')
# shellcheck disable=SC2086
if xgettext --from-code=UTF-8 --add-comments=TRANSLATORS --keyword=_ --keyword=N_ \
     --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
     --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
     -o "$work/pairings.pot" $files 2>"$work/xgettext.log"; then
  echo "ok 1 - xgettext extracts the template"
else
  echo "not ok 1 - xgettext extracts the template"
  sed 's/^/# /' "$work/xgettext.log"
fi

if msgmerge --quiet --no-fuzzy-matching -o "$work/fr.po" po/fr.po "$work/pairings.pot" 2>"$work/merge.log" &&
   msgfmt --check --statistics -o /dev/null "$work/fr.po" 2>"$work/stats.log"; then
  echo "ok 2 - fr.po merges and compiles with --check"
else
  echo "not ok 2 - fr.po merges and compiles with --check"
  sed 's/^/# /' "$work/merge.log" "$work/stats.log" 2>/dev/null
fi

# The catalogue as it is in the tree must compile too (a duplicate
# message, for one, survives msgmerge but not msgfmt).
if msgfmt --check -o /dev/null po/fr.po 2>"$work/own.log"; then
  echo "ok 3 - po/fr.po itself compiles with --check"
else
  echo "not ok 3 - po/fr.po itself compiles with --check"
  sed 's/^/# /' "$work/own.log"
fi

stats=$(cat "$work/stats.log" 2>/dev/null)
echo "# $stats"
if echo "$stats" | grep -Eq 'fuzzy|untranslated'; then
  echo "not ok 4 - fr.po translates every message, none fuzzy"
  msgattrib --untranslated "$work/fr.po" | grep '^msgid' | head -n 20 | sed 's/^/# untranslated: /'
  msgattrib --only-fuzzy "$work/fr.po" | grep '^msgid' | head -n 20 | sed 's/^/# fuzzy: /'
else
  echo "ok 4 - fr.po translates every message, none fuzzy"
fi
