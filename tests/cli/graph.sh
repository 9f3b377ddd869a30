# tests/cli/graph.sh: `peerplan graph`: DOT on stdout (golden, stable),
# SVG that parses and carries ids, PNG and PDF headers, --level, --title,
# findings on the drawing, and every bad input with exit 2.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e

# DOT to stdout by default; the same bytes as the library's golden file.
run a "$PEERPLAN" graph data/examples/article.xml
expect_rc 0 "graph the article"
golden "$T/out" tests/data/render/article.dot
cp "$T/out" "$T/first.dot"
run a "$PEERPLAN" graph data/examples/article.xml
if cmp -s "$T/out" "$T/first.dot"; then ok "two runs give byte-identical DOT"; else
  not_ok "two runs differ"; fi
run a "$PEERPLAN" graph -T dot -o "$T/article.dot" data/examples/article.xml
expect_rc 0 "-T dot -o FILE"
if cmp -s "$T/article.dot" "$T/first.dot"; then ok "-o FILE holds the stdout bytes"; else
  not_ok "-o FILE differs from stdout"; fi
[ -s "$T/out" ] && not_ok "-o FILE also wrote to stdout" || ok "-o FILE leaves stdout empty"

run h "$PEERPLAN" graph --level region data/examples/hub-and-spoke-10.xml
expect_rc 0 "--level region"
golden "$T/out" tests/data/render/hub-and-spoke-10-region.dot
run e "$PEERPLAN" graph --level vpc data/examples/estate-50.xml
expect_rc 0 "--level vpc on the 50-VPC estate"
# (its structure is test-render's estate-50-vpc.outline)
if [ "$(grep -c '^			"vpc:[^"]*"	\[' "$T/out")" -eq 50 ]; then ok "50 VPC nodes"; else
  not_ok "not 50 VPC nodes"; fi
expect_grep "$T/out" '"vpc:vpc-net-hz"' "a VPC is one node at --level vpc"
expect_no_grep "$T/out" '"ecs:' "no instance node at --level vpc"
run e "$PEERPLAN" graph --level account data/examples/estate-50.xml
expect_rc 0 "--level account"
expect_grep "$T/out" '10 regions · 10 VPCs · 20 vSwitches' "the network account's counts"

# Findings are drawn (and do not fail the drawing); --no-check leaves them out.
run f "$PEERPLAN" graph data/examples/broken/cidr-overlap.xml
expect_rc 0 "a scenario with findings draws (exit 0)"
golden "$T/out" tests/data/render/cidr-overlap.dot
expect_grep "$T/out" 'overlaps vpc-sv on 172.16.0.0/16 (cidr-overlap)' "the overlap and its range"
expect_grep "$T/out" 'pencolor="#d62728"' "outlined in red"
run f "$PEERPLAN" graph --no-check --no-legend data/examples/broken/cidr-overlap.xml
expect_rc 0 "--no-check"
expect_no_grep "$T/out" 'overlaps vpc-sv' "--no-check draws no overlap"
expect_no_grep "$T/out" '⚠' "--no-check marks no object"

run t "$PEERPLAN" graph --title "Design review 42" --no-legend data/examples/article.xml
expect_rc 0 "--title --no-legend"
expect_grep "$T/out" '<B>Design review 42</B>' "the title"
expect_no_grep "$T/out" 'planned / Idle' "--no-legend"
run t "$PEERPLAN" graph --title "a <b> & c" data/examples/article.xml
expect_rc 0 "--title with markup characters"
expect_grep "$T/out" '<B>a &lt;b&gt; &amp; c</B>' "the title is escaped"

# Costs: each charged side's monthly share of the estimate; --no-cost.
run c "$PEERPLAN" graph data/examples/vpc-peer-tokyo-sv.xml
expect_rc 0 "a priced VPC peering"
expect_grep "$T/out" 'A pays 105.00 CNY/month\nB pays 52.50 CNY/month' "each side's monthly cost"
run c "$PEERPLAN" graph --no-cost data/examples/vpc-peer-tokyo-sv.xml
expect_rc 0 "--no-cost"
expect_no_grep "$T/out" 'CNY/month' "--no-cost draws no cost"
run c "$PEERPLAN" graph data/examples/article.xml
expect_grep "$T/out" 'A: no price' "an unpriced side says so"
expect_grep "$T/out" '\n[bandwidth ticket]\n' "ticket-bandwidth: the bandwidth ticket marker on the edge"
expect_no_grep "$T/out" '[cross-border application]\n' "no cross-border application on a link outside mainland China"
# Each marker means one thing, the one the legend gives it (issue 11).
expect_grep "$T/out" '[bandwidth ticket]</FONT></TD><TD ALIGN="LEFT">bandwidth applied for by ticket (unconfirmed)' "the legend's bandwidth ticket"
expect_grep "$T/out" '[cross-border application]</FONT></TD><TD ALIGN="LEFT">cross-border compliance application' "the legend's cross-border application"
run c "$PEERPLAN" graph data/examples/cross-border.xml
expect_grep "$T/out" '\n[cross-border] [cross-border application]"' "ticket-cross-border: its own marker"
expect_no_grep "$T/out" '\n[bandwidth ticket]' "a cross-border peering is no bandwidth ticket"

# A finding is drawn on the object that must change (issue 11): the return
# route is missing in the spoke only, so only the spoke's route table is
# red; the hub, its vSwitch and the connection are not; no finding is a
# curve across the drawing.
run s "$PEERPLAN" graph tests/data/render/spoke-return-missing.xml
expect_rc 0 "graph: the return route missing in the spoke"
expect_grep "$T/out" 'label="route table\lno custom routes\l⚠ route-missing → hub\l"' "the spoke's route table names the rule and the VPC to reach"
begin_checks
grep -A8 '"cluster:vpc:hub"' "$T/out" | grep -q 'pencolor="#6aa77a"' || fail "the hub VPC keeps its colour"
grep -A8 '"cluster:vsw:hub-a"' "$T/out" | grep -q 'route-missing' && fail "the hub's vSwitch is not marked"
grep -q '"finding:' "$T/out" && fail "no finding edge"
grep -A12 'id="conn:hub-shop-prod"' "$T/out" | grep -q 'label=.*⚠' && fail "the connection is not marked"
end_checks "route-missing only on the spoke's route table"

# --trace: the ping both ways, from the reachability engine.
run r "$PEERPLAN" graph --trace ecs-a,ecs-b tests/data/render/route-missing.xml
expect_rc 0 "--trace on a failing ping"
golden "$T/out" tests/data/render/route-missing-trace.dot
expect_grep "$T/out" 'trace ecs-a → ecs-b: ecs-a cannot reach ecs-b: the reply is dropped in vpc-sv' "the verdict"
expect_grep "$T/out" 'trace step 7, 8' "ecs-b is the request's last hop and the reply's first"
run r "$PEERPLAN" graph --trace ecs-a,ecs-b data/examples/article.xml
expect_rc 0 "--trace on the article"
expect_grep "$T/out" 'ecs-a and ecs-b reach each other' "the article's ping works both ways"
# The trace stops where the packet stops (issue 11): the request of
# shop-web -> dns is dropped in shop-prod, its first VPC, so no reply is
# drawn: the connection, the hub and dns stay as they are, and the route
# table that drops it says so.
run r "$PEERPLAN" graph --trace shop-web,dns tests/data/render/spoke-return-missing.xml
expect_rc 0 "--trace on a request dropped in the first VPC"
expect_grep "$T/out" 'the request is dropped in shop-prod (no route matches)' "the verdict"
expect_grep "$T/out" '⚠ route-missing → hub\l✗ dropped here: no route matches\l"' "the drop on shop-prod's route table"
expect_grep "$T/out" '✗ dropped here</FONT></TD><TD ALIGN="LEFT">where the trace' "the drop's legend row"
begin_checks
grep -A3 '"ecs:shop-web"' "$T/out" | grep -q 'color="#1f5fd1"' || fail "the source is on the trace"
grep -A3 '"ecs:dns"' "$T/out" | grep -q '1f5fd1' && fail "dns is not on the trace"
grep -A8 '"cluster:vpc:hub"' "$T/out" | grep -q '1f5fd1' && fail "the hub is not on the trace"
grep -A12 'id="conn:hub-shop-prod"' "$T/out" | grep -q '1f5fd1' && fail "the connection is not on the trace"
grep -q '1f5fd1' "$T/out" || fail "something is blue"
end_checks "the trace stops in shop-prod"
run r "$PEERPLAN" graph --trace ecs-a,ecs-b data/examples/article.xml
expect_no_grep "$T/out" 'dropped here' "a ping that works has no drop"

for bad in ecs-a ecs-a, ,ecs-b ecs-a,ecs-b,ecs-a ecs-a,nope; do
  run b "$PEERPLAN" graph --trace "$bad" data/examples/article.xml
  expect_rc 2 "--trace '$bad'"
  expect_grep "$T/err" "--trace" "the message names --trace ('$bad')"
done

# SVG: well-formed, with the clusters' and edges' ids and tooltips.
run s "$PEERPLAN" graph -T svg -o "$T/article.svg" data/examples/article.xml
expect_rc 0 "-T svg -o FILE"
if [ -n "${XMLLINT:-}" ]; then
  run x "$XMLLINT" --noout "$T/article.svg"
  expect_rc 0 "the SVG parses as XML"
fi
# (Graphviz writes '-' as &#45; in SVG attributes.)
sed 's/&#45;/-/g' "$T/article.svg" > "$T/article-text.svg"
expect_grep "$T/article-text.svg" 'id="cluster:acct:A"' "SVG: account cluster id"
expect_grep "$T/article-text.svg" 'id="cluster:vpc:vpc-tokyo"' "SVG: VPC cluster id"
expect_grep "$T/article-text.svg" 'id="cluster:vsw:vsw-sv"' "SVG: vSwitch cluster id"
expect_grep "$T/article-text.svg" 'id="conn:tokyo-sv"' "SVG: connection edge id"
expect_grep "$T/article-text.svg" 'id="ri:tokyo-sv/initiator"' "SVG: router interface node id"
expect_grep "$T/article-text.svg" 'xlink:title="router-interface tokyo-sv: vpc-tokyo' "SVG: edge tooltip"
expect_grep "$T/article.svg" 'Large.1' "SVG: the spec"
expect_grep "$T/article.svg" 'planned / Idle' "SVG: the legend"

# PNG and PDF: valid headers, non-trivial size; -T svg to stdout works.
run p "$PEERPLAN" graph -T png -o "$T/hub.png" data/examples/hub-and-spoke-10.xml
expect_rc 0 "-T png -o FILE"
if [ "$(head -c 8 "$T/hub.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
  ok "PNG signature"; else not_ok "not a PNG"; fi
size=$(wc -c < "$T/hub.png")
if [ "$size" -gt 20000 ]; then ok "PNG is $size bytes"; else not_ok "PNG too small: $size bytes"; fi
run p "$PEERPLAN" graph -T pdf -o "$T/hub.pdf" data/examples/hub-and-spoke-10.xml
expect_rc 0 "-T pdf -o FILE"
expect_grep "$T/hub.pdf" '%PDF-' "PDF header"
run p "$PEERPLAN" graph -T svg data/examples/article.xml
expect_rc 0 "-T svg to stdout"
expect_grep "$T/out" '<svg' "SVG on stdout"

# Bad usage and bad input: exit 2, a message, nothing written.
run b "$PEERPLAN" graph
expect_rc 2 "no scenario"
expect_grep "$T/err" "no scenario given" "says what is missing"
run b "$PEERPLAN" graph data/examples/article.xml data/examples/hub-and-spoke-10.xml
expect_rc 2 "two scenarios"
run b "$PEERPLAN" graph -T gif data/examples/article.xml
expect_rc 2 "unknown format"
expect_grep "$T/err" "must be dot, svg, png or pdf" "names the formats"
run b "$PEERPLAN" graph --level subnet data/examples/article.xml
expect_rc 2 "unknown level"
expect_grep "$T/err" "account, region, vpc, vswitch or instance" "names the levels"
run b "$PEERPLAN" graph --bogus data/examples/article.xml
expect_rc 2 "unknown option"
run b "$PEERPLAN" graph "$T/missing.xml"
expect_rc 2 "missing file"
run b "$PEERPLAN" graph data/examples/broken/input-comma-cidr.xml
expect_rc 2 "a CIDR with commas"
expect_grep "$T/err" "input-comma-cidr.xml:" "file:line"
run b "$PEERPLAN" graph -T svg -o "$T/no/such/dir/x.svg" data/examples/article.xml
expect_rc 2 "an output file that cannot be written"
expect_grep "$T/err" "x.svg" "names the file"
run b "$PEERPLAN" graph --help
expect_rc 0 "--help"
expect_grep "$T/out" "--level" "--help lists --level"

# graph --diff OLD NEW: NEW with the change marked, deterministic DOT.
run d "$PEERPLAN" graph --diff data/examples/hub-and-spoke.xml tests/data/diff/new-spoke.xml
expect_rc 0 "graph --diff: a new spoke"
begin_checks
grep -A3 '"ecs:trainer"' "$T/out" | grep -q 'color="#1a7f37"' || fail "--diff: the added instance is green"
grep -A3 '"peer:hub-ml/requester" -> "peer:hub-ml/accepter"' "$T/out" | grep -q '#1a7f37' || fail "--diff: the added connection is green"
grep -q '"legend:diff"' "$T/out" || fail "--diff: the legend of the change"
! grep -q 'cluster:removed' "$T/out" || fail "--diff: nothing removed, no removed cluster"
"$PEERPLAN" graph --diff data/examples/hub-and-spoke.xml tests/data/diff/new-spoke.xml | cmp -s - "$T/out" || fail "--diff: not deterministic"
end_checks "graph --diff: added"
run r "$PEERPLAN" graph --diff tests/data/diff/new-spoke.xml data/examples/hub-and-spoke.xml
expect_rc 0 "graph --diff: a spoke removed"
begin_checks
grep -q 'subgraph "cluster:removed"' "$T/out" || fail "--diff: the removed cluster"
grep -A4 '"removed:instance:trainer"' "$T/out" | grep -q 'label=<<S>instance trainer</S>>' || fail "--diff: the removed instance struck"
grep -A2 '"removed:instance:trainer"' "$T/out" | grep -q '#9ca3af' || fail "--diff: the removed instance grey"
end_checks "graph --diff: removed"
run c "$PEERPLAN" graph --diff data/examples/article.xml data/examples/vpc-peer-tokyo-sv.xml
expect_rc 0 "graph --diff: a connection changed"
expect_grep "$T/out" "changed: type router-interface -> vpc-peer" "the changed connection's tooltip"
run b "$PEERPLAN" graph --diff data/examples/article.xml
expect_rc 2 "graph --diff with one file"
run b "$PEERPLAN" graph --diff data/examples/article.xml "$T/missing.xml"
expect_rc 2 "graph --diff with a missing NEW"

finish
