#!/bin/sh
# tests/hcl/run.sh: parses every golden Terraform configuration of
# tests/data/terraform, and what `peerplan plan --format terraform` writes
# now for the same scenarios, with HashiCorp's HCL parser (npm
# @cdktf/hcl2json, pinned by tests/hcl/package-lock.json, installed by
# scripts/bootstrap) and checks their structure (check-hcl.js).
# Skipped (77) when node or the package is absent, except under CI (CI
# set), where that is a failure.
set -eu
top=${PP_TOP_SRCDIR:?PP_TOP_SRCDIR is not set (run through make check)}
. "$top/tests/node-env.sh"
pp_node_env tests/hcl @cdktf/hcl2json
PEERPLAN=${PEERPLAN:?PEERPLAN is not set}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$top"
"$PEERPLAN" plan --format terraform > "$tmp/article.tf"
"$PEERPLAN" plan --format terraform data/examples/vpc-peer-tokyo-sv.xml > "$tmp/vpc-peer-tokyo-sv.tf"
"$PEERPLAN" plan --format terraform data/examples/hub-and-spoke.xml > "$tmp/hub-and-spoke.tf"
"$PEERPLAN" plan --format terraform data/examples/hub-and-spoke-10.xml > "$tmp/hub-and-spoke-10.tf" || true
"$PEERPLAN" plan --format terraform data/examples/cross-border.xml > "$tmp/cross-border.tf" || true
status=0
"$node" "$top/tests/hcl/check-hcl.js" tests/data/terraform/*.tf || status=1
"$node" "$top/tests/hcl/check-hcl.js" "$tmp"/*.tf || status=1

# The round trip: the state Terraform would record after applying each
# configuration (tfstate.js), as a raw tfstate v4, which keeps the provider
# aliases, imported back (`peerplan import`), must plan the same
# configuration up to the names peerplan chose (canon.js): same
# connections, same routes, same accounts and regions, same order.  The
# `terraform show -json` form is round-show.sh.
for f in article vpc-peer-tokyo-sv hub-and-spoke; do
  "$node" "$top/tests/hcl/tfstate.js" "$tmp/$f.tf" raw > "$tmp/$f.raw.json" ||
    { echo "not ok - $f: no state"; status=1; continue; }
  if "$PEERPLAN" import "$tmp/$f.raw.json" -o "$tmp/$f.raw.xml" 2> "$tmp/err" &&
     "$PEERPLAN" plan --format terraform "$tmp/$f.raw.xml" > "$tmp/$f.raw.tf" 2>> "$tmp/err"; then
    "$node" "$top/tests/hcl/canon.js" "$tmp/$f.tf" "$tmp/$f.raw.tf" || status=1
  else
    echo "not ok - $f: import or plan failed:"; sed 's/^/  | /' "$tmp/err"; status=1
  fi
done
exit $status
