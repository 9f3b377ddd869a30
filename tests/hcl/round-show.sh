#!/bin/sh
# tests/hcl/round-show.sh: the Terraform round trip through `terraform show
# -json` of the state (tfstate.js show), which drops the provider aliases:
# the import is given the first requester's or initiator's account
# (--account default=UID, as its hint says) and must find the others in
# accepting_ali_uid and opposite_interface_owner_id; then the imported
# scenario must plan the same configuration (canon.js).
#
# Skipped (77) without node or @cdktf/hcl2json (failed under CI), as run.sh.
set -eu
top=${PP_TOP_SRCDIR:?PP_TOP_SRCDIR is not set (run through make check)}
. "$top/tests/node-env.sh"
pp_node_env tests/hcl @cdktf/hcl2json
PEERPLAN=${PEERPLAN:?PEERPLAN is not set}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0
for f in article vpc-peer-tokyo-sv hub-and-spoke; do
  gold="$top/tests/data/terraform/$f.tf"
  uid=$("$node" "$top/tests/hcl/tfstate.js" "$gold" first-uid)
  "$node" "$top/tests/hcl/tfstate.js" "$gold" show > "$tmp/$f.json"
  if "$PEERPLAN" import --account "default=$uid" "$tmp/$f.json" -o "$tmp/$f.xml" 2> "$tmp/err" &&
     "$PEERPLAN" plan --format terraform "$tmp/$f.xml" > "$tmp/$f.tf" 2>> "$tmp/err"; then
    "$node" "$top/tests/hcl/canon.js" "$gold" "$tmp/$f.tf" || status=1
  else
    echo "not ok - $f: import or plan failed:"; sed 's/^/  | /' "$tmp/err"; status=1
  fi
done
exit $status
