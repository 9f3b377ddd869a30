#!/bin/sh
# gen-plan.sh: the plan the import benchmark times (tests/bench/gen-plan.py)
# imports.  The benchmark measures `peerplan import` and `check` on it; a
# plan they refuse would time the refusal, as it did from the day zones
# were checked (5d80b2d) until this test.  On a 200-VPC plan:
#  - `peerplan import` exits 0, writes nothing on stderr, and the
#    scenario holds 200 VPCs, 200 vSwitches, 100 connections, 200 routes;
#  - `peerplan check` on the plan exits 0 with no finding.
# A correctness test: nothing here is timed.  The CLI tests' harness.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
XMLLINT=${XMLLINT:-xmllint}

python=$(command -v python3 2>/dev/null || true)
if [ -z "$python" ]; then
  [ -n "${CI:-}" ] && { echo "FAIL (CI): python3 is needed to generate the plan (scripts/bootstrap installs it)" >&2; exit 1; }
  echo "SKIP: no python3 to generate the plan"; exit 77
fi

run g "$python" tests/bench/gen-plan.py --vpcs 200 --regions data/regions.xml
expect_rc 0 "gen-plan.py writes a plan of 200 VPCs"
cp "$T/out" "$T/plan.json"

run i "$PEERPLAN" import -o "$T/plan.xml" "$T/plan.json"
expect_rc 0 "peerplan import takes the plan"
[ "$rc" -eq 0 ] || { finish; exit 1; }   # nothing to count
[ ! -s "$T/err" ] || fail "peerplan import wrote to stderr: $(head -3 "$T/err")"
begin_checks
for want in vpc:200 vswitch:200 connection:100 route:200; do
  e=${want%:*} n=${want#*:}
  got=$("$XMLLINT" --xpath "count(//*[local-name()='$e'])" "$T/plan.xml")
  [ "$got" = "$n" ] || fail "the imported scenario has $got <$e>, expected $n"
done
end_checks "the scenario holds 200 VPCs, 200 vSwitches, 100 connections, 200 routes"

run c "$PEERPLAN" check "$T/plan.json"
expect_rc 0 "peerplan check on the plan"
grep -qx '0 error(s), 0 warning(s), 0 info' "$T/out" &&
  ok "no finding on the generated plan" ||
  { not_ok "findings on the generated plan"; head -20 "$T/out"; }
finish
