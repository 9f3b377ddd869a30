#!/bin/sh
# quiet.sh: -q/--quiet on every verb but serve (issue 11 item 14).  Quiet
# means what terraform, checkov and infracost users expect: no summary,
# no hint, no progress; findings still printed, one line each; what the
# verb was asked for (a runbook, an estimate, a diagram, JSON) as it is;
# the exit status unchanged.  A clean run prints nothing (check, run).
. "${PP_TOP_SRCDIR:?}/tests/cli/setup.sh"
cd "$SRC"

art=data/examples/article.xml
clean=data/examples/vpc-peer-tokyo-sv.xml
broken=data/examples/broken/cidr-overlap.xml

# check: the findings, one line each, and nothing else.
for opt in -q --quiet; do
  run check "$PEERPLAN" check $opt "$art"
  expect_rc 0 "check $opt: exit status unchanged"
  begin_checks
  [ "$(wc -l < "$T/out")" -eq 3 ] || fail "three findings, three lines: $(wc -l < "$T/out")"
  [ "$(grep -c '^data/examples/article.xml:[0-9]*: [a-z]*: .* \[[a-z-]*\]$' "$T/out")" -eq 3 ] \
    || fail "each line is file:line: severity: message [rule]"
  grep -q '^  hint:' "$T/out" && fail "no hint lines"
  grep -q 'error(s)' "$T/out" && fail "no summary"
  [ -s "$T/err" ] && fail "nothing on stderr"
  end_checks "check $opt prints the findings one line each, no hint, no summary"
done
run check-clean "$PEERPLAN" check -q "$clean"
expect_rc 0 "check -q on a clean scenario"
begin_checks
[ -s "$T/out" ] && fail "stdout: $(cat "$T/out")"
[ -s "$T/err" ] && fail "stderr: $(cat "$T/err")"
end_checks "check -q on a clean scenario prints nothing"
run check-broken "$PEERPLAN" check -q "$broken"
expect_rc 1 "check -q: an error still fails"
expect_grep "$T/out" "$broken:19: error: connection 'tokyo-sv' joins" "the error is printed"
run check-warning "$PEERPLAN" check -q --fail-on warning "$art"
expect_rc 1 "check -q --fail-on warning: exit status unchanged"
# a bad input is still an error on stderr, exit 2
run check-missing "$PEERPLAN" check -q nope.xml
expect_rc 2 "check -q on a missing file"
expect_grep "$T/out" "nope.xml: input error:" "the input error is still reported"
# machine formats do not change
for fmt in json sarif junit markdown; do
  "$PEERPLAN" check --format $fmt "$art" > "$T/loud.$fmt" || :
  "$PEERPLAN" check -q --format $fmt "$art" > "$T/quiet.$fmt" || :
  cmp -s "$T/loud.$fmt" "$T/quiet.$fmt" && ok "check -q --format $fmt: the same bytes" \
    || not_ok "check -q --format $fmt differs"
done

# plan and cost: the runbook and the estimate are what was asked for; their
# findings section is one line a finding, without the count.
run plan "$PEERPLAN" plan -q "$art"
expect_rc 0 "plan -q"
begin_checks
grep -q 'CreateRouterInterface' "$T/out" || fail "the runbook is printed"
grep -q '^Summary: ' "$T/out" || fail "the runbook's summary is printed"
grep -q '  hint:' "$T/out" && fail "no hint lines"
grep -q 'error(s), .* warning(s)' "$T/out" && fail "no findings count"
end_checks "plan -q: the runbook, the findings without hints or count"
run cost "$PEERPLAN" cost -q "$art"
begin_checks
grep -q '^sources:' "$T/out" || fail "the estimate and its sources are printed"
grep -q '\[price-missing\]$' "$T/out" || fail "the findings are printed"
grep -q '  hint:' "$T/out" && fail "no hint lines"
grep -q 'error(s)' "$T/out" && fail "no findings count"
end_checks "cost -q: the estimate, the findings without hints or count"

# graph and report: the output is what was asked for, unchanged.
"$PEERPLAN" graph "$art" > "$T/loud.dot"
run graph "$PEERPLAN" graph -q "$art"
cmp -s "$T/loud.dot" "$T/out" && ok "graph -q: the same DOT" || not_ok "graph -q changes the DOT"
run report "$PEERPLAN" report -q -o "$T/r.html" "$art"
begin_checks
[ "$rc" -eq 0 ] || fail "exit $rc"
[ -s "$T/r.html" ] || fail "the page is written"
[ -s "$T/out" ] && fail "stdout: $(head -3 "$T/out")"
end_checks "report -q -o writes the page and prints nothing"

# run: nothing when every step passes; the failed steps when one fails.
run run-ok "$PEERPLAN" run -q data/examples/workflow-article.xml
expect_rc 0 "run -q"
begin_checks
[ -s "$T/out" ] && fail "stdout: $(head -3 "$T/out")"
end_checks "run -q prints nothing when every step passes"
wf=data/examples/workflow-slip-self-opposite.xml
run run-fail "$PEERPLAN" run -q "$wf"
expect_rc 1 "run -q: a failed step still fails"
begin_checks
grep -q 'ConnectRouterInterface' "$T/out" || fail "the failed step is printed"
grep -q '=> passed' "$T/out" && fail "no passed step"
grep -q '^Result:' "$T/out" && fail "no result count"
grep -q "^$wf:[0-9]*: step 5 failed: AttrMismatching" "$T/out" || fail "where it failed"
end_checks "run -q prints the failed step and where"

# diff: the new findings only.
run diff "$PEERPLAN" diff -q "$art" "$broken"
expect_rc 1 "diff -q: a new error still fails"
begin_checks
[ "$(wc -l < "$T/out")" -eq 1 ] || fail "one line: $(cat "$T/out")"
grep -q "^new error: $broken:19: connection 'tokyo-sv' joins .* \[cidr-overlap\]$" "$T/out" || fail "the new error"
end_checks "diff -q prints the new finding only"
run diff-same "$PEERPLAN" diff -q "$art" "$art"
begin_checks
[ "$rc" -eq 0 ] || fail "exit $rc"
[ -s "$T/out" ] && fail "stdout: $(cat "$T/out")"
end_checks "diff -q without new findings prints nothing"

# import: its notes on stderr without hints; the scenario as it is.
"$PEERPLAN" import tests/data/import/state-data-lookups.json > "$T/loud.xml" 2> "$T/loud.err"
run import "$PEERPLAN" import -q tests/data/import/state-data-lookups.json
begin_checks
cmp -s "$T/loud.xml" "$T/out" || fail "the scenario changed"
grep -q '\[import-owner-unknown\]' "$T/err" || fail "the note is printed"
grep -q '^  hint:' "$T/err" && fail "no hint"
grep -q '^  hint:' "$T/loud.err" || fail "(without -q the note has a hint: this check is moot)"
end_checks "import -q: the same scenario, its notes without hints"

# --help lists it on every verb that has it.
for verb in check plan cost graph run diff report import; do
  run help-$verb "$PEERPLAN" $verb --help
  expect_grep "$T/out" "-q, --quiet" "$verb --help lists -q, --quiet"
done
finish
