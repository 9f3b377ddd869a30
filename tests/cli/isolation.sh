#!/bin/sh
# isolation.sh: `peerplan check` with <expect-reach reachable="false">
# (issue 11 item 4): an isolation that holds gives nothing, one that fails
# is a reach-unexpected error (exit 1), and a ping between spokes that no
# connection joins says why no route can fix it.
. "${PP_TOP_SRCDIR:?}/tests/cli/setup.sh"
cd "$SRC"

f=tests/data/reach/isolation.xml
run iso "$PEERPLAN" check "$f"
expect_rc 1 "failed isolations are errors"
expect_grep "$T/out" "$f:55: error: ecs-1 reaches ecs-3, which must be isolated from it: the ping goes over 1-3 [reach-unexpected]" \
  "reach-unexpected names the connection"
expect_grep "$T/out" "hint: to isolate them, remove the route 10.3.0.0/16 via 1-3 in spoke-1 (or the connection 1-3)" \
  "the hint names the route to remove"
expect_no_grep "$T/out" "$f:53:" "the isolation that holds gives no finding"
expect_grep "$T/out" "hint: no connection joins spoke-1 and spoke-2, and peerings and router interfaces are not transitive" \
  "spokes: the hint says peerings are not transitive"
expect_no_grep "$T/out" "the connection that leads to spoke-2" "spokes: no route via a connection that does not exist"

# The shipped hub-and-spoke design states its isolation and passes.
run hub "$PEERPLAN" check data/examples/hub-and-spoke.xml
expect_rc 0 "hub-and-spoke: the spokes are isolated"

# SARIF carries the new rule id.
run sarif "$PEERPLAN" check --format sarif "$f"
expect_grep "$T/out" '"ruleId" : "reach-unexpected"' "SARIF names reach-unexpected"
finish
