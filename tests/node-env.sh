# tests/node-env.sh: sourced by the tests that run Node.js with pinned npm
# packages (tests/hcl, tests/sarif): `pp_node_env DIR PACKAGE...` sets
# $node and exports NODE_PATH to DIR/node_modules (DIR relative to the
# source tree) when node and every PACKAGE are there, and skips (exit 77)
# otherwise, except under CI (CI set), where that is a failure.  Under make
# distcheck the sources are an unpacked tarball without node_modules, a few
# levels below the tree it was made from: it looks there too.
pp_node_skip () {
  if [ -n "${CI:-}" ]; then echo "FAIL (CI): $*" >&2; exit 1; fi
  echo "SKIP: $*"; exit 77
}

pp_node_env () {
  _dir=$1; shift
  node=${NODE:-}
  [ -n "$node" ] || node=$(command -v node || true)
  if [ -z "$node" ] || ! "$node" --version >/dev/null 2>&1; then
    pp_node_skip "node is not installed; $_dir needs Node.js >= 18"
  fi
  _modules=
  _up=${PP_TOP_SRCDIR:?PP_TOP_SRCDIR is not set (run through make check)}
  for _ in 0 1 2 3; do
    _all=yes
    for _p in "$@"; do
      [ -d "$_up/$_dir/node_modules/$_p" ] || _all=
    done
    if [ -n "$_all" ]; then
      _modules=$(cd "$_up/$_dir/node_modules" && pwd)
      break
    fi
    _up="$_up/.."
  done
  [ -n "$_modules" ] ||
    pp_node_skip "$* not installed: (cd $_dir && npm ci --no-audit --no-fund), as scripts/bootstrap does"
  NODE_PATH=$_modules
  export NODE_PATH
}
