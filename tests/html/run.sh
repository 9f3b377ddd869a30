#!/bin/sh
# tests/html/run.sh: the page of `peerplan report` in a real browser:
# Debian's chromium, headless, driven by puppeteer-core (pinned by
# tests/html/package-lock.json, installed by scripts/bootstrap) through
# review.js: no console error, no request, sorting, zoom; for report --diff
# also the Change section's tables and the legend of the change.  With
# PP_SCREENSHOT=FILE.png and PP_SCREENSHOT_DIFF=FILE.png it also saves the
# screenshots of docs/review.md.
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
# report --diff: the Change section's tables and the diagram of graph --diff
# (a router interface moved to VPC peering; PP_SCREENSHOT_DIFF=FILE.png saves
# the second screenshot of docs/review.md), and the 50-VPC estate against a
# copy with a return route removed and a spec changed.
sed -e '/<route vpc="vpc-pay-hz" destination="10.0.0.0\/16"\/>/d' \
    -e 's/id="backbone-hz-sh" type="router-interface" spec="Large.1"/id="backbone-hz-sh" type="router-interface" spec="Large.2"/' \
    data/examples/estate-50.xml > "$tmp/estate-50-changed.xml"
for pair in "article.xml vpc-peer-tokyo-sv.xml" "estate-50.xml $tmp/estate-50-changed.xml"; do
  set -- $pair
  old=data/examples/$1 new=$2
  case $new in /*) ;; *) new=data/examples/$new ;; esac
  name=diff-$(basename "$new" .xml)
  echo "# --diff $old $new"
  "$PEERPLAN" report --diff --prices tests/data/pricing/article-quote.xml -o "$tmp/$name.html" "$old" "$new" ||
    { echo "not ok - report --diff $old $new"; status=1; continue; }
  shot=
  [ "$name" = diff-vpc-peer-tokyo-sv ] && shot=${PP_SCREENSHOT_DIFF:-}
  "$node" "$top/tests/html/review.js" "$tmp/$name.html" $shot || status=1
done
exit $status
