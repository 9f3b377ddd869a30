# reach.sh: `peerplan check` on reachability: the article passes, a missing
# return route exits 1 with route-missing and reach-failed, and the trace
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
grep -q '^tests/data/reach/return-missing.xml:24: error: ecs-a cannot reach ecs-b: the reply is dropped in vpc-sv .*\[reach-failed\]$' "$T/missing.out" ||
  fail "no reach-failed for the reply"
grep -q 'ecs-b (192.168.0.147) -> ecs-a (172.16.0.41): dropped in vpc-sv' "$T/missing.out" ||
  fail "the trace does not name vpc-sv"

# The JSON report carries the trace, one hop a line.
rc=0
"$PEERPLAN" check --format json tests/data/reach/return-missing.xml > "$T/missing.json" || rc=$?
[ "$rc" -eq 1 ] || fail "json: exit $rc, want 1"
grep -q '"  1. vpc-sv: no route to 172.16.0.41: dropped"' "$T/missing.json" ||
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
