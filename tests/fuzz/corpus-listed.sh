#!/bin/sh
# corpus-listed.sh: every corpus file of tests/fuzz/corpus/ is listed in
# tests/fuzz/corpus.am (or make dist would leave it out, and the tarball's
# make check would replay less than this tree's), and nothing else is.
# Fix: make fuzz-merge, or sh tests/fuzz/list-corpus.sh . > tests/fuzz/corpus.am
set -eu
srcdir=${PP_TOP_SRCDIR:?}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sh "$srcdir/tests/fuzz/list-corpus.sh" "$srcdir" > "$tmp"
if ! diff -u "$srcdir/tests/fuzz/corpus.am" "$tmp"; then
  echo "tests/fuzz/corpus.am is out of date: run sh tests/fuzz/list-corpus.sh . > tests/fuzz/corpus.am" >&2
  exit 1
fi
