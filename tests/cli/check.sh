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

# Determinism: same input, same bytes.  Only files that give a report (an
# input error stops the run before any report is written).
set -- data/examples/broken/cidr-*.xml tests/data/check/*.xml
run d1 "$PEERPLAN" check --format sarif "$@"
expect_rc 1 "the findings of all the broken examples (sarif)"
cp "$T/out" "$T/a"
expect_grep "$T/a" '"ruleId" : "cidr-vswitch-overlap"' "the report has findings"
run d2 "$PEERPLAN" check --format sarif "$@"
cp "$T/out" "$T/b"
if cmp -s "$T/a" "$T/b"; then ok "two runs give identical bytes"; else not_ok "two runs differ"; fi

finish
