#!/bin/sh
# plan-stream.sh: `peerplan plan` writes its runbook step by step as the
# planner makes them (issue 13); on a generated estate of some thousands
# of steps, with route tables planted over the quota so that steps fail,
# each format is still one whole document that holds every step once:
#  - JSON: one valid document; its steps numbered 1..N in order, N the
#    summary's steps plus checks, the failed ones as the summary counts;
#  - workflow: one well-formed document (xmllint) with one <call> per call
#    step of the JSON runbook;
#  - text: one numbered line per step, the summary line and one
#    FILE:LINE line per failed step, as the JSON says.
# A correctness test: nothing here is timed.
set -eu
: "${PEERPLAN:?}" "${PP_TOP_SRCDIR:?}" "${PP_TOP_BUILDDIR:?}"
GEN=$PP_TOP_BUILDDIR/tests/bench/gen-estate
REGIONS=$PP_TOP_SRCDIR/data/regions.xml
XMLLINT=${XMLLINT:-xmllint}

dir=$(mktemp -d "${TMPDIR:-/tmp}/plan-stream.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail () { echo "FAIL: $*" >&2; exit 1; }

node=$(command -v node 2>/dev/null || true)
if [ -z "$node" ]; then
  [ -n "${CI:-}" ] && fail "node is needed to read the JSON runbook (scripts/bootstrap installs it)"
  echo "SKIP: no node to read the JSON runbook"; exit 77
fi

"$GEN" --regions "$REGIONS" --vpcs 60 --routes 8 --quota 2 --seed 5 --output "$dir/e.xml" ||
  fail "gen-estate failed"

for f in json workflow text; do
  rc=0
  "$PEERPLAN" plan --format $f "$dir/e.xml" > "$dir/out.$f" 2>"$dir/err.$f" || rc=$?
  # the planted quota makes steps fail: exit 1, nothing on stderr
  [ "$rc" = 1 ] || { cat "$dir/err.$f" >&2; fail "plan --format $f: exit $rc, expected 1"; }
  [ ! -s "$dir/err.$f" ] || { cat "$dir/err.$f" >&2; fail "plan --format $f wrote to stderr"; }
done

# JSON: one document; prints "STEPS CALLS FAILED FAILED-STEP-LINES..." for what follows.
"$node" -e '
const fs = require("fs");
const doc = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const s = doc.summary, steps = doc.steps;
const die = (m) => { console.error("FAIL: json: " + m); process.exit(1); };
if (!Array.isArray(steps) || steps.length < 1000) die("fewer than 1000 steps: " + (steps && steps.length));
steps.forEach((st, i) => { if (st.step !== i + 1) die("step " + (i + 1) + " is numbered " + st.step); });
if (steps.length !== s.steps + s.checks) die(steps.length + " steps, summary says " + (s.steps + s.checks));
const failed = steps.filter((st) => st.outcome === "failed");
if (failed.length === 0) die("no failed step: the planted quota did not bite");
if (failed.length !== s.steps_failed + s.checks_failed) die(failed.length + " failed, summary says otherwise");
if (s.ok !== false) die("summary.ok is not false");
if (!doc.cost || !Array.isArray(doc.findings)) die("no cost or findings after the steps");
const calls = steps.filter((st) => st.kind === "call").length;
console.log([steps.length, calls, failed.length].join(" "));
' "$dir/out.json" > "$dir/counts" || fail "the JSON runbook is not one valid document"
read -r n calls failed < "$dir/counts"
echo "json: $n steps, $calls calls, $failed failed"

"$XMLLINT" --noout "$dir/out.workflow" || fail "the workflow is not well-formed"
got=$(grep -c '^  <call ' "$dir/out.workflow" || true)
[ "$got" = "$calls" ] || fail "workflow: $got <call>s, the JSON runbook has $calls calls"
[ "$(grep -c '^</workflow>$' "$dir/out.workflow")" = 1 ] || fail "workflow: not one </workflow>"

got=$(grep -Ec '^ *[0-9]+\. ' "$dir/out.text" || true)
[ "$got" = "$n" ] || fail "text: $got numbered steps, the JSON runbook has $n"
grep -q '^Summary: ' "$dir/out.text" || fail "text: no summary"
got=$(grep -Ec "^$dir/e.xml:[0-9]+: (step|check) [0-9]+ failed: " "$dir/out.text" || true)
[ "$got" = "$failed" ] || fail "text: $got failed steps listed, the JSON runbook has $failed"
echo "ok: json, workflow and text hold the same $n steps"
