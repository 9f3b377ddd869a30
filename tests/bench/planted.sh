#!/bin/sh
# planted.sh: on a small estate with planted defects, `peerplan check`
# reports exactly what was planted: no more, no fewer.
#
# gen-estate plants overlapping connected pairs (cidr-overlap), missing
# return routes (route-missing) and route tables over the quota
# (quota-route-entries) and writes the findings they must cause; every
# other cidr-, route-, ri-, peer-, reach- and quota- rule must stay silent
# on the estate.  A planted rule is compared only once the program has it
# (its rule table, as SARIF lists it, has the id); the log says which
# were compared.
set -eu
: "${PEERPLAN:?}" "${PP_TOP_SRCDIR:?}" "${PP_TOP_BUILDDIR:?}"
GEN=$PP_TOP_BUILDDIR/tests/bench/gen-estate
MATCH=$PP_TOP_BUILDDIR/tests/bench/findings-match
REGIONS=$PP_TOP_SRCDIR/data/regions.xml
FAMILIES=cidr-,route-,ri-,peer-,reach-,quota-

dir=$(mktemp -d "${TMPDIR:-/tmp}/planted.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail () { echo "FAIL: $*" >&2; exit 1; }

# The rules gen-estate plants, as far as this build has them (the rule
# table, which SARIF reports list whole).
"$GEN" --regions "$REGIONS" --vpcs 4 --output "$dir/tiny.xml"
"$PEERPLAN" check --format sarif "$dir/tiny.xml" > "$dir/tiny.sarif" || true
grep -q '"rules"' "$dir/tiny.sarif" || fail "peerplan check --format sarif lists no rules"
RULES=
for r in cidr-overlap route-missing quota-route-entries; do
  if grep -Eq "\"id\" *: *\"$r\"" "$dir/tiny.sarif"; then
    RULES=${RULES:+$RULES,}$r
  else
    echo "note: this build has no rule $r yet: its planted findings are not compared"
  fi
done
case $RULES in *cidr-overlap*) ;; *) fail "this build has no cidr-overlap rule" ;; esac
echo "comparing rules: $RULES; no unplanted findings in: $FAMILIES"

# The generator refuses what it cannot plant or keep within quota.
rc=0; "$GEN" --regions "$REGIONS" --vpcs 8 --overlaps 3 -o "$dir/x.xml" 2>/dev/null || rc=$?
[ "$rc" = 2 ] || fail "gen-estate: three plants in two groups: exit $rc, expected 2"
rc=0; "$GEN" --regions "$REGIONS" --vpcs 8 --routes 70 -o "$dir/x.xml" 2>/dev/null || rc=$?
[ "$rc" = 2 ] || fail "gen-estate: --routes 70 (hubs over quota): exit $rc, expected 2"
for n in 3 65; do   # --instances: 4 to 64, one per vSwitch at least
  rc=0; "$GEN" --regions "$REGIONS" --vpcs 8 --instances $n -o "$dir/x.xml" 2>/dev/null || rc=$?
  [ "$rc" = 2 ] || fail "gen-estate: --instances $n: exit $rc, expected 2"
done

run () {  # run NAME GEN-ARGS...: generate, validate, check, compare
  name=$1; shift
  "$GEN" --regions "$REGIONS" --output "$dir/$name.xml" --expected "$dir/$name.jsonl" "$@" \
    || fail "$name: gen-estate failed"
  if [ -n "${XMLLINT:-}" ]; then
    "$XMLLINT" --noout --relaxng "$PP_TOP_SRCDIR/data/schema/scenario.rng" "$dir/$name.xml" \
      2>"$dir/xmllint.err" || { cat "$dir/xmllint.err" >&2; fail "$name: not valid against scenario.rng"; }
  fi
  rc=0
  "$PEERPLAN" check --format json "$dir/$name.xml" > "$dir/$name.json" 2>"$dir/$name.err" || rc=$?
  if [ "$rc" -gt 1 ]; then
    cat "$dir/$name.err" >&2
    fail "$name: peerplan check exited $rc"
  fi
  echo "$name: $(wc -l < "$dir/$name.jsonl") planted findings, check exit $rc"
  "$MATCH" --rules "$RULES" --families "$FAMILIES" "$dir/$name.jsonl" "$dir/$name.json" \
    || fail "$name: findings differ from what was planted"
}

# Every kind of plant, two seeds, P small and large; and a clean estate.
run planted-a --vpcs 160 --routes 4 --overlaps 3 --missing-routes 3 --quota 3 --seed 7
run planted-b --vpcs 123 --routes 40 --overlaps 2 --missing-routes 2 --quota 2 --seed 11 --vpcs-per-account 7
run clean --vpcs 97 --routes 8 --seed 3
# the benchmark's second shape: 8 instances a VPC
run planted-i8 --vpcs 60 --routes 8 --overlaps 1 --missing-routes 1 --quota 1 --seed 5 --instances 8
[ ! -s "$dir/clean.jsonl" ] || fail "clean: gen-estate planted something"
