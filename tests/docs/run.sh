#!/bin/sh
# tests/docs/run.sh: every command that README.md, HACKING.md and docs/*.md
# show with its output is run, and its output compared with what they show
# (the convention is in docs/testing.md, "Commands in the docs"; the
# extractor is tests/docs/extract.awk, the comparison tests/docs/match.awk).
#
# Each command runs through sh in a scratch copy of the source tree (its
# top-level entries linked, so `data/examples/...` resolves and a file a
# command writes lands in the scratch folder), with `peerplan` the program
# just built, LC_ALL=C and SOURCE_DATE_EPOCH fixed (2026-12-01): what
# depends on today's date is the same on every day.
#
# PP_DOCS="README.md docs/x.md" checks only those files.
. "${PP_TOP_SRCDIR:?run the tests through make check}/tests/cli/setup.sh"
cd "$SRC"

DOCS=${PP_DOCS:-"README.md HACKING.md $(ls docs/*.md)"}
SOURCE_DATE_EPOCH=1796083200        # 2026-12-01T00:00:00Z
export SOURCE_DATE_EPOCH

mkdir "$T/cases" "$T/bin" "$T/work"
ln -s "$PEERPLAN" "$T/bin/peerplan"
for f in "$SRC"/*; do ln -s "$f" "$T/work/"; done

# shellcheck disable=SC2086 # DOCS is a list of names
awk -v out="$T/cases" -f tests/docs/extract.awk $DOCS >"$T/problems" ||
  not_ok "tests/docs/extract.awk failed"
while IFS= read -r p; do not_ok "$p"; done <"$T/problems"

n=1
while [ -f "$T/cases/$n.cmd" ]; do
  where=$(cat "$T/cases/$n.where")
  cmd=$(cat "$T/cases/$n.cmd")
  (cd "$T/work" && PATH="$T/bin:$PATH" sh -c "$cmd") >"$T/actual" 2>&1
  rc=$?
  # A command that ends with the comment `# exit N` must exit N.
  want_rc=$(printf '%s\n' "$cmd" | sed -n '$s/.*#[[:space:]]*exit[[:space:]]\{1,\}\([0-9]\{1,\}\)[[:space:]]*$/\1/p')
  if [ -n "$want_rc" ] && [ "$rc" -ne "$want_rc" ]; then
    not_ok "$where: $cmd: exit $rc, the page says $want_rc"
    sed 's/^/  | /' "$T/actual" | head -20
  elif [ "$rc" -ge 3 ]; then
    not_ok "$where: $cmd: exit $rc (3 is an internal failure, more a signal)"
    sed 's/^/  | /' "$T/actual" | head -20
  elif [ -s "$T/actual" ] && [ "$(tail -c 1 "$T/actual" | od -An -c | tr -d ' ')" != '\n' ]; then
    not_ok "$where: $cmd: output does not end with a newline"
  elif awk -f tests/docs/match.awk "$T/cases/$n.want" "$T/actual"; then
    ok "$where: $cmd"
  else
    not_ok "$where: $cmd: output differs (the \`...' lines of the page are shown as the lines they stand for)"
    awk -v expand=1 -f tests/docs/match.awk "$T/cases/$n.want" "$T/actual" >"$T/shown"
    diff -u --label "$where (shown)" --label "$cmd (printed)" \
      "$T/shown" "$T/actual" | head -60
  fi
  n=$((n + 1))
done

[ "$n" -gt 1 ] || not_ok "no command with its output found in" $DOCS
finish
