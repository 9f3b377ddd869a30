# tests/cli/import.sh: `peerplan import` and the verbs reading Terraform JSON
# and API answers by content: exit codes, -o written whole or not at all,
# bad inputs (file, JSON path, what to do), addresses in the findings.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
D=tests/data/import

# The estate in its three Terraform formats.
run p "$PEERPLAN" import $D/estate-plan.json
expect_rc 0 "import a plan"
cp "$T/out" "$T/plan.xml"
golden "$T/plan.xml" $D/expected/estate-plan.xml
expect_grep "$T/err" "import-ignored" "the ignored types are said on stderr"
run s "$PEERPLAN" import -o "$T/state.xml" $D/estate-state.json
expect_rc 0 "import a state JSON with -o"
golden "$T/state.xml" $D/expected/estate-state.xml
# -o names a scenario: an output name that is not .xml is refused, nothing written
run x "$PEERPLAN" import -o "$T/state.json" $D/estate-state.json
expect_rc 2 "import -o FILE.json"
expect_grep "$T/err" "give a name ending in .xml" "the refusal names .xml"
if [ -e "$T/state.json" ]; then fail "import -o FILE.json wrote it"; fi
run t "$PEERPLAN" import $D/estate.tfstate
expect_rc 0 "import a raw tfstate"
run c "$PEERPLAN" check "$T/state.xml"
expect_rc 0 "the imported scenario is a valid scenario"

# Owners nothing gives: a placeholder, said with the option that fixes it.
run o "$PEERPLAN" import $D/state-owner-unknown.json
expect_rc 0 "import with an unknown owner"
expect_grep "$T/out" 'uid="0000000000000001"' "a placeholder uid"
expect_grep "$T/err" "--account default=UID" "stderr names the option"
run o "$PEERPLAN" import --account default=3333333333333333 $D/state-owner-unknown.json
expect_rc 0 "--account gives the owner"
expect_grep "$T/out" '<account id="default" uid="3333333333333333">' "the uid given"
expect_no_grep "$T/err" "import-owner-unknown" "no placeholder then"
run o "$PEERPLAN" import --account default=12 $D/state-owner-unknown.json
expect_rc 2 "a UID that is not 16 digits"

# Every bad input: exit 2, the file and the JSON path; -o left alone.
echo "keep" > "$T/keep.xml"
for f in $D/bad/*.json; do
  run b "$PEERPLAN" import -o "$T/keep.xml" "$f"
  expect_rc 2 "bad input $(basename "$f")"
  expect_grep "$T/err" "$f: " "the message names $(basename "$f")"
  if [ "$(cat "$T/keep.xml")" = keep ]; then ok "-o untouched after $(basename "$f")"; else
    not_ok "-o was written after $(basename "$f")"; fi
done
run b "$PEERPLAN" import -o "$T/new.xml" $D/bad/state-duplicate.json
if [ -e "$T/new.xml" ]; then not_ok "-o created on failure"; else ok "-o not created on failure"; fi
expect_grep "$T/err" "values.root_module.resources[1].values.id" "the JSON path of the duplicate"
run b "$PEERPLAN" import -o "$T/no/such/dir/x.xml" $D/estate-state.json
expect_rc 2 "an -o that cannot be written"
run b "$PEERPLAN" check $D/bad/plan-dangling.json
expect_rc 2 "check on a bad plan"
expect_grep "$T/err" "resource_changes[1].change.after.vpc_id" "check names the JSON path"

# Every verb that reads a scenario reads these, detected by content.
run v "$PEERPLAN" check $D/estate-plan.json
expect_rc 0 "check a plan JSON"
expect_grep "$T/out" "$D/estate-plan.json: warning: connection alicloud_router_interface.hz:" "findings point at the file and name the address"
run v "$PEERPLAN" cost $D/estate.tfstate
expect_rc 0 "cost a tfstate"
run v "$PEERPLAN" graph $D/estate-state.json
expect_rc 0 "graph a state JSON"
expect_grep "$T/out" "digraph" "a DOT graph"
run v "$PEERPLAN" plan $D/estate-plan.json
expect_grep "$T/out" "connection alicloud_vpc_peer_connection.hub_spoke (vpc-peer)" "plan runs a plan JSON"
run v sh -c "\"$PEERPLAN\" check - < $D/estate-plan.json"
expect_rc 0 "check - reads a plan JSON on stdin"
expect_grep "$T/out" "<stdin>: warning:" "findings name <stdin>"
run v sh -c "\"$PEERPLAN\" check - < data/examples/article.xml"
expect_rc 0 "check - reads scenario XML on stdin"

# Findings name the Terraform address: text, JSON objects, SARIF.
run a "$PEERPLAN" check $D/estate-state.json
expect_grep "$T/out" "(ri-hz00000000000000001 is alicloud_router_interface.hz)" "text says which address an id is"
run a "$PEERPLAN" check --format json $D/estate-state.json
expect_grep "$T/out" '"alicloud_router_interface.hz"' "JSON objects carry the address"
run a "$PEERPLAN" check --format sarif $D/estate-state.json
expect_grep "$T/out" '"logicalLocations"' "SARIF has logical locations"
expect_grep "$T/out" '"fullyQualifiedName" : "alicloud_router_interface.hz"' "named by address"
expect_grep "$T/out" "gives no .tf file or line" "SARIF says there is no .tf line"
expect_no_grep "$T/out" '"startLine" : 0' "no invented line"

# API answers: several files, or all of them back to back in one.
A="--account A=1111111111111111 --account B=2222222222222222"
run i "$PEERPLAN" import $A $D/api/*.json
expect_rc 0 "import API answers"
expect_grep "$T/out" '<connection id="ri-irnre8z1titi5vtcekyas" status="Active" type="router-interface" spec="Large.1">' "the router-interface pair"
expect_grep "$T/out" '<instance id="ecs-a" ip="172.16.0.41"/>' "the instance of DescribeInstances"
cp "$T/out" "$T/files.xml"
cat $D/api/A-*.json $D/api/B-*.json > "$T/all.json"
run i "$PEERPLAN" import $A "$T/all.json"
expect_rc 0 "import concatenated answers"
sed 's/name="all"/name="A-instances"/' "$T/out" > "$T/all.xml"
if cmp -s "$T/all.xml" "$T/files.xml"; then ok "one file or many: the same scenario"; else
  not_ok "concatenated answers import differently"; diff "$T/files.xml" "$T/all.xml" | head; fi
run i "$PEERPLAN" check $D/api/B-vpcs.json
expect_rc 0 "check reads an API answer"

finish
