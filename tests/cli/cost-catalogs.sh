# cost-catalogs.sh: every shipped catalog and every quote fixture validates
# against its RelaxNG schema (with xmllint, independently of peerplan's own
# loader, which test-pricing exercises), and every *-invalid / bad-* file
# is refused.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
begin_checks

if [ -z "${XMLLINT:-}" ]; then echo "xmllint not found: skipped"; exit 77; fi

for pair in prices.xml:prices.rng quotas.xml:quotas.rng tickets.xml:tickets.rng regions.xml:regions.rng; do
  f=data/${pair%%:*} s=data/schema/${pair#*:}
  "$XMLLINT" --noout --nonet --relaxng "$s" "$f" 2>/dev/null || fail "$f does not validate against $s"
done
for f in tests/data/pricing/article-quote.xml tests/data/pricing/usd-quote.xml \
         tests/data/pricing/bad-quote-charge.xml tests/data/pricing/bad-quote-decimals.xml; do
  # bad-quote-charge/decimals are shape-valid: their meaning is refused by peerplan.
  "$XMLLINT" --noout --nonet --relaxng data/schema/quote.rng "$f" 2>/dev/null || fail "$f does not validate"
done
if "$XMLLINT" --noout --nonet --relaxng data/schema/quote.rng tests/data/pricing/quote-currency-invalid.xml 2>/dev/null; then
  fail "quote-currency-invalid.xml validates"
fi
# data/examples also holds workflows (urn:peerplan:workflow:1): scenarios only.
for f in $(grep -l 'xmlns="urn:peerplan:scenario:1"' data/examples/*.xml) tests/data/pricing/same-region.xml tests/data/pricing/same-region-catalog.xml \
         tests/data/pricing/yearly.xml tests/data/pricing/route-quota.xml; do
  "$XMLLINT" --noout --nonet --relaxng data/schema/scenario.rng "$f" 2>/dev/null || fail "$f does not validate"
done

end_checks "catalog schema checks"
finish
