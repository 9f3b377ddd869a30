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
# --diff OLD NEW: the page of NEW with what `peerplan diff` reports as
# tables (html-check --diff: the Change section's parts, no <pre> of text,
# the diagram of graph --diff), and each fixture's own rows (--expect).
# html_diff NAME PAGE [--expect XPATH N]...: the page's structure.
html_diff () {
  name=$1 page=$2; shift 2
  if "$check_html" --diff "$@" "$page" > "$T/check" 2>&1; then ok "$name: the --diff page has its structure"; else
    not_ok "$name: the --diff page:"; grep -v '^ok' "$T/check" | sed 's/^/  | /'; fi
}
CH="//section[@id='change']"
COST="$CH/table[contains(@class,'change-cost')]/tbody/tr"
run d "$PEERPLAN" report --diff -o "$T/diff.html" data/examples/article.xml tests/data/diff/route-removed.xml
expect_rc 0 "--diff OLD NEW"
html_diff "route removed" "$T/diff.html" \
  --expect "$CH/table[contains(@class,'change-findings')][contains(@class,'new')]/tbody/tr[td[1]='error'][td[2]='route-missing'][td[4]='tests/data/diff/route-removed.xml:19']" 1 \
  --expect "$CH/table[contains(@class,'change-findings')][contains(@class,'fixed')]" 0 \
  --expect "$CH/table[contains(@class,'change-reach')]/tbody/tr[td[1]='ecs-a'][td[2]='ecs-b'][td[3]='reached'][td[4]='unreachable'][contains(td[5], 'dropped in vpc-sv')]" 1 \
  --expect "$CH/table[contains(@class,'change-objects')]/tbody/tr[td[1]='removed'][td[2]='route'][td[3]='vpc-sv 172.16.0.0/24']" 1 \
  --expect "$COST[td[1]='account A'][contains(td[11], 'a price is missing') and contains(td[11], 'the delta is unknown')]" 1 \
  --expect "$COST[td[1]='account B'][td[10]='0.00 CNY']" 1 \
  --expect "//section[@id='diagram']//svg//g[@class='node'][title='removed:route:vpc-sv 172.16.0.0/24']" 1
expect_grep "$T/diff.html" '<p class="summary"><b>0 object(s) added, 1 removed, 0 changed; 1 new finding(s), 0 fixed; 1 reachability change(s); cost over 12 months unchanged</b></p>' "the summary line of peerplan diff"
"$PEERPLAN" report --diff data/examples/article.xml tests/data/diff/route-removed.xml > "$T/again.html"
cmp -s "$T/diff.html" "$T/again.html" && ok "--diff: two runs give byte-identical pages" || not_ok "--diff: two runs differ"

# a router interface moved to VPC peering: the cost delta per account (a
# quote prices the router interface), product-retired fixed, the
# connection changed (orange in the diagram)
run d "$PEERPLAN" report --diff --prices tests/data/pricing/article-quote.xml -o "$T/peer.html" \
  data/examples/article.xml data/examples/vpc-peer-tokyo-sv.xml
expect_rc 0 "--diff to VPC peering"
html_diff "to VPC peering" "$T/peer.html" \
  --expect "$COST[td[1]='account A'][td[2]='CNY'][td[5]='3000.00 CNY'][td[6]='105.00 CNY'][td[7]='-2895.00 CNY'][td[8]='36000.00 CNY'][td[9]='1260.00 CNY'][td[10]='-34740.00 CNY']" 1 \
  --expect "$COST[td[1]='account B'][td[10]='+630.00 CNY']" 1 \
  --expect "$COST[td[1]='overall'][td[10]='-34110.00 CNY']" 1 \
  --expect "$CH/table[contains(@class,'change-findings')][contains(@class,'fixed')]/tbody/tr[td[2]='product-retired'][td[4]='data/examples/article.xml:19']" 1 \
  --expect "$CH/table[contains(@class,'change-objects')]/tbody/tr[td[1]='changed'][td[3]='tokyo-sv'][contains(td[4], 'router-interface -> vpc-peer')]" 1 \
  --expect "$CH/ul[@class='notes']/li[contains(., 'objects are matched by id')]" 1
# a new spoke: added objects, an account only in NEW, quota headroom shrinks
run d "$PEERPLAN" report --diff -o "$T/spoke.html" data/examples/hub-and-spoke.xml tests/data/diff/new-spoke.xml
expect_rc 0 "--diff a new spoke"
html_diff "new spoke" "$T/spoke.html" \
  --expect "$CH/table[contains(@class,'change-objects')]/tbody/tr[td[1]='added']" 7 \
  --expect "$COST[td[1]='account ml'][td[8]='-'][td[9]='630.00 CNY'][contains(td[11], 'only in NEW')]" 1 \
  --expect "$COST[td[1]='connection hub-ml']" 1 \
  --expect "$CH/table[contains(@class,'change-quotas')]/tbody/tr[td[1]='quota-route-entries'][td[2]='hub'][td[3]='197'][td[4]='196'][td[5]='200']" 1
# the 50-VPC estate against a copy with a return route removed and the spec
# of an unpriced router interface changed: the connection's cost row is
# shown (the change touches it) and says the delta is unknown
sed -e '/<route vpc="vpc-pay-hz" destination="10.0.0.0\/16"\/>/d' \
    -e 's/id="backbone-hz-sh" type="router-interface" spec="Large.1"/id="backbone-hz-sh" type="router-interface" spec="Large.2"/' \
    data/examples/estate-50.xml > "$T/estate-changed.xml"
run d "$PEERPLAN" report --diff -o "$T/estate-diff.html" data/examples/estate-50.xml "$T/estate-changed.xml"
expect_rc 0 "--diff the 50-VPC estate"
html_diff "estate" "$T/estate-diff.html" \
  --expect "$COST[td[1]='connection backbone-hz-sh'][contains(td[11], 'the delta is unknown') and contains(td[11], 'the priced part is unchanged')]" 1 \
  --expect "$COST[starts-with(td[1], 'connection ')]" 1 \
  --expect "$CH/table[contains(@class,'change-reach')]/tbody/tr[td[4]='unreachable']" 9 \
  --expect "$CH/table[contains(@class,'change-objects')]/tbody/tr[td[1]='changed'][td[3]='backbone-hz-sh'][contains(td[4], 'Large.1 -> Large.2')]" 1
# identical inputs: an empty change, every part says none
run d "$PEERPLAN" report --diff -o "$T/same.html" data/examples/article.xml data/examples/article.xml
expect_rc 0 "--diff identical"
html_diff "identical" "$T/same.html" \
  --expect "$CH/p[@class='summary'][.='no change']" 1 \
  --expect "$CH/table[not(contains(@class,'change-cost'))]" 0
run d "$PEERPLAN" report --diff data/examples/article.xml
expect_rc 2 "--diff with one scenario"
expect_grep "$T/err" "two scenarios, OLD NEW" "says what --diff takes"
run d "$PEERPLAN" report --diff data/examples/article.xml "$T/no-such.xml"
expect_rc 2 "--diff with an unreadable NEW"
run h "$PEERPLAN" report --help
expect_rc 0 "--help"
expect_grep "$T/out" "Content-Security-Policy" "--help says the page fetches nothing"
finish
