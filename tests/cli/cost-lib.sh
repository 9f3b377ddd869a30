# cost-lib.sh: sourced by tests/cli/cost*.sh.  Strict shell, C locale, a
# temporary directory removed on exit, the source tree as the working
# directory (fixtures are named relative to it, so messages and golden
# files do not depend on where the tree is), and fail().
set -eu
export LC_ALL=C
: "${PEERPLAN:?run with make check}" "${PP_TOP_SRCDIR:?run with make check}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$PP_TOP_SRCDIR"
fail () { echo "FAIL: $*" >&2; exit 1; }
# golden ACTUAL EXPECTED: compare with a golden file of the source tree, or
# rewrite it with PP_TEST_REGENERATE=1 (then review the git diff).
golden () {
  if [ "${PP_TEST_REGENERATE:-0}" = 1 ]; then cp "$1" "$2"; return 0; fi
  diff -u "$2" "$1" || fail "output differs from $2"
}
