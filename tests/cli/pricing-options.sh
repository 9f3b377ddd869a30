# tests/cli/pricing-options.sh: every verb that prices takes the same
# pricing options (sim/cli/cli-pricing.c): a quote given to check, plan
# and graph prices what cost prices with it, --traffic/--months/--start
# reach their findings, and bad values are refused the same way (exit 2).
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
art=data/examples/article.xml
quote=tests/data/pricing/article-quote.xml

# cost prices the article with the quote: the reference.
run cost "$PEERPLAN" cost --prices "$quote" "$art"
expect_rc 0 "cost --prices"
expect_no_grep "$T/out" "[price-missing]" "cost --prices: no price-missing"

# check: price-missing without the quote, gone with it.
run check "$PEERPLAN" check "$art"
expect_grep "$T/out" "[price-missing]" "check without a quote: price-missing"
run check "$PEERPLAN" check --prices "$quote" "$art"
expect_rc 0 "check --prices"
expect_no_grep "$T/out" "[price-missing]" "check --prices: no price-missing"
expect_grep "$T/out" "0 error(s), 1 warning(s), 1 info" "check --prices: one warning less"
run check "$PEERPLAN" check --format sarif --prices "$quote" "$art"
expect_no_grep "$T/out" "\"ruleId\" : \"price-missing\"" "check --format sarif --prices: no price-missing result"

# --traffic and --months reach check's findings (product-retired's amounts).
run check "$PEERPLAN" check --traffic 100 --months 24 "$art"
expect_grep "$T/out" "A pays 0.525 CNY/GB x 100 GB a month = 1260.00 CNY" "check --traffic --months: the retired design's amount"
expect_no_grep "$T/out" "no traffic was given" "check --traffic: traffic is given"
run check "$PEERPLAN" check --start 2026-11-26 "$art"
expect_grep "$T/out" "beyond 2026-11-26 (--start)" "check --start: lead-time date"

# graph: the quoted price on the edge instead of "no price".
run graph "$PEERPLAN" graph "$art"
expect_grep "$T/out" 'A: no price' "graph without a quote: no price"
run graph "$PEERPLAN" graph --prices "$quote" "$art"
expect_rc 0 "graph --prices"
expect_grep "$T/out" 'A pays 3000.00 CNY/month' "graph --prices: the quoted price on the edge"
expect_no_grep "$T/out" 'no price' "graph --prices: no 'no price'"
expect_no_grep "$T/out" 'price-missing' "graph --prices: no price-missing drawn"

# plan: the runbook's cost section and findings, and --graph, priced.
run plan "$PEERPLAN" plan --prices "$quote" "$art"
expect_grep "$T/out" "3000.00 CNY/month  12 months  36000.00 CNY" "plan --prices: the cost section is priced"
expect_no_grep "$T/out" "[price-missing]" "plan --prices: no price-missing"
run plan "$PEERPLAN" plan --prices "$quote" --months 24 --format json "$art"
expect_grep "$T/out" '"months" : 24' "plan --months: the horizon of the cost section"
run plan "$PEERPLAN" plan --prices "$quote" --graph "$T/built.dot" "$art"
expect_grep "$T/built.dot" 'A pays 3000.00 CNY/month' "plan --graph --prices: the quoted price drawn"

# The same refusals on every verb.
for verb in check plan graph cost; do
  run bad "$PEERPLAN" "$verb" --months 0 "$art"
  expect_rc 2 "$verb --months 0"
  expect_grep "$T/err" "--months must be 1 to 1200" "$verb --months 0: says the range"
  run bad "$PEERPLAN" "$verb" --traffic -5 "$art"
  expect_rc 2 "$verb --traffic -5"
  run bad "$PEERPLAN" "$verb" --prices /nonexistent.xml "$art"
  expect_rc 2 "$verb --prices /nonexistent.xml"
  expect_grep "$T/err" "/nonexistent.xml: cannot open" "$verb --prices: names the file"
  run bad "$PEERPLAN" "$verb" --currency USD --prices "$quote" "$art"
  expect_rc 2 "$verb --currency USD without a rate over CNY prices"
  expect_grep "$T/err" "hint: give --usd-to-cny RATE" "$verb --currency: what to do"
  run help "$PEERPLAN" "$verb" --help
  for o in --prices --months --traffic --start --currency --usd-to-cny --max-price-age; do
    grep -q -- "$o" "$T/out" || fail "$verb --help lacks $o"
  done
done

# Without traffic a cross-region peering has a rate, not an amount: the
# rows and the totals say "no traffic" instead of "0.00 CNY".
sed '/<usage/d' data/examples/vpc-peer-tokyo-sv.xml >"$T/no-usage.xml"
run cost "$PEERPLAN" cost "$T/no-usage.xml"
expect_grep "$T/out" "0.525 CNY/GB  -         no traffic" "cost without traffic: the row has no amount"
expect_grep "$T/out" "A        0.00 CNY + no traffic" "cost without traffic: the account's total says traffic is left out"
expect_grep "$T/out" "no traffic: a per-GB connection without traffic is left out of these figures" "cost without traffic: the totals explain it"
expect_no_grep "$T/out" "0 GB a month" "cost without traffic: no '0 GB a month'"
# Traffic for one side only: the note is on the account that lacks it
# (each account's flag found in one pass over the connections).
sed '/<usage from="vpc-sv"/d' data/examples/vpc-peer-tokyo-sv.xml >"$T/half-usage.xml"
run cost "$PEERPLAN" cost "$T/half-usage.xml"
expect_grep "$T/out" "  A        105.00 CNY               105.00 CNY" "cost with A's traffic only: A's total has an amount"
expect_no_grep "$T/out" "A        105.00 CNY + no traffic" "cost with A's traffic only: A's total lacks nothing"
expect_grep "$T/out" "  B        0.00 CNY + no traffic" "cost with A's traffic only: B's total says traffic is left out"
expect_grep "$T/out" "  overall  105.00 CNY + no traffic" "cost with A's traffic only: the overall total too"
run cost "$PEERPLAN" cost --traffic 100 "$T/no-usage.xml"
expect_no_grep "$T/out" "no traffic" "cost --traffic: traffic is given"

finish
