#!/bin/sh
# baseline.sh: --baseline FILE (issue 11 item 14), what lets CI fail on new
# findings only.  The baseline is an earlier `check --format json`; a
# finding that matches one of its entries (rule and objects, not line or
# message) is accepted as "baselined"; an entry that matches nothing is
# the info finding baseline-unused; a bad baseline is exit 2 with
# file:line and how to write one.
. "${PP_TOP_SRCDIR:?}/tests/cli/setup.sh"
cd "$SRC"

old=data/examples/article.xml
unset SOURCE_DATE_EPOCH

# The flow of README.md ("Fail CI on new findings only"), as CI runs it:
# write the baseline from the scenario as it is (the exit status is that
# of the check: the file is written all the same) ...
run write "$PEERPLAN" check --format json "$old"
cp "$T/out" "$T/baseline.json"
begin_checks
[ "$rc" -eq 0 ] || fail "the article has no error: exit $rc"
grep -q '"rule" : "product-retired"' "$T/baseline.json" || fail "the baseline holds the article's findings"
end_checks "peerplan check --format json SCENARIO > baseline.json writes the baseline"
run old-fails "$PEERPLAN" check --fail-on warning "$old"
expect_rc 1 "without the baseline, --fail-on warning fails on the accepted warnings"

# ... then a change adds one finding (an instance on a vSwitch's reserved
# last address) above the others, which moves their lines: only the new
# one is reported and fails the job.
sed -e 's|^\( *\)<instance id="ecs-a" ip="172.16.0.41"/>|&\n\1<instance id="ecs-c" ip="172.16.0.255"/>|' \
  "$old" > "$T/new.xml"
grep -q ecs-c "$T/new.xml" || fail "the sed above no longer adds ecs-c"
run new "$PEERPLAN" check --fail-on warning --baseline "$T/baseline.json" "$T/new.xml"
expect_rc 1 "the new finding fails the job"
begin_checks
[ "$(grep -c '^[^ ]*: [a-z ]*\(error\|warning\|info\): ' "$T/out")" -eq 1 ] || fail "one finding printed"
grep -qF "$T/new.xml:9: error: instance 'ecs-c' has IP 172.16.0.255, a reserved address" "$T/out" || fail "the printed one is ecs-c's cidr-instance"
grep -qF "[cidr-instance]" "$T/out" || fail "with its rule"
end_checks "only the new finding is printed"
expect_grep "$T/out" "1 error(s), 0 warning(s), 0 info, 3 baselined" "the summary counts the baselined findings apart"
run same "$PEERPLAN" check --fail-on info --baseline "$T/baseline.json" "$old"
expect_rc 0 "the scenario the baseline was written from passes --fail-on info"
expect_grep "$T/out" "0 error(s), 0 warning(s), 0 info, 3 baselined" "all three baselined"

# --show-waived shows the baselined findings too, naming the baseline.
run show "$PEERPLAN" check --show-waived --baseline "$T/baseline.json" "$T/new.xml"
expect_grep "$T/out" "$T/new.xml:21: baselined warning: connection tokyo-sv: account A (initiator) is charged" \
  "--show-waived prints a baselined finding at its new line"
expect_grep "$T/out" "  baseline: $T/baseline.json" "with the baseline that accepted it"

# JSON counts them in summary.baselined; SARIF holds them as suppressions
# of kind external.
run json "$PEERPLAN" check --format json --baseline "$T/baseline.json" "$T/new.xml"
expect_grep "$T/out" '"baselined" : 3' "JSON summary: baselined"
expect_no_grep "$T/out" '"rule" : "price-missing"' "JSON: a baselined finding is not among the findings"
run json-show "$PEERPLAN" check --format json --show-waived --baseline "$T/baseline.json" "$T/new.xml"
expect_grep "$T/out" '"kind" : "external",' "JSON --show-waived: the suppression kind"
run sarif "$PEERPLAN" check --format sarif --baseline "$T/baseline.json" "$T/new.xml"
begin_checks
[ "$(grep -c '"kind" : "external"' "$T/out")" -eq 3 ] || fail "SARIF: 3 external suppressions"
grep -qF "\"justification\" : \"$T/baseline.json\"" "$T/out" || fail "SARIF: the justification names the baseline"
end_checks "SARIF marks baselined results with suppressions of kind external"

# A finding matches by rule and the set of its objects: the same rule on
# another object is new.
sed -e 's|"tokyo-sv"|"tokyo-xx"|' "$T/baseline.json" > "$T/other.json"
run other "$PEERPLAN" check --baseline "$T/other.json" "$old"
expect_grep "$T/out" "0 error(s), 2 warning(s), 4 info" "entries naming another object accept nothing (and are unused)"

# What the baseline accepted and was fixed since: baseline-unused, info,
# at the entry's line in the baseline file.
"$PEERPLAN" check --format json "$T/new.xml" > "$T/newbase.json" || :
run unused "$PEERPLAN" check --fail-on warning --baseline "$T/newbase.json" "$old"
expect_rc 0 "a stale entry is info: it does not fail --fail-on warning"
# the line where an entry's object starts ("    {" in the JSON report)
entry_line () { grep -n '^    {$' "$1" | sed -n "$2p" | cut -d: -f1; }
expect_grep "$T/out" "$T/newbase.json:$(entry_line "$T/newbase.json" 1): info: the baseline's cidr-instance finding on 'ecs-c', 'vsw-tokyo' matches no finding [baseline-unused]" \
  "baseline-unused names the entry, at its line"
expect_grep "$T/out" "hint: if it was fixed, write the baseline again to drop it" "with how to fix it"
run unused-info "$PEERPLAN" check --fail-on info --baseline "$T/newbase.json" "$old"
expect_rc 1 "baseline-unused fails --fail-on info"
# a baseline written with a stale entry reported does not carry it on
"$PEERPLAN" check --format json --fail-on info --baseline "$T/newbase.json" "$old" > "$T/again.json" || :
run again "$PEERPLAN" check --baseline "$T/again.json" "$old"
expect_no_grep "$T/out" "[baseline-unused]" "baseline-unused entries of a baseline are not accepted or reported"

# Every verb that reports findings takes it: plan, cost, graph, report.
run plan "$PEERPLAN" plan --baseline "$T/baseline.json" "$T/new.xml"
expect_grep "$T/out" "1 error(s), 0 warning(s), 0 info, 3 baselined" "plan"
run cost "$PEERPLAN" cost --fail-on warning --baseline "$T/baseline.json" "$old"
expect_rc 0 "cost: baselined findings do not fail --fail-on warning"
run graph "$PEERPLAN" graph --baseline "$T/baseline.json" "$old"
expect_grep "$T/out" "findings: 0 error" "graph: baselined findings are not drawn"
run report "$PEERPLAN" report --baseline "$T/baseline.json" -o "$T/r.html" "$T/new.xml"
expect_rc 0 "report"

# Bad baselines: exit 2, file:line where there is one, and the hint.
hint="write one with: peerplan check --format json SCENARIO > FILE"
run missing "$PEERPLAN" check --baseline "$T/nope.json" "$old"
expect_rc 2 "a missing baseline"
expect_grep "$T/err" "--baseline $T/nope.json: Failed to open file" "names the file"
expect_grep "$T/err" "$hint" "with how to write one"
printf '{\n  "version" : 1,\n  "findings" : [\n    {"rule": "x",\n  ]\n}\n' > "$T/syntax.json"
run syntax "$PEERPLAN" check --baseline "$T/syntax.json" "$old"
expect_rc 2 "not JSON"
expect_grep "$T/err" "$T/syntax.json:4:17: Parse error" "json-glib's position"
expect_grep "$T/err" "$hint" "and the hint"
: > "$T/empty.json"
run empty "$PEERPLAN" check --baseline "$T/empty.json" "$old"
expect_rc 2 "an empty file"
expect_grep "$T/err" "$T/empty.json: --baseline: the file is empty" "says so"
printf '[]\n' > "$T/array.json"
run array "$PEERPLAN" check --baseline "$T/array.json" "$old"
expect_rc 2 "an array"
expect_grep "$T/err" "$T/array.json:1: --baseline: not a peerplan JSON report" "is not a report"
"$PEERPLAN" check --format sarif "$old" > "$T/sarif.json" || :
run sarif-base "$PEERPLAN" check --baseline "$T/sarif.json" "$old"
expect_rc 2 "a SARIF file"
expect_grep "$T/err" '"version" is not 1' "is not our JSON"
printf '{"version": 1}\n' > "$T/nofindings.json"
run nofindings "$PEERPLAN" check --baseline "$T/nofindings.json" "$old"
expect_rc 2 "no findings array"
expect_grep "$T/err" 'no "findings" array' "says what is missing"
sed -e '/"rule" : "price-missing"/d' "$T/baseline.json" > "$T/norule.json"
run norule "$PEERPLAN" check --baseline "$T/norule.json" "$old"
expect_rc 2 "an entry without a rule"
expect_grep "$T/err" "$T/norule.json:$(entry_line "$T/norule.json" 3): --baseline: findings[2] has no \"rule\" string" "at the entry's line"
sed -e 's|"objects" : \[|"objects" : [ 7,|' "$T/baseline.json" > "$T/badobj.json"
run badobj "$PEERPLAN" check --baseline "$T/badobj.json" "$old"
expect_rc 2 "an object that is not a string"
expect_grep "$T/err" "$T/badobj.json:$(entry_line "$T/badobj.json" 1): --baseline: findings[0].objects[0] is not a string" "at the entry's line"
finish
