# tests/cli/check.sh: `peerplan check` and `peerplan plan`: exit codes,
# the report formats, the fixture pairs (scenario in, findings JSON out).
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e

# The article: clean.
run a "$PEERPLAN" check data/examples/article.xml
expect_rc 0 "check on the article"
expect_grep "$T/out" "0 error(s)" "the article has no error finding"
run a "$PEERPLAN" plan
expect_rc 0 "plan with no argument (the built-in article)"
expect_grep "$T/out" "tokyo-silicon-valley" "plan names the article scenario"

# Overlapping connected VPCs: exit 1, cidr-overlap at the connection's line,
# in every format.
f=data/examples/broken/cidr-overlap.xml
line=$(grep -n '<connection id="tokyo-sv"' "$f" | cut -d: -f1)
run t "$PEERPLAN" check "$f"
expect_rc 1 "overlap (text)"
expect_grep "$T/out" "$f:$line: error: connection 'tokyo-sv' joins vpc 'vpc-tokyo' (172.16.0.0/16) and vpc 'vpc-sv' (172.16.0.0/12), whose CIDR blocks overlap in 172.16.0.0/16 [cidr-overlap]" "text names both VPCs, the range, file:line and the rule"
run j "$PEERPLAN" check --format json "$f"
expect_rc 1 "overlap (json)"
expect_grep "$T/out" '"rule" : "cidr-overlap"' "json has the rule id"
expect_grep "$T/out" "\"line\" : $line" "json has the connection's line"
expect_grep "$T/out" '"version" : 1' "json carries its version"
run s "$PEERPLAN" check --format sarif "$f"
expect_rc 1 "overlap (sarif)"
expect_grep "$T/out" '"ruleId" : "cidr-overlap"' "sarif result has the rule id"
expect_grep "$T/out" "\"startLine\" : $line" "sarif has the physical location"
expect_grep "$T/out" '"version" : "2.1.0"' "sarif 2.1.0"
# price-missing's subject is the connection that is priced (the diagram
# marks it alone); SARIF carries it in the result's property bag
expect_grep "$T/out" '"subject" : "tokyo-sv"' "sarif names the object that must change"
if [ -n "${XMLLINT:-}" ]; then
  run u "$PEERPLAN" check --format junit "$f"
  expect_rc 1 "overlap (junit)"
  cp "$T/out" "$T/junit.xml"
  run x "$XMLLINT" --noout "$T/junit.xml"
  expect_rc 0 "junit is well-formed XML"
  expect_grep "$T/junit.xml" '<failure type="cidr-overlap"' "junit marks the finding as a failure"
fi
run m "$PEERPLAN" check --format markdown "$f"
expect_grep "$T/out" "| error | \`cidr-overlap\` |" "markdown table row"
run m "$PEERPLAN" check --format markdown data/examples/article.xml
expect_grep "$T/out" "&lt;price product=" "markdown escapes the XML a hint quotes"
expect_no_grep "$T/out" "<price " "no raw element a renderer would swallow"

# --fail-on: a warning alone passes by default and fails with --fail-on warning.
run w "$PEERPLAN" check data/examples/broken/cidr-vpc-range.xml
expect_rc 1 "errors fail by default"
printf '%s\n' '<scenario name="w" xmlns="urn:peerplan:scenario:1"><account id="A" uid="1111111111111111"><vpc id="p" region="us-east-1" cidr="8.8.0.0/16"/></account></scenario>' > "$T/warn.xml"
run w "$PEERPLAN" check "$T/warn.xml"
expect_rc 0 "a warning alone passes with the default --fail-on error"
run w "$PEERPLAN" check --fail-on warning "$T/warn.xml"
expect_rc 1 "--fail-on warning fails on a warning"

# Input errors: exit 2 with file:line and a hint.
f=data/examples/broken/input-comma-cidr.xml
line=$(grep -n '10,20,0,0/16' "$f" | cut -d: -f1)
run c "$PEERPLAN" check "$f"
expect_rc 2 "commas in a CIDR"
expect_grep "$T/err" "$f:$line:" "the error names file:line"
expect_grep "$T/err" "did you mean 10.20.0.0/16?" "the error names the block probably meant"
run c "$PEERPLAN" check data/examples/article.xml "$f"
expect_rc 2 "one bad file among good ones still exits 2"

# Every file is checked and reported: an unreadable one is an entry of the
# report in every format (issue 11 item 1), the exit status 2 at the end.
: > "$T/empty.xml"
set -- data/examples/article.xml data/examples/broken/cidr-overlap.xml "$f" \
  data/examples/cross-border.xml "$T/empty.xml" "$T/missing.xml"
run mix "$PEERPLAN" check "$@"
expect_rc 2 "unreadable files among good ones: exit 2 after the report"
begin_checks
grep -q "^data/examples/article.xml:20: warning: .*\[price-missing\]" "$T/out" || fail "the article's findings are reported"
grep -q "^data/examples/cross-border.xml:[0-9]*: warning: .*\[ticket-cross-border\]" "$T/out" || fail "the file after the bad one is reported"
grep -q "^$f:$line: input error: .*did you mean 10.20.0.0/16?" "$T/out" || fail "the input error is in the report, with file:line"
grep -q "^$T/empty.xml:1: input error: the file is empty" "$T/out" || fail "the empty file is an entry"
grep -q "^$T/missing.xml: input error: cannot open" "$T/out" || fail "the missing file is an entry, without a line"
grep -q "; 3 input error(s): file(s) not checked$" "$T/out" || fail "the summary counts the input errors"
grep -q "$f:$line:.*did you mean" "$T/err" || fail "stderr (not a terminal here) has the error too"
# in its place: after cidr-overlap's findings, before cross-border's
a=$(grep -n "^data/examples/broken/cidr-overlap.xml:" "$T/out" | tail -n 1 | cut -d: -f1)
b=$(grep -n "^$f:" "$T/out" | cut -d: -f1)
c=$(grep -n "^data/examples/cross-border.xml:" "$T/out" | head -n 1 | cut -d: -f1)
[ "$a" -lt "$b" ] && [ "$b" -lt "$c" ] || fail "the error is in its place among the findings ($a < $b < $c)"
end_checks "text: every file reported, each input error in its place"
run mixj "$PEERPLAN" check --format json "$@"
expect_rc 2 "json: exit 2"
begin_checks
grep -q '"rule" : "price-missing"' "$T/out" || fail "json has the readable files' findings"
grep -q "\"file\" : \"$T/empty.xml\"" "$T/out" || fail "json errors name the file"
grep -q '"message" : "the file is empty' "$T/out" || fail "json errors carry the message without its prefix"
grep -q "\"line\" : $line," "$T/out" || fail "json errors carry the line"
end_checks "json: an \"errors\" member"
run mixs "$PEERPLAN" check --format sarif "$@"
expect_rc 2 "sarif: exit 2"
begin_checks
[ -s "$T/out" ] || fail "the SARIF log is not empty"
grep -q '"executionSuccessful" : false' "$T/out" || fail "the invocation did not succeed"
grep -q '"toolExecutionNotifications" : \[' "$T/out" || fail "sarif has the notifications"
[ "$(grep -c '"level" : "error"' "$T/out")" -ge 4 ] || fail "a notification per unreadable file"
grep -q '"ruleId" : "cidr-overlap"' "$T/out" || fail "sarif still has the readable files' results"
end_checks "sarif: toolExecutionNotifications"
run mixm "$PEERPLAN" check --format markdown "$@"
expect_grep "$T/out" "| input error | | \`$T/empty.xml:1\` | the file is empty" "markdown: a row per unreadable file"
if [ -n "${XMLLINT:-}" ]; then
  run mixu "$PEERPLAN" check --format junit "$@"
  expect_rc 2 "junit: exit 2"
  cp "$T/out" "$T/mix.xml"
  run x "$XMLLINT" --noout "$T/mix.xml"
  expect_rc 0 "junit with errors is well-formed XML"
  grep -q '<testsuites name="peerplan check" tests="[0-9]*" failures="[0-9]*" errors="3">' "$T/mix.xml" &&
    ok "junit counts the errors" || not_ok "junit counts the errors"
  expect_grep "$T/mix.xml" '<error type="input" message="cannot open' "junit: an <error> per unreadable file"
fi
run clean "$PEERPLAN" check --format sarif data/examples/article.xml
expect_grep "$T/out" '"executionSuccessful" : true' "sarif: a run with every file read succeeded"

# A workflow given to check is an input error that says what to do.
run wf "$PEERPLAN" check data/examples/workflow-article.xml
expect_rc 2 "a workflow is not a scenario"
expect_grep "$T/out" "data/examples/workflow-article.xml:7: input error: this is a peerplan workflow (API calls to replay), not a scenario (hint: \`peerplan run\` replays it; the scenario it starts from is 'article.xml'" "the workflow entry names run and its scenario"
run all "$PEERPLAN" check data/examples/*.xml
expect_rc 2 "check data/examples/*.xml: the workflows are input errors"
begin_checks
for s in article cross-border; do
  grep -q "^data/examples/$s.xml:[0-9]*: [a-z]*: " "$T/out" || fail "$s.xml is reported"
done
[ "$(grep -c ': input error: this is a peerplan workflow' "$T/out")" = "$(ls data/examples/workflow-*.xml | wc -l)" ] ||
  fail "every workflow is an entry"
"$PEERPLAN" check --format json data/examples/*.xml > "$T/all.json" 2>/dev/null || true
for s in hub-and-spoke vpc-peer-tokyo-sv; do
  grep -q "^    \"data/examples/$s.xml\"" "$T/all.json" || fail "$s.xml is among the files checked"
done
end_checks "check data/examples/*.xml reports every scenario and every workflow"
run n "$PEERPLAN" check "$T/does-not-exist.xml"
expect_rc 2 "a missing file"
expect_grep "$T/err" "cannot open" "the missing file is named"

# Usage errors.
run u "$PEERPLAN" check
expect_rc 2 "check with no scenario"
run u "$PEERPLAN" check --format yaml data/examples/article.xml
expect_rc 2 "an unknown format"
run u "$PEERPLAN" check --fail-on fatal data/examples/article.xml
expect_rc 2 "an unknown severity"
run u "$PEERPLAN" frobnicate
expect_rc 2 "an unknown verb"
run u "$PEERPLAN"
expect_rc 2 "no verb"
run h "$PEERPLAN" --help
expect_rc 0 "--help"
expect_grep "$T/out" "check" "--help lists the verbs"
run v "$PEERPLAN" --version
expect_rc 0 "--version"
expect_grep "$T/out" "peerplan " "--version prints the version"
run h "$PEERPLAN" check --help
expect_rc 0 "check --help"
expect_grep "$T/out" "--fail-on" "check --help documents --fail-on"
run h "$PEERPLAN" help plan
expect_rc 0 "help plan"

# Fixture pairs: each scenario in, its findings as JSON out.
for f in data/examples/broken/cidr-*.xml tests/data/check/*.xml; do
  name=$(basename "$f" .xml)
  run p "$PEERPLAN" check --format json "$f"
  cp "$T/out" "$T/$name.json"
  golden "$T/$name.json" "tests/data/check/expected/$name.json"
done

# Determinism: same input, same bytes.
set -- data/examples/broken/cidr-*.xml tests/data/check/*.xml
run d1 "$PEERPLAN" check --format sarif "$@"
expect_rc 1 "the findings of all the broken examples (sarif)"
cp "$T/out" "$T/a"
expect_grep "$T/a" '"ruleId" : "cidr-vswitch-overlap"' "the report has findings"
run d2 "$PEERPLAN" check --format sarif "$@"
cp "$T/out" "$T/b"
if cmp -s "$T/a" "$T/b"; then ok "two runs give identical bytes"; else not_ok "two runs differ"; fi


# Sources once at the end (issue 11 item 8): a finding refers to its source
# by number ("source: [1]"), the text is listed once under "sources of the
# findings:"; JSON keeps it whole in "source", SARIF in the message.
run s "$PEERPLAN" check tests/data/pricing/same-region-catalog.xml
expect_rc 1 "check: a stale catalog price"
begin_checks
line=$(grep '\[price-stale\]$' "$T/out")
[ -n "$line" ] || fail "a price-stale finding"
case $line in *xl-code*) fail "price-stale repeats its source: $line";; esac
[ "${#line}" -le 200 ] || fail "price-stale is ${#line} characters long"
grep -A2 '\[price-stale\]$' "$T/out" | grep -qx '  source: \[1\]' || fail "price-stale refers to source [1]"
[ "$(grep -c '^sources of the findings:$' "$T/out")" = 1 ] || fail "one sources list"
[ "$(grep -c 'xl-code/expressconnect' "$T/out")" = 1 ] || fail "the source text once"
grep -q '^  \[1\] xl-code/expressconnect' "$T/out" || fail "numbered [1]"
tail -1 "$T/out" | grep -q '^1 error(s)' || fail "the counts stay last"
end_checks "price-stale: one line, its source once at the end"
run s "$PEERPLAN" check --format json tests/data/pricing/same-region-catalog.xml
expect_grep "$T/out" '"source" : "xl-code/expressconnect' "JSON keeps the source"
run s "$PEERPLAN" check --format sarif tests/data/pricing/same-region-catalog.xml
expect_grep "$T/out" '(source: xl-code/expressconnect' "SARIF keeps the source in the message"
run s "$PEERPLAN" check --format markdown tests/data/pricing/same-region-catalog.xml
expect_grep "$T/out" '<br>source: [1]' "Markdown refers to the source"
expect_grep "$T/out" '- [1] xl-code/expressconnect' "Markdown lists it at the end"
run s "$PEERPLAN" check data/examples/article.xml
expect_no_grep "$T/out" '(source: the article' "ticket-bandwidth's hint no longer carries its source"
expect_grep "$T/out" '  [1] the article peerplan replays' "listed once at the end"

# One screen line where possible: what the retired product's design costs
# now goes with the fix, in the hint; the message says what is wrong.
begin_checks
line=$(grep '\[product-retired\]$' "$T/out")
[ -n "$line" ] && [ "${#line}" -le 200 ] || fail "product-retired is one short line: $line"
grep -A1 '\[product-retired\]$' "$T/out" | grep -q '^  hint: .*as a VPC Peering Connection (Gold' || fail "its hint prices the peering design"
grep -q "unconfirmed: a practitioner's report" "$T/out" && fail "ticket-bandwidth does not repeat its hint"
end_checks "article: product-retired fits a line"

finish
