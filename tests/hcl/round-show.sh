#!/bin/sh
# tests/hcl/round-show.sh: the Terraform round trip through `terraform show
# -json` of the state (tfstate.js show), which drops the provider aliases:
# the import is given the first requester's or initiator's account
# (--account default=UID, as its hint says) and must find the others in
# accepting_ali_uid and opposite_interface_owner_id; then the imported
# scenario must plan the same configuration (canon.js).
#
# Skipped (77) without node or @cdktf/hcl2json, as run.sh.
set -eu
top=${PP_TOP_SRCDIR:?PP_TOP_SRCDIR is not set (run through make check)}
node=${NODE:-}
[ -n "$node" ] || node=$(command -v node || true)
if [ -z "$node" ] || ! "$node" --version >/dev/null 2>&1; then echo "SKIP: no node"; exit 77; fi
modules=
dir=$top
for _ in 0 1 2 3; do
  if [ -d "$dir/tests/hcl/node_modules/@cdktf/hcl2json" ]; then
    modules=$(cd "$dir/tests/hcl/node_modules" && pwd)
    break
  fi
  dir="$dir/.."
done
[ -n "$modules" ] || { echo "SKIP: @cdktf/hcl2json is not installed (tests/hcl/README.md)"; exit 77; }
export NODE_PATH="$modules"
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
