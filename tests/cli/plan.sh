#!/bin/sh
# plan.sh: `peerplan plan`: golden runbooks (text, markdown, json) of the
# article and hub-and-spoke, exit codes, a slip declared in a scenario
# failing at the right step with the real code, bad input, determinism.
set -eu
: "${PEERPLAN:?}" "${PP_TOP_SRCDIR:?}"
LC_ALL=C; export LC_ALL
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail () { echo "FAIL: $*" >&2; exit 1; }
d=tests/data/planner

cd "$PP_TOP_SRCDIR"

# golden WANT_EXIT GOLDEN ARGS...: the output must be GOLDEN, byte for byte.
golden () {
  want=$1; file=$2; shift 2
  rc=0
  "$PEERPLAN" plan "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
  [ "$rc" -eq "$want" ] || { cat "$tmp/err" >&2; fail "plan $*: exit $rc, want $want"; }
  [ -s "$tmp/err" ] && { cat "$tmp/err" >&2; fail "plan $*: wrote to stderr"; }
  if [ "${PP_TEST_REGENERATE:-}" = 1 ]; then cp "$tmp/out" "$file"; return 0; fi
  cmp -s "$file" "$tmp/out" || { diff -u "$file" "$tmp/out" >&2 || true; fail "plan $*: differs from $file"; }
}

# With no file: the article, embedded in the program.  Done when: the
# article's order, A connecting, both pings passing, exit 0.
golden 0 $d/article.runbook.txt
golden 0 $d/article.runbook.md --format markdown
golden 0 $d/article.runbook.json --format json
golden 0 $d/hub-and-spoke.runbook.txt data/examples/hub-and-spoke.xml
golden 0 $d/hub-and-spoke.runbook.json --format=json data/examples/hub-and-spoke.xml

# After the runbook: the cost summary (pricing), whose findings join the
# plan's (the article: the advance bandwidth application, ticket-bandwidth).
grep -q '^Cost$' $d/article.runbook.txt || fail "no cost summary"
grep -q '\[ticket-bandwidth\]$' $d/article.runbook.txt || fail "no pricing finding"
grep -q '^  "cost" : {$' $d/article.runbook.json || fail "json: no cost"

# The steps as a workflow: valid, and `peerplan run` replays it (exit 0).
golden 0 $d/article.derived.workflow.xml --format workflow
"$PEERPLAN" run $d/article.derived.workflow.xml > "$tmp/replay" ||
  { cat "$tmp/replay" >&2; fail "the derived article workflow does not run"; }
"$PEERPLAN" plan --format workflow data/examples/hub-and-spoke.xml > "$tmp/hub.xml"
grep -q "scenario=\"$PP_TOP_SRCDIR/data/examples/hub-and-spoke.xml\"" "$tmp/hub.xml" ||
  grep -q 'scenario="/' "$tmp/hub.xml" || fail "derived hub-and-spoke: the scenario path is not absolute"
"$PEERPLAN" run "$tmp/hub.xml" > "$tmp/replay" ||
  { cat "$tmp/replay" >&2; fail "the derived hub-and-spoke workflow does not run"; }
if [ -n "${XMLLINT:-}" ]; then
  "$XMLLINT" --noout --nonet --relaxng data/schema/workflow.rng "$tmp/hub.xml" 2> /dev/null ||
    fail "derived hub-and-spoke: not valid"
fi

# The article's order, checked apart from the golden file.
"$PEERPLAN" plan | grep -E '^ ?[0-9]+\. ' > "$tmp/steps"
cat > "$tmp/want" <<'STEPS'
 1. A: CreateRouterInterface  [line 20]
 2. B: CreateRouterInterface  [line 21]
 3. A: ModifyRouterInterfaceAttribute  [line 20]
 4. B: ModifyRouterInterfaceAttribute  [line 21]
 5. A: ConnectRouterInterface  [line 19]
 6. A: CreateRouteEntry  [line 22]
 7. B: CreateRouteEntry  [line 23]
 8. ping ecs-a -> ecs-b and back  [line 25]
 9. ping ecs-b -> ecs-a and back  [line 26]
STEPS
diff -u "$tmp/want" "$tmp/steps" >&2 || fail "the article's steps are not in the article's order"

# The article's slip declared in a scenario: B names its own interface.  The
# plan runs every step it can, fails at A's connect with the real code, the
# pings fail, exit 1.
rc=0
"$PEERPLAN" plan $d/slip-self-opposite.xml > "$tmp/slip" || rc=$?
[ "$rc" -eq 1 ] || fail "slip: exit $rc, want 1"
grep -A5 '^ 5\. A: ConnectRouterInterface' "$tmp/slip" |
  grep -q '=> failed: AttrMismatching.AcceptingSideOppositeInterfaceId (HTTP 400)' ||
  fail "slip: step 5 does not fail with AttrMismatching.AcceptingSideOppositeInterfaceId"
grep -q 'ecs-a cannot reach ecs-b and back' "$tmp/slip" || fail "slip: the ping passes"
grep -q '^Summary: 7 step(s): 6 passed, 1 failed, 0 skipped; 2 check(s): 0 passed, 2 failed' "$tmp/slip" ||
  fail "slip: wrong summary"
"$PEERPLAN" plan --format json $d/slip-self-opposite.xml > "$tmp/slip.json" || true
grep -q '"code" : "AttrMismatching.AcceptingSideOppositeInterfaceId"' "$tmp/slip.json" ||
  fail "slip: json lacks the code"

# Bad input: exit 2 with file:line or a usage message.
rc=0; "$PEERPLAN" plan --format sarif > /dev/null 2> "$tmp/err" || rc=$?
[ "$rc" -eq 2 ] || fail "--format sarif: exit $rc, want 2"
grep -q 'format must be text, markdown, json, workflow or terraform' "$tmp/err" || fail "--format sarif: no message"
rc=0; "$PEERPLAN" plan --seed x > /dev/null 2> "$tmp/err" || rc=$?
[ "$rc" -eq 2 ] || fail "--seed x: exit $rc, want 2"
rc=0; "$PEERPLAN" plan a.xml b.xml > /dev/null 2> "$tmp/err" || rc=$?
[ "$rc" -eq 2 ] || fail "two scenarios: exit $rc, want 2"
rc=0; "$PEERPLAN" plan $d/no-such.xml > /dev/null 2> "$tmp/err" || rc=$?
[ "$rc" -eq 2 ] || fail "missing file: exit $rc, want 2"
grep -q "no-such.xml" "$tmp/err" || fail "missing file: the message does not name it"
printf '<scenario name="x" xmlns="urn:peerplan:scenario:1">\n  <account id="A" uid="1"/>\n</scenario>\n' > "$tmp/bad.xml"
rc=0; "$PEERPLAN" plan "$tmp/bad.xml" > /dev/null 2> "$tmp/err" || rc=$?
[ "$rc" -eq 2 ] || fail "invalid scenario: exit $rc, want 2"
grep -q "bad.xml:2: " "$tmp/err" || fail "invalid scenario: no file:line"

# On a terminal: Idle in red (not connected), Active in green (connected);
# never in a file or with NO_COLOR.
esc=$(printf '\033')
if command -v script > /dev/null; then
  TERM=xterm script -qec "env -u NO_COLOR TERM=xterm $PEERPLAN plan" /dev/null > "$tmp/tty" 2>&1 || true
  grep -q "${esc}\[31mIdle${esc}\[0m (not connected)" "$tmp/tty" || fail "tty: Idle is not red"
  grep -q "${esc}\[32mActive${esc}\[0m (connected)" "$tmp/tty" || fail "tty: Active is not green"
  NO_COLOR=1 TERM=xterm script -qec "$PEERPLAN plan" /dev/null > "$tmp/tty" 2>&1 || true
  grep -q "$esc" "$tmp/tty" && fail "NO_COLOR: colours written"
fi
grep -q "$esc" $d/article.runbook.txt && fail "colours in a file"

# Same input, same bytes; another seed, other ids.
"$PEERPLAN" plan --format json > "$tmp/a"
"$PEERPLAN" plan --format json > "$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || fail "two runs differ"
"$PEERPLAN" plan --format json --seed 7 > "$tmp/c"
cmp -s "$tmp/a" "$tmp/c" && fail "--seed does not change the ids"
"$PEERPLAN" plan --help | grep -q -- '--format' || fail "no --help"

# --graph draws what was built beside the runbook: the connection Active
# (solid green), and the plan's findings counted in the legend.
"$PEERPLAN" plan --graph "$tmp/plan.svg" > "$tmp/out" || fail "plan --graph: exit $?"
cmp -s "$tmp/out" $d/article.runbook.txt || fail "plan --graph changed the runbook"
if [ -n "${XMLLINT:-}" ]; then "$XMLLINT" --noout "$tmp/plan.svg" || fail "plan --graph: not XML"; fi
grep -q 'id="conn:tokyo&#45;sv' "$tmp/plan.svg" || fail "plan --graph: no connection drawn"
grep -q 'findings: 0 errors, 2 warnings, 1 info' "$tmp/plan.svg" || fail "plan --graph: findings not drawn"
sed -n '/id="conn:tokyo&#45;sv"/,/<\/g>/p' "$tmp/plan.svg" | grep -q 'stroke="#2e9e44"' ||
  fail "plan --graph: the Active connection is not drawn green"
rc=0; "$PEERPLAN" plan --graph "$tmp/plan.txt" > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "plan --graph FILE.txt: exit $rc, want 2"
exit 0
