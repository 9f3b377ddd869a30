#!/bin/sh
# tests/html/run.sh: the page of `peerplan report` in a real browser:
# Debian's chromium, headless, driven by puppeteer-core (pinned by
# tests/html/package-lock.json, installed by scripts/bootstrap) through
# review.js: no console error, no request, sorting, zoom.  With
# PP_SCREENSHOT=FILE.png it also saves the screenshot of docs/review.md.
# Skipped (77) when node, chromium or the package is absent, except under
# CI (CI set), where that is a failure.
set -eu
top=${PP_TOP_SRCDIR:?PP_TOP_SRCDIR is not set (run through make check)}
skip () {
  if [ -n "${CI:-}" ]; then echo "FAIL (CI): $*" >&2; exit 1; fi
  echo "SKIP: $*"; exit 77
}
node=${NODE:-}
[ -n "$node" ] || node=$(command -v node || true)
[ -n "$node" ] && "$node" --version >/dev/null 2>&1 || skip "node is not installed"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || skip "chromium is not installed (Debian package chromium, scripts/bootstrap)"
modules=
dir=$top
for _ in 0 1 2 3; do
  if [ -d "$dir/tests/html/node_modules/puppeteer-core" ]; then
    modules=$(cd "$dir/tests/html/node_modules" && pwd)
    break
  fi
  dir="$dir/.."
done
[ -n "$modules" ] ||
  skip "puppeteer-core is not installed: (cd tests/html && npm ci --no-audit --no-fund), as scripts/bootstrap does"
export NODE_PATH="$modules" CHROMIUM="$chromium"
PEERPLAN=${PEERPLAN:?PEERPLAN is not set}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp"            # chromium's profile and crash folders
cd "$top"
status=0
for f in data/examples/broken/cidr-overlap.xml data/examples/article.xml data/examples/estate-50.xml; do
  name=$(basename "$f" .xml)
  echo "# $f"
  "$PEERPLAN" report -o "$tmp/$name.html" "$f" || { echo "not ok - report $f"; status=1; continue; }
  shot=
  [ "$name" = cidr-overlap ] && shot=${PP_SCREENSHOT:-}
  "$node" "$top/tests/html/review.js" "$tmp/$name.html" $shot || status=1
done
exit $status
