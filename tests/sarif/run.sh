#!/bin/sh
# tests/sarif/run.sh: validates what `peerplan check --format sarif` writes
# against the SARIF 2.1.0 JSON schema (validate.js: Ajv, with the schema npm
# @microsoft/jest-sarif ships; pinned by tests/sarif/package-lock.json,
# installed by scripts/bootstrap): a clean scenario, every broken example,
# an import (logical locations), and files that cannot be checked (input
# errors as toolExecutionNotifications), a name with a space among them,
# and waived findings (suppressions) beside an unreadable file.
# Skipped (77) when node or the packages are absent, except under CI (CI
# set), where that is a failure.
set -eu
top=${PP_TOP_SRCDIR:?PP_TOP_SRCDIR is not set (run through make check)}
. "$top/tests/node-env.sh"
pp_node_env tests/sarif @microsoft/jest-sarif ajv ajv-draft-04 ajv-formats
PEERPLAN=${PEERPLAN:?PEERPLAN is not set}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$top"

# check exits 0, 1 or 2 here, never 3: anything else is a failure.
sarif () {
  out=$1; shift
  rc=0
  "$PEERPLAN" check --format sarif "$@" > "$tmp/$out.sarif" 2> "$tmp/$out.err" || rc=$?
  if [ "$rc" -gt 2 ]; then
    echo "not ok - check $*: exit $rc"; sed 's/^/  | /' "$tmp/$out.err"; status=1
  fi
}
status=0
sarif clean data/examples/article.xml
sarif broken data/examples/broken/cidr-*.xml tests/data/check/*.xml
sarif import tests/data/import/estate-state.json
: > "$tmp/empty.xml"
cp data/examples/article.xml "$tmp/with space.xml"
sarif unreadable data/examples/article.xml "$tmp/empty.xml" "$tmp/missing.xml" "$tmp" \
  data/examples/workflow-article.xml data/examples/broken/input-comma-cidr.xml "$tmp/with space.xml"
# waivers (suppressions) and an unreadable file in the same log
sarif waived --today 2026-12-05 tests/data/waive/waive.xml "$tmp/empty.xml"
"$node" "$top/tests/sarif/validate.js" "$tmp"/*.sarif || status=1
exit $status
