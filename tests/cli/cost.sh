# cost.sh: `peerplan cost` on the shipped examples: exit codes, the article's
# findings, the cross-border lead time, a route table over quota, the
# Markdown summary (golden) and the SVG chart.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
begin_checks

# The article: A (initiator) pays, B (acceptor) pays nothing; the
# cross-region price is asked for; the product is retired; no error.
rc=0; "$PEERPLAN" cost data/examples/article.xml >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -eq 0 ] || fail "article: exit $rc"
grep -q '^  A        initiator  subscription \*  no price' "$T/out" || fail "article: A's subscription row"
grep -q '^  B        acceptor   free            0.00 CNY/month' "$T/out" || fail "article: B pays nothing"
grep -q 'warning: connection tokyo-sv: account A (initiator) is charged for router-interface subscription Large.1.*\[price-missing\]' "$T/out" || fail "article: price-missing"
grep -q 'hint: .*<price product="router-interface" spec="Large.1" from-region="ap-northeast-1" to-region="us-west-1" charge="subscription" unit="month"' "$T/out" || fail "article: price-missing names the quote"
grep -q 'hint: .*; to compare, the same with charge="pay-as-you-go" unit="day"$' "$T/out" || fail "article: price-missing names the other billing"
# One output, one numbering: the findings' sources follow the prices'.
dup=$(sed -n 's/^  \[\([0-9][0-9]*\)\] .*/\1/p' "$T/out" | sort | uniq -d)
[ -z "$dup" ] || fail "article: source number(s) $dup listed twice"
grep -q '^  source: \[3\]$' "$T/out" || fail "article: the finding cites its source after the prices' two"
grep -q 'closed to new purchases since 2019-06-20.*\[product-retired\]' "$T/out" || fail "article: product-retired"
grep -q '0.525 CNY/GB' "$T/out" || fail "article: VPC peering alternative priced"
grep -q '^0 error(s), 2 warning(s), 1 info$' "$T/out" || fail "article: finding counts"
[ ! -s "$T/err" ] || fail "article: stderr not empty"

# Same input, same bytes.
"$PEERPLAN" cost data/examples/article.xml >"$T/out2"
cmp -s "$T/out" "$T/out2" || fail "article: output is not deterministic"

# check: the pricing rules run, and the article has no error.
rc=0; "$PEERPLAN" check data/examples/article.xml >"$T/out" || rc=$?
[ "$rc" -eq 0 ] || fail "check article: exit $rc"
grep -q '\[price-missing\]' "$T/out" || fail "check article: price-missing"

# Markdown for a pull-request comment (golden).
"$PEERPLAN" cost --format markdown data/examples/article.xml >"$T/md"
golden "$T/md" tests/data/pricing/cost-article.md

# Cross-border: the review skips the last two working days of November.
rc=0; "$PEERPLAN" cost data/examples/cross-border.xml >"$T/out" || rc=$?
[ "$rc" -eq 0 ] || fail "cross-border: exit $rc"
grep -q 'warning: connection hz-sv links cn-hangzhou (mainland China) and us-west-1 (outside mainland China).*started on 2026-11-26 (purchase-date), it can carry traffic from 2026-12-01 at the earliest, 2026-12-02 at the latest.*\[ticket-cross-border\]' "$T/out" \
  || fail "cross-border: ticket-cross-border with dates"
"$PEERPLAN" cost --start 2026-12-29 data/examples/cross-border.xml >"$T/out" || true
grep -q 'ready 2027-01-01 at the earliest, 2027-01-04 at the latest' "$T/out" || fail "cross-border: year end"

# A route table over quota: an error with count, limit and headroom.
rc=0; "$PEERPLAN" cost tests/data/pricing/route-quota.xml >"$T/out" || rc=$?
[ "$rc" -eq 1 ] || fail "route-quota: exit $rc, expected 1"
grep -q 'error: the route table of VPC vpc-big has 205 custom route entries; .*(count 205, limit 200, headroom -5) \[quota-route-entries\]' "$T/out" \
  || fail "route-quota: quota-route-entries"
grep -q 'hint: ask for a higher vpc_quota_route_entrys_num' "$T/out" || fail "route-quota: quota name"
rc=0; "$PEERPLAN" check tests/data/pricing/route-quota.xml >/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "check route-quota: exit $rc, expected 1"

# VPC peering at a given traffic: 1000 GB x 0.525 x 12 per side.
"$PEERPLAN" cost --traffic 1000 data/examples/vpc-peer-tokyo-sv.xml >"$T/out"
grep -q '^  overall  1050.00 CNY  1050.00 CNY  12600.00 CNY$' "$T/out" || fail "vpc-peer: total at 1000 GB"

# The chart: an SVG document with axes, currency and legend.
"$PEERPLAN" cost --chart "$T/c.svg" --prices tests/data/pricing/article-quote.xml data/examples/article.xml >/dev/null
[ -s "$T/c.svg" ] || fail "chart not written"
grep -q 'xmlns="http://www.w3.org/2000/svg"' "$T/c.svg" || fail "chart: not SVG"
grep -q 'cumulative cost (CNY)' "$T/c.svg" || fail "chart: y axis"
grep -q 'months of use' "$T/c.svg" || fail "chart: x axis"
grep -q 'tokyo-sv: A (initiator) pay-as-you-go' "$T/c.svg" || fail "chart: legend"
grep -q 'break-even tokyo-sv: 20 days of use a month' "$T/c.svg" || fail "chart: break-even"
if [ -n "${XMLLINT:-}" ]; then "$XMLLINT" --noout "$T/c.svg" || fail "chart: not well-formed"; fi

# --help
"$PEERPLAN" cost --help >"$T/out"
grep -q -- '--prices' "$T/out" || fail "--help"
"$PEERPLAN" --help | grep -q '^  cost ' || fail "cost is not in the verb table"

end_checks "cost checks"
finish
