# reach.sh: `peerplan check` on reachability: the article passes, a missing
# return route exits 1 with one route-missing (no reach-failed repeating it), and the trace
# names the VPC that drops the packet (issue 3's acceptance case).
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
begin_checks

"$PEERPLAN" check data/examples/article.xml > "$T/article.out" ||
  fail "article: exit $?, want 0"
grep -q 'route-\|reach-\|ri-' "$T/article.out" && fail "article gives reach findings"

rc=0
"$PEERPLAN" check tests/data/reach/return-missing.xml > "$T/missing.out" || rc=$?
[ "$rc" -eq 1 ] || fail "return-missing: exit $rc, want 1"
grep -q '^tests/data/reach/return-missing.xml:19: error: vpc-sv has no route to vSwitch vsw-tokyo .*\[route-missing\]$' "$T/missing.out" ||
  fail "no route-missing for vpc-sv"
grep -q '^  hint: add <route vpc="vpc-sv" destination="172.16.0.0/16"/> to connection tokyo-sv$' "$T/missing.out" ||
  fail "route-missing does not ask for vpc-tokyo's CIDR"
# The route-missing finding explains both failed pings: no reach-failed.
grep -q 'reach-failed' "$T/missing.out" && fail "reach-failed repeats route-missing"
# One missing /16 behind two /24 vSwitches: one finding, the /16 as the fix.
rc=0
"$PEERPLAN" check tests/data/reach/grouped.xml > "$T/grouped.out" || rc=$?
[ "$rc" -eq 1 ] || fail "grouped: exit $rc, want 1"
[ "$(grep -c 'vpc-spoke has no route' "$T/grouped.out")" -eq 1 ] || fail "grouped: not one route-missing for vpc-spoke"
grep -q 'destination="10.0.0.0/16"' "$T/grouped.out" || fail "grouped: the fix is not the /16"
# A reach-failed that nothing else explains keeps its trace.
"$PEERPLAN" check tests/data/reach/hops.xml > "$T/hops.out" || true
grep -q 'ecs-p (10.1.0.10) -> ecs-s (10.1.0.20): dropped in vpc-p' "$T/hops.out" ||
  fail "the trace does not name vpc-p"

# The JSON report carries the trace, one hop a line.
rc=0
"$PEERPLAN" check --format json tests/data/reach/hops.xml > "$T/missing.json" || rc=$?
[ "$rc" -eq 1 ] || fail "json: exit $rc, want 1"
grep -q '"  1. vpc-p: 10.1.0.0/24 local (vsw-p)' "$T/missing.json" ||
  fail "json: no trace"

# Same input, same bytes.
"$PEERPLAN" check tests/data/reach/routes.xml > "$T/a" || true
"$PEERPLAN" check tests/data/reach/routes.xml > "$T/b" || true
cmp -s "$T/a" "$T/b" || fail "two runs differ"

# A warning-only scenario passes by default and fails with --fail-on warning.
"$PEERPLAN" check tests/data/reach/peer-bandwidth.xml > /dev/null ||
  fail "peer-bandwidth: exit $?, want 0"
rc=0
"$PEERPLAN" check --fail-on warning tests/data/reach/peer-bandwidth.xml > /dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "peer-bandwidth --fail-on warning: exit $rc, want 1"

end_checks "reachability checks"
finish
