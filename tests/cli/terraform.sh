#!/bin/sh
# terraform.sh: `peerplan plan --format terraform`: golden configurations
# (the article, the VPC peering of the article's design, hub-and-spoke, the
# article's slip reproduced), exit codes, determinism, bad input.  The HCL
# itself is parsed and checked by tests/hcl/run.sh.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
set -e
d=tests/data/terraform
cd "$SRC"

# tf WANT GOLDEN [SCENARIO]: the configuration must be GOLDEN byte for
# byte, with the plan's exit code and nothing on stderr.
tf () {
  want=$1; gold=$2; shift 2
  run tf "$PEERPLAN" plan --format terraform "$@"
  expect_rc "$want" "plan --format terraform $*"
  if [ -s "$T/err" ]; then not_ok "$*: wrote to stderr"; sed 's/^/  | /' "$T/err"; fi
  cp "$T/out" "$T/$(basename "$gold")"
  golden "$T/$(basename "$gold")" "$gold"
}

tf 0 $d/article.tf
tf 0 $d/vpc-peer-tokyo-sv.tf data/examples/vpc-peer-tokyo-sv.xml
tf 0 $d/hub-and-spoke.tf data/examples/hub-and-spoke.xml
# The article's slip (B names its own interface) is written as declared,
# under a warning, and the plan's exit code says it fails.
tf 1 $d/slip-self-opposite.tf tests/data/planner/slip-self-opposite.xml
expect_grep $d/slip-self-opposite.tf "# WARNING: peerplan's plan does not run as declared" "slip: the header warns"
expect_no_grep $d/article.tf "WARNING" "article: no warning"

# Same input, same bytes.
"$PEERPLAN" plan --format terraform data/examples/hub-and-spoke.xml > "$T/a" || true
"$PEERPLAN" plan --format terraform data/examples/hub-and-spoke.xml > "$T/b" || true
if cmp -s "$T/a" "$T/b"; then ok "deterministic"; else not_ok "two runs differ"; fi

# Bad input: exit 2, a message naming the file, nothing on stdout.
printf '<scenario name="x" xmlns="urn:peerplan:scenario:1">\n  <account id="A" uid="1"/>\n' > "$T/broken.xml"
run broken "$PEERPLAN" plan --format terraform "$T/broken.xml"
expect_rc 2 "truncated scenario"
expect_grep "$T/err" "broken.xml:" "the error names the file"
if [ -s "$T/out" ]; then not_ok "truncated scenario: wrote to stdout"; else ok "nothing on stdout"; fi
run missing "$PEERPLAN" plan --format terraform "$T/none.xml"
expect_rc 2 "missing scenario"
run typo "$PEERPLAN" plan --format terrafrom
expect_rc 2 "unknown format"
expect_grep "$T/err" "terraform" "the usage names the terraform format"
# A full disk: exit 3 and a message, not a configuration cut short silently.
if [ -w /dev/full ]; then
  set +e; "$PEERPLAN" plan --format terraform > /dev/full 2> "$T/err"; rc=$?; set -e
  expect_rc 3 "written to a full disk"
  expect_grep "$T/err" "cannot write" "a full disk is said"
fi
run help "$PEERPLAN" plan --help
expect_grep "$T/out" "terraform" "plan --help names the terraform format"

finish
