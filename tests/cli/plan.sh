# plan.sh: `peerplan plan`: golden runbooks (text, markdown, json) of the
# article and hub-and-spoke, exit codes, a slip declared in a scenario
# failing at the right step with the real code, bad input, determinism.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e

d=tests/data/planner

# plan_golden WANT_EXIT GOLDEN ARGS...: `peerplan plan ARGS` exits
# WANT_EXIT, writes nothing to stderr, and prints GOLDEN byte for byte.
plan_golden () {
  _want=$1; _file=$2; shift 2
  run p "$PEERPLAN" plan "$@"
  expect_rc "$_want" "plan $*"
  if [ -s "$T/err" ]; then not_ok "plan $*: wrote to stderr"; sed 's/^/  | /' "$T/err" | head -5; fi
  golden "$T/out" "$_file"
}

# With no file: the article, embedded in the program.  Done when: the
# article's order, A connecting, both pings passing, exit 0.
plan_golden 0 $d/article.runbook.txt
plan_golden 0 $d/article.runbook.md --format markdown
plan_golden 0 $d/article.runbook.json --format json
plan_golden 0 $d/hub-and-spoke.runbook.txt data/examples/hub-and-spoke.xml
plan_golden 0 $d/hub-and-spoke.runbook.json --format=json data/examples/hub-and-spoke.xml

# After the runbook: the cost summary (pricing), whose findings join the
# plan's (the article: the advance bandwidth application, ticket-bandwidth).
grep -q '^Cost$' $d/article.runbook.txt || fail "no cost summary"
grep -q '\[ticket-bandwidth\]$' $d/article.runbook.txt || fail "no pricing finding"
grep -q '^  "cost" : {$' $d/article.runbook.json || fail "json: no cost"
# ... and it is `cost --format json`'s document without its version and
# findings, line for line (one writer: the same bytes, one level deeper).
for s in data/examples/article.xml data/examples/hub-and-spoke.xml data/examples/vpc-peer-tokyo-sv.xml; do
  "$PEERPLAN" plan --format json $s |
    sed -n '/^  "cost" : {$/,/^  },$/p' | sed '1d;$d' | sed 's/^  //' > "$T/plan-cost" || true
  "$PEERPLAN" cost --format json $s |
    sed -n '/^  "version" : 1,$/,/^  "findings" : \[/p' | sed '1d;$d' | sed '$s/,$//' > "$T/cost-cost" || true
  [ -s "$T/plan-cost" ] || fail "plan $s: no cost section"
  diff -u "$T/cost-cost" "$T/plan-cost" >&2 ||
    fail "plan $s: the cost section differs from cost --format json"
done

# The steps as a workflow: valid, and `peerplan run` replays it (exit 0).
plan_golden 0 $d/article.derived.workflow.xml --format workflow
"$PEERPLAN" run $d/article.derived.workflow.xml > "$T/replay" ||
  { cat "$T/replay" >&2; fail "the derived article workflow does not run"; }
"$PEERPLAN" plan --format workflow data/examples/hub-and-spoke.xml > "$T/hub.xml"
grep -q "scenario=\"$PP_TOP_SRCDIR/data/examples/hub-and-spoke.xml\"" "$T/hub.xml" ||
  grep -q 'scenario="/' "$T/hub.xml" || fail "derived hub-and-spoke: the scenario path is not absolute"
"$PEERPLAN" run "$T/hub.xml" > "$T/replay" ||
  { cat "$T/replay" >&2; fail "the derived hub-and-spoke workflow does not run"; }
if [ -n "${XMLLINT:-}" ]; then
  "$XMLLINT" --noout --nonet --relaxng data/schema/workflow.rng "$T/hub.xml" 2> /dev/null ||
    fail "derived hub-and-spoke: not valid"
fi

# The article's order, checked apart from the golden file.
"$PEERPLAN" plan | grep -E '^ ?[0-9]+\. ' > "$T/steps"
cat > "$T/want" <<'STEPS'
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
diff -u "$T/want" "$T/steps" >&2 || fail "the article's steps are not in the article's order"

# The article's slip declared in a scenario: B names its own interface.  The
# plan runs every step it can, fails at A's connect with the real code, the
# pings fail, exit 1.
rc=0
"$PEERPLAN" plan $d/slip-self-opposite.xml > "$T/slip" || rc=$?
[ "$rc" -eq 1 ] || fail "slip: exit $rc, want 1"
grep -A5 '^ 5\. A: ConnectRouterInterface' "$T/slip" |
  grep -q '=> failed: AttrMismatching.AcceptingSideOppositeInterfaceId (HTTP 400)' ||
  fail "slip: step 5 does not fail with AttrMismatching.AcceptingSideOppositeInterfaceId"
grep -q 'ecs-a cannot reach ecs-b and back' "$T/slip" || fail "slip: the ping passes"
grep -q '^Summary: 7 step(s): 6 passed, 1 failed, 0 skipped; 2 check(s): 0 passed, 2 failed' "$T/slip" ||
  fail "slip: wrong summary"
# Every failed step and check named at the end as FILE:LINE, as `run`
# names its failure (issue 11 item 12), in text and Markdown.
grep -q "^$d/slip-self-opposite.xml:20: step 5 failed: AttrMismatching.AcceptingSideOppositeInterfaceId (HTTP 400): " "$T/slip" ||
  fail "slip: the failed step is not named with its file:line at the end"
grep -q "^$d/slip-self-opposite.xml:26: check 8 failed: ecs-a cannot reach ecs-b and back\$" "$T/slip" ||
  fail "slip: the failed check is not named with its file:line at the end"
[ "$(tail -n 4 "$T/slip" | grep -c 'failed: ')" -eq 3 ] || fail "slip: the failures are not listed last, one line each"
"$PEERPLAN" plan --format markdown $d/slip-self-opposite.xml > "$T/slip.md" || true
grep -q "^- \`$d/slip-self-opposite.xml:27\`: check 9 failed: ecs-b cannot reach ecs-a and back\$" "$T/slip.md" ||
  fail "slip: markdown does not list the failed check"
"$PEERPLAN" plan > "$T/ok" || fail "article plan fails"
if grep -q ' failed: ' "$T/ok"; then fail "a plan without failures lists failures"; fi
"$PEERPLAN" plan --format json $d/slip-self-opposite.xml > "$T/slip.json" || true
grep -q '"code" : "AttrMismatching.AcceptingSideOppositeInterfaceId"' "$T/slip.json" ||
  fail "slip: json lacks the code"

# Bad input: exit 2 with file:line or a usage message.
rc=0; "$PEERPLAN" plan --format sarif > /dev/null 2> "$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "--format sarif: exit $rc, want 2"
grep -q 'format must be text, markdown, json, workflow or terraform' "$T/err" || fail "--format sarif: no message"
rc=0; "$PEERPLAN" plan --seed x > /dev/null 2> "$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "--seed x: exit $rc, want 2"
# One past 2^64-1: refused, not clamped.
rc=0; "$PEERPLAN" plan --seed 18446744073709551616 > /dev/null 2> "$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "--seed 2^64: exit $rc, want 2"
grep -q "^peerplan: --seed: '18446744073709551616' is out of range: 0-18446744073709551615" "$T/err" || fail "--seed 2^64: message"
rc=0; "$PEERPLAN" plan a.xml b.xml > /dev/null 2> "$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "two scenarios: exit $rc, want 2"
rc=0; "$PEERPLAN" plan $d/no-such.xml > /dev/null 2> "$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "missing file: exit $rc, want 2"
grep -q "no-such.xml" "$T/err" || fail "missing file: the message does not name it"
printf '<scenario name="x" xmlns="urn:peerplan:scenario:1">\n  <account id="A" uid="1"/>\n</scenario>\n' > "$T/bad.xml"
rc=0; "$PEERPLAN" plan "$T/bad.xml" > /dev/null 2> "$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "invalid scenario: exit $rc, want 2"
grep -q "bad.xml:2: " "$T/err" || fail "invalid scenario: no file:line"

# On a terminal: Idle in red (not connected), Active in green (connected);
# never in a file or with NO_COLOR.
esc=$(printf '\033')
if command -v script > /dev/null; then
  TERM=xterm script -qec "env -u NO_COLOR TERM=xterm $PEERPLAN plan" /dev/null > "$T/tty" 2>&1 || true
  grep -q "${esc}\[31mIdle${esc}\[0m (not connected)" "$T/tty" || fail "tty: Idle is not red"
  grep -q "${esc}\[32mActive${esc}\[0m (connected)" "$T/tty" || fail "tty: Active is not green"
  NO_COLOR=1 TERM=xterm script -qec "$PEERPLAN plan" /dev/null > "$T/tty" 2>&1 || true
  grep -q "$esc" "$T/tty" && fail "NO_COLOR: colours written"
fi
grep -q "$esc" $d/article.runbook.txt && fail "colours in a file"

# Same input, same bytes; another seed, other ids.
"$PEERPLAN" plan --format json > "$T/a"
"$PEERPLAN" plan --format json > "$T/b"
cmp -s "$T/a" "$T/b" || fail "two runs differ"
"$PEERPLAN" plan --format json --seed 7 > "$T/c"
cmp -s "$T/a" "$T/c" && fail "--seed does not change the ids"
"$PEERPLAN" plan --help | grep -q -- '--format' || fail "no --help"

# --graph draws what was built beside the runbook: the connection Active
# (solid green), and the plan's findings counted in the legend.
"$PEERPLAN" plan --graph "$T/plan.svg" > "$T/out" || fail "plan --graph: exit $?"
cmp -s "$T/out" $d/article.runbook.txt || fail "plan --graph changed the runbook"
if [ -n "${XMLLINT:-}" ]; then "$XMLLINT" --noout "$T/plan.svg" || fail "plan --graph: not XML"; fi
grep -q 'id="conn:tokyo&#45;sv' "$T/plan.svg" || fail "plan --graph: no connection drawn"
grep -q 'findings: 0 errors, 2 warnings, 1 info' "$T/plan.svg" || fail "plan --graph: findings not drawn"
sed -n '/id="conn:tokyo&#45;sv"/,/<\/g>/p' "$T/plan.svg" | grep -q 'stroke="#2e9e44"' ||
  fail "plan --graph: the Active connection is not drawn green"
rc=0; "$PEERPLAN" plan --graph "$T/plan.txt" > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "plan --graph FILE.txt: exit $rc, want 2"

# Priced once: the drawing's cost lines are the report's estimate (with the
# scenario's <usage>), the same as `graph` draws for the declared scenario.
"$PEERPLAN" plan --graph "$T/peer.dot" data/examples/vpc-peer-tokyo-sv.xml > /dev/null ||
  fail "plan --graph vpc-peer-tokyo-sv: exit $?"
"$PEERPLAN" graph data/examples/vpc-peer-tokyo-sv.xml > "$T/peer-graph.dot"
grep -o '[A-Z] pays [0-9.]* CNY/month' "$T/peer-graph.dot" > "$T/want"
grep -o '[A-Z] pays [0-9.]* CNY/month' "$T/peer.dot" > "$T/got"
[ -s "$T/want" ] || fail "graph vpc-peer-tokyo-sv: no cost line"
diff -u "$T/want" "$T/got" >&2 || fail "plan --graph: the cost lines are not the report's estimate"

# Checked once, each rule on what it is about: the declaration's findings
# are those of `check` (the same lines, messages and hints), the
# expectations (reach-*) are checked on what was built; nothing is
# reported twice or at line 0.
not_reach='/^[^ ]/ { keep = ($0 !~ /\[reach-/) } keep'
# plan numbers the findings' sources after the price sources of its cost
# section (one output, one numbering): compare what is cited, not the number
renumber='s/^(  source: |  )\[[0-9]+\]/\1[N]/'
for f in tests/data/reach/*.xml $d/slip-self-opposite.xml; do
  "$PEERPLAN" check "$f" 2> /dev/null | grep -v '^[0-9]* error(s)' |
    awk "$not_reach" | sed -E "$renumber" > "$T/check-findings" || true
  "$PEERPLAN" plan "$f" 2> /dev/null | sed -n '/^Findings$/,/^[0-9]* error(s)/p' | sed '1d;$d' |
    awk "$not_reach" | sed -E "$renumber" > "$T/plan-findings" || true
  diff -u "$T/check-findings" "$T/plan-findings" >&2 ||
    fail "plan $f: the declaration's findings are not check's"
  "$PEERPLAN" plan "$f" 2> /dev/null | grep -q "^$f:0: " && fail "plan $f: a finding at line 0"
done
# purchase-date is the model's to parse, when the file is read: a date
# that does not parse is refused by every verb, not only by those that
# price (plan --format workflow does not).
sed 's/<scenario name="tokyo-silicon-valley"/& purchase-date="2026-11-26Z"/' data/examples/article.xml > "$T/bad-date.xml"
rc=0; "$PEERPLAN" plan --format workflow "$T/bad-date.xml" > /dev/null 2> "$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "plan --format workflow bad-date.xml: exit $rc, want 2"
grep -q 'bad-date.xml:4: purchase-date: "2026-11-26Z" is not a date (hint: YYYY-MM-DD' "$T/err" ||
  fail "bad purchase-date: no file:line and hint"
# A scenario exported by serve declares statuses (Idle, Accepting); the plan
# builds every connection from scratch, so those statuses are not findings:
# the pings pass, the plan runs.
rc=0; "$PEERPLAN" plan tests/data/reach/status.xml > "$T/status" || rc=$?
[ "$rc" -eq 0 ] || { grep reach- "$T/status" >&2; fail "plan status.xml: exit $rc, want 0"; }
# The engine refuses two accounts with one AccessKey (the schema cannot
# say so): exit 2 with the file and line, nothing on stdout.  It loads
# while pricing runs on another thread; pricing's own error still comes
# first, as it did when the two ran one after the other.
sed 's|<account id="\([AB]\)" uid="\([0-9]*\)">|<account id="\1" uid="\2" access-key-id="AKSAME" access-key-secret="s3cr3t">|' \
  data/examples/vpc-peer-tokyo-sv.xml > "$T/one-key.xml"
grep -c AKSAME "$T/one-key.xml" | grep -qx 2 || fail "one-key.xml: the fixture did not take"
for f in text json workflow terraform; do
  run p "$PEERPLAN" plan --format $f "$T/one-key.xml"
  expect_rc 2 "plan --format $f one-key.xml"
  expect_grep "$T/err" "one-key.xml:14: account 'B': AccessKey id 'AKSAME' is already used by another account" \
    "plan --format $f one-key.xml: the engine's error with its line"
  [ -s "$T/out" ] && not_ok "plan --format $f one-key.xml: wrote a runbook"
done
run p "$PEERPLAN" plan --currency USD "$T/one-key.xml"
expect_rc 2 "plan --currency USD one-key.xml"
expect_grep "$T/err" "--currency USD: 2 price(s)" "plan --currency USD one-key.xml: pricing's error first"
expect_no_grep "$T/err" "AccessKey" "plan --currency USD one-key.xml: one error"
finish
