#!/bin/sh
# tests/sdk/run.sh: runs the official Alibaba Cloud SDKs against
# `peerplan serve` (make check).  Skipped (77) when node or the pinned SDK
# packages are absent.
# The npm packages are installed by scripts/bootstrap:
#   (cd tests/sdk && npm ci --no-audit --no-fund)
set -eu
node=${NODE:-}
if [ -z "$node" ]; then
  node=$(command -v node || true)
fi
if [ -z "$node" ] || ! "$node" --version >/dev/null 2>&1; then
  echo "SKIP: node is not installed; the SDK tests need Node.js >= 18"
  exit 77
fi
top=${PP_TOP_SRCDIR:?PP_TOP_SRCDIR is not set (run through make check)}
sdk="$top/tests/sdk"
# Under make distcheck (and check-all's sanitizer build) the sources are an
# unpacked tarball without node_modules, one or two levels below the tree
# it was made from: look there too.
modules=
dir=$top
for _ in 0 1 2 3; do
  if [ -d "$dir/tests/sdk/node_modules/@alicloud/pop-core" ]; then
    modules=$(cd "$dir/tests/sdk/node_modules" && pwd)
    break
  fi
  dir="$dir/.."
done
if [ -z "$modules" ]; then
  echo "SKIP: the SDK packages are not installed in $sdk/node_modules."
  echo "      Install them (pinned by tests/sdk/package-lock.json) with:"
  echo "        (cd tests/sdk && npm ci --no-audit --no-fund)"
  echo "      (scripts/bootstrap does this)."
  exit 77
fi
export NODE_PATH="$modules"
export PEERPLAN=${PEERPLAN:?PEERPLAN is not set}
status=0
for script in article-pop-core.js article-vpc-sdk.js peering-openapi.js negative.js durability.js snapshots.js; do
  echo "== $script"
  "$node" "$sdk/$script" || status=1
done
echo "== bench.js (smoke: 400 calls, no errors; timings are not checked)"
"$node" "$sdk/bench.js" --requests 400 --clients 4 --procs 1 || status=1
exit $status
