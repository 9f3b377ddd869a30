# cost-errors.sh: every bad input of `peerplan cost` exits 2 with
# "file:line: message" or a usage message, and writes nothing to stdout.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e

art=data/examples/article.xml

# expect2 PATTERN ARGS...: exit 2, PATTERN on stderr, nothing on stdout.
expect2 () {
  pat=$1; shift
  begin_checks
  rc=0; "$PEERPLAN" cost "$@" >"$T/out" 2>"$T/err" || rc=$?
  [ "$rc" -eq 2 ] || fail "cost $*: exit $rc, expected 2"
  grep -q -- "$pat" "$T/err" || { cat "$T/err" >&2; fail "cost $*: stderr lacks '$pat'"; }
  [ ! -s "$T/out" ] || fail "cost $*: wrote to stdout"
  end_checks "cost $*: exit 2, '$pat'"
}

expect2 'no scenario given'
expect2 'cost takes one scenario' "$art" "$art"
expect2 '--format must be text, json or markdown' --format sarif "$art"
expect2 '--months must be 1 to 1200' --months 0 "$art"
expect2 '--months must be 1 to 1200' --months 1201 "$art"
expect2 '--currency must be CNY or USD' --currency EUR "$art"
expect2 '--usd-to-cny must be more than 0' --usd-to-cny 0 "$art"
expect2 '--usd-to-cny: "7,2" is not a decimal number' --usd-to-cny 7,2 "$art"
expect2 '--traffic: "-5" must not be negative' --traffic -5 "$art"
expect2 '--start: "2026-02-30" is not a date' --start 2026-02-30 "$art"
expect2 '--fail-on must be error, warning or info' --fail-on never "$art"
expect2 '--max-price-age must be a number of days' --max-price-age -1 "$art"
expect2 '--chart: ' --chart "$T/no/such/dir/c.svg" "$art"
expect2 'amount too large' --traffic 10000000000000 data/examples/vpc-peer-tokyo-sv.xml
expect2 'tests/data/pricing/bad-quote-charge.xml:5: price: charge transfer does not go with unit month' \
  --prices tests/data/pricing/bad-quote-charge.xml "$art"
expect2 'tests/data/pricing/bad-quote-decimals.xml:5: price amount: "0.1234567" has more than 6 decimals' \
  --prices tests/data/pricing/bad-quote-decimals.xml "$art"
expect2 'tests/data/pricing/quote-currency-invalid.xml:4: ' --prices tests/data/pricing/quote-currency-invalid.xml "$art"
expect2 'data/examples/article.xml:' --prices "$art" "$art"
expect2 'nonexistent.xml' --prices "$T/nonexistent.xml" "$art"
expect2 'cannot open' "$T/nonexistent.xml"

# A <usage> from a VPC that is not an end of its connection.
sed 's|<route vpc="vpc-sv" destination="172.16.0.0/24"/>|&<usage from="vpc-nowhere" gb-per-month="1"/>|' "$art" >"$T/bad-usage.xml"
expect2 "bad-usage.xml:23: unknown vpc 'vpc-nowhere'" "$T/bad-usage.xml"
# A <price> in a scenario with a half region pair.
sed 's|<expect-reach from="ecs-a"|<price product="router-interface" from-region="ap-northeast-1" unit="month" amount="1" currency="CNY"/>&|' "$art" >"$T/bad-price.xml"
expect2 'bad-price.xml:25: price: give both from-region and to-region, or neither' "$T/bad-price.xml"
# check maps the pricing layer's input errors to exit 2 as well.
sed 's/<scenario name="tokyo-silicon-valley"/<scenario name="tokyo-silicon-valley" purchase-date="2026-02-30"/' "$art" >"$T/bad-date.xml"
rc=0; "$PEERPLAN" check "$T/bad-date.xml" >/dev/null 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "check bad-date: exit $rc, expected 2"
grep -q 'bad-date.xml:4: ' "$T/err" || fail "check bad-date: file:line"

finish
