# cost-quote.sh: the article with a quote file: both billing choices, the
# break-even, and JSON that carries the source of every unit price (golden).
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
begin_checks

rc=0; "$PEERPLAN" cost --prices tests/data/pricing/article-quote.xml --start 2026-11-26 \
  data/examples/article.xml >"$T/out" || rc=$?
[ "$rc" -eq 0 ] || fail "exit $rc"
grep -q '^  A        initiator  subscription \*  3000.00 CNY/month  12 months  36000.00 CNY  \[1\] quote' "$T/out" || fail "subscription row"
grep -q '^  A        initiator  pay-as-you-go   150.00 CNY/day     360 days   54000.00 CNY  \[2\] quote' "$T/out" || fail "pay-as-you-go row"
grep -q 'both cost the same at 20 days of use a month' "$T/out" || fail "break-even"
grep -q '\[price-missing\]' "$T/out" && fail "price-missing with a quote"

"$PEERPLAN" cost --format json --prices tests/data/pricing/article-quote.xml --start 2026-11-26 \
  data/examples/article.xml >"$T/json"
golden "$T/json" tests/data/pricing/cost-article-quote.json
grep -q '"version" : 1' "$T/json" || fail "json version"
# JSON strings are escaped: a source with quotes, a backslash and a tab.
printf '%s\n' '<quote xmlns="urn:peerplan:quote:1">' \
  '<price product="router-interface" spec="Large.1" unit="month" amount="1" currency="CNY" source="a &quot;b&quot; c\d&#9;e"/>' \
  '</quote>' >"$T/q.xml"
"$PEERPLAN" cost --format json --prices "$T/q.xml" data/examples/article.xml >"$T/json"
grep -q '"source" : "a \\"b\\" c\\\\d\\te"' "$T/json" || fail "json escaping"

end_checks "quote checks"
finish
