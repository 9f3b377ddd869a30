# diff.sh: `peerplan diff OLD NEW`: the four reviewed goldens of issue 12
# (a route removed, a router interface moved to VPC peering, a new spoke,
# identical inputs), the exit codes, -o and bad input.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
D=tests/data/diff
A=data/examples/article.xml
begin_checks

# One route removed: the return path breaks (a new route-missing, which
# explains the failed pings, so no reach-failed; a reachability change, no
# cost change): exit 1.
rc=0; "$PEERPLAN" diff $A $D/route-removed.xml >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -eq 1 ] || fail "route removed: exit $rc, expected 1"
golden "$T/out" $D/route-removed.txt
rc=0; "$PEERPLAN" diff -f markdown $A $D/route-removed.xml >"$T/md" || rc=$?
golden "$T/md" $D/route-removed.md
grep -q '<details>' "$T/md" || fail "markdown: no collapsed details"
rc=0; "$PEERPLAN" diff -f json $A $D/route-removed.xml >"$T/json" || rc=$?
golden "$T/json" $D/route-removed.json
[ ! -s "$T/err" ] || fail "route removed: stderr not empty"
# Fixed findings never fail: the other way round exits 0.
rc=0; "$PEERPLAN" diff $D/route-removed.xml $A >"$T/out" || rc=$?
[ "$rc" -eq 0 ] || fail "route restored: exit $rc, expected 0"
grep -q '^  fixed error: .*\[route-missing\]$' "$T/out" || fail "route restored: route-missing fixed"

# A router interface moved to VPC peering (different scenario names,
# matched by id): cost delta per account, product-retired fixed.
rc=0; "$PEERPLAN" diff --prices tests/data/pricing/article-quote.xml $A data/examples/vpc-peer-tokyo-sv.xml >"$T/out" || rc=$?
[ "$rc" -eq 0 ] || fail "to vpc-peer: exit $rc"
golden "$T/out" $D/to-vpc-peer.txt

# A new spoke: added objects, quota headroom shrinks.
"$PEERPLAN" diff data/examples/hub-and-spoke.xml $D/new-spoke.xml >"$T/out"
golden "$T/out" $D/new-spoke.txt
"$PEERPLAN" diff -f markdown data/examples/hub-and-spoke.xml $D/new-spoke.xml >"$T/md"
golden "$T/md" $D/new-spoke.md

# Identical inputs: an empty diff, exit 0; -o written, nothing on stdout.
rc=0; "$PEERPLAN" diff -o "$T/same.txt" $A $A >"$T/out" || rc=$?
[ "$rc" -eq 0 ] || fail "identical: exit $rc"
[ ! -s "$T/out" ] || fail "identical: -o also wrote stdout"
golden "$T/same.txt" $D/identical.txt
"$PEERPLAN" diff -f json $A $A | grep -q '"empty" : true' || fail "identical: JSON empty"
ls "$T" | grep -q 'same.txt.' && fail "-o left a temporary file"

# Same input, same bytes.
"$PEERPLAN" diff -f json data/examples/hub-and-spoke.xml $D/new-spoke.xml >"$T/a"
"$PEERPLAN" diff -f json data/examples/hub-and-spoke.xml $D/new-spoke.xml >"$T/b"
cmp -s "$T/a" "$T/b" || fail "diff JSON is not deterministic"

# Bad input: exit 2 with the file named, as check does.
rc=0; "$PEERPLAN" diff $A "$T/missing.xml" >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "missing NEW: exit $rc"
grep -q "missing.xml" "$T/err" || fail "missing NEW: file not named"
rc=0; "$PEERPLAN" diff data/examples/broken/input-comma-cidr.xml $A >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "broken OLD: exit $rc"
grep -q 'input-comma-cidr.xml:[0-9]*:' "$T/err" || fail "broken OLD: no file:line"
rc=0; "$PEERPLAN" diff $A >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "one file: exit $rc"
rc=0; "$PEERPLAN" diff -f xml $A $A >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "bad format: exit $rc"
rc=0; "$PEERPLAN" diff --months 0 $A $A >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "bad --months: exit $rc"
rc=0; "$PEERPLAN" diff -o "$T/no/such/dir/x.txt" $A $A >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "-o into a missing directory: exit $rc"

# A large change: the Markdown comment is cut under GitHub's 65 000
# characters, with the note; reachability falls back to expect-reach pairs.
GEN=$PP_TOP_BUILDDIR/tests/bench/gen-estate
if [ -x "$GEN" ]; then
  "$GEN" -n 800 -r data/regions.xml -o "$T/big-old.xml"
  "$GEN" -n 800 -r data/regions.xml --missing-routes=150 --overlaps=40 -o "$T/big-new.xml"
  rc=0; "$PEERPLAN" diff -f markdown "$T/big-old.xml" "$T/big-new.xml" >"$T/md" || rc=$?
  [ "$rc" -eq 1 ] || fail "large: exit $rc"
  [ "$(wc -c <"$T/md")" -lt 65000 ] || fail "large: the comment is over 65 000 bytes"
  grep -q '^> \*\*Cut:\*\*' "$T/md" || fail "large: no note saying the comment was cut"
  "$PEERPLAN" diff "$T/big-old.xml" "$T/big-new.xml" >"$T/out" || true
  grep -q 'only the expect-reach pairs were compared' "$T/out" || fail "large: reachability limit not said"
fi

# Waivers are objects of the change, matched by rule and object: an end
# date moved, a waiver added and one removed.
w=tests/data/waive/waive.xml
sed -e 's|until="2027-01-31"|until="2027-03-31"|' -e '/rule="product-retired"/d' \
    -e 's|  <waive rule="ticket-bandwidth"|  <waive rule="price-stale" reason="re-quoted yearly"/>\n&|' \
    "$w" > "$T/waive-new.xml"
"$PEERPLAN" diff "$w" "$T/waive-new.xml" > "$T/out" || true
grep -q '^1 object(s) added, 1 removed, 1 changed;' "$T/out" || fail "waivers: the summary does not count them"
grep -qx '  ~ waiver price-missing tokyo-sv (until: 2027-01-31 -> 2027-03-31)' "$T/out" || fail "waivers: the moved end date"
grep -qx '  + waiver price-stale \*' "$T/out" || fail "waivers: the added waiver"
grep -qx '  - waiver product-retired \*' "$T/out" || fail "waivers: the removed waiver"
"$PEERPLAN" diff -f json "$w" "$T/waive-new.xml" > "$T/json" || true
grep -q '"kind" : "waiver",' "$T/json" || fail "waivers: not in the JSON objects"
"$PEERPLAN" diff "$w" "$w" > "$T/out" || fail "waivers: identical inputs exit $?"
if grep -q '^  [~+-] waiver ' "$T/out"; then fail "waivers: identical inputs list a waiver"; fi

# A price missing on both sides: a changed spec may change the cost, so
# the delta is unknown, never "unchanged"; an untouched article stays
# "no change".
sed 's/spec="Large.1"/spec="Large.2"/' $A > "$T/spec.xml"
"$PEERPLAN" diff $A "$T/spec.xml" > "$T/out" || fail "spec changed: exit $?"
if grep -q 'cost over 12 months unchanged' "$T/out"; then fail "spec changed, no price: the summary says the cost is unchanged"; fi
grep -q '^  connection tokyo-sv: .*unknown (a price is missing)' "$T/out" \
  || fail "spec changed, no price: no unknown delta for the connection"
grep -q '^  account A: .*unknown (a price is missing)' "$T/out" || fail "spec changed, no price: account A"
"$PEERPLAN" diff -f markdown $A "$T/spec.xml" > "$T/md" || fail "spec changed: markdown exit $?"
grep -q '^| connection tokyo-sv |' "$T/md" || fail "spec changed, no price: markdown has no cost row"
"$PEERPLAN" diff -f json $A "$T/spec.xml" | grep -q '"changed" : true' || fail "spec changed, no price: JSON"
"$PEERPLAN" diff -f json $A $A | grep -q '"changed" : true' && fail "identical: a cost row is changed"

# -o: the extension is the format (the one rule of output files)
"$PEERPLAN" diff -o "$T/c.md" $A $A || fail "-o .md: exit $?"
head -1 "$T/c.md" | grep -qx '## peerplan diff' || fail "-o .md is not the Markdown comment"
"$PEERPLAN" diff -o "$T/c.JSON" $A $A || fail "-o .JSON: exit $?"
grep -q '"version" : 1' "$T/c.JSON" || fail "-o .JSON is not JSON"
for bad in "-o $T/c.png" "-o $T/noext" "-f json -o $T/c2.md" "-f text -o $T/c.json"; do
  rc=0; "$PEERPLAN" diff $bad $A $A >"$T/out" 2>"$T/err" || rc=$?
  [ "$rc" -eq 2 ] || fail "diff $bad: exit $rc, expected 2"
  grep -q '\.txt, \.json or \.md' "$T/err" || grep -q 'make them agree' "$T/err" || fail "diff $bad: no hint"
done
[ ! -e "$T/c.png" ] && [ ! -e "$T/noext" ] && [ ! -e "$T/c2.md" ] || fail "a refused -o was written"

"$PEERPLAN" diff --help >"$T/out"
grep -q -- '--fail-on' "$T/out" || fail "--help"
grep -q -- '--prices' "$T/out" || fail "--help: the pricing options"
"$PEERPLAN" --help | grep -q '^  diff ' || fail "diff is not in the verb table"

end_checks "diff checks"
finish
