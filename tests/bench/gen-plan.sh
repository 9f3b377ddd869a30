#!/bin/sh
# gen-plan.sh: the plan the import benchmark times (tests/bench/gen-plan.py)
# imports.  The benchmark measures `peerplan import` and `check` on it; a
# plan they refuse would time the refusal, as it did from the day zones
# were checked (5d80b2d) until this test.  On a 200-VPC plan:
#  - `peerplan import` exits 0, writes nothing on stderr, and the
#    scenario holds 200 VPCs, 200 vSwitches, 100 connections, 200 routes;
#  - `peerplan check` on the plan exits 0 with no finding.
# A correctness test: nothing here is timed.
set -eu
: "${PEERPLAN:?}" "${PP_TOP_SRCDIR:?}"
REGIONS=$PP_TOP_SRCDIR/data/regions.xml
XMLLINT=${XMLLINT:-xmllint}

dir=$(mktemp -d "${TMPDIR:-/tmp}/gen-plan.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail () { echo "FAIL: $*" >&2; exit 1; }

python=$(command -v python3 2>/dev/null || true)
if [ -z "$python" ]; then
  [ -n "${CI:-}" ] && fail "python3 is needed to generate the plan (scripts/bootstrap installs it)"
  echo "SKIP: no python3 to generate the plan"; exit 77
fi

"$python" "$PP_TOP_SRCDIR/tests/bench/gen-plan.py" --vpcs 200 --regions "$REGIONS" \
  > "$dir/plan.json" || fail "gen-plan.py failed"

rc=0
"$PEERPLAN" import -o "$dir/plan.xml" "$dir/plan.json" 2>"$dir/err" || rc=$?
[ "$rc" = 0 ] || { cat "$dir/err" >&2; fail "peerplan import: exit $rc, expected 0"; }
[ ! -s "$dir/err" ] || { cat "$dir/err" >&2; fail "peerplan import wrote to stderr"; }

for want in vpc:200 vswitch:200 connection:100 route:200; do
  e=${want%:*} n=${want#*:}
  got=$("$XMLLINT" --xpath "count(//*[local-name()='$e'])" "$dir/plan.xml")
  [ "$got" = "$n" ] || fail "the imported scenario has $got <$e>, expected $n"
done

rc=0
"$PEERPLAN" check "$dir/plan.json" > "$dir/check" 2>&1 || rc=$?
[ "$rc" = 0 ] || { cat "$dir/check" >&2; fail "peerplan check: exit $rc, expected 0"; }
grep -qx '0 error(s), 0 warning(s), 0 info' "$dir/check" ||
  { cat "$dir/check" >&2; fail "peerplan check found something on the generated plan"; }
echo "ok: the import benchmark's plan imports (200 VPCs) and checks clean"
