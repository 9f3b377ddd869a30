# tests/cli/report.sh: `peerplan report`: the page's structure
# (tests/html-check, libxml2's HTML parser), same input same bytes, -o
# written atomically, the 50-VPC estate, and every bad input with exit 2.
# The browser checks are tests/html/run.sh.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
check_html=${PP_TOP_BUILDDIR:-.}/tests/html-check

run a "$PEERPLAN" report data/examples/article.xml
expect_rc 0 "report the article to stdout"
cp "$T/out" "$T/first.html"
if "$check_html" "$T/first.html" > "$T/check" 2>&1; then ok "the article's page has its structure"; else
  not_ok "the article's page:"; sed 's/^/  | /' "$T/check"; fi
run a "$PEERPLAN" report data/examples/article.xml
if cmp -s "$T/out" "$T/first.html"; then ok "two runs give byte-identical pages"; else
  not_ok "two runs differ"; fi
expect_grep "$T/out" '<h1>Design review: tokyo-silicon-valley</h1>' "the title names the scenario"
expect_grep "$T/out" 'price-missing' "the findings are on the page"
expect_no_grep "$T/out" '<!--' "no comment (Graphviz's) is left in the page"

run o "$PEERPLAN" report -o "$T/review.html" data/examples/article.xml
expect_rc 0 "-o FILE"
if cmp -s "$T/review.html" "$T/first.html"; then ok "-o FILE holds the stdout bytes"; else
  not_ok "-o FILE differs from stdout"; fi
[ -s "$T/out" ] && not_ok "-o FILE also wrote to stdout" || ok "-o FILE leaves stdout empty"
# atomic: a failed run leaves the old page whole, and no temporary file
cp "$T/review.html" "$T/keep.html"
run o "$PEERPLAN" report -o "$T/review.html" "$T/no-such.xml"
expect_rc 2 "an unreadable scenario"
cmp -s "$T/review.html" "$T/keep.html" && ok "a failed run leaves -o FILE as it was" ||
  not_ok "a failed run changed -o FILE"
[ "$(ls "$T" | grep -c '^review\.html')" -eq 1 ] && ok "no temporary file left beside -o FILE" ||
  not_ok "files left beside -o FILE: $(ls "$T")"

run b "$PEERPLAN" report -o "$T/broken.html" data/examples/broken/cidr-overlap.xml
expect_rc 0 "a scenario with findings is reported (exit 0)"
if "$check_html" "$T/broken.html" > "$T/check" 2>&1; then ok "the broken scenario's page has its structure"; else
  not_ok "the broken scenario's page:"; sed 's/^/  | /' "$T/check"; fi
expect_grep "$T/broken.html" 'class="sev-error" data-key="2">error' "the error, with its rank for sorting"

run e "$PEERPLAN" report -o "$T/estate.html" data/examples/estate-50.xml
expect_rc 0 "the 50-VPC estate"
if "$check_html" "$T/estate.html" > "$T/check" 2>&1; then ok "the estate's page has its structure"; else
  not_ok "the estate's page:"; sed 's/^/  | /' "$T/check"; fi

run u "$PEERPLAN" report
expect_rc 2 "no scenario"
expect_grep "$T/err" "no scenario given" "says a scenario is needed"
run u "$PEERPLAN" report data/examples/article.xml data/examples/article.xml
expect_rc 2 "two scenarios"
run u "$PEERPLAN" report --bogus data/examples/article.xml
expect_rc 2 "an unknown option"
run u "$PEERPLAN" report -o "$T/no/such/dir/r.html" data/examples/article.xml
expect_rc 2 "-o in a folder that does not exist"
expect_grep "$T/err" "hint:" "says what to do"
run u "$PEERPLAN" report tests/data/render/route-missing.xml
expect_rc 0 "a scenario whose ping fails is reported"
# the pricing options of `peerplan cost` (one shared group)
run p "$PEERPLAN" report --months 24 --start 2026-01-05 data/examples/article.xml
expect_rc 0 "--months and --start"
expect_grep "$T/out" 'Over 24 months, in CNY' "the horizon given is the page's"
expect_grep "$T/out" 'Start 2026-01-05 (--start)' "the start given dates the lead times"
run p "$PEERPLAN" report --months 0 data/examples/article.xml
expect_rc 2 "--months 0"
expect_grep "$T/err" "months must be 1 to 1200" "says the range"
# --diff OLD NEW: the page of NEW with what `peerplan diff` reports
run d "$PEERPLAN" report --diff -o "$T/diff.html" data/examples/article.xml tests/data/diff/route-removed.xml
expect_rc 0 "--diff OLD NEW"
if "$check_html" "$T/diff.html" > "$T/check" 2>&1; then ok "the --diff page has its structure"; else
  not_ok "the --diff page:"; sed 's/^/  | /' "$T/check"; fi
expect_grep "$T/diff.html" '<section id="change"><h2>Change</h2>' "the Change section"
expect_grep "$T/diff.html" 'route-missing' "the new finding is in it"
run d "$PEERPLAN" report data/examples/article.xml
expect_no_grep "$T/out" 'id="change"' "no Change section without --diff"
run d "$PEERPLAN" report --diff data/examples/article.xml
expect_rc 2 "--diff with one scenario"
expect_grep "$T/err" "two scenarios, OLD NEW" "says what --diff takes"
run d "$PEERPLAN" report --diff data/examples/article.xml "$T/no-such.xml"
expect_rc 2 "--diff with an unreadable NEW"
run h "$PEERPLAN" report --help
expect_rc 0 "--help"
expect_grep "$T/out" "Content-Security-Policy" "--help says the page fetches nothing"
finish
