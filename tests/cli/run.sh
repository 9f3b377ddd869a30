# run.sh: `peerplan run`: every shipped workflow with its exit code and the
# step that fails with which code; invalid workflows (exit 2, file:line);
# the json and junit reports; --keep-going; determinism.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e

d=tests/data/planner
ex=data/examples

# expect WORKFLOW EXIT [STEP CODE]: run exits EXIT; when it fails, STEP is
# the first failed step and CODE the API error it got.
expect () {
  wf=$1; want=$2
  begin_checks
  echo "$wf" >> "$T/tested"
  rc=0
  "$PEERPLAN" run "$wf" > "$T/out" 2> "$T/err" || rc=$?
  [ "$rc" -eq "$want" ] || { cat "$T/out" "$T/err" >&2; fail "$wf: exit $rc, want $want"; }
  if [ "$want" -eq 0 ]; then
    grep -q ' 0 failed, 0 skipped$' "$T/out" || fail "$wf: not every step passed"
    end_checks "$wf: exit 0, every step passed"
    return 0
  fi
  line=$(tail -n 1 "$T/out")
  case "$line" in
    "$wf":[0-9]*": step $3 failed: $4 (HTTP "*) ;;
    *) fail "$wf: last line is '$line', want step $3 failing with $4" ;;
  esac
  "$PEERPLAN" run --format json "$wf" > "$T/json" || true
  grep -q "\"first_failure\" : $3\$" "$T/json" || fail "$wf: json first_failure is not $3"
  end_checks "$wf: exit $want, step $3 fails with $4"
}

expect $ex/workflow-article.xml 0
expect $ex/workflow-hub-and-spoke.xml 0
expect $ex/workflow-slip-self-opposite.xml 1 5 AttrMismatching.AcceptingSideOppositeInterfaceId
expect $ex/workflow-slip-self-opposite-expected.xml 0
expect $ex/workflow-slip-acceptor-connects.xml 1 5 IncorrectRole.NotInitiatingSide
expect $ex/workflow-slip-acceptor-connects-expected.xml 0
expect $ex/workflow-slip-connect-before-opposite.xml 1 3 IncorrectOppositeInterfaceInfo.NotSet
expect $ex/workflow-slip-connect-before-opposite-expected.xml 0
expect $ex/workflow-slip-acceptor-prepaid.xml 1 2 Forbidden.AcceptRoleNotSupportPrePay
expect $ex/workflow-slip-acceptor-prepaid-expected.xml 0
expect $ex/workflow-slip-delete-routed-interface.xml 1 16 ReferredByRouteEntry.RouterInterface
expect $ex/workflow-slip-delete-routed-interface-expected.xml 0
expect $d/dotted.workflow.xml 0

# Every shipped workflow has a row above.
for f in $ex/workflow-*.xml; do
  grep -qx "$f" "$T/tested" || fail "$f is shipped but not tested here"
done

# The failing version and the expect-error version differ only in the
# attribute: the step reports the same code either way.
"$PEERPLAN" run $ex/workflow-slip-acceptor-connects-expected.xml > "$T/ok"
grep -A2 '^ 5\. B: ConnectRouterInterface' "$T/ok" |
  grep -q '=> passed: IncorrectRole.NotInitiatingSide (HTTP 400)' || fail "expected error not shown"

# Invalid workflows: exit 2, "file:line: message" on stderr.
invalid () {
  wf=$1; where=$2; what=$3
  begin_checks
  rc=0
  "$PEERPLAN" run "$wf" > "$T/out" 2> "$T/err" || rc=$?
  [ "$rc" -eq 2 ] || fail "$wf: exit $rc, want 2"
  [ -s "$T/out" ] && fail "$wf: wrote a report"
  grep -q "^peerplan: $wf:$where: .*$what" "$T/err" || { cat "$T/err" >&2; fail "$wf: no '$wf:$where: ...$what'"; }
  end_checks "$wf: exit 2 at line $where"
}
invalid $d/invalid-forward-ref.workflow.xml 8 "refers to call 'ri-b', which comes later (line 11)"
invalid $d/call-without-action-invalid.xml 4 "<call> lacks the required attribute 'action'; <call> requires as, action (the workflow format, schema workflow.rng, is described"
invalid $d/invalid-account.workflow.xml 4 "as=\"C\" names no account of the scenario"
invalid $d/invalid-action.workflow.xml 4 "unknown action 'ConnectRouterInterfac' (hint: did you mean ConnectRouterInterface)"
invalid $d/invalid-scenario.workflow.xml 3 "cannot load the scenario 'no-such-scenario.xml'"

if command -v truncate > /dev/null; then
  truncate -s 17M "$T/huge.xml"
  rc=0; "$PEERPLAN" run "$T/huge.xml" > /dev/null 2> "$T/err" || rc=$?
  [ "$rc" -eq 2 ] || fail "huge workflow: exit $rc, want 2"
  grep -q 'larger than 16 MiB' "$T/err" || fail "huge workflow: no message"
fi
rc=0; "$PEERPLAN" run > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "no workflow: exit $rc, want 2"
rc=0; "$PEERPLAN" run --format sarif $ex/workflow-article.xml > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "--format sarif: exit $rc, want 2"
rc=0; "$PEERPLAN" run --seed -1 $ex/workflow-article.xml > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "--seed -1: exit $rc, want 2"
rc=0; "$PEERPLAN" run --seed 18446744073709551616 $ex/workflow-article.xml > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "--seed 2^64: exit $rc, want 2"
rc=0; "$PEERPLAN" run $ex/workflow-article.xml extra.xml > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "two workflows: exit $rc, want 2"
rc=0; "$PEERPLAN" run $d/no-such.workflow.xml > /dev/null 2> "$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "missing workflow: exit $rc, want 2"

# JUnit: one testcase a step, the failure typed with the real code.
rc=0
"$PEERPLAN" run --format junit $ex/workflow-slip-acceptor-connects.xml > "$T/junit.xml" || rc=$?
[ "$rc" -eq 1 ] || fail "junit: exit $rc, want 1"
grep -q '<testsuites name="peerplan run" tests="14" failures="1" skipped="9">' "$T/junit.xml" ||
  fail "junit: wrong counts"
grep -q '<failure type="IncorrectRole.NotInitiatingSide" message=".*">' "$T/junit.xml" ||
  fail "junit: no typed failure"
if [ -n "${XMLLINT:-}" ]; then
  "$XMLLINT" --noout "$T/junit.xml" || fail "junit: not well-formed"
fi

# --keep-going runs the steps after the failure (the fix, here): exit 1
# still, nothing skipped.
rc=0
"$PEERPLAN" run --keep-going $ex/workflow-slip-acceptor-connects.xml > "$T/kg" || rc=$?
[ "$rc" -eq 1 ] || fail "--keep-going: exit $rc, want 1"
grep -q '^Result: 14 step(s): 13 passed, 1 failed, 0 skipped$' "$T/kg" || fail "--keep-going: wrong counts"

# JSON carries "version": 1 and the response of each call; same bytes twice.
"$PEERPLAN" run --format json $ex/workflow-article.xml > "$T/a"
"$PEERPLAN" run --format json $ex/workflow-article.xml > "$T/b"
cmp -s "$T/a" "$T/b" || fail "two runs differ"
grep -q '^  "version" : 1,$' "$T/a" || fail "json: no version"
grep -q '"RouterInterfaceId" : "ri-' "$T/a" || fail "json: no response"
"$PEERPLAN" run -v $ex/workflow-article.xml | grep -q 'OppositeInterfaceOwnerId *2222222222222222   <- ${B.Uid}' ||
  fail "-v: parameters not shown"
"$PEERPLAN" run --list-actions | grep -qx CreateVpcPeerConnection || fail "--list-actions"

finish
